import Type, { type Static } from 'typebox';
import { Cursor, Email, ExternalId, IsoDate, Limit, NullableText, Page, Problem, ProblemFieldError, SearchText, Text, Timestamp, Uuid, Version } from './common.ts';

// Competence measures (kompetansetiltak) for coordinators, members and unit managers, or
// for named teams: their sessions, who enrolled and attended, the hours credited, the
// year's plan against what was done, and an overview per unit and team.

const literals = <const T extends string>(values: readonly T[], description: string) =>
  Type.Unsafe<T>(Type.Union(values.map((v) => Type.Literal(v)), { description }));

export const competenceKinds = ['course', 'workshop', 'guidance', 'eLearning'] as const;
export const CompetenceKind = literals(competenceKinds, 'course, workshop, guidance (veiledning) or eLearning.');
export type CompetenceKind = (typeof competenceKinds)[number];

export const competenceStatuses = ['planned', 'active', 'done', 'cancelled'] as const;
export const CompetenceStatus = literals(competenceStatuses, 'planned, active (sessions under way), done or cancelled.');
export type CompetenceStatus = (typeof competenceStatuses)[number];

export const competenceRoles = ['coordinator', 'member', 'unitManager'] as const;
export const CompetenceRole = literals(competenceRoles, 'Who the measure is for: team coordinators, team members or unit managers.');
export type CompetenceRole = (typeof competenceRoles)[number];

export const enrolmentStatuses = ['enrolled', 'attended', 'absent', 'cancelled'] as const;
export const EnrolmentStatus = literals(enrolmentStatuses, 'enrolled, attended, absent or cancelled.');
export type EnrolmentStatus = (typeof enrolmentStatuses)[number];

export const EnrolmentSource = literals(['manual', 'import'] as const, 'manual: enrolled in the app; import: a completion from a learning platform.');
export type EnrolmentSource = 'manual' | 'import';

const Year = Type.Integer({ format: 'int32', minimum: 2000, maximum: 2100, description: 'A calendar year.', examples: [2026] });
export const CompetenceHours = Type.Number({ minimum: 0, maximum: 1000, description: 'Hours, rounded to one decimal.', examples: [3.5] });
const Count = Type.Integer({ format: 'int32', minimum: 0, maximum: 2147483647 });
const TotalHours = Type.Number({ minimum: 0, maximum: 1e12, description: 'Hours, summed.' });

const measureFields = {
  kind: CompetenceKind,
  title: Text(200, { examples: ['Koordinatorsamling: å lede tverrfaglige møter'] }),
  description: NullableText(8000),
  targetRoles: Type.Array(CompetenceRole, { maxItems: 3, uniqueItems: true, description: 'The roles the measure is for; may be empty when it is for named teams.' }),
  targetTeamIds: Type.Array(Uuid, { maxItems: 200, uniqueItems: true, description: 'Teams the measure is for.' }),
  plannedYear: Year,
  plannedSessions: Type.Integer({ format: 'int32', minimum: 0, maximum: 1000, description: 'Sessions planned in the year.' }),
  plannedHours: Type.Number({ minimum: 0, maximum: 10000, description: 'Hours planned per participant, rounded to one decimal.' }),
  provider: NullableText(200, { examples: ['KS Læring'] }),
  externalKey: Type.Union([ExternalId, Type.Null()], { description: 'The course code on the learning platform; imports match completions by it. Unique per organisation.' }),
  status: CompetenceStatus,
};

export const CompetenceMeasure = Type.Object(
  { id: Uuid, ...measureFields, version: Version, createdAt: Timestamp, updatedAt: Timestamp },
  { additionalProperties: false, description: 'A competence measure (kompetansetiltak).' },
);
export type CompetenceMeasure = Static<typeof CompetenceMeasure>;

const measureExample = {
  kind: 'course', title: 'Koordinatorsamling: å lede tverrfaglige møter', targetRoles: ['coordinator'], plannedYear: 2026,
  plannedSessions: 2, plannedHours: 6, provider: 'KS Læring', externalKey: 'KURS-KOORD-1',
};

export const CompetenceMeasureCreate = Type.Object(
  {
    kind: measureFields.kind,
    title: measureFields.title,
    description: Type.Optional(measureFields.description),
    targetRoles: Type.Optional(measureFields.targetRoles),
    targetTeamIds: Type.Optional(measureFields.targetTeamIds),
    plannedYear: measureFields.plannedYear,
    plannedSessions: Type.Optional(measureFields.plannedSessions),
    plannedHours: Type.Optional(measureFields.plannedHours),
    provider: Type.Optional(measureFields.provider),
    externalKey: Type.Optional(measureFields.externalKey),
    status: Type.Optional(measureFields.status),
  },
  { additionalProperties: false, examples: [measureExample] },
);
export type CompetenceMeasureCreate = Static<typeof CompetenceMeasureCreate>;

