import Type from 'typebox';
import { Email, PersonCreate } from '@lagverk/shared';
import { fieldErrors, validatorCompiler } from '../http/validation.ts';
import { invalidValue } from './errors.ts';
import { enterpriseUserSchema, isObject, userSchema } from './schemas.ts';
import type { UserRow } from './user-repository.ts';

// User ↔ person. Lagverk keeps one name, one email, one phone number; SCIM offers more,
// so reading a User decides which of its values count, and writes are checked against
// the same shared schema as POST /api/v1/people.

export type ScimResource = Record<string, unknown>;

/** What a User says a person should be. */
export interface DesiredUser {
  userName: string;
  name: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  externalId: string | null;
  active: boolean;
}

/** "Kari Anne Nordmann" → given "Kari Anne", family "Nordmann". */
function splitName(name: string) {
  const match = /^(.*\S)\s+(\S+)$/s.exec(name.trim());
  return match ? { givenName: match[1]!, familyName: match[2]! } : { givenName: name.trim() };
}

export function toScimUser(row: UserRow, baseUrl: string): ScimResource {
  return {
    schemas: [userSchema],
    id: row.id,
    ...(row.external_id !== null && { externalId: row.external_id }),
    userName: row.account_email ?? row.email ?? row.id,
    name: { formatted: row.name, ...splitName(row.name) },
    displayName: row.name,
    ...(row.title !== null && { title: row.title }),
    active: row.active,
    ...(row.email !== null && { emails: [{ value: row.email, type: 'work', primary: true }] }),
    ...(row.phone !== null && { phoneNumbers: [{ value: row.phone, type: 'work' }] }),
    meta: {
      resourceType: 'User',
      created: row.created_at.toISOString(),
      lastModified: row.updated_at.toISOString(),
      location: `${baseUrl}/Users/${row.id}`,
      version: `W/"${row.version}"`,
    },
  };
}

function text(attribute: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidValue(`${attribute} must be a string.`);
  // An empty string is how some clients clear a value.
  return value.trim() === '' ? undefined : value;
}

/** The value kept from a list such as emails: the last of type work, else a primary one, else the first. */
function chosenValue(resource: ScimResource, attribute: string): string | undefined {
  const list = resource[attribute];
  if (list === undefined || list === null) return undefined;
  if (!Array.isArray(list) || !list.every(isObject)) throw invalidValue(`${attribute} must be a list of objects.`);
  const chosen = list.findLast((e) => typeof e.type === 'string' && e.type.toLowerCase() === 'work')
    ?? list.find((e) => e.primary === true)
    ?? list[0];
  return chosen ? text(`${attribute}.value`, chosen.value) : undefined;
}

function activeOf(value: unknown): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  // Entra ID has sent "True" and "False" as strings.
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw invalidValue('active must be true or false.');
}

/** Where a name or key can come from, in order of precedence. */
function sourcesOf(user: ScimResource) {
  const name = isObject(user.name) ? user.name : {};
  const given = text('name.givenName', name.givenName);
  const family = text('name.familyName', name.familyName);
  const extension = isObject(user[enterpriseUserSchema]) ? user[enterpriseUserSchema] : {};
  return {
    names: [
      text('displayName', user.displayName),
      text('name.formatted', name.formatted),
      given || family ? [given, family].filter(Boolean).join(' ') : undefined,
    ],
    keys: [text('externalId', user.externalId), text('employeeNumber', extension.employeeNumber)],
  };
}

/**
 * The person a User describes. With `previous` (PUT and PATCH: the User as it was
 * shown), what the client changed decides: changing name.givenName renames the person
 * even though the unchanged displayName still holds the old name.
 */
export function desiredUser(user: ScimResource, previous?: { resource: ScimResource; row: UserRow }): DesiredUser {
  const userName = text('userName', user.userName);
  if (userName === undefined) throw invalidValue('userName is required.');
  const { names, keys } = sourcesOf(user);
  const before = previous ? sourcesOf(previous.resource) : undefined;
  const changed = (now: (string | undefined)[], then: (string | undefined)[] | undefined) =>
    now.find((value, i) => value !== undefined && value !== then?.[i]);

  const name = changed(names, before?.names) ?? names.find((n) => n !== undefined) ?? previous?.row.name ?? userName;
  const keyChanged = before === undefined || keys.some((k, i) => k !== before.keys[i]);
  const externalId = keyChanged ? (changed(keys, before?.keys) ?? null) : previous!.row.external_id;
  return {
    userName,
    name,
    email: chosenValue(user, 'emails') ?? userName,
    phone: chosenValue(user, 'phoneNumbers') ?? null,
    title: text('title', user.title) ?? null,
    externalId,
    active: activeOf(user.active) ?? previous?.row.active ?? true,
  };
}

// The person's fields are checked by the shared PersonCreate schema, as on POST /api/v1/people.
const UserFields = Type.Object({ ...PersonCreate.properties, userName: Email }, { additionalProperties: false });
const validateUserFields = validatorCompiler({ schema: UserFields, httpPart: 'body', method: 'POST', url: '/scim/v2/Users' });
const scimNames: Record<string, string> = { name: 'displayName', email: 'emails', phone: 'phoneNumbers' };

export function assertValidUser(user: DesiredUser) {
  const fields = { userName: user.userName, ...personFields(user) };
  if (validateUserFields(fields) === true) return;
  const errors = fieldErrors((validateUserFields as unknown as { errors: never }).errors, 'body').map((e) => {
    const field = e.path.split('/')[2] ?? '';
    return `${scimNames[field] ?? field} ${e.message}`;
  });
  throw invalidValue(`The User has invalid values: ${[...new Set(errors)].join('; ')}.`);
}

/** The person's own columns, as the people service takes them. */
export function personFields(user: DesiredUser) {
  return { name: user.name, email: user.email, phone: user.phone, title: user.title, externalId: user.externalId };
}
