import Type, { type Static } from 'typebox';
import { Cursor, Limit, NullableText, Page, SearchText, Text, Timestamp, Uuid, Version } from './common.ts';

export const CriteriaKind = Type.Union([Type.Literal('establishment'), Type.Literal('evaluation')], {
  description: 'establishment: for proposing and approving a team; evaluation: for evaluating its results.',
});
export type CriteriaKind = Static<typeof CriteriaKind>;

export const CriteriaSetStatus = Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('superseded')], {
  description: 'draft (editable) → published (immutable, in use) → superseded (a newer version was published).',
});
export type CriteriaSetStatus = Static<typeof CriteriaSetStatus>;

export const AnswerType = Type.Union(
  [Type.Literal('yesNo'), Type.Literal('scale'), Type.Literal('number'), Type.Literal('text')],
  { description: 'yesNo (true/false), scale (1–5), number (with `unit`), text (free text).' },
);
export type AnswerType = Static<typeof AnswerType>;

const criterionFields = {
  title: Text(200, { examples: ['Oppgaven krever flere fagområder'] }),
  guidance: NullableText(2000, { examples: ['Beskriv hvilke fag som trengs og hvorfor.'] }),
  answerType: AnswerType,
  unit: NullableText(40, { description: 'The unit of a number answer, such as "timer per sak".', examples: ['timer per sak'] }),
  weight: Type.Integer({ format: 'int32', minimum: 0, maximum: 100, description: 'Relative weight in a score (0–100).' }),
  required: Type.Boolean({ description: 'A required criterion must be met: a yes/no answered yes, a scale at 3 or more, any other answer given.' }),
};

export const Criterion = Type.Object({ id: Uuid, ...criterionFields }, { additionalProperties: false });
export type Criterion = Static<typeof Criterion>;

export const CriterionInput = Type.Object(
  {
    title: criterionFields.title,
    guidance: Type.Optional(criterionFields.guidance),
    answerType: criterionFields.answerType,
    unit: Type.Optional(criterionFields.unit),
    weight: Type.Optional(criterionFields.weight),
    required: Type.Optional(criterionFields.required),
  },
  { additionalProperties: false },
);
export type CriterionInput = Static<typeof CriterionInput>;

export const CriteriaSet = Type.Object(
  {
    id: Uuid,
    seriesId: Uuid,
    versionNumber: Type.Integer({ format: 'int32', minimum: 1, maximum: 100000, description: 'The published version within the series (1, 2, …).' }),
    kind: CriteriaKind,
    name: Text(200, { examples: ['Kriterier for opprettelse av arbeidslag'] }),
    description: NullableText(4000),
    status: CriteriaSetStatus,
    publishedAt: Type.Union([Timestamp, Type.Null()]),
    criteria: Type.Array(Criterion, { maxItems: 100 }),
    version: Version,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false, description: 'A versioned set of criteria for establishing or evaluating teams.' },
);
export type CriteriaSet = Static<typeof CriteriaSet>;

export const CriteriaSetCreate = Type.Object(
  {
    kind: CriteriaKind,
    name: Text(200),
    description: Type.Optional(NullableText(4000)),
    criteria: Type.Array(CriterionInput, { maxItems: 100 }),
  },
  {
    additionalProperties: false,
    examples: [{ kind: 'establishment', name: 'Kriterier for opprettelse', criteria: [{ title: 'Oppgaven krever flere fagområder', answerType: 'yesNo', required: true }] }],
  },
);
export type CriteriaSetCreate = Static<typeof CriteriaSetCreate>;

export const CriteriaSetPatch = Type.Object(
  {
    name: Type.Optional(Text(200)),
    description: Type.Optional(NullableText(4000)),
    criteria: Type.Optional(Type.Array(CriterionInput, { maxItems: 100, description: 'Replaces the whole list, in order.' })),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ name: 'Kriterier for oppretting av arbeidslag' }] },
);
export type CriteriaSetPatch = Static<typeof CriteriaSetPatch>;

export const CriteriaSetListQuery = Type.Object(
  {
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
    q: Type.Optional(SearchText),
    kind: Type.Optional(CriteriaKind),
    status: Type.Optional(CriteriaSetStatus),
  },
  { additionalProperties: false },
);
export type CriteriaSetListQuery = Static<typeof CriteriaSetListQuery>;

export const CriteriaSetPage = Page(CriteriaSet, 'A page of criteria sets, newest first.');
export type CriteriaSetPage = Static<typeof CriteriaSetPage>;
