import Type, { type Static } from 'typebox';
import { Cursor, IsoDate, Limit, NullableText, Page, Text, Timestamp, Uuid, Version } from './common.ts';
import { AssessmentAnswer } from './teams.ts';

// A team evaluation: the team's own assessment (the coordinator's self part) and the
// assessment of the team by its unit managers (the manager part), both against a
// published evaluation criteria set, closed by the manager side with a conclusion.

export const EvaluationStatus = Type.Union([Type.Literal('open'), Type.Literal('closed')], {
  description: 'open (the parts are being answered) → closed (concluded; immutable).',
});
export type EvaluationStatus = Static<typeof EvaluationStatus>;

export const EvaluationPart = Type.Union([Type.Literal('self'), Type.Literal('manager')], {
  description: "self: the team's own assessment, written by its coordinator; manager: the assessment by a manager of a unit the team involves.",
});
export type EvaluationPart = Static<typeof EvaluationPart>;
export const evaluationParts: EvaluationPart[] = ['self', 'manager'];

export const EvaluationAssessmentStatus = Type.Union([Type.Literal('draft'), Type.Literal('submitted')], {
  description: 'draft (editable) → submitted (every criterion answered; read-only).',
});
export type EvaluationAssessmentStatus = Static<typeof EvaluationAssessmentStatus>;

const ResultIds = Type.Array(Uuid, {
  maxItems: 20,
  uniqueItems: true,
  description: "Evidence: ids of the team's own results that support the answer.",
});

export const EvaluationAnswer = Type.Object(
  {
    criterionId: Uuid,
    value: AssessmentAnswer.properties.value,
    comment: NullableText(4000, { examples: ['Ventetiden er halvert, se resultatet om intervjuguiden.'] }),
    resultIds: ResultIds,
  },
  { additionalProperties: false },
);
export type EvaluationAnswer = Static<typeof EvaluationAnswer>;

export const EvaluationAssessment = Type.Object(
  {
    part: EvaluationPart,
    status: EvaluationAssessmentStatus,
    submittedAt: Type.Union([Timestamp, Type.Null()]),
    submittedByPersonId: Type.Union([Uuid, Type.Null()]),
    answers: Type.Array(EvaluationAnswer, { maxItems: 100, description: 'In the order of the criteria; a criterion not yet saved has no entry.' }),
    version: Version,
    updatedAt: Timestamp,
  },
  { additionalProperties: false, description: 'One part of an evaluation. Its own `version` is the ETag for saving and submitting it.' },
);
export type EvaluationAssessment = Static<typeof EvaluationAssessment>;

export const Evaluation = Type.Object(
  {
    id: Uuid,
    teamId: Uuid,
    criteriaSetId: Uuid,
    status: EvaluationStatus,
    conclusion: NullableText(8000),
    closedAt: Type.Union([Timestamp, Type.Null()]),
    closedByPersonId: Type.Union([Uuid, Type.Null()]),
    assessments: Type.Object(
      { self: EvaluationAssessment, manager: EvaluationAssessment },
      { additionalProperties: false, description: 'Both parts, created with the evaluation.' },
    ),
    version: Version,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false, description: "An evaluation of a team's work against a published evaluation criteria set." },
);
export type Evaluation = Static<typeof Evaluation>;

export const EvaluationCreate = Type.Object(
  { criteriaSetId: Uuid },
  {
    additionalProperties: false,
    description: 'Starts an evaluation against a published evaluation criteria set.',
    examples: [{ criteriaSetId: '5b0e7f3c-8a1d-4c2e-9f6b-2d4a1e8c7b90' }],
  },
);
export type EvaluationCreate = Static<typeof EvaluationCreate>;

export const EvaluationAnswerInput = Type.Object(
  {
    criterionId: Uuid,
    value: AssessmentAnswer.properties.value,
    comment: Type.Optional(EvaluationAnswer.properties.comment),
    resultIds: Type.Optional(ResultIds),
  },
  { additionalProperties: false },
);
export type EvaluationAnswerInput = Static<typeof EvaluationAnswerInput>;