export const CompetenceMeasurePatch = Type.Object(
  {
    kind: Type.Optional(measureFields.kind),
    title: Type.Optional(measureFields.title),
    description: Type.Optional(measureFields.description),
    targetRoles: Type.Optional(measureFields.targetRoles),
    targetTeamIds: Type.Optional(measureFields.targetTeamIds),
    plannedYear: Type.Optional(measureFields.plannedYear),
    plannedSessions: Type.Optional(measureFields.plannedSessions),
    plannedHours: Type.Optional(measureFields.plannedHours),
    provider: Type.Optional(measureFields.provider),
    externalKey: Type.Optional(measureFields.externalKey),
    status: Type.Optional(measureFields.status),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ status: 'active', plannedSessions: 3 }] },
);
export type CompetenceMeasurePatch = Static<typeof CompetenceMeasurePatch>;

export const competenceSortOptions = ['title', '-title', 'createdAt', '-createdAt'] as const;
export const CompetenceMeasureListQuery = Type.Object(
  {
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
    sort: Type.Optional(Type.Union(competenceSortOptions.map((s) => Type.Literal(s)), { default: 'title', description: 'Order; a leading minus sorts descending.' })),
    q: Type.Optional(SearchText),
    year: Type.Optional(Year),
    kind: Type.Optional(CompetenceKind),
    status: Type.Optional(CompetenceStatus),
    targetRole: Type.Optional(CompetenceRole),
    teamId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type CompetenceMeasureListQuery = Static<typeof CompetenceMeasureListQuery>;

export const CompetenceMeasurePage = Page(CompetenceMeasure, 'A page of competence measures.');
export type CompetenceMeasurePage = Static<typeof CompetenceMeasurePage>;

// Sessions

export const CompetenceSession = Type.Object(
  {
    id: Uuid,
    measureId: Uuid,
    startsAt: Timestamp,
    endsAt: Timestamp,
    place: NullableText(200),
    capacity: Type.Union([Type.Integer({ format: 'int32', minimum: 1, maximum: 10000 }), Type.Null()], { description: 'Places; null: no limit.' }),
    hours: CompetenceHours,
    enrolled: Type.Integer({ format: 'int32', minimum: 0, maximum: 100000, description: 'People holding a place (enrolled or attended).' }),
    attended: Type.Integer({ format: 'int32', minimum: 0, maximum: 100000 }),
    version: Version,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false, description: 'A session of a measure: when, where, how many places, and the hours it gives.' },
);
export type CompetenceSession = Static<typeof CompetenceSession>;

const sessionExample = { startsAt: '2026-03-10T08:00:00Z', endsAt: '2026-03-10T14:00:00Z', place: 'Kommunestyresalen', capacity: 25, hours: 6 };

export const CompetenceSessionCreate = Type.Object(
  {
    startsAt: Timestamp,
    endsAt: Timestamp,
    place: Type.Optional(NullableText(200, { examples: ['Kommunestyresalen'] })),
    capacity: Type.Optional(CompetenceSession.properties.capacity),
    hours: CompetenceHours,
  },
  { additionalProperties: false, examples: [sessionExample] },
);
export type CompetenceSessionCreate = Static<typeof CompetenceSessionCreate>;

export const CompetenceSessionPatch = Type.Object(
  {
    startsAt: Type.Optional(Timestamp),
    endsAt: Type.Optional(Timestamp),
    place: Type.Optional(NullableText(200)),
    capacity: Type.Optional(CompetenceSession.properties.capacity),
    hours: Type.Optional(CompetenceHours),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ place: 'Rådhuset, møterom 2', capacity: 30 }] },
);
export type CompetenceSessionPatch = Static<typeof CompetenceSessionPatch>;

export const CompetenceSessionList = Type.Object(
  { items: Type.Array(CompetenceSession, { maxItems: 1000 }), nextCursor: Type.Null() },
  { additionalProperties: false, description: 'The measure\'s sessions by start time (not paged: a measure has few).' },
);
export type CompetenceSessionList = Static<typeof CompetenceSessionList>;

// Enrolments and completions

export const CompetenceEnrolment = Type.Object(
  {
    id: Uuid,
    measureId: Uuid,
    sessionId: Type.Union([Uuid, Type.Null()], { description: 'Null for a completion imported from a learning platform.' }),
    personId: Uuid,
    personName: Text(200),
    status: EnrolmentStatus,
    hours: Type.Union([CompetenceHours, Type.Null()], { description: 'CompetenceHours credited; set when attended.' }),
    completedOn: Type.Union([IsoDate, Type.Null()], { description: 'The day the hours count for; set when attended.' }),
    source: EnrolmentSource,
    version: Version,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false, description: 'A person\'s place in a session, or an imported completion.' },
);
export type CompetenceEnrolment = Static<typeof CompetenceEnrolment>;

