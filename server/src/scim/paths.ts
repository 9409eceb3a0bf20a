import { parse, type Filter } from 'scim2-parse-filter';
import { invalidPath } from './errors.ts';
import { canonicalName, extensionNamed, isObject, type ResourceShape } from './schemas.ts';

// PATCH paths (RFC 7644 §3.5.2): `title`, `name.givenName`, `emails[type eq "work"].value`,
// `members[value eq "…"]`, each optionally behind a schema URN. The filter between the
// brackets is parsed by the same filter parser as list filters; only eq and and are
// understood there, as anywhere else.

export interface ScimPath {
  /** The extension the attribute lives in (its canonical URN); undefined for the core schema. */
  extension?: string;
  attribute: string;
  /** Which elements of a list the operation is about. */
  filter?: Filter;
  subAttribute?: string;
}

const namePattern = /^[A-Za-z$][\w$-]*$/;

export function parsePath(shape: ResourceShape, text: string): ScimPath {
  if (text.length > 1000) throw invalidPath('The path is too long.');
  let rest = text.trim();
  let extension: string | undefined;
  // A URN prefix ends at the last colon outside the brackets.
  if (/^urn:/i.test(rest)) {
    const bracket = rest.indexOf('[');
    const colon = rest.lastIndexOf(':', bracket === -1 ? rest.length : bracket);
    const urn = rest.slice(0, colon);
    extension = extensionNamed(shape, urn);
    if (!extension && urn.toLowerCase() !== shape.coreSchema.toLowerCase()) throw invalidPath(`Unknown schema in path "${text}".`);
    rest = rest.slice(colon + 1);
  }
  const match = /^([^.[\]]+)(?:\[(.*)\])?(?:\.([^.[\]]+))?$/.exec(rest);
  if (!match || !namePattern.test(match[1]!) || (match[3] !== undefined && !namePattern.test(match[3]))) {
    throw invalidPath(`"${text}" is not a valid attribute path.`);
  }
  let filter: Filter | undefined;
  if (match[2] !== undefined) {
    try {
      filter = parse(match[2]);
    } catch {
      throw invalidPath(`The filter in "${text}" is not valid.`);
    }
    elementOf(shape, filter); // refuses operators other than eq and and, before anything is matched
  }
  return {
    ...(extension && { extension }),
    attribute: canonicalName(shape, match[1]!),
    ...(filter && { filter }),
    ...(match[3] !== undefined && { subAttribute: canonicalName(shape, match[3]) }),
  };
}

/** Whether a list element matches a value-path filter: eq (strings compared case-blind) joined by and. */
export function matchesElement(shape: ResourceShape, element: unknown, filter: Filter): boolean {
  if (filter.op === 'and') return filter.filters.every((f) => matchesElement(shape, element, f));
  if (filter.op !== 'eq') throw invalidPath(`Only eq and and are supported in a path filter, not ${filter.op}.`);
  if (!isObject(element)) return false;
  const actual = element[canonicalName(shape, filter.attrPath)];
  const wanted = filter.compValue;
  return typeof actual === 'string' && typeof wanted === 'string' ? actual.toLowerCase() === wanted.toLowerCase() : actual === wanted;
}

/** The attributes a value-path filter pins (`type eq "work"` → { type: 'work' }), for an element it creates. */
export function elementOf(shape: ResourceShape, filter: Filter): Record<string, unknown> {
  if (filter.op === 'eq') return { [canonicalName(shape, filter.attrPath)]: filter.compValue };
  if (filter.op === 'and') return Object.assign({}, ...filter.filters.map((f) => elementOf(shape, f)) as object[]);
  throw invalidPath(`Only eq and and are supported in a path filter, not ${filter.op}.`);
}
