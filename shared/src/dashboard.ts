import Type, { type Static } from 'typebox';
import { IsoDate, NullableText, Text, Timestamp, Uuid, Version, WrittenStandard } from './common.ts';
import { OrgNumber } from './organisations.ts';
import { ResultCategory } from './results.ts';
import { EffectGoal } from './teams.ts';
import { CriteriaKind, CriteriaSetStatus } from './criteria.ts';
import { SuppressionReason } from './survey-results.ts';
import { ArenaType } from './arenas.ts';
import { CompetenceRole, competenceGroupMinimum } from './competence.ts';

// The effect dashboard, the management-review report and the public dashboard. All of
// them hold aggregates only: counts, averages and survey means above the anonymity
// minimum. Competence hours, arenas held and experiences shared come with issue 6 and are
// deliberately absent (not zero).

function count(description?: string) {
  return Type.Integer({ format: 'int32', minimum: 0, maximum: 2147483647, ...(description ? { description } : {}) });
}
const Count = count();

/** A date (YYYY-MM-DD) with its own description. */
function day(description: string) {
  return Type.String({ format: 'date', maxLength: 10, pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description, examples: ['2026-01-15'] });
}

// --- Survey figures -------------------------------------------------------------------

/** The same reasons the survey results give (survey-results.ts). */
export const DashboardSuppressionReason = SuppressionReason;
export type DashboardSuppressionReason = Static<typeof DashboardSuppressionReason>;

export const DashboardSurveyFigure = Type.Union(
  [
    Type.Object(
      {
        suppressed: Type.Literal(false),
        mean: Type.Number({ minimum: 1, maximum: 5, description: 'The mean of every answer to the scale questions (1–5), rounded to two decimals.' }),
        n: Type.Integer({ format: 'int32', minimum: 1, maximum: 2147483647, description: 'Respondents who answered at least one of the questions.' }),
      },
      { additionalProperties: false },
    ),
    Type.Object(
      { suppressed: Type.Literal(true), reason: SuppressionReason },
      { additionalProperties: false, description: 'Hidden to protect anonymity; no counts are given.' },
    ),
  ],
  { description: 'A survey mean, or the reason it is hidden.' },
);
export type DashboardSurveyFigure = Static<typeof DashboardSurveyFigure>;

export const DashboardTrendPoint = Type.Object(
  {
    roundId: Uuid,
    roundName: Text(200, { examples: ['Medarbeiderundersøkelse 2026'] }),
    kind: Type.Union([Type.Literal('baseline'), Type.Literal('followUp')]),
    closedOn: day('The day the round closed (closed by hand, or its closing time passed).'),
    figure: DashboardSurveyFigure,
  },
  { additionalProperties: false, description: 'One closed survey round in a trend.' },
);
export type DashboardTrendPoint = Static<typeof DashboardTrendPoint>;