export const CompetenceEnrolmentList = Type.Object(
  { items: Type.Array(CompetenceEnrolment, { maxItems: 10000 }), nextCursor: Type.Null() },
  { additionalProperties: false, description: 'Everyone enrolled in the session, by name (not paged).' },
);
export type CompetenceEnrolmentList = Static<typeof CompetenceEnrolmentList>;

export const CompetenceEnrolmentCreate = Type.Object(
  { personId: Uuid },
  { additionalProperties: false, examples: [{ personId: '3a9b8c7d-6e5f-4a1b-9c2d-0e1f2a3b4c5d' }] },
);
export type CompetenceEnrolmentCreate = Static<typeof CompetenceEnrolmentCreate>;

export const CompetenceEnrolmentPatch = Type.Object(
  {
    status: Type.Optional(EnrolmentStatus),
    hours: Type.Optional(Type.Union([CompetenceHours, Type.Null()], { description: 'CompetenceHours credited when attended; null or left out: the session\'s hours.' })),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ status: 'attended' }] },
);
export type CompetenceEnrolmentPatch = Static<typeof CompetenceEnrolmentPatch>;

export const MyEnrolmentCreate = Type.Object(
  { sessionId: Uuid },
  { additionalProperties: false, examples: [{ sessionId: '0b6f4a5e-8c1d-4f7a-9a57-3c2e1d0f9b21' }] },
);
export type MyEnrolmentCreate = Static<typeof MyEnrolmentCreate>;

// A person's competence

export const CompetenceRecord = Type.Object(
  {
    enrolmentId: Uuid,
    measureId: Uuid,
    measureTitle: Text(200),
    kind: CompetenceKind,
    sessionId: Type.Union([Uuid, Type.Null()]),
    startsAt: Type.Union([Timestamp, Type.Null()], { description: 'The session\'s start; null for an imported completion.' }),
    place: NullableText(200),
    status: EnrolmentStatus,
    hours: Type.Union([CompetenceHours, Type.Null()]),
    completedOn: Type.Union([IsoDate, Type.Null()]),
    source: EnrolmentSource,
    version: Version,
  },
  { additionalProperties: false },
);
export type CompetenceRecord = Static<typeof CompetenceRecord>;

export const PersonCompetence = Type.Object(
  {
    personId: Uuid,
    personName: Text(200),
    year: Type.Union([Year, Type.Null()], { description: 'The year asked for; null: all years.' }),
    hours: TotalHours,
    measuresCompleted: Count,
    records: Type.Array(CompetenceRecord, { maxItems: 10000, description: 'Latest first.' }),
  },
  { additionalProperties: false, description: 'One person\'s enrolments and completions, and the hours credited.' },
);
export type PersonCompetence = Static<typeof PersonCompetence>;

export const PersonCompetenceQuery = Type.Object({ year: Type.Optional(Year) }, { additionalProperties: false });
export type PersonCompetenceQuery = Static<typeof PersonCompetenceQuery>;

export const OpenCompetenceSession = Type.Object(
  {
    session: CompetenceSession,
    measureTitle: Text(200),
    kind: CompetenceKind,
    myEnrolmentId: Type.Union([Uuid, Type.Null()], { description: 'The caller\'s enrolment in it, if any (not cancelled).' }),
  },
  { additionalProperties: false },
);
export const OpenCompetenceSessionList = Type.Object(
  { items: Type.Array(OpenCompetenceSession, { maxItems: 1000 }), nextCursor: Type.Null() },
  { additionalProperties: false, description: 'Sessions not started yet, of measures planned or active, soonest first (at most 1000).' },
);
export type OpenCompetenceSessionList = Static<typeof OpenCompetenceSessionList>;

// Plan versus done

const PlanFigures = {
  plannedSessions: Count,
  plannedHours: Type.Number({ minimum: 0, maximum: 1e12, description: 'Hours planned per participant.' }),
  heldSessions: Type.Integer({ format: 'int32', minimum: 0, maximum: 2147483647, description: 'Sessions in the year that have ended.' }),
  participants: Type.Integer({ format: 'int32', minimum: 0, maximum: 2147483647, description: 'People who attended (or completed) at least once.' }),
  hoursCredited: TotalHours,
};

export const CompetencePlanRow = Type.Object(
  { measureId: Uuid, title: Text(200), kind: CompetenceKind, status: CompetenceStatus, targetRoles: measureFields.targetRoles, ...PlanFigures },
  { additionalProperties: false },
);
export const CompetencePlanRoleTotal = Type.Object({ role: CompetenceRole, measures: Count, ...PlanFigures }, { additionalProperties: false });

