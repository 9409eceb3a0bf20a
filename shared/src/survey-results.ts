import Type, { type Static, type TProperties } from 'typebox';
import { Cursor, Limit, Text, Timestamp, Uuid } from './common.ts';
import { EffectGoal } from './teams.ts';
import { SurveyQuestionType } from './surveys.ts';

// Survey results: aggregates only, each behind the round's anonymity minimum. A hidden
// figure ("cell") says that it is hidden and why, and carries no number at all: not n,
// not a count, not a mean, so nothing can be subtracted from it.

export const SuppressionReason = Type.Union([Type.Literal('belowMinimum'), Type.Literal('differencing')], {
  description: 'belowMinimum: fewer respondents than the round\'s minimum. differencing: enough respondents, but shown together with the figures around it, it would let someone compute a group below the minimum by subtraction.',
});
export type SuppressionReason = Static<typeof SuppressionReason>;

const suppressed = {
  suppressed: Type.Literal(true),
  reason: SuppressionReason,
};
const shown = { suppressed: Type.Literal(false) };

const count = (description?: string) =>
  Type.Integer({ format: 'int32', minimum: 0, maximum: 2147483647, ...(description !== undefined && { description }) });
const Count = count();
const mean = (description: string) => Type.Number({ minimum: 0, maximum: 11, description });
const Mean = mean('Rounded to two decimals. Scale questions: 1–5. Yes/no: the share answering yes (0–1). Choice and text questions have none (null).');

/**
 * A figure identified by `key` (for example `{ questionId }`), shown or hidden: the union
 * of the key with the figures and of the key with the reason it is hidden.
 */
function cell<K extends TProperties, F extends TProperties>(key: K, figures: F, description: string) {
  return Type.Union([
    Type.Object({ ...key, ...shown, ...figures }, { additionalProperties: false }),
    Type.Object({ ...key, ...suppressed }, { additionalProperties: false }),
  ], { description });
}

export const DistributionEntry = Type.Object(
  {
    value: Type.Integer({ format: 'int32', minimum: 0, maximum: 11, description: 'Scale: 1–5. Yes/no: 1 yes, 0 no. Choice: the option\'s index.' }),
    count: Count,
  },
  { additionalProperties: false },
);
export type DistributionEntry = Static<typeof DistributionEntry>;

const questionFigures = {
  n: count('Respondents who answered the question.'),
  mean: Type.Union([Mean, Type.Null()]),
  distribution: Type.Array(DistributionEntry, {
    maxItems: 12,
    description: 'How many chose each value, every possible value listed (zeros included); empty for text questions.',
  }),
};
const meanFigures = {
  n: count('Respondents who answered at least one of its scale questions.'),
  mean: mean('The mean of every answer to its scale questions (1–5), rounded to two decimals.'),
};

export const QuestionCell = cell({ questionId: Uuid }, questionFigures, 'One question in one group.');
export type QuestionCell = Static<typeof QuestionCell>;

const IndicatorLabel = Text(100, { examples: ['Samarbeid på tvers'] });
export const IndicatorCell = cell(
  { effectGoal: Type.Union([EffectGoal, Type.Null()]), indicator: IndicatorLabel },
  meanFigures,
  'An indicator (the questions with the same indicator and effect goal) in one group.',
);
export type IndicatorCell = Static<typeof IndicatorCell>;

export const EffectGoalCell = cell({ effectGoal: EffectGoal }, meanFigures, 'An effect goal (its scale questions) in one group.');
export type EffectGoalCell = Static<typeof EffectGoalCell>;

export const RespondentsCell = cell({}, { n: Count }, 'How many in the group answered the survey.');
export type RespondentsCell = Static<typeof RespondentsCell>;

export const ResultsGroupBy = Type.Union(
  [Type.Literal('none'), Type.Literal('unit'), Type.Literal('team'), Type.Literal('membership')],
  {
    default: 'none',
    description: 'none: the whole organisation only. unit: each unit with the units below it. team: the members of each team. membership: members of a work team against the rest.',
  },
);
export type ResultsGroupBy = Static<typeof ResultsGroupBy>;

export const ResultsGroupKind = Type.Union(
  [Type.Literal('organisation'), Type.Literal('unit'), Type.Literal('team'), Type.Literal('members'), Type.Literal('rest')],
  { description: 'organisation: everyone who answered. unit: a unit and the units below it. team: the team\'s members. members / rest: respondents who were / were not members of an active team when answering.' },
);
export type ResultsGroupKind = Static<typeof ResultsGroupKind>;

export const ResultsGroup = Type.Object(
  {
    kind: ResultsGroupKind,
    id: Type.Union([Uuid, Type.Null()], { description: 'The unit or team; null for the other kinds.' }),
    name: Type.Union([Text(200), Type.Null()], { description: 'The unit\'s or team\'s name; null for the other kinds.' }),
    parentId: Type.Union([Uuid, Type.Null()], { description: 'For a unit: the unit above it (null at the top).' }),
  },
  { additionalProperties: false },
);
export type ResultsGroup = Static<typeof ResultsGroup>;