export const DashboardEffectGoalTrend = Type.Object(
  {
    effectGoal: EffectGoal,
    rounds: Type.Array(DashboardTrendPoint, { maxItems: 100, description: "The goal's mean per closed round, oldest first." }),
    indicators: Type.Array(
      Type.Object(
        {
          indicator: Text(200, { examples: ['Samarbeid på tvers'] }),
          rounds: Type.Array(DashboardTrendPoint, { maxItems: 100 }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 100, description: "The goal's indicators (questions grouped by their short label), each with its mean per round." },
    ),
  },
  { additionalProperties: false, description: 'Survey trend of one effect goal, from the scale questions marked with it.' },
);
export type DashboardEffectGoalTrend = Static<typeof DashboardEffectGoalTrend>;

// --- Teams, results, evaluations, follow-up ----------------------------------------------

export const TeamStatusCounts = Type.Object(
  {
    draft: Count, proposed: Count, approved: Count, rejected: Count, active: Count, paused: Count, concluded: Count,
  },
  { additionalProperties: false, description: 'Number of teams in each status now.' },
);
export type TeamStatusCounts = Static<typeof TeamStatusCounts>;

const perTeamFigure = (description: string) => Type.Object(
  {
    average: Type.Union([Type.Number({ minimum: 0, maximum: 100000 }), Type.Null()], { description: 'Null when there are no active teams.' }),
    distribution: Type.Array(
      Type.Object({ count: Count, teams: Count }, { additionalProperties: false }),
      { maxItems: 1000, description: 'How many teams have each count, by count ascending; counts no team has are left out.' },
    ),
  },
  { additionalProperties: false, description },
);

export const DashboardTeams = Type.Object(
  {
    total: Count,
    byStatus: TeamStatusCounts,
    composition: Type.Object(
      {
        teams: count('The active teams the figures are taken over.'),
        unitsPerTeam: perTeamFigure('Participating units per active team.'),
        professionsPerTeam: perTeamFigure('Distinct professions among the current members of each active team.'),
      },
      { additionalProperties: false, description: 'How cross-disciplinary the active teams are.' },
    ),
  },
  { additionalProperties: false },
);
export type DashboardTeams = Static<typeof DashboardTeams>;

export const ResultCategoryCounts = Type.Object(
  { routineChange: Count, serviceQuality: Count, resourceEfficiency: Count, competence: Count, other: Count },
  { additionalProperties: false },
);
export type ResultCategoryCounts = Static<typeof ResultCategoryCounts>;

export const DashboardResults = Type.Object(
  { total: Count, byCategory: ResultCategoryCounts },
  { additionalProperties: false, description: 'Results documented with an achieved date in the period.' },
);
export type DashboardResults = Static<typeof DashboardResults>;

export const DashboardEvaluations = Type.Object(
  {
    closedInPeriod: count('Evaluations closed in the period.'),
    dueNow: count('Running teams whose next evaluation is due within 30 days (today included).'),
    overdueNow: count('Running teams whose next evaluation was due before today.'),
  },
  { additionalProperties: false },
);
export type DashboardEvaluations = Static<typeof DashboardEvaluations>;

export const DashboardFollowUp = Type.Object(
  {
    open: count('Follow-up actions planned or in progress.'),
    reviewOverdue: count('Open actions whose next review date has passed.'),
  },
  { additionalProperties: false },
);
export type DashboardFollowUp = Static<typeof DashboardFollowUp>;

// --- Competence, arenas, experiences --------------------------------------------------

const smallGroup = `null when 1 or ${competenceGroupMinimum - 1} people took part: a group that small would show one person's own hours`;
const hiddenCount = (description: string) => Type.Union(
  [Type.Integer({ format: 'int32', minimum: 0, maximum: 2147483647 }), Type.Null()], { description: `${description}; ${smallGroup}.` },
);
const hiddenHours = (description: string) => Type.Union(
  [Type.Number({ minimum: 0, maximum: 1e12 }), Type.Null()], { description: `${description}, rounded to one decimal; ${smallGroup}.` },
);

export const DashboardCompetenceRole = Type.Object(
  {
    role: CompetenceRole,
    participants: hiddenCount("People who attended one of the role's measures in the period, each counted once"),
    hours: hiddenHours("Hours credited for the role's measures in the period"),
  },
  { additionalProperties: false },
);
export type DashboardCompetenceRole = Static<typeof DashboardCompetenceRole>;

export const DashboardCompetence = Type.Object(
  {
    participants: hiddenCount('People credited with hours in the period (an attended session or an imported completion, counted by its day), each counted once'),
    hours: hiddenHours('Hours credited in the period'),
    byRole: Type.Array(DashboardCompetenceRole, {
      maxItems: 3,
      description: 'The same per target role of the measures (coordinator, member, unitManager, in that order); a measure for several roles counts for each, one for named teams only for none. A role is also hidden when the people outside its measures are 1 or 2, as the total less the role would show their hours.',
    }),
  },
  { additionalProperties: false, description: 'Competence measures attended in the period. With `unitId`: the people placed in the unit or a unit below it now.' },
);
export type DashboardCompetence = Static<typeof DashboardCompetence>;

export const DashboardArenaType = Type.Object(
  { type: ArenaType, meetingsHeld: Count, attendance: Count },
  { additionalProperties: false },
);
export type DashboardArenaType = Static<typeof DashboardArenaType>;

export const DashboardArenas = Type.Object(
  {
    meetingsHeld: count('Arena meetings marked held whose start falls in the period (Norwegian time); planned and cancelled ones are not counted.'),
    attendance: count('Invitations to those meetings marked as attended.'),
    byType: Type.Array(DashboardArenaType, { maxItems: 6, description: 'The same per arena type, every type in the fixed order, with zeros.' }),
  },
  { additionalProperties: false, description: 'Arena meetings held in the period. Arenas belong to the whole organisation: these figures are never narrowed by `unitId`.' },
);
export type DashboardArenas = Static<typeof DashboardArenas>;

export const DashboardExperiences = Type.Object(
  {
    shared: count('Experiences added to the library in the period (Norwegian time).'),
    markedUseful: count('Of those, how many at least one person has marked useful (at any time).'),
    usefulMarks: count('The useful marks on those experiences in all.'),
  },
  { additionalProperties: false, description: "Experiences shared in the library. With `unitId`: the experiences of teams that involve the unit or a unit below it (one without a team counts for the whole organisation only)." },
);
export type DashboardExperiences = Static<typeof DashboardExperiences>;

export const DashboardPeriod = Type.Object(
  { from: IsoDate, to: IsoDate },
  { additionalProperties: false, description: 'The period, both days included.' },
);
export type DashboardPeriod = Static<typeof DashboardPeriod>;

// --- GET /dashboard --------------------------------------------------------------------

export const DashboardQuery = Type.Object(
  {
    unitId: Type.Optional(Type.String({ format: 'uuid', maxLength: 36, description: 'Only this unit and the units below it (a service area is a top-level unit).', examples: ['0b6f4a5e-8c1d-4f7a-9a57-3c2e1d0f9b21'] })),
    from: Type.Optional(day('First day of the period; by default the day after the same date a year before `to`, so the period is one year.')),
    to: Type.Optional(day('Last day of the period; today by default.')),
  },
  { additionalProperties: false },
);
export type DashboardQuery = Static<typeof DashboardQuery>;

const exampleTrend = {
  effectGoal: 'unusedPotential',
  rounds: [
    { roundId: '7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d', roundName: 'Medarbeiderundersøkelse 2025', kind: 'baseline', closedOn: '2025-10-31', figure: { suppressed: false, mean: 3.1, n: 212 } },
    { roundId: '8e2d3c4b-5f6a-4b7c-9d8e-0f1a2b3c4d5e', roundName: 'Medarbeiderundersøkelse 2026', kind: 'followUp', closedOn: '2026-10-31', figure: { suppressed: false, mean: 3.6, n: 198 } },
  ],
  indicators: [{
    indicator: 'Samarbeid på tvers',
    rounds: [
      { roundId: '7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d', roundName: 'Medarbeiderundersøkelse 2025', kind: 'baseline', closedOn: '2025-10-31', figure: { suppressed: false, mean: 2.9, n: 210 } },
      { roundId: '8e2d3c4b-5f6a-4b7c-9d8e-0f1a2b3c4d5e', roundName: 'Medarbeiderundersøkelse 2026', kind: 'followUp', closedOn: '2026-10-31', figure: { suppressed: true, reason: 'differencing' } },
    ],
  }],
};
const exampleTeams = {
  total: 14,
  byStatus: { draft: 2, proposed: 1, approved: 1, rejected: 1, active: 7, paused: 1, concluded: 1 },
  composition: {
    teams: 7,
    unitsPerTeam: { average: 2.4, distribution: [{ count: 2, teams: 5 }, { count: 3, teams: 1 }, { count: 4, teams: 1 }] },
    professionsPerTeam: { average: 3.1, distribution: [{ count: 2, teams: 2 }, { count: 3, teams: 3 }, { count: 4, teams: 2 }] },
  },
};
const exampleActivity = {
  competence: {
    participants: 41, hours: 236.5,
    byRole: [
      { role: 'coordinator', participants: 12, hours: 78 },
      { role: 'member', participants: 27, hours: 139.5 },
      { role: 'unitManager', participants: null, hours: null },
    ],
  },
  arenas: {
    meetingsHeld: 9, attendance: 118,
    byType: [
      { type: 'networkMeeting', meetingsHeld: 4, attendance: 52 }, { type: 'learningForum', meetingsHeld: 2, attendance: 31 },
      { type: 'processDay', meetingsHeld: 1, attendance: 18 }, { type: 'tripartiteWorkshop', meetingsHeld: 2, attendance: 17 },
      { type: 'administrationCommittee', meetingsHeld: 0, attendance: 0 }, { type: 'digitalForum', meetingsHeld: 0, attendance: 0 },
    ],
  },
  experiences: { shared: 14, markedUseful: 9, usefulMarks: 23 },
};
const exampleResultCounts = { total: 9, byCategory: { routineChange: 4, serviceQuality: 2, resourceEfficiency: 2, competence: 1, other: 0 } };

export const Dashboard = Type.Object(
  {
    period: DashboardPeriod,
    unit: Type.Union([
      Type.Object({ id: Uuid, name: Text(200, { examples: ['Helse og omsorg'] }) }, { additionalProperties: false }),
      Type.Null(),
    ], { description: 'The unit the figures are limited to (with the units below it); null for the whole organisation.' }),
    effectGoals: Type.Array(DashboardEffectGoalTrend, { maxItems: 5, description: 'Every effect goal, in the programme order; a goal no survey asks about has no rounds.' }),
    teams: DashboardTeams,
    results: DashboardResults,
    evaluations: DashboardEvaluations,
    followUpActions: DashboardFollowUp,
    competence: DashboardCompetence,
    arenas: DashboardArenas,
    experiences: DashboardExperiences,
  },
  {
    additionalProperties: false,
    description: 'The effect dashboard: how the programme is doing, for the whole organisation or one part of it.',
    examples: [{
      period: { from: '2025-11-26', to: '2026-11-25' },
      unit: null,
      effectGoals: [exampleTrend],
      teams: exampleTeams,
      results: exampleResultCounts,
      evaluations: { closedInPeriod: 5, dueNow: 2, overdueNow: 1 },
      followUpActions: { open: 6, reviewOverdue: 1 },
      ...exampleActivity,
    }],
  },
);
export type Dashboard = Static<typeof Dashboard>;

// --- Management review -------------------------------------------------------------------

export const ManagementReviewQuery = Type.Object(
  {
    from: Type.Optional(day('First day of the period; by default the day after the same date a year before `to`, so the period is one year.')),
    to: Type.Optional(day('Last day of the period; today by default.')),
  },
  { additionalProperties: false },
);
export type ManagementReviewQuery = Static<typeof ManagementReviewQuery>;

export const ManagementReviewCriteriaSet = Type.Object(
  {
    id: Uuid,
    name: Text(200, { examples: ['Kriterier for opprettelse av arbeidslag'] }),
    kind: CriteriaKind,
    versionNumber: Type.Integer({ format: 'int32', minimum: 1, maximum: 100000 }),
    status: CriteriaSetStatus,
    publishedAt: Type.Union([Timestamp, Type.Null()]),
    usedInPeriod: count(
      'Establishment sets: teams decided in the period against the set. Evaluation sets: evaluations started or closed in the period against it.',
    ),
  },
  { additionalProperties: false },
);
export type ManagementReviewCriteriaSet = Static<typeof ManagementReviewCriteriaSet>;

export const LifecycleStepCounts = Type.Object(
  { proposed: Count, approved: Count, rejected: Count, activated: Count, concluded: Count },
  { additionalProperties: false, description: 'How many times each lifecycle step was taken in the period (from the team timelines).' },
);
export type LifecycleStepCounts = Static<typeof LifecycleStepCounts>;

export const ManagementReview = Type.Object(
  {
    organisation: Type.Object(
      { name: Text(200, { examples: ['Lagvik kommune'] }), orgNumber: OrgNumber, writtenStandard: WrittenStandard },
      { additionalProperties: false },
    ),
    period: DashboardPeriod,
    generatedAt: Timestamp,
    procedures: Type.Object(
      {
        criteriaSets: Type.Array(ManagementReviewCriteriaSet, {
          maxItems: 1000,
          description: 'Criteria sets published now or used in the period, by kind, name and version.',
        }),
        lifecycle: LifecycleStepCounts,
      },
      { additionalProperties: false, description: "The programme's procedures: the criteria in use and the lifecycle steps taken." },
    ),
    teams: DashboardTeams,
    results: Type.Object(
      {
        total: Count,
        byCategory: ResultCategoryCounts,
        items: Type.Array(
          Type.Object(
            {
              title: Text(200, { examples: ['Ny intervjuguide for lærlinger'] }),
              teamName: Text(200, { examples: ['Arbeidslag for lærlinger'] }),
              category: ResultCategory,
              achievedOn: IsoDate,
            },
            { additionalProperties: false },
          ),
          { maxItems: 200, description: 'The results of the period, newest first (at most 200).' },
        ),
      },
      { additionalProperties: false },
    ),
    evaluations: Type.Object(
      {
        closedInPeriod: Count,
        dueNow: Count,
        overdueNow: Count,
        closed: Type.Array(
          Type.Object({ teamName: Text(200, { examples: ['Arbeidslag for lærlinger'] }), closedOn: IsoDate }, { additionalProperties: false }),
          { maxItems: 200, description: 'The evaluations closed in the period, newest first (at most 200).' },
        ),
      },
      { additionalProperties: false },
    ),
    effectGoals: Type.Array(DashboardEffectGoalTrend, { maxItems: 5, description: 'Survey trends for the whole organisation, rounds closed up to the end of the period.' }),
    followUpActions: Type.Object(
      {
        open: Count,
        reviewOverdue: Count,
        items: Type.Array(
          Type.Object(
            {
              title: Text(200, { examples: ['Felles fagdag for hjemmetjenesten og fysioterapien'] }),
              status: Type.Union([Type.Literal('planned'), Type.Literal('inProgress')]),
              dueOn: Type.Union([IsoDate, Type.Null()]),
              nextReviewOn: Type.Union([IsoDate, Type.Null()]),
              effectGoal: Type.Union([EffectGoal, Type.Null()]),
            },
            { additionalProperties: false },
          ),
          { maxItems: 200, description: 'The open actions by due date (at most 200). Owners are not named: the report holds no person names.' },
        ),
      },
      { additionalProperties: false },
    ),
    competence: DashboardCompetence,
    arenas: DashboardArenas,
    experiences: DashboardExperiences,
  },
  {
    additionalProperties: false,
    description: "The management review (ledelsens gjennomgang) for a period. The same content is at `/reports/management-review.pdf` as a PDF in the organisation's written standard.",
    examples: [{
      organisation: { name: 'Lagvik kommune', orgNumber: '964950113', writtenStandard: 'nb' },
      period: { from: '2026-01-01', to: '2026-12-31' },
      generatedAt: '2026-12-31T12:00:00.000Z',
      procedures: {
        criteriaSets: [{
          id: '5b0e7f3c-8a1d-4c2e-9f6b-2d4a1e8c7b90', name: 'Kriterier for opprettelse av arbeidslag', kind: 'establishment',
          versionNumber: 2, status: 'published', publishedAt: '2026-02-01T08:00:00.000Z', usedInPeriod: 4,
        }],
        lifecycle: { proposed: 5, approved: 4, rejected: 1, activated: 4, concluded: 1 },
      },
      teams: exampleTeams,
      results: { ...exampleResultCounts, items: [{ title: 'Ny intervjuguide for lærlinger', teamName: 'Arbeidslag for lærlinger', category: 'routineChange', achievedOn: '2026-03-01' }] },
      evaluations: { closedInPeriod: 5, dueNow: 2, overdueNow: 1, closed: [{ teamName: 'Arbeidslag for lærlinger', closedOn: '2026-09-15' }] },
      effectGoals: [exampleTrend],
      followUpActions: {
        open: 1, reviewOverdue: 0,
        items: [{ title: 'Felles fagdag for hjemmetjenesten og fysioterapien', status: 'planned', dueOn: '2027-03-01', nextReviewOn: '2027-01-15', effectGoal: 'competenceMobilisation' }],
      },
      ...exampleActivity,
    }],
  },
);
export type ManagementReview = Static<typeof ManagementReview>;

// --- Public dashboard --------------------------------------------------------------------

export const PublicDashboardFigure = Type.Union(
  [Type.Literal('activeTeams'), Type.Literal('resultsByCategory'), Type.Literal('effectGoalTrends'), Type.Literal('exampleResults')],
  {
    description: 'activeTeams: the number of active teams; resultsByCategory: results documented per category; effectGoalTrends: survey means per effect goal for the whole organisation; exampleResults: titles of recent results of active and concluded teams.',
  },
);
export type PublicDashboardFigure = Static<typeof PublicDashboardFigure>;
export const publicDashboardFigures: PublicDashboardFigure[] = ['activeTeams', 'resultsByCategory', 'effectGoalTrends', 'exampleResults'];

const publicSettingsFields = {
  enabled: Type.Boolean({ description: 'Whether the public page is shown at all.' }),
  figures: Type.Array(PublicDashboardFigure, { maxItems: 4, uniqueItems: true, description: 'Which figures the page shows, in this order.' }),
  intro: NullableText(2000, { description: 'A short text shown above the figures.', examples: ['Slik jobber kommunen med arbeidslag på tvers av fag.'] }),
};

export const PublicDashboardSettings = Type.Object(
  {
    ...publicSettingsFields,
    publicPath: Type.String({ maxLength: 40, pattern: '^/offentlig/[0-9]{9}$', description: 'Where the page is, on this site.', examples: ['/offentlig/964950113'] }),
    version: Version,
    updatedAt: Type.Union([Timestamp, Type.Null()], { description: 'Null until the settings are first saved.' }),
  },
  {
    additionalProperties: false,
    description: "The organisation's public dashboard: off until an administrator switches it on. Before the first save the defaults (off, no figures) are shown with version 1.",
  },
);
export type PublicDashboardSettings = Static<typeof PublicDashboardSettings>;

export const PublicDashboardSettingsPut = Type.Object(publicSettingsFields, {
  additionalProperties: false,
  description: 'Replaces the settings. If-Match is required (version 1 before the first save).',
  examples: [{ enabled: true, figures: ['activeTeams', 'resultsByCategory', 'exampleResults'], intro: 'Slik jobber kommunen med arbeidslag på tvers av fag.' }],
});
export type PublicDashboardSettingsPut = Static<typeof PublicDashboardSettingsPut>;

export const PublicDashboardParams = Type.Object({ orgNumber: OrgNumber }, { additionalProperties: false });
export type PublicDashboardParams = Static<typeof PublicDashboardParams>;

export const PublicDashboard = Type.Object(
  {
    organisation: Type.Object({ name: Text(200, { examples: ['Lagvik kommune'] }), writtenStandard: WrittenStandard }, { additionalProperties: false }),
    intro: NullableText(2000),
    figures: Type.Array(PublicDashboardFigure, { maxItems: 4, uniqueItems: true, description: 'The figures shown, in order; only these properties are present below.' }),
    activeTeams: Type.Optional(Count),
    resultsByCategory: Type.Optional(ResultCategoryCounts),
    effectGoalTrends: Type.Optional(Type.Array(DashboardEffectGoalTrend, { maxItems: 5 })),
    exampleResults: Type.Optional(Type.Array(
      Type.Object(
        {
          title: Text(200, { examples: ['Ny intervjuguide for lærlinger'] }),
          teamName: Text(200, { examples: ['Arbeidslag for lærlinger'] }),
          category: ResultCategory,
          achievedOn: IsoDate,
        },
        { additionalProperties: false },
      ),
      { maxItems: 10, description: 'The six newest results of active and concluded teams (titles and team names only).' },
    )),
  },
  {
    additionalProperties: false,
    description: "An organisation's public dashboard: aggregates the organisation chose to publish, nothing below the anonymity minimum and no person names.",
    examples: [{
      organisation: { name: 'Lagvik kommune', writtenStandard: 'nb' },
      intro: 'Slik jobber kommunen med arbeidslag på tvers av fag.',
      figures: ['activeTeams', 'resultsByCategory', 'exampleResults'],
      activeTeams: 7,
      resultsByCategory: exampleResultCounts.byCategory,
      exampleResults: [{ title: 'Ny intervjuguide for lærlinger', teamName: 'Arbeidslag for lærlinger', category: 'routineChange', achievedOn: '2026-03-01' }],
    }],
  },
);
export type PublicDashboard = Static<typeof PublicDashboard>;