export const CompetencePlan = Type.Object(
  {
    year: Year,
    measures: Type.Array(CompetencePlanRow, { maxItems: 10000 }),
    roles: Type.Array(CompetencePlanRoleTotal, { maxItems: 3, description: 'Totals over the measures for each target role (a measure for two roles counts in both).' }),
  },
  { additionalProperties: false, description: 'The measures planned for the year, each with what was planned and what was done.' },
);
export type CompetencePlan = Static<typeof CompetencePlan>;

export const CompetencePlanQuery = Type.Object({ year: Year }, { additionalProperties: false });

// Overview per unit or team

export const CompetenceOverviewQuery = Type.Object(
  {
    year: Year,
    by: Type.Union([Type.Literal('unit'), Type.Literal('team')], { default: 'unit', description: 'unit: each unit with the units below it rolled up; team: each team through its current members.' }),
  },
  { additionalProperties: false },
);
export type CompetenceOverviewQuery = Static<typeof CompetenceOverviewQuery>;

/**
 * Below this many participants a unit's or team's hours are one or two people's own, so
 * the overview hides them from those who may not see personal records.
 */
export const competenceGroupMinimum = 3;
const hidden = `null when 1 or ${competenceGroupMinimum - 1} took part and the caller may not see personal records (competenceRecords:read): a group that small would show one person's own hours.`;

export const CompetenceOverviewRow = Type.Object(
  {
    id: Uuid,
    name: Text(200),
    parentId: Type.Union([Uuid, Type.Null()], { description: 'For a unit: the unit above it.' }),
    people: Count,
    participants: Type.Union([Type.Integer({ format: 'int32', minimum: 0, maximum: 2147483647 }), Type.Null()], { description: `People with hours credited in the year; ${hidden}` }),
    hours: Type.Union([TotalHours, Type.Null()], { description: `Hours credited in the year; ${hidden}` }),
  },
  { additionalProperties: false },
);
export type CompetenceOverviewRow = Static<typeof CompetenceOverviewRow>;

export const CompetenceOverview = Type.Object(
  { year: Year, by: Type.Union([Type.Literal('unit'), Type.Literal('team')]), items: Type.Array(CompetenceOverviewRow, { maxItems: 20000 }) },
  { additionalProperties: false, description: 'CompetenceHours credited and people who took part, per unit (units in tree order, each including the units below it) or per team (by name).' },
);
export type CompetenceOverview = Static<typeof CompetenceOverview>;

// Import of completions

/** One row of a completions file: the person by employee number or email, the measure by its course code. */
export const CompetenceImportRow = Type.Object(
  {
    employeeNumber: Type.Optional(ExternalId),
    email: Type.Optional(Email),
    courseCode: ExternalId,
    completedOn: IsoDate,
    hours: Type.Optional(CompetenceHours),
  },
  { additionalProperties: false },
);
export type CompetenceImportRow = Static<typeof CompetenceImportRow>;

export const CompetenceImportQuery = Type.Object(
  { dryRun: Type.Optional(Type.Boolean({ default: false, description: 'Check the file and report what would change, without saving anything.' })) },
  { additionalProperties: false },
);
export type CompetenceImportQuery = Static<typeof CompetenceImportQuery>;

export const CompetenceImportAction = Type.Union([Type.Literal('create'), Type.Literal('update'), Type.Literal('unchanged')]);
export type CompetenceImportAction = Static<typeof CompetenceImportAction>;

export const CompetenceImportReport = Type.Object(
  {
    dryRun: Type.Boolean({ description: 'True when nothing was saved.' }),
    created: Count,
    updated: Count,
    unchanged: Count,
    rows: Type.Array(Type.Object({
      line: Type.Integer({ format: 'int32', minimum: 2, maximum: 2147483647 }),
      personId: Uuid,
      measureId: Uuid,
      completedOn: IsoDate,
      hours: CompetenceHours,
      action: CompetenceImportAction,
    }, { additionalProperties: false }), { maxItems: 10000, description: 'Every row, in file order.' }),
  },
  {
    additionalProperties: false,
    description: 'What the import did (or, in a dry run, would do) with each completion.',
    examples: [{ dryRun: true, created: 1, updated: 0, unchanged: 0, rows: [{ line: 2, personId: '3a9b8c7d-6e5f-4a1b-9c2d-0e1f2a3b4c5d', measureId: '0b6f4a5e-8c1d-4f7a-9a57-3c2e1d0f9b21', completedOn: '2026-02-03', hours: 2, action: 'create' }] }],
  },
);
export type CompetenceImportReport = Static<typeof CompetenceImportReport>;

export const CompetenceImportProblem = Type.Object(
  { ...Problem.properties, errors: Type.Optional(Type.Array(ProblemFieldError, { maxItems: 100_000 })) },
  { additionalProperties: false, description: 'RFC 9457 problem details; for `import-invalid` every error in the file as `/csv/<line>/<column>`.' },
);