export const AssessmentAnswersPut = Type.Object(
  { answers: Type.Array(EvaluationAnswerInput, { maxItems: 100 }) },
  {
    additionalProperties: false,
    description: 'Answers every criterion of the evaluation set exactly once (null for not answered yet); replaces the saved answers.',
    examples: [{
      answers: [{
        criterionId: '9c2d4e6f-1a3b-4c5d-8e7f-0a1b2c3d4e5f', value: 4, comment: 'Ventetiden er halvert.',
        resultIds: ['3f1e2d4c-5b6a-4798-8a1b-2c3d4e5f6a7b'],
      }],
    }],
  },
);
export type AssessmentAnswersPut = Static<typeof AssessmentAnswersPut>;

export const EvaluationClose = Type.Object(
  { conclusion: Text(8000, { examples: ['Laget når målene sine; fortsetter med samme mandat neste halvår.'] }) },
  {
    additionalProperties: false,
    description: 'Closes the evaluation with a written conclusion.',
    examples: [{ conclusion: 'Laget når målene sine; fortsetter med samme mandat neste halvår.' }],
  },
);
export type EvaluationClose = Static<typeof EvaluationClose>;

export const EvaluationListQuery = Type.Object(
  { limit: Type.Optional(Limit), cursor: Type.Optional(Cursor), status: Type.Optional(EvaluationStatus) },
  { additionalProperties: false },
);
export type EvaluationListQuery = Static<typeof EvaluationListQuery>;

export const EvaluationPage = Page(Evaluation, "A page of the team's evaluations, newest first.");
export type EvaluationPage = Static<typeof EvaluationPage>;

export const EvaluationParams = Type.Object({ id: Uuid, evaluationId: Uuid }, { additionalProperties: false });
export type EvaluationParams = Static<typeof EvaluationParams>;

export const EvaluationAssessmentParams = Type.Object({ id: Uuid, evaluationId: Uuid, part: EvaluationPart }, { additionalProperties: false });
export type EvaluationAssessmentParams = Static<typeof EvaluationAssessmentParams>;

// The schedule: when each running team is next due for an evaluation.

export const EvaluationDueState = Type.Union([Type.Literal('overdue'), Type.Literal('due'), Type.Literal('upcoming')], {
  description: 'overdue: the due date has passed; due: within the next 30 days; upcoming: later.',
});
export type EvaluationDueState = Static<typeof EvaluationDueState>;

/** How many days ahead a team counts as due. */
export const evaluationDueWindowDays = 30;

export const EvaluationScheduleQuery = Type.Object(
  {
    state: Type.Optional(Type.Union([EvaluationDueState, Type.Literal('all')], { default: 'all', description: 'Only teams in this state; all by default.' })),
    unitId: Type.Optional(Uuid),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false, description: '`unitId`: only teams involving this unit or a unit below it.' },
);
export type EvaluationScheduleQuery = Static<typeof EvaluationScheduleQuery>;

export const EvaluationScheduleRow = Type.Object(
  {
    teamId: Uuid,
    teamName: Text(200, { examples: ['Arbeidslag for lærlinger'] }),
    intervalMonths: Type.Integer({ format: 'int32', minimum: 1, maximum: 36 }),
    lastClosedAt: Type.Union([Timestamp, Type.Null()], { description: 'When the last evaluation of the team closed.' }),
    nextDueOn: IsoDate,
    state: EvaluationDueState,
    openEvaluationId: Type.Union([Uuid, Type.Null()], { description: 'The evaluation under way, if any.' }),
  },
  {
    additionalProperties: false,
    description: "A team's place in the schedule. `nextDueOn` is the date the last evaluation closed (else the team's start date, else the date it was decided) plus the interval.",
  },
);
export type EvaluationScheduleRow = Static<typeof EvaluationScheduleRow>;

export const EvaluationSchedulePage = Page(EvaluationScheduleRow, 'Approved, active and paused teams by the date their next evaluation is due, earliest first.');
export type EvaluationSchedulePage = Static<typeof EvaluationSchedulePage>;
