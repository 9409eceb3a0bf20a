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
  accounts: AccountsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  rate_limits: RateLimitsTable;
  audit_events: AuditEventsTable;
  identity_providers: IdentityProvidersTable;
  sign_in_attempts: SignInAttemptsTable;
}

export type OrganisationRow = Selectable<OrganisationsTable>;
export type UnitRow = Selectable<UnitsTable>;
export type NewUnit = Insertable<UnitsTable>;
export type UnitUpdate = Updateable<UnitsTable>;
export type PersonRow = Selectable<PeopleTable>;
export type NewPerson = Insertable<PeopleTable>;
export type PersonUpdate = Updateable<PeopleTable>;
