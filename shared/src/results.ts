import Type, { type Static } from 'typebox';
import { Cursor, IsoDate, Limit, NullableText, Page, Text, Timestamp, Uuid, Version } from './common.ts';

export const ResultCategory = Type.Union(
  [
    Type.Literal('routineChange'), Type.Literal('serviceQuality'), Type.Literal('resourceEfficiency'),
    Type.Literal('competence'), Type.Literal('other'),
  ],
  { description: 'routineChange (routine or process change), serviceQuality, resourceEfficiency, competence, other.' },
);
export type ResultCategory = Static<typeof ResultCategory>;
export const resultCategories: ResultCategory[] = ['routineChange', 'serviceQuality', 'resourceEfficiency', 'competence', 'other'];

const MeasureValue = Type.Number({ minimum: -1e12, maximum: 1e12 });

/** A before/after measure, such as waiting days or hours per case. */
export const ResultMeasure = Type.Object(
  {
    label: Text(200, { examples: ['Ventetid fra søknad til intervju'] }),
    unit: Text(40, { examples: ['dager'] }),
    before: Type.Union([MeasureValue, Type.Null()]),
    after: Type.Union([MeasureValue, Type.Null()]),
  },
  { additionalProperties: false },
);
export type ResultMeasure = Static<typeof ResultMeasure>;

export const EvidenceLink = Type.Object(
  {
    title: Text(200, { examples: ['Ny opplæringsplan for lærlinger'] }),
    url: Type.String({ format: 'uri', maxLength: 2000, pattern: '^https?://[^/?#\\s]+', examples: ['https://lagvik.kommune.no/larling/opplaeringsplan'] }),
  },
  { additionalProperties: false },
);
export type EvidenceLink = Static<typeof EvidenceLink>;

const resultFields = {
  title: Text(200, { examples: ['Ny intervjuguide for lærlinger'] }),
  description: NullableText(8000),
  category: ResultCategory,
  achievedOn: IsoDate,
  measures: Type.Array(ResultMeasure, { maxItems: 20 }),
  links: Type.Array(EvidenceLink, { maxItems: 20 }),
};

export const TeamResult = Type.Object(
  { id: Uuid, teamId: Uuid, ...resultFields, version: Version, createdAt: Timestamp, updatedAt: Timestamp },
  { additionalProperties: false, description: 'A concrete change a team made, with its evidence.' },
);
export type TeamResult = Static<typeof TeamResult>;

export const TeamResultCreate = Type.Object(
  {
    title: resultFields.title,
    description: Type.Optional(resultFields.description),
    category: resultFields.category,
    achievedOn: resultFields.achievedOn,
    measures: Type.Optional(resultFields.measures),
    links: Type.Optional(resultFields.links),
  },
  {
    additionalProperties: false,
    examples: [{
      title: 'Ny intervjuguide for lærlinger', category: 'routineChange', achievedOn: '2026-03-01',
      measures: [{ label: 'Ventetid fra søknad til intervju', unit: 'dager', before: 42, after: 14 }],
    }],
  },
);
export type TeamResultCreate = Static<typeof TeamResultCreate>;

export const TeamResultPatch = Type.Object(
  {
    title: Type.Optional(resultFields.title),
    description: Type.Optional(resultFields.description),
    category: Type.Optional(resultFields.category),
    achievedOn: Type.Optional(resultFields.achievedOn),
    measures: Type.Optional(resultFields.measures),
    links: Type.Optional(resultFields.links),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ description: 'Tatt i bruk i alle virksomheter.' }] },
);
export type TeamResultPatch = Static<typeof TeamResultPatch>;

export const TeamResultListQuery = Type.Object(
  { limit: Type.Optional(Limit), cursor: Type.Optional(Cursor), category: Type.Optional(ResultCategory) },
  { additionalProperties: false },
);
export type TeamResultListQuery = Static<typeof TeamResultListQuery>;

export const TeamResultPage = Page(TeamResult, "A page of the team's results, newest first.");
export type TeamResultPage = Static<typeof TeamResultPage>;

export const TeamResultParams = Type.Object({ id: Uuid, resultId: Uuid }, { additionalProperties: false });
