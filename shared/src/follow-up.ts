import Type, { type Static } from 'typebox';
import { Cursor, IsoDate, Limit, NullableText, Page, Text, Timestamp, Uuid, Version } from './common.ts';
import { EffectGoal } from './teams.ts';

// Follow-up actions (oppfølgingstiltak): what a unit or team does about a survey's results,
// who owns it, by when, and a review every few months until it is done.

export const FollowUpStatus = Type.Union(
  [Type.Literal('planned'), Type.Literal('inProgress'), Type.Literal('done'), Type.Literal('cancelled')],
  { description: 'planned, inProgress, done or cancelled. A review records the status at the time.' },
);
export type FollowUpStatus = Static<typeof FollowUpStatus>;
export const followUpStatuses: FollowUpStatus[] = ['planned', 'inProgress', 'done', 'cancelled'];

/** A date (YYYY-MM-DD) with its own description. */
const date = (description: string) =>
  Type.String({ format: 'date', maxLength: 10, pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', examples: ['2026-09-01'], description });

const ReviewInterval = Type.Integer({
  format: 'int32', minimum: 1, maximum: 24,
  description: 'Months between reviews (3: quarterly). A review moves `nextReviewOn` to this long after the review.',
});
const PersonIds = Type.Array(Uuid, {
  maxItems: 50, uniqueItems: true,
  description: 'Union and safety representatives (and others) involved in the action.',
});

const actionFields = {
  roundId: Type.Union([Uuid, Type.Null()], { description: 'The survey round whose results the action follows up.' }),
  unitId: Type.Union([Uuid, Type.Null()], { description: 'The unit the action is for; null with a team or for the whole organisation.' }),
  teamId: Type.Union([Uuid, Type.Null()], { description: 'The team the action is for.' }),
  effectGoal: Type.Union([EffectGoal, Type.Null()]),
  questionId: Type.Union([Uuid, Type.Null()], { description: 'A question of the round\'s template the action answers; needs `roundId`.' }),
  title: Text(200, { examples: ['Faste tverrfaglige møter annenhver uke'] }),
  description: NullableText(8000),
  ownerPersonId: Uuid,
  dueOn: Type.Union([IsoDate, Type.Null()]),
  status: FollowUpStatus,
  reviewIntervalMonths: ReviewInterval,
  nextReviewOn: date('When the action is next to be reviewed.'),
  involvedPersonIds: PersonIds,
};

export const FollowUpAction = Type.Object(
  {
    id: Uuid,
    ...actionFields,
    lastReviewedOn: Type.Union([IsoDate, Type.Null()], { description: 'The date of the latest review; null before the first.' }),
    version: Version,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false, description: 'A follow-up action on survey results.' },
);
export type FollowUpAction = Static<typeof FollowUpAction>;

const example = {
  roundId: '0b6f4a5e-8c1d-4f7a-9a57-3c2e1d0f9b21',
  unitId: '7d2c1b0a-9e8f-4a6b-8c5d-3e2f1a0b9c8d',
  effectGoal: 'unusedPotential',
  title: 'Faste tverrfaglige møter annenhver uke',
  description: 'Hjemmetjenesten og fysioterapien møtes annenhver uke om felles brukere.',
  ownerPersonId: '3a9b8c7d-6e5f-4a1b-9c2d-0e1f2a3b4c5d',
  dueOn: '2026-12-31',
  involvedPersonIds: ['5b4a3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d'],
};

export const FollowUpActionCreate = Type.Object(
  {
    roundId: Type.Optional(actionFields.roundId),
    unitId: Type.Optional(actionFields.unitId),
    teamId: Type.Optional(actionFields.teamId),
    effectGoal: Type.Optional(actionFields.effectGoal),
    questionId: Type.Optional(actionFields.questionId),
    title: actionFields.title,
    description: Type.Optional(actionFields.description),
    ownerPersonId: actionFields.ownerPersonId,
    dueOn: Type.Optional(actionFields.dueOn),
    status: Type.Optional(actionFields.status),
    reviewIntervalMonths: Type.Optional(actionFields.reviewIntervalMonths),
    nextReviewOn: Type.Optional(date('When the action is first to be reviewed; defaults to today plus the review interval.')),
    involvedPersonIds: Type.Optional(actionFields.involvedPersonIds),
  },
  { additionalProperties: false, examples: [example] },
);
export type FollowUpActionCreate = Static<typeof FollowUpActionCreate>;

export const FollowUpActionPatch = Type.Object(
  {
    roundId: Type.Optional(actionFields.roundId),
    unitId: Type.Optional(actionFields.unitId),
    teamId: Type.Optional(actionFields.teamId),
    effectGoal: Type.Optional(actionFields.effectGoal),
    questionId: Type.Optional(actionFields.questionId),
    title: Type.Optional(actionFields.title),
    description: Type.Optional(actionFields.description),
    ownerPersonId: Type.Optional(actionFields.ownerPersonId),
    dueOn: Type.Optional(actionFields.dueOn),
    status: Type.Optional(actionFields.status),
    reviewIntervalMonths: Type.Optional(actionFields.reviewIntervalMonths),
    nextReviewOn: Type.Optional(actionFields.nextReviewOn),
    involvedPersonIds: Type.Optional(actionFields.involvedPersonIds),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ status: 'inProgress', dueOn: '2027-03-31' }] },
);
export type FollowUpActionPatch = Static<typeof FollowUpActionPatch>;

