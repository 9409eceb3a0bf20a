import Type, { type Static } from 'typebox';
import { Cursor, ListSort, ExternalId, Limit, NullableText, Page, SearchText, Text, Timestamp, Uuid, Version } from './common.ts';

export const UnitKind = Type.Union(
  [Type.Literal('serviceArea'), Type.Literal('unit'), Type.Literal('section')],
  { description: 'serviceArea (tjenesteområde/sektor), unit (virksomhet/eining) or section (avdeling).' },
);
export type UnitKind = Static<typeof UnitKind>;
export const unitKinds: UnitKind[] = ['serviceArea', 'unit', 'section'];

export const Unit = Type.Object(
  {
    id: Uuid,
    name: Text(200, { examples: ['Helse og omsorg'] }),
    kind: UnitKind,
    parentId: Type.Union([Uuid, Type.Null()], { description: 'The unit above; null at the top.' }),
    managerId: Type.Union([Uuid, Type.Null()], { description: 'The person who leads the unit.' }),
    description: NullableText(2000),
    externalId: Type.Union([ExternalId, Type.Null()]),
    active: Type.Boolean(),
    version: Version,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false, description: 'A service area, unit or section in the organisation tree.' },
);
export type Unit = Static<typeof Unit>;

const unitFields = {
  name: Text(200, { examples: ['Hjemmetjenesten'] }),
  kind: UnitKind,
  parentId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  managerId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  description: Type.Optional(NullableText(2000)),
};

export const UnitCreate = Type.Object(
  { ...unitFields, externalId: Type.Optional(Type.Union([ExternalId, Type.Null()])) },
  { additionalProperties: false, examples: [{ name: 'Hjemmetjenesten', kind: 'unit', parentId: null }] },
);
export type UnitCreate = Static<typeof UnitCreate>;

/** Full representation from a system of record, keyed by externalId in the path. */
export const UnitUpsert = Type.Object(unitFields, {
  additionalProperties: false,
  examples: [{ name: 'Hjemmetjenesten', kind: 'unit', parentId: null }],
});
export type UnitUpsert = Static<typeof UnitUpsert>;

export const UnitPatch = Type.Object(
  {
    name: Type.Optional(unitFields.name),
    kind: Type.Optional(UnitKind),
    parentId: unitFields.parentId,
    managerId: unitFields.managerId,
    description: unitFields.description,
    externalId: Type.Optional(Type.Union([ExternalId, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ name: 'Heimetenesta' }] },
);
export type UnitPatch = Static<typeof UnitPatch>;

export const UnitSort = ListSort;

export const UnitListQuery = Type.Object(
  {
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
    q: Type.Optional(SearchText),
    sort: Type.Optional(UnitSort),
    kind: Type.Optional(UnitKind),
    // `type` restated at the top so tools that do not look inside anyOf see a string, not a numeric id.
    parentId: Type.Optional(Type.Union([Uuid, Type.Literal('none')], { type: 'string', maxLength: 36, description: 'Children of this unit; `none` for the top level.' })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UnitListQuery = Static<typeof UnitListQuery>;

export const UnitPage = Page(Unit, 'A page of units.');
export type UnitPage = Static<typeof UnitPage>;
