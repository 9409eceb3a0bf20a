import Type, { type Static } from 'typebox';
import { Cursor, ListSort, Email, ExternalId, Limit, NullableText, Page, Phone, SearchText, Text, Timestamp, Uuid, Version } from './common.ts';

export const Person = Type.Object(
  {
    id: Uuid,
    name: Text(200, { examples: ['Kari Nordmann'] }),
    email: Type.Union([Email, Type.Null()]),
    phone: Type.Union([Phone, Type.Null()]),
    title: NullableText(200, { examples: ['Sykepleier'] }),
    profession: NullableText(100, { examples: ['Sykepleie'] }),
    unitId: Type.Union([Uuid, Type.Null()]),
    externalId: Type.Union([ExternalId, Type.Null()]),
    active: Type.Boolean({ description: 'False once the person has left; history still refers to them.' }),
    version: Version,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false, description: 'An employee of the organisation.' },
);
export type Person = Static<typeof Person>;

const personFields = {
  name: Text(200, { examples: ['Kari Nordmann'] }),
  email: Type.Optional(Type.Union([Email, Type.Null()])),
  phone: Type.Optional(Type.Union([Phone, Type.Null()])),
  title: Type.Optional(NullableText(200)),
  profession: Type.Optional(NullableText(100)),
  unitId: Type.Optional(Type.Union([Uuid, Type.Null()])),
};

export const PersonCreate = Type.Object(
  { ...personFields, externalId: Type.Optional(Type.Union([ExternalId, Type.Null()])) },
  {
    additionalProperties: false,
    examples: [{ name: 'Kari Nordmann', email: 'kari.nordmann@kommune.no', profession: 'Sykepleie', title: 'Sykepleier' }],
  },
);
export type PersonCreate = Static<typeof PersonCreate>;

export const PersonUpsert = Type.Object(
  { ...personFields, active: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, examples: [{ name: 'Kari Nordmann', email: 'kari.nordmann@kommune.no' }] },
);
export type PersonUpsert = Static<typeof PersonUpsert>;

export const PersonPatch = Type.Object(
  {
    name: Type.Optional(personFields.name),
    email: personFields.email,
    phone: personFields.phone,
    title: personFields.title,
    profession: personFields.profession,
    unitId: personFields.unitId,
    externalId: Type.Optional(Type.Union([ExternalId, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ title: 'Fagleiar' }] },
);
export type PersonPatch = Static<typeof PersonPatch>;

export const PersonSort = ListSort;

export const PersonListQuery = Type.Object(
  {
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
    q: Type.Optional(SearchText),
    sort: Type.Optional(PersonSort),
    unitId: Type.Optional(Uuid),
    profession: Type.Optional(Text(100)),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type PersonListQuery = Static<typeof PersonListQuery>;

export const PersonPage = Page(Person, 'A page of people.');
export type PersonPage = Static<typeof PersonPage>;

export const ExternalIdParams = Type.Object({ externalId: ExternalId }, { additionalProperties: false });

export const ProfessionCount = Type.Object(
  { profession: Text(100), count: Type.Integer({ format: 'int32', minimum: 0, maximum: 10000000 }) },
  { additionalProperties: false },
);
export const ProfessionList = Type.Object(
  { items: Type.Array(ProfessionCount, { maxItems: 500 }), nextCursor: Type.Null() },
  {
    additionalProperties: false,
    description: 'Professions in use (not paged).',
    examples: [{ items: [{ profession: 'Sykepleie', count: 42 }, { profession: 'Vernepleie', count: 17 }], nextCursor: null }],
  },
);
export type ProfessionList = Static<typeof ProfessionList>;
