import Type, { type Static } from 'typebox';
import { listResponseSchema } from './schemas.ts';

// Lists (RFC 7644 §3.4.2): a filter, 1-based startIndex and count paging, and the
// attributes / excludedAttributes projection. Paging is by offset, as SCIM defines it,
// over a stable order (created_at, id), so a client walking the pages sees each row once
// as long as nothing is created meanwhile.

export const defaultCount = 100;
export const maxCount = 200;

const Int = Type.Integer({ minimum: -2147483648, maximum: 2147483647 });
const AttributeList = Type.String({ maxLength: 2000 });

export const ListQuery = Type.Object(
  {
    filter: Type.Optional(Type.String({ maxLength: 2000 })),
    startIndex: Type.Optional(Int),
    count: Type.Optional(Int),
    attributes: Type.Optional(AttributeList),
    excludedAttributes: Type.Optional(AttributeList),
    // Sorting is not offered (ServiceProviderConfig says so); RFC 7644 §3.4.2.3 lets these be ignored.
    sortBy: Type.Optional(Type.String({ maxLength: 200 })),
    sortOrder: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);
export type ListQuery = Static<typeof ListQuery>;

export const ResourceQuery = Type.Object({ attributes: Type.Optional(AttributeList), excludedAttributes: Type.Optional(AttributeList) }, { additionalProperties: false });
export type ResourceQuery = Static<typeof ResourceQuery>;

/** RFC 7644 §3.4.2.4: a startIndex below 1 means 1, a negative count means 0; more than the maximum gets the maximum. */
export function pageOf(query: ListQuery) {
  const startIndex = Math.max(1, query.startIndex ?? 1);
  const count = Math.min(maxCount, Math.max(0, query.count ?? defaultCount));
  return { startIndex, count, offset: startIndex - 1 };
}

export function listResponse(totalResults: number, startIndex: number, resources: object[]) {
  return { schemas: [listResponseSchema], totalResults, startIndex, itemsPerPage: resources.length, Resources: resources };
}

/** Which top-level attributes to return, from `attributes` / `excludedAttributes` (names case-blind, URN prefixes allowed). */
export function projectionOf(coreSchema: string, query: ResourceQuery) {
  const names = (list: string | undefined) => {
    if (list === undefined) return undefined;
    const prefix = `${coreSchema.toLowerCase()}:`;
    return new Set(list.split(',').map((raw) => {
      const name = raw.trim().toLowerCase();
      const relative = name.startsWith(prefix) ? name.slice(prefix.length) : name;
      return relative.startsWith('urn:') ? relative : relative.split('.')[0]!;
    }));
  };
  const only = names(query.attributes);
  const excluded = names(query.excludedAttributes);
  const returns = (attribute: string) => {
    const name = attribute.toLowerCase();
    if (name === 'id' || name === 'schemas') return true;
    return only ? only.has(name) : !excluded?.has(name);
  };
  return {
    returns,
    apply: (resource: Record<string, unknown>) => Object.fromEntries(Object.entries(resource).filter(([key]) => returns(key))),
  };
}