export const GroupResults = Type.Object(
  {
    group: ResultsGroup,
    respondents: RespondentsCell,
    questions: Type.Array(QuestionCell, {
      maxItems: 200,
      description: 'One per question, in the template\'s order. Background questions are reported for the organisation only, never in a group.',
    }),
    indicators: Type.Array(IndicatorCell, { maxItems: 200 }),
    effectGoals: Type.Array(EffectGoalCell, { maxItems: 5 }),
  },
  { additionalProperties: false },
);
export type GroupResults = Static<typeof GroupResults>;

export const ResultsQuestion = Type.Object(
  {
    id: Uuid,
    position: Type.Integer({ format: 'int32', minimum: 1, maximum: 100 }),
    text: Text(500, { examples: ['Jeg samarbeider med kolleger fra andre fagområder når oppgaven krever det.'] }),
    type: SurveyQuestionType,
    options: Type.Array(Text(200), { maxItems: 12, description: 'The choices of a choice question, by index.' }),
    effectGoal: Type.Union([EffectGoal, Type.Null()]),
    indicator: Type.Union([IndicatorLabel, Type.Null()]),
    background: Type.Boolean({ description: 'A background variable: reported for the whole organisation only.' }),
  },
  { additionalProperties: false },
);
export type ResultsQuestion = Static<typeof ResultsQuestion>;

export const ResponseRate = Type.Object(
  {
    invited: count('People invited when the round opened (0 for a service-user survey with a shared link).'),
    responses: Count,
    rate: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], { description: 'responses ÷ invited, rounded to three decimals; null without invitations.' }),
  },
  { additionalProperties: false },
);
export type ResponseRate = Static<typeof ResponseRate>;

const Thresholds = Type.Object(
  {
    minRespondents: Type.Integer({ format: 'int32', minimum: 3, maximum: 10000, description: 'A group\'s figures are shown only with at least this many respondents.' }),
    minTextRespondents: Type.Integer({ format: 'int32', minimum: 3, maximum: 10000, description: 'Text answers are shown only with at least this many.' }),
  },
  { additionalProperties: false },
);

const roundFields = {
  roundId: Uuid,
  roundName: Text(200, { examples: ['Medarbeiderundersøkelse våren 2026'] }),
  kind: Type.Union([Type.Literal('baseline'), Type.Literal('followUp')]),
};

export const SurveyResults = Type.Object(
  {
    ...roundFields,
    groupBy: ResultsGroupBy,
    thresholds: Thresholds,
    responseRate: ResponseRate,
    questions: Type.Array(ResultsQuestion, { maxItems: 200 }),
    organisation: GroupResults,
    groups: Type.Array(GroupResults, {
      maxItems: 20000,
      description: 'Units (each with the units below it, in tree order), teams (by name), or members and the rest; empty for groupBy=none.',
    }),
  },
  {
    additionalProperties: false,
    description: 'A closed round\'s results: every figure counted in the database, each hidden when too few answered.',
    examples: [{
      roundId: '0b6f4a5e-8c1d-4f7a-9a57-3c2e1d0f9b21', roundName: 'Medarbeiderundersøkelse våren 2026', kind: 'baseline', groupBy: 'none',
      thresholds: { minRespondents: 5, minTextRespondents: 10 },
      responseRate: { invited: 40, responses: 31, rate: 0.775 },
      questions: [{
        id: '4c1f9d7e-2b3a-4e5f-8a6b-7c8d9e0f1a2b', position: 1, text: 'Jeg samarbeider med kolleger fra andre fagområder når oppgaven krever det.',
        type: 'scale', options: [], effectGoal: 'unusedPotential', indicator: 'Samarbeid på tvers', background: false,
      }],
      organisation: {
        group: { kind: 'organisation', id: null, name: null, parentId: null },
        respondents: { suppressed: false, n: 31 },
        questions: [{
          questionId: '4c1f9d7e-2b3a-4e5f-8a6b-7c8d9e0f1a2b', suppressed: false, n: 30, mean: 3.7,
          distribution: [{ value: 1, count: 1 }, { value: 2, count: 3 }, { value: 3, count: 7 }, { value: 4, count: 11 }, { value: 5, count: 8 }],
        }],
        indicators: [{ effectGoal: 'unusedPotential', indicator: 'Samarbeid på tvers', suppressed: false, n: 30, mean: 3.7 }],
        effectGoals: [{ effectGoal: 'unusedPotential', suppressed: false, n: 30, mean: 3.7 }],
      },
      groups: [],
    }],
  },
);
export type SurveyResults = Static<typeof SurveyResults>;

export const SurveyResultsQuery = Type.Object({ groupBy: Type.Optional(ResultsGroupBy) }, { additionalProperties: false });
export type SurveyResultsQuery = Static<typeof SurveyResultsQuery>;

