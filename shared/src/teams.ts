import Type, { type Static } from 'typebox';
import { Cursor, IsoDate, Limit, ListSort, NullableText, Page, SearchText, Text, Timestamp, Uuid, Version } from './common.ts';

/** The programme's effect goals (effektmål), as in the Sørum source. */
export const EffectGoal = Type.Union(
  [
    Type.Literal('unusedPotential'),
    Type.Literal('resourceEfficiency'),
    Type.Literal('serviceQuality'),
    Type.Literal('competenceMobilisation'),
    Type.Literal('tripartiteCooperation'),
  ],
  {
    description:
      'unusedPotential: less unused potential for cross-disciplinary collaboration; resourceEfficiency: resource-efficient task solving; serviceQuality: higher service quality; competenceMobilisation; tripartiteCooperation.',
  },
);
export type EffectGoal = Static<typeof EffectGoal>;
export const effectGoals: EffectGoal[] = ['unusedPotential', 'resourceEfficiency', 'serviceQuality', 'competenceMobilisation', 'tripartiteCooperation'];

export const TeamStatus = Type.Union(
  [
    Type.Literal('draft'), Type.Literal('proposed'), Type.Literal('approved'), Type.Literal('rejected'),
    Type.Literal('active'), Type.Literal('paused'), Type.Literal('concluded'),
  ],
  { description: 'draft → proposed → approved or rejected → active ⇄ paused → concluded. A rejected team can be revised (back to draft).' },
);
export type TeamStatus = Static<typeof TeamStatus>;
export const teamStatuses: TeamStatus[] = ['draft', 'proposed', 'approved', 'rejected', 'active', 'paused', 'concluded'];

export const MemberRole = Type.Union([Type.Literal('coordinator'), Type.Literal('member'), Type.Literal('resourcePerson')]);
export type MemberRole = Static<typeof MemberRole>;

const frameworkFields = {
  startDate: Type.Union([IsoDate, Type.Null()]),
  plannedEndDate: Type.Union([IsoDate, Type.Null()]),
  hoursPerMemberPerMonth: Type.Union([Type.Number({ minimum: 0, maximum: 200, multipleOf: 0.5 }), Type.Null()], {
    description: 'Time set aside per member per month, in hours.',
  }),
  meetingRhythm: NullableText(200, { examples: ['Annenhver uke'] }),
  budgetNok: Type.Union([Type.Integer({ format: 'int32', minimum: 0, maximum: 1000000000 }), Type.Null()], { description: 'Budget in whole kroner.' }),
  otherResources: NullableText(2000),
  evaluationIntervalMonths: Type.Integer({
    format: 'int32', minimum: 1, maximum: 36,
    description: 'How often the team is evaluated, in months: the next evaluation is due this long after the last one closed (or after the start).',
  }),
};

const teamTextFields = {
  name: Text(200, { examples: ['Arbeidslag for lærlinger'] }),
  purpose: NullableText(4000),
  mandate: NullableText(4000),
  everydayTask: NullableText(4000, { description: 'The everyday task the team addresses.' }),
  expectedEffect: NullableText(4000),
  effectGoals: Type.Array(EffectGoal, { maxItems: 5, uniqueItems: true }),
  unitIds: Type.Array(Uuid, { maxItems: 50, uniqueItems: true, description: 'The participating units.' }),
};

export const Team = Type.Object(
  {
    id: Uuid,
    ...teamTextFields,
    ...frameworkFields,
    status: TeamStatus,
    establishmentSetId: Type.Union([Uuid, Type.Null()], { description: 'The published establishment criteria set the proposal was assessed against.' }),
    decisionReason: NullableText(4000),
    decidedAt: Type.Union([Timestamp, Type.Null()]),
    professions: Type.Array(Text(100), { maxItems: 100, description: 'Professions of the current members (derived).' }),
    memberCount: Type.Integer({ format: 'int32', minimum: 0, maximum: 100000 }),
    coordinators: Type.Array(
      Type.Object({ personId: Uuid, name: Text(200, { examples: ['Kari Nordmann'] }) }, { additionalProperties: false }),
      { maxItems: 1000, description: 'The current coordinators (derived), so a catalogue can say who runs each team.' },
    ),
    version: Version,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false, description: 'A cross-disciplinary work team (arbeidslag).' },
);
export type Team = Static<typeof Team>;

export const TeamCreate = Type.Object(
  {
    name: teamTextFields.name,
    purpose: Type.Optional(teamTextFields.purpose),
    mandate: Type.Optional(teamTextFields.mandate),
    everydayTask: Type.Optional(teamTextFields.everydayTask),
    expectedEffect: Type.Optional(teamTextFields.expectedEffect),
    effectGoals: Type.Optional(teamTextFields.effectGoals),
    unitIds: Type.Optional(teamTextFields.unitIds),
    startDate: Type.Optional(frameworkFields.startDate),
    plannedEndDate: Type.Optional(frameworkFields.plannedEndDate),
    hoursPerMemberPerMonth: Type.Optional(frameworkFields.hoursPerMemberPerMonth),
    meetingRhythm: Type.Optional(frameworkFields.meetingRhythm),
    budgetNok: Type.Optional(frameworkFields.budgetNok),
    otherResources: Type.Optional(frameworkFields.otherResources),
    evaluationIntervalMonths: Type.Optional(frameworkFields.evaluationIntervalMonths),
  },
  { additionalProperties: false, examples: [{ name: 'Arbeidslag for lærlinger', effectGoals: ['resourceEfficiency'], unitIds: [] }] },
);
export type TeamCreate = Static<typeof TeamCreate>;

