import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

// The database as Kysely sees it, written by hand in this one place. Migrations do not
// import it (they are frozen in time); tests check it against the migrated schema.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface OrganisationsTable {
  id: Generated<string>;
  name: string;
  org_number: string;
  written_standard: Generated<'nb' | 'nn'>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UnitsTable {
  organisation_id: string;
  id: Generated<string>;
  parent_id: string | null;
  manager_id: string | null;
  name: string;
  kind: 'serviceArea' | 'unit' | 'section';
  description: string | null;
  external_id: string | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PeopleTable {
  organisation_id: string;
  id: Generated<string>;
  name: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  profession: string | null;
  unit_id: string | null;
  external_id: string | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface IdempotencyKeysTable {
  organisation_id: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  response_status: number | null;
  response_body: string | null;
  response_headers: ColumnType<Record<string, string> | null, string | null, string | null>;
  created_at: Timestamp;
}

export interface CriteriaSetsTable {
  organisation_id: string;
  id: Generated<string>;
  series_id: string;
  version_number: number;
  kind: 'establishment' | 'evaluation';
  name: string;
  description: string | null;
  status: Generated<'draft' | 'published' | 'superseded'>;
  published_at: Date | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CriteriaTable {
  organisation_id: string;
  id: Generated<string>;
  set_id: string;
  position: number;
  title: string;
  guidance: string | null;
  answer_type: 'yesNo' | 'scale' | 'number' | 'text';
  unit: string | null;
  weight: Generated<number>;
  required: Generated<boolean>;
}

/** `date` columns are read as 'YYYY-MM-DD' strings (see the type parsers in database.ts). */
type DateColumn = ColumnType<string, string | undefined, string>;
/** numeric comes back from pg as a string, so it is never rounded through a float. */
type NumericColumn = ColumnType<string, number | string | null, number | string | null>;

export interface TeamsTable {
  organisation_id: string;
  id: Generated<string>;
  name: string;
  purpose: string | null;
  mandate: string | null;
  everyday_task: string | null;
  expected_effect: string | null;
  effect_goals: Generated<string[]>;
  status: Generated<'draft' | 'proposed' | 'approved' | 'rejected' | 'active' | 'paused' | 'concluded'>;
  start_date: ColumnType<string | null, string | null | undefined, string | null>;
  planned_end_date: ColumnType<string | null, string | null | undefined, string | null>;
  hours_per_member_per_month: NumericColumn | null;
  meeting_rhythm: string | null;
  budget_nok: number | null;
  other_resources: string | null;
  evaluation_interval_months: Generated<number>;
  establishment_set_id: string | null;
  decision_reason: string | null;
  decided_at: Date | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TeamUnitsTable {
  organisation_id: string;
  team_id: string;
  unit_id: string;
}

export interface TeamMembersTable {
  organisation_id: string;
  id: Generated<string>;
  team_id: string;
  person_id: string;
  role: 'coordinator' | 'member' | 'resourcePerson';
  joined_on: DateColumn;
  left_on: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TeamAssessmentAnswersTable {
  organisation_id: string;
  team_id: string;
  criterion_id: string;
  value: ColumnType<unknown, string | null, string | null>;
  comment: string | null;
}

export interface TeamEventsTable {
  organisation_id: string;
  id: Generated<string>;
  team_id: string;
  at: Timestamp;
  kind: string;
  actor_person_id: string | null;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface TeamResultsTable {
  organisation_id: string;
  id: Generated<string>;
  team_id: string;
  title: string;
  description: string | null;
  category: 'routineChange' | 'serviceQuality' | 'resourceEfficiency' | 'competence' | 'other';
  achieved_on: string;
  measures: ColumnType<{ label: string; unit: string; before: number | null; after: number | null }[], string | undefined, string>;
  links: ColumnType<{ title: string; url: string }[], string | undefined, string>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EvaluationsTable {
  organisation_id: string;
  id: Generated<string>;
  team_id: string;
  criteria_set_id: string;
  status: Generated<'open' | 'closed'>;
  conclusion: string | null;
  closed_at: Date | null;
  closed_by_person_id: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EvaluationAssessmentsTable {
  organisation_id: string;
  evaluation_id: string;
  part: 'self' | 'manager';
  status: Generated<'draft' | 'submitted'>;
  submitted_at: Date | null;
  submitted_by_person_id: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EvaluationAnswersTable {
  organisation_id: string;
  evaluation_id: string;
  part: 'self' | 'manager';
  criterion_id: string;
  value: ColumnType<unknown, string | null, string | null>;
  comment: string | null;
  result_ids: Generated<string[]>;
}

/** A file attached to a result: what it is. The bytes are in TeamResultAttachmentContentsTable. */
export interface TeamResultAttachmentsTable {
  organisation_id: string;
  id: Generated<string>;
  result_id: string;
  file_name: string;
  content_type: string;
  size: number;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  created_at: Timestamp;
}

/** The bytes of an attachment, apart from its description so the audit trigger never sees them. */
export interface TeamResultAttachmentContentsTable {
  organisation_id: string;
  attachment_id: string;
  /** pg reads bytea as a Buffer, PGlite as a Uint8Array; never changed once written. */
  content: ColumnType<Uint8Array, Uint8Array, never>;
}

export interface AccountsTable {
  organisation_id: string;
  id: Generated<string>;
  person_id: string;
  email: string;
  password_hash: string | null;
  roles: Generated<string[]>;
  active: Generated<boolean>;
  last_sign_in_at: Timestamp | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  organisation_id: string;
  id: Generated<string>;
  account_id: string;
  token_hash: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  user_agent: string | null;
  ip_address: string | null;
}

export interface ApiTokensTable {
  organisation_id: string;
  id: Generated<string>;
  name: string;
  token_hash: string;
  scopes: string[];
  expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_by_account_id: string | null;
  created_at: Timestamp;
}

export interface RateLimitsTable {
  organisation_id: string;
  key: string;
  window_start: ColumnType<Date, Date | string, Date | string>;
  hits: number;
}

export interface AuditEventsTable {
  organisation_id: string;
  /** bigint: pg returns it as a string. */
  id: ColumnType<string, never, never>;
  occurred_at: ColumnType<Date, never, never>;
  actor_kind: 'account' | 'token' | 'cli' | 'system';
  actor_account_id: string | null;
  actor_person_id: string | null;
  actor_token_id: string | null;
  actor_name: string | null;
  request_id: string | null;
  entity: string;
  entity_id: string | null;
  action: string;
  changes: ColumnType<Record<string, { before?: unknown; after?: unknown; redacted?: boolean }>, string, never>;
}

export interface IdentityProvidersTable {
  organisation_id: string;
  id: Generated<string>;
  name: string;
  issuer: string;
  client_id: string;
  /** Sealed (see sso/secret-box.ts); null for a public client. */
  client_secret: string | null;
  scopes: Generated<string>;
  match_by: 'email' | 'externalId';
  external_id_claim: Generated<string>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SignInAttemptsTable {
  organisation_id: string;
  state: string;
  provider_id: string;
  nonce: string;
  code_verifier: string;
  browser_hash: string;
  return_to: string;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

export type SurveyEffectGoal = 'unusedPotential' | 'resourceEfficiency' | 'serviceQuality' | 'competenceMobilisation' | 'tripartiteCooperation';

export interface SurveyTemplatesTable {
  organisation_id: string;
  id: Generated<string>;
  name: string;
  description: string | null;
  language: 'nb' | 'nn' | 'en';
  audience: 'employees' | 'serviceUsers';
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SurveyQuestionsTable {
  organisation_id: string;
  id: Generated<string>;
  template_id: string;
  position: number;
  text: string;
  help: string | null;
  type: 'scale' | 'yesNo' | 'choice' | 'text';
  options: Generated<string[]>;
  effect_goal: SurveyEffectGoal | null;
  indicator: string | null;
  background: Generated<boolean>;
  required: Generated<boolean>;
}

export interface SurveyRoundsTable {
  organisation_id: string;
  id: Generated<string>;
  template_id: string;
  name: string;
  kind: 'baseline' | 'followUp';
  baseline_round_id: string | null;
  audience: 'allEmployees' | 'units' | 'teamMembers' | 'serviceUsers';
  unit_ids: Generated<string[]>;
  team_ids: Generated<string[]>;
  opens_at: ColumnType<Date, Date | string, Date | string>;
  closes_at: ColumnType<Date, Date | string, Date | string>;
  status: Generated<'draft' | 'open' | 'closed'>;
  min_respondents: Generated<number>;
  min_text_respondents: Generated<number>;
  /** The service users' shared link (`s_…`); set when a serviceUsers round opens. */
  public_token: string | null;
  invited_count: Generated<number>;
  opened_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The active units of the organisation when the round opened: the tree its results are grouped by. Not audited. */
export interface SurveyRoundUnitsTable {
  organisation_id: string;
  round_id: string;
  unit_id: string;
  parent_id: string | null;
  name: string;
}

/** Not audited: the trail must not tie a person to the moment an answer was stored. */
export interface SurveyInvitationsTable {
  organisation_id: string;
  id: Generated<string>;
  round_id: string;
  person_id: string;
  token: string;
  used: Generated<boolean>;
  created_at: Timestamp;
}

/** Deliberately without person, invitation or time (see docs/surveys.md). */
export interface SurveyResponsesTable {
  organisation_id: string;
  id: Generated<string>;
  round_id: string;
  unit_id: string | null;
  team_ids: Generated<string[]>;
  channel: 'invitation' | 'sharedLink';
}

export interface SurveyAnswersTable {
  organisation_id: string;
  response_id: string;
  round_id: string;
  question_id: string;
  /** scale 1–5; yesNo 1 = yes, 0 = no; choice: the option's index. */
  number_value: number | null;
  text_value: string | null;
}

export type FollowUpStatus = 'planned' | 'inProgress' | 'done' | 'cancelled';

/** A follow-up action on survey results. Audited. */
export interface FollowUpActionsTable {
  organisation_id: string;
  id: Generated<string>;
  round_id: string | null;
  unit_id: string | null;
  team_id: string | null;
  effect_goal: SurveyEffectGoal | null;
  question_id: string | null;
  title: string;
  description: string | null;
  owner_person_id: string;
  due_on: ColumnType<string | null, string | null | undefined, string | null>;
  status: Generated<FollowUpStatus>;
  review_interval_months: Generated<number>;
  next_review_on: DateColumn;
  involved_person_ids: Generated<string[]>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A review of a follow-up action. Audited. */
export interface FollowUpReviewsTable {
  organisation_id: string;
  id: Generated<string>;
  action_id: string;
  reviewed_on: DateColumn;
  status: FollowUpStatus;
  note: string | null;
  reviewer_person_id: string | null;
  created_at: Timestamp;
}

/** The public dashboard's settings; one row per organisation, made on the first save. */
export interface PublicDashboardsTable {
  organisation_id: string;
  enabled: Generated<boolean>;
  figures: Generated<('activeTeams' | 'resultsByCategory' | 'effectGoalTrends' | 'exampleResults')[]>;
  intro: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Not audited: a personal inbox of high volume (see migrations/src/0015_notifications.ts). */
export interface NotificationsTable {
  organisation_id: string;
  id: Generated<string>;
  person_id: string;
  kind: 'meetingInvitation' | 'surveyInvitation' | 'teamProposed' | 'teamDecided' | 'evaluationDue' | 'changeQuestionAnswered';
  title: string;
  link: string;
  subject_id: string;
  created_at: Timestamp;
  read_at: Date | null;
}

export interface NotificationSettingsTable {
  organisation_id: string;
  person_id: string;
  email_language: Generated<'nb' | 'nn' | 'en'>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface NotificationPreferencesTable {
  organisation_id: string;
  person_id: string;
  kind: 'meetingInvitation' | 'surveyInvitation' | 'teamProposed' | 'teamDecided' | 'evaluationDue' | 'changeQuestionAnswered';
  in_app: boolean;
  email: boolean;
}

/** Not audited: a body may carry a personal survey link; it is blanked once sent. */
export interface EmailOutboxTable {
  organisation_id: string;
  id: Generated<string>;
  person_id: string | null;
  kind: 'meetingInvitation' | 'surveyInvitation' | 'teamProposed' | 'teamDecided' | 'evaluationDue' | 'changeQuestionAnswered';
  to_address: string;
  subject: string;
  text_body: string | null;
  html_body: string | null;
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Date | null;
}

export interface EvaluationDueNoticesTable {
  organisation_id: string;
  team_id: string;
  due_on: ColumnType<string, string, string>;
  created_at: Timestamp;
}

/** An arena for experience sharing (migrations/src/0012_arenas.ts). Audited, as are its parts. */
export interface ArenasTable {
  organisation_id: string;
  id: Generated<string>;
  type: 'networkMeeting' | 'learningForum' | 'processDay' | 'tripartiteWorkshop' | 'administrationCommittee' | 'digitalForum';
  name: string;
  purpose: string | null;
  rhythm: string | null;
  interval_weeks: number | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ArenaMembersTable {
  organisation_id: string;
  id: Generated<string>;
  arena_id: string;
  person_id: string;
  party: 'politician' | 'administration' | 'union' | 'safety' | 'team' | 'other';
  team_id: string | null;
  position: number;
  created_at: Timestamp;
}

export interface ArenaMeetingsTable {
  organisation_id: string;
  id: Generated<string>;
  arena_id: string;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  ends_at: ColumnType<Date, Date | string, Date | string>;
  place: string | null;
  video_url: string | null;
  status: Generated<'planned' | 'held' | 'cancelled'>;
  minutes: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MeetingAgendaItemsTable {
  organisation_id: string;
  id: Generated<string>;
  meeting_id: string;
  position: number;
  title: string;
  team_id: string | null;
  duration_minutes: number | null;
}

export interface MeetingDecisionsTable {
  organisation_id: string;
  id: Generated<string>;
  meeting_id: string;
  position: number;
  text: string;
}

export interface MeetingFollowUpItemsTable {
  organisation_id: string;
  id: Generated<string>;
  meeting_id: string;
  position: number;
  title: string;
  owner_person_id: string;
  due_on: ColumnType<string | null, string | null | undefined, string | null>;
  done: Generated<boolean>;
}

export interface MeetingInvitationsTable {
  organisation_id: string;
  id: Generated<string>;
  meeting_id: string;
  person_id: string;
  answer: 'accepted' | 'declined' | 'tentative' | null;
  answered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  attended: boolean | null;
  created_at: Timestamp;
}

/** A person's calendar feed; only the token's hash is kept. */
export interface CalendarFeedsTable {
  organisation_id: string;
  id: Generated<string>;
  person_id: string;
  token_hash: string;
  created_at: Timestamp;
}

export interface NewsItemsTable {
  organisation_id: string;
  id: Generated<string>;
  kind: 'news' | 'announcement';
  title: string;
  body: string;
  pinned: Generated<boolean>;
  audience_unit_ids: Generated<string[]>;
  published_at: Date | null;
  expires_on: string | null;
  author_person_id: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A change process (see migrations/src/0017_change_processes.ts). Audited. */
export interface ChangeProcessesTable {
  organisation_id: string;
  id: Generated<string>;
  title: string;
  mandate: string;
  background: string | null;
  status: Generated<'planned' | 'active' | 'completed' | 'cancelled'>;
  affected_unit_ids: Generated<string[]>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A phase of a change process, edited with the process. Audited. */
export interface ChangeProcessPhasesTable {
  organisation_id: string;
  id: Generated<string>;
  process_id: string;
  position: number;
  name: string;
  description: string | null;
  starts_on: string;
  ends_on: string;
}

/** A member of a change process's project group, edited with the process. Audited. */
export interface ChangeProcessMembersTable {
  organisation_id: string;
  id: Generated<string>;
  process_id: string;
  person_id: string;
  role: 'projectLeader' | 'member' | 'manager' | 'unionRepresentative' | 'safetyRepresentative' | 'consultant';
  position: number;
}

/** The last interview pseudonym number given in a process (see migrations/src/0022_change_interview_pseudonyms.ts). */
export interface ChangeInterviewPseudonymsTable {
  organisation_id: string;
  process_id: string;
  last_number: number;
}

/** An activity of a change process (see migrations/src/0018_change_activities.ts). Audited. */
export interface ChangeActivitiesTable {
  organisation_id: string;
  id: Generated<string>;
  process_id: string;
  phase_id: string | null;
  kind: 'siteVisit' | 'interview' | 'staffMeeting' | 'processDay' | 'projectGroupMeeting';
  title: string;
  held_on: string;
  unit_ids: Generated<string[]>;
  summary: string | null;
  /** Kind-specific fields, checked by the API's schema for the kind. */
  details: ColumnType<unknown, string, string>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** An organisation-chart proposal of a change process (see migrations/src/0020_org_chart_proposals.ts). Audited. */
export interface OrgChartProposalsTable {
  organisation_id: string;
  id: Generated<string>;
  process_id: string;
  title: string;
  description: string | null;
  root_unit_id: string | null;
  /** The proposed tree as nodes (shared OrgChartNode[]); written as JSON text. */
  nodes: ColumnType<unknown, string | undefined, string>;
  base_nodes: ColumnType<unknown, string | undefined, string>;
  status: Generated<'draft' | 'decided' | 'applied' | 'rejected'>;
  decided_on: string | null;
  decision_reference: string | null;
  applied_at: Date | null;
  applied_by_person_id: string | null;
  before_nodes: ColumnType<unknown, string | null | undefined, string | null>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A comment round on an organisation-chart proposal. Audited. */
export interface OrgChartCommentRoundsTable {
  organisation_id: string;
  id: Generated<string>;
  proposal_id: string;
  opens_on: string;
  closes_on: string;
  closed_at: Date | null;
  created_at: Timestamp;
}

/** A named comment on an organisation-chart proposal, given in a round. Audited. */
export interface OrgChartCommentsTable {
  organisation_id: string;
  id: Generated<string>;
  proposal_id: string;
  round_id: string;
  person_id: string;
  node_key: string | null;
  body: string;
  created_at: Timestamp;
}

/** A question in a change process (see migrations/src/0019_change_questions_and_messages.ts). An anonymous one has no asker, and its insert is not audited. */
export interface ChangeQuestionsTable {
  organisation_id: string;
  id: Generated<string>;
  process_id: string;
  activity_id: string | null;
  asked_via: Generated<'online' | 'meeting'>;
  asker_person_id: string | null;
  question: string;
  asked_on: string;
  status: Generated<'open' | 'answered' | 'hidden'>;
  answer: string | null;
  answered_at: Date | null;
  answerer_person_id: string | null;
  hidden_reason: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A message in a change process's communication plan (0019). Audited. */
export interface ChangeMessagesTable {
  organisation_id: string;
  id: Generated<string>;
  process_id: string;
  phase_id: string | null;
  title: string;
  content: string | null;
  audience: 'allStaff' | 'affectedStaff' | 'managers' | 'projectGroup' | 'unionRepresentatives' | 'politicians' | 'public' | 'serviceUsers';
  channel: 'informationMeeting' | 'staffMeeting' | 'email' | 'intranet' | 'news' | 'letter' | 'press' | 'other';
  planned_on: string;
  owner_person_id: string | null;
  status: Generated<'planned' | 'done' | 'cancelled'>;
  done_on: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** An experience in the library (see migrations/src/0013_experiences.ts). Audited. */
export interface ExperiencesTable {
  organisation_id: string;
  id: Generated<string>;
  title: string;
  tried: string;
  worked: string | null;
  did_not_work: string | null;
  advice: string | null;
  author_person_id: string | null;
  team_id: string | null;
  result_id: string | null;
  arena_meeting_id: string | null;
  effect_goals: Generated<string[]>;
  tags: Generated<string[]>;
  shared_at: Date | null;
  share_author: Generated<boolean>;
  share_organisation: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** An experience's full-text document, kept by a trigger; not audited (derived). */
export interface ExperienceSearchTable {
  organisation_id: string;
  experience_id: string;
  document: string;
}

export interface ExperienceCommentsTable {
  organisation_id: string;
  id: Generated<string>;
  experience_id: string;
  author_person_id: string | null;
  body: string;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ExperienceUsefulMarksTable {
  organisation_id: string;
  experience_id: string;
  person_id: string;
  created_at: Timestamp;
}

export interface DB {
  organisations: OrganisationsTable;
  units: UnitsTable;
  people: PeopleTable;
  idempotency_keys: IdempotencyKeysTable;
  criteria_sets: CriteriaSetsTable;
  criteria: CriteriaTable;
  teams: TeamsTable;
  team_units: TeamUnitsTable;
  team_members: TeamMembersTable;
  team_assessment_answers: TeamAssessmentAnswersTable;
  team_events: TeamEventsTable;
  team_results: TeamResultsTable;
  team_result_attachments: TeamResultAttachmentsTable;
  team_result_attachment_contents: TeamResultAttachmentContentsTable;
  evaluations: EvaluationsTable;
  evaluation_assessments: EvaluationAssessmentsTable;
  evaluation_answers: EvaluationAnswersTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  rate_limits: RateLimitsTable;
  audit_events: AuditEventsTable;
  identity_providers: IdentityProvidersTable;
  sign_in_attempts: SignInAttemptsTable;
  survey_templates: SurveyTemplatesTable;
  survey_questions: SurveyQuestionsTable;
  survey_rounds: SurveyRoundsTable;
  survey_round_units: SurveyRoundUnitsTable;
  survey_invitations: SurveyInvitationsTable;
  survey_responses: SurveyResponsesTable;
  survey_answers: SurveyAnswersTable;
  follow_up_actions: FollowUpActionsTable;
  follow_up_reviews: FollowUpReviewsTable;
  public_dashboards: PublicDashboardsTable;
  notifications: NotificationsTable;
  notification_settings: NotificationSettingsTable;
  notification_preferences: NotificationPreferencesTable;
  email_outbox: EmailOutboxTable;
  evaluation_due_notices: EvaluationDueNoticesTable;
  arenas: ArenasTable;
  arena_members: ArenaMembersTable;
  arena_meetings: ArenaMeetingsTable;
  meeting_agenda_items: MeetingAgendaItemsTable;
  meeting_decisions: MeetingDecisionsTable;
  meeting_follow_up_items: MeetingFollowUpItemsTable;
  meeting_invitations: MeetingInvitationsTable;
  calendar_feeds: CalendarFeedsTable;
  news_items: NewsItemsTable;
  change_processes: ChangeProcessesTable;
  change_process_phases: ChangeProcessPhasesTable;
  change_process_members: ChangeProcessMembersTable;
  change_activities: ChangeActivitiesTable;
  change_interview_pseudonyms: ChangeInterviewPseudonymsTable;
  change_questions: ChangeQuestionsTable;
  change_messages: ChangeMessagesTable;
  org_chart_proposals: OrgChartProposalsTable;
  org_chart_comment_rounds: OrgChartCommentRoundsTable;
  org_chart_comments: OrgChartCommentsTable;
  competence_measures: CompetenceMeasuresTable;
  competence_measure_teams: CompetenceMeasureTeamsTable;
  competence_sessions: CompetenceSessionsTable;
  competence_enrolments: CompetenceEnrolmentsTable;
  experiences: ExperiencesTable;
  experience_search: ExperienceSearchTable;
  experience_comments: ExperienceCommentsTable;
  experience_useful_marks: ExperienceUsefulMarksTable;
  tripartite_agreements: TripartiteAgreementsTable;
  tripartite_agreement_versions: TripartiteAgreementVersionsTable;
}

/** A tripartite agreement (see migrations/src/0021_tripartite_agreements.ts). Audited. */
export interface TripartiteAgreementsTable {
  organisation_id: string;
  id: Generated<string>;
  title: string;
  status: Generated<'draft' | 'agreed' | 'retired'>;
  process_id: string | null;
  current_version: Generated<number>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A version of a tripartite agreement's text: written once, never changed (a trigger refuses). Audited. */
export interface TripartiteAgreementVersionsTable {
  organisation_id: string;
  id: Generated<string>;
  agreement_id: string;
  number: number;
  title: string;
  body: string;
  change_note: string | null;
  agreed_on: string | null;
  agreed_by: Generated<('politicians' | 'administration' | 'unions')[]>;
  arena_meeting_id: string | null;
  author_person_id: string | null;
  created_at: Timestamp;
}

export type OrganisationRow = Selectable<OrganisationsTable>;
export type UnitRow = Selectable<UnitsTable>;
export type NewUnit = Insertable<UnitsTable>;
export type UnitUpdate = Updateable<UnitsTable>;
export type PersonRow = Selectable<PeopleTable>;
export type NewPerson = Insertable<PeopleTable>;
export type PersonUpdate = Updateable<PeopleTable>;

// Competence measures (0014): numeric hours come back from pg as strings.
export interface CompetenceMeasuresTable {
  organisation_id: string;
  id: Generated<string>;
  kind: 'course' | 'workshop' | 'guidance' | 'eLearning';
  title: string;
  description: string | null;
  target_roles: ColumnType<string[], unknown, unknown>;
  planned_year: number;
  planned_sessions: Generated<number>;
  planned_hours: ColumnType<string, number | string | undefined, number | string>;
  provider: string | null;
  external_key: string | null;
  status: Generated<'planned' | 'active' | 'done' | 'cancelled'>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CompetenceMeasureTeamsTable {
  organisation_id: string;
  measure_id: string;
  team_id: string;
}

export interface CompetenceSessionsTable {
  organisation_id: string;
  id: Generated<string>;
  measure_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  place: string | null;
  capacity: number | null;
  hours: ColumnType<string, number | string, number | string>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CompetenceEnrolmentsTable {
  organisation_id: string;
  id: Generated<string>;
  measure_id: string;
  session_id: string | null;
  person_id: string;
  status: Generated<'enrolled' | 'attended' | 'absent' | 'cancelled'>;
  hours: ColumnType<string | null, number | string | null | undefined, unknown>;
  completed_on: ColumnType<string | null, string | null | undefined, unknown>;
  source: Generated<'manual' | 'import'>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