export const HeatmapRow = Type.Object(
  {
    unitId: Uuid,
    name: Text(200, { examples: ['Hjemmetjenesten'] }),
    parentId: Type.Union([Uuid, Type.Null()]),
    depth: Type.Integer({ format: 'int32', minimum: 0, maximum: 100, description: '0 for a unit at the top of the tree.' }),
    cells: Type.Array(EffectGoalCell, { maxItems: 5 }),
  },
  { additionalProperties: false, description: 'A unit (with the units below it) across the effect goals.' },
);
export type HeatmapRow = Static<typeof HeatmapRow>;

export const SurveyHeatmap = Type.Object(
  {
    ...roundFields,
    effectGoals: Type.Array(EffectGoal, { maxItems: 5, description: 'The columns: the effect goals the template has scale questions for.' }),
    organisation: Type.Array(EffectGoalCell, { maxItems: 5, description: 'The whole organisation, for comparison.' }),
    rows: Type.Array(HeatmapRow, { maxItems: 20000, description: 'Units in tree order.' }),
  },
  {
    additionalProperties: false,
    description: 'Units × effect goals: the mean of each goal\'s scale questions per unit, with the same hiding as the results.',
    examples: [{
      roundId: '0b6f4a5e-8c1d-4f7a-9a57-3c2e1d0f9b21', roundName: 'Medarbeiderundersøkelse våren 2026', kind: 'baseline',
      effectGoals: ['unusedPotential'],
      organisation: [{ effectGoal: 'unusedPotential', suppressed: false, n: 31, mean: 3.62 }],
      rows: [{
        unitId: '7d2c1b0a-9e8f-4a6b-8c5d-3e2f1a0b9c8d', name: 'Hjemmetjenesten', parentId: null, depth: 0,
        cells: [{ effectGoal: 'unusedPotential', suppressed: true, reason: 'belowMinimum' }],
      }],
    }],
  },
);
export type SurveyHeatmap = Static<typeof SurveyHeatmap>;

export const SurveyTrendQuery = Type.Object({ templateId: Uuid }, { additionalProperties: false });
export type SurveyTrendQuery = Static<typeof SurveyTrendQuery>;

export const TrendRound = Type.Object(
  {
    ...roundFields,
    baselineRoundId: Type.Union([Uuid, Type.Null()]),
    opensAt: Timestamp,
    closesAt: Timestamp,
    responses: Count,
    effectGoals: Type.Array(EffectGoalCell, { maxItems: 5 }),
    indicators: Type.Array(IndicatorCell, { maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type TrendRound = Static<typeof TrendRound>;

export const SurveyTrend = Type.Object(
  {
    templateId: Uuid,
    rounds: Type.Array(TrendRound, { maxItems: 1000, description: 'Every closed round of the template: baselines first, then follow-ups, each by when it opened.' }),
  },
  {
    additionalProperties: false,
    description: 'The organisation\'s means per effect goal and indicator across the rounds of one template.',
    examples: [{
      templateId: '2e4d6f8a-0b1c-4d3e-9f5a-6b7c8d9e0f1a',
      rounds: [{
        roundId: '0b6f4a5e-8c1d-4f7a-9a57-3c2e1d0f9b21', roundName: 'Kartlegging 2026', kind: 'baseline', baselineRoundId: null,
        opensAt: '2026-02-01T07:00:00.000Z', closesAt: '2026-02-21T22:00:00.000Z', responses: 31,
        effectGoals: [{ effectGoal: 'unusedPotential', suppressed: false, n: 31, mean: 3.62 }],
        indicators: [{ effectGoal: 'unusedPotential', indicator: 'Samarbeid på tvers', suppressed: false, n: 30, mean: 3.7 }],
      }],
    }],
  },
);
export type SurveyTrend = Static<typeof SurveyTrend>;

export const SurveyTextQuery = Type.Object(
  { questionId: Uuid, limit: Type.Optional(Limit), cursor: Type.Optional(Cursor) },
  { additionalProperties: false },
);
export type SurveyTextQuery = Static<typeof SurveyTextQuery>;

export const TextAnswer = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 4000, examples: ['Mer tid til felles møter mellom avdelingene.'] }) },
  { additionalProperties: false },
);
export type TextAnswer = Static<typeof TextAnswer>;

export const SurveyTextAnswers = Type.Union(
  [
    Type.Object(
      {
        questionId: Uuid,
        ...shown,
        total: count('Text answers in all.'),
        items: Type.Array(TextAnswer, { maxItems: 200 }),
        nextCursor: Type.Union([Cursor, Type.Null()], { description: 'Pass as `cursor` to get the next page; null on the last page.' }),
      },
      { additionalProperties: false },
    ),
    Type.Object({ questionId: Uuid, ...suppressed }, { additionalProperties: false }),
  ],
  {
    description: 'The text answers to one question for the whole organisation, in a shuffled order unrelated to when they were given (and different for each question), or hidden when fewer than the round\'s text minimum answered.',
    examples: [{
      questionId: '4c1f9d7e-2b3a-4e5f-8a6b-7c8d9e0f1a2b', suppressed: false, total: 12,
      items: [{ text: 'Mer tid til felles møter mellom avdelingene.' }], nextCursor: null,
    }],
  },
);
export type SurveyTextAnswers = Static<typeof SurveyTextAnswers>;