// name is required on create, optional in a patch like every other field.
export const TeamPatch = Type.Object({ ...TeamCreate.properties, name: Type.Optional(teamTextFields.name) }, {
  additionalProperties: false,
  minProperties: 1,
  examples: [{ meetingRhythm: 'Hver fjerde uke' }],
});
export type TeamPatch = Static<typeof TeamPatch>;

export const TeamListQuery = Type.Object(
  {
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
    q: Type.Optional(SearchText),
    sort: Type.Optional(ListSort),
    status: Type.Optional(TeamStatus),
    unitId: Type.Optional(Uuid),
    profession: Type.Optional(Text(100)),
    effectGoal: Type.Optional(EffectGoal),
    personId: Type.Optional(Uuid),
    decidable: Type.Optional(Type.Boolean({
      description: 'true: only proposals the caller may approve or reject now — every proposed team for those who decide for the whole organisation, and for a unit manager those involving a unit they lead or one below it.',
    })),
  },
  { additionalProperties: false },
);
export type TeamListQuery = Static<typeof TeamListQuery>;

export const TeamPage = Page(Team, 'A page of teams.');
export type TeamPage = Static<typeof TeamPage>;

/** A decision on a proposal: the reason is required, for approval as for rejection. */
export const TeamDecision = Type.Object(
  { reason: Text(4000, { examples: ['Oppfyller kriteriene; godt forankret i begge virksomhetene.'] }) },
  { additionalProperties: false, examples: [{ reason: 'Oppfyller kriteriene; godt forankret i begge virksomhetene.' }] },
);
export type TeamDecision = Static<typeof TeamDecision>;

export const Member = Type.Object(
  {
    id: Uuid,
    personId: Uuid,
    role: MemberRole,
    joinedOn: IsoDate,
    leftOn: Type.Union([IsoDate, Type.Null()]),
    version: Version,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false, description: 'A membership of a team; a membership with `leftOn` is history.' },
);
export type Member = Static<typeof Member>;

export const MemberCreate = Type.Object(
  { personId: Uuid, role: MemberRole, joinedOn: Type.Optional(IsoDate) },
  { additionalProperties: false, examples: [{ personId: '0b6f4a5e-8c1d-4f7a-9a57-3c2e1d0f9b21', role: 'member' }] },
);
export type MemberCreate = Static<typeof MemberCreate>;

export const MemberPatch = Type.Object(
  { role: Type.Optional(MemberRole), leftOn: Type.Optional(Type.Union([IsoDate, Type.Null()])) },
  { additionalProperties: false, minProperties: 1, examples: [{ leftOn: '2026-12-31' }] },
);
export type MemberPatch = Static<typeof MemberPatch>;

export const MemberList = Type.Object(
  { items: Type.Array(Member, { maxItems: 1000 }), nextCursor: Type.Null() },
  { additionalProperties: false, description: 'All memberships of the team, current and past (not paged: a team is small).' },
);

export const AssessmentAnswer = Type.Object(
  {
    criterionId: Uuid,
    value: Type.Union([Type.Boolean(), Type.Integer({ format: 'int32', minimum: 1, maximum: 5 }), Type.Number({ minimum: -1e12, maximum: 1e12 }), Text(4000), Type.Null()], {
      description: 'yesNo: boolean; scale: 1–5; number: a number; text: a string; null: not answered.',
    }),
    comment: NullableText(4000),
  },
  { additionalProperties: false },
);
export type AssessmentAnswer = Static<typeof AssessmentAnswer>;

export const Assessment = Type.Object(
  {
    criteriaSetId: Type.Union([Uuid, Type.Null()]),
    answers: Type.Array(AssessmentAnswer, { maxItems: 100 }),
    /** Required criteria not met, by id: a proposal with any cannot be approved. */
    unmetRequired: Type.Array(Uuid, { maxItems: 100 }),
  },
  { additionalProperties: false, description: "The team's assessment against the establishment criteria." },
);
export type Assessment = Static<typeof Assessment>;

export const AssessmentPut = Type.Object(
  { criteriaSetId: Uuid, answers: Type.Array(AssessmentAnswer, { maxItems: 100 }) },
  {
    additionalProperties: false,
    description: 'Answers every criterion of a published establishment set (null for not answered).',
    examples: [{ criteriaSetId: '5b0e7f3c-8a1d-4c2e-9f6b-2d4a1e8c7b90', answers: [{ criterionId: '9c2d4e6f-1a3b-4c5d-8e7f-0a1b2c3d4e5f', value: true, comment: 'Helse og oppvekst deltar.' }] }],
  },
);
export type AssessmentPut = Static<typeof AssessmentPut>;

export const TeamEvent = Type.Object(
  {
    id: Uuid,
    at: Timestamp,
    kind: Type.String({ maxLength: 64, pattern: '^[a-z][a-zA-Z.]*$', examples: ['team.approved'] }),
    actorPersonId: Type.Union([Uuid, Type.Null()]),
    data: Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), { description: 'Details of the event (for example the reason, the person).' }),
  },
  { additionalProperties: false },
);
export type TeamEvent = Static<typeof TeamEvent>;

export const TeamTimeline = Page(TeamEvent, "The team's events, oldest first.");
export type TeamTimeline = Static<typeof TeamTimeline>;

export const TimelineQuery = Type.Object({ limit: Type.Optional(Limit), cursor: Type.Optional(Cursor) }, { additionalProperties: false });
