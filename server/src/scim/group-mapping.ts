import Type from 'typebox';
import { UnitCreate } from '@lagverk/shared';
import type { UnitRow } from '../db/types.ts';
import { fieldErrors, validatorCompiler } from '../http/validation.ts';
import { invalidValue } from './errors.ts';
import type { MemberRow } from './group-repository.ts';
import { groupSchema, isObject } from './schemas.ts';
import type { ScimResource } from './user-mapping.ts';

// Group ↔ unit: displayName is the unit's name, members the active people in it.

export interface DesiredGroup {
  name: string;
  externalId: string | null;
  /** Person ids; undefined when the request leaves membership alone. */
  members: string[] | undefined;
}

export function toScimGroup(unit: UnitRow, members: MemberRow[] | undefined, baseUrl: string): ScimResource {
  return {
    schemas: [groupSchema],
    id: unit.id,
    ...(unit.external_id !== null && { externalId: unit.external_id }),
    displayName: unit.name,
    ...(members && { members: members.map((m) => ({ value: m.id, display: m.name, $ref: `${baseUrl}/Users/${m.id}`, type: 'User' })) }),
    meta: {
      resourceType: 'Group',
      created: unit.created_at.toISOString(),
      lastModified: unit.updated_at.toISOString(),
      location: `${baseUrl}/Groups/${unit.id}`,
      version: `W/"${unit.version}"`,
    },
  };
}

/**
 * The unit a Group describes. A PUT without members leaves them as they are: dropping
 * people out of their unit because a client did not list them would be too easy a mistake.
 */
export function desiredGroup(group: ScimResource): DesiredGroup {
  const { displayName, externalId, members } = group;
  if (typeof displayName !== 'string' || displayName.trim() === '') throw invalidValue('displayName is required.');
  if (externalId !== undefined && externalId !== null && typeof externalId !== 'string') throw invalidValue('externalId must be a string.');
  if (members !== undefined && members !== null && !Array.isArray(members)) throw invalidValue('members must be a list.');
  const ids = members?.map((member: unknown) => {
    const value = isObject(member) ? member.value : undefined;
    if (typeof value !== 'string') throw invalidValue('Each member needs a value: the User\'s id.');
    return value.toLowerCase();
  });
  const desired = {
    name: displayName,
    externalId: typeof externalId === 'string' && externalId.trim() !== '' ? externalId : null,
    members: ids === undefined ? undefined : [...new Set(ids)],
  };
  assertValidGroup(desired);
  return desired;
}

// The unit's fields are checked by the shared UnitCreate schema, as on POST /api/v1/units.
const GroupFields = Type.Object({ name: UnitCreate.properties.name, externalId: UnitCreate.properties.externalId }, { additionalProperties: false });
const validateGroupFields = validatorCompiler({ schema: GroupFields, httpPart: 'body', method: 'POST', url: '/scim/v2/Groups' });

function assertValidGroup(group: DesiredGroup) {
  if (validateGroupFields({ name: group.name, externalId: group.externalId }) === true) return;
  const errors = fieldErrors((validateGroupFields as unknown as { errors: never }).errors, 'body').map((e) => {
    const field = e.path.split('/')[2] ?? '';
    return `${field === 'name' ? 'displayName' : field} ${e.message}`;
  });
  throw invalidValue(`The Group has invalid values: ${[...new Set(errors)].join('; ')}.`);
}