export const followUpSortOptions = ['nextReviewOn', '-nextReviewOn', 'createdAt', '-createdAt', 'title', '-title'] as const;
export const FollowUpActionListQuery = Type.Object(
  {
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
    sort: Type.Optional(Type.Union(followUpSortOptions.map((s) => Type.Literal(s)), {
      default: 'nextReviewOn', description: 'Order; a leading minus sorts descending.',
    })),
    roundId: Type.Optional(Uuid),
    unitId: Type.Optional(Type.String({ format: 'uuid', maxLength: 36, description: 'Actions for this unit or a unit below it.' })),
    teamId: Type.Optional(Uuid),
    status: Type.Optional(FollowUpStatus),
    ownerPersonId: Type.Optional(Uuid),
    involvedPersonId: Type.Optional(Uuid),
    reviewDue: Type.Optional(Type.Boolean({ description: 'true: only planned or in-progress actions whose next review is today or earlier.' })),
  },
  { additionalProperties: false },
);
export type FollowUpActionListQuery = Static<typeof FollowUpActionListQuery>;

export const FollowUpActionPage = Page(FollowUpAction, 'A page of follow-up actions.');
export type FollowUpActionPage = Static<typeof FollowUpActionPage>;

export const FollowUpReview = Type.Object(
  {
    id: Uuid,
    actionId: Uuid,
    reviewedOn: IsoDate,
    status: FollowUpStatus,
    note: NullableText(4000),
    reviewerPersonId: Type.Union([Uuid, Type.Null()], { description: 'Who recorded it; null when an integration did.' }),
    createdAt: Timestamp,
  },
  { additionalProperties: false, description: 'A review of an action: its status at the time, and what was found.' },
);
export type FollowUpReview = Static<typeof FollowUpReview>;

export const FollowUpReviewCreate = Type.Object(
  {
    reviewedOn: Type.Optional(date('Defaults to today; not in the future.')),
    status: FollowUpStatus,
    note: Type.Optional(NullableText(4000, { examples: ['Møtene er i gang; begge virksomhetene deltar.'] })),
  },
  {
    additionalProperties: false,
    description: 'The action takes the review\'s status, and its next review moves to the review date plus its interval.',
    examples: [{ status: 'inProgress', note: 'Møtene er i gang; begge virksomhetene deltar.' }],
  },
);
export type FollowUpReviewCreate = Static<typeof FollowUpReviewCreate>;

export const FollowUpReviewListQuery = Type.Object(
  { limit: Type.Optional(Limit), cursor: Type.Optional(Cursor) },
  { additionalProperties: false },
);
export type FollowUpReviewListQuery = Static<typeof FollowUpReviewListQuery>;

export const FollowUpReviewPage = Page(FollowUpReview, 'A page of the action\'s reviews, newest first.');
export type FollowUpReviewPage = Static<typeof FollowUpReviewPage>;

export const FollowUpReviewResult = Type.Object(
  { review: FollowUpReview, action: FollowUpAction },
  { additionalProperties: false, description: 'The review as recorded, and the action after it.' },
);
export type FollowUpReviewResult = Static<typeof FollowUpReviewResult>;

export const WithoutActionsRow = Type.Object(
  {
    kind: Type.Union([Type.Literal('unit'), Type.Literal('team')]),
    id: Uuid,
    name: Text(200, { examples: ['Hjemmetjenesten'] }),
    parentId: Type.Union([Uuid, Type.Null()], { description: 'For a unit: the unit above it.' }),
    respondents: Type.Integer({ format: 'int32', minimum: 0, maximum: 2147483647 }),
  },
  { additionalProperties: false },
);
export type WithoutActionsRow = Static<typeof WithoutActionsRow>;

export const WithoutActionsList = Type.Object(
  {
    items: Type.Array(WithoutActionsRow, { maxItems: 20000 }),
    nextCursor: Type.Null(),
  },
  {
    additionalProperties: false,
    description: 'Every unit and team whose results are shown but that has no follow-up action for the round yet: units in tree order, then teams by name (not paged).',
    examples: [{ items: [{ kind: 'unit', id: '7d2c1b0a-9e8f-4a6b-8c5d-3e2f1a0b9c8d', name: 'Hjemmetjenesten', parentId: null, respondents: 23 }], nextCursor: null }],
  },
);
export type WithoutActionsList = Static<typeof WithoutActionsList>;

export const FollowUpReviewParams = Type.Object({ id: Uuid }, { additionalProperties: false });
