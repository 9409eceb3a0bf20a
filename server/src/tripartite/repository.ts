import { sql, type Kysely, type Selectable, type SqlBool, type Transaction } from 'kysely';
import type {
  TripartiteAgreement, TripartiteAgreementSummary, TripartiteListQuery, TripartiteParty, TripartiteVersion, TripartiteVersionSummary,
} from '@lagverk/shared';
import type { DB, TripartiteAgreementsTable } from '../db/types.ts';
import { badRequest } from '../http/problem.ts';

// All SQL of tripartite agreements. The list and the agreement read the current version's
// agreement facts (date and parties) by joining on current_version.

type Executor = Kysely<DB> | Transaction<DB>;

export type AgreementRow = Selectable<TripartiteAgreementsTable> & {
  process_title: string | null;
  agreed_on: string | null;
  agreed_by: TripartiteParty[];
};

export interface VersionRow {
  agreement_id: string;
  number: number;
  title: string;
  body?: string;
  change_note: string | null;
  agreed_on: string | null;
  agreed_by: TripartiteParty[];
  arena_meeting_id: string | null;
  meeting_starts_at: Date | null;
  arena_name: string | null;
  author_person_id: string | null;
  author_name: string | null;
  created_at: Date;
}

function selectAgreements(db: Executor, organisationId: string) {
  return db.selectFrom('tripartite_agreements as a')
    .innerJoin('tripartite_agreement_versions as v', (j) => j.onRef('v.organisation_id', '=', 'a.organisation_id')
      .onRef('v.agreement_id', '=', 'a.id').onRef('v.number', '=', 'a.current_version'))
    .leftJoin('change_processes as p', (j) => j.onRef('p.organisation_id', '=', 'a.organisation_id').onRef('p.id', '=', 'a.process_id'))
    .selectAll('a')
    .select(['p.title as process_title', 'v.agreed_on', 'v.agreed_by'])
    .where('a.organisation_id', '=', organisationId);
}

function selectVersions(db: Executor, organisationId: string, agreementId: string) {
  return db.selectFrom('tripartite_agreement_versions as v')
    .leftJoin('people as author', (j) => j.onRef('author.organisation_id', '=', 'v.organisation_id').onRef('author.id', '=', 'v.author_person_id'))
    .leftJoin('arena_meetings as m', (j) => j.onRef('m.organisation_id', '=', 'v.organisation_id').onRef('m.id', '=', 'v.arena_meeting_id'))
    .leftJoin('arenas as ar', (j) => j.onRef('ar.organisation_id', '=', 'm.organisation_id').onRef('ar.id', '=', 'm.arena_id'))
    .select([
      'v.agreement_id', 'v.number', 'v.title', 'v.change_note', 'v.agreed_on', 'v.agreed_by', 'v.arena_meeting_id', 'v.author_person_id', 'v.created_at',
      'm.starts_at as meeting_starts_at', 'ar.name as arena_name', 'author.name as author_name',
    ])
    .where('v.organisation_id', '=', organisationId)
    .where('v.agreement_id', '=', agreementId);
}

export function findAgreement(db: Executor, organisationId: string, id: string): Promise<AgreementRow | undefined> {
  return selectAgreements(db, organisationId).where('a.id', '=', id).executeTakeFirst() as Promise<AgreementRow | undefined>;
}

export function lockAgreement(trx: Transaction<DB>, organisationId: string, id: string) {
  return trx.selectFrom('tripartite_agreements').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id)
    .forUpdate().executeTakeFirst();
}

export function findVersion(db: Executor, organisationId: string, agreementId: string, number: number): Promise<VersionRow | undefined> {
  return selectVersions(db, organisationId, agreementId).select('v.body').where('v.number', '=', number)
    .executeTakeFirst() as Promise<VersionRow | undefined>;
}

export function listVersions(db: Executor, organisationId: string, agreementId: string): Promise<VersionRow[]> {
  return selectVersions(db, organisationId, agreementId).orderBy('v.number', 'desc').execute() as Promise<VersionRow[]>;
}

export function toVersionSummary(row: VersionRow): TripartiteVersionSummary {
  return {
    number: row.number,
    title: row.title,
    changeNote: row.change_note,
    agreedOn: row.agreed_on,
    agreedBy: row.agreed_by,
    arenaMeeting: row.arena_meeting_id && row.meeting_starts_at && row.arena_name !== null
      ? { id: row.arena_meeting_id, arenaName: row.arena_name, startsAt: row.meeting_starts_at.toISOString() }
      : null,
    authorPersonId: row.author_person_id,
    authorName: row.author_name,
    createdAt: row.created_at.toISOString(),
  };
}

export function toVersion(row: VersionRow): TripartiteVersion {
  return { agreementId: row.agreement_id, ...toVersionSummary(row), body: row.body ?? '' };
}

function agreementFields(row: AgreementRow) {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    processId: row.process_id,
    processTitle: row.process_title,
    currentVersion: row.current_version,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toSummary(row: AgreementRow): TripartiteAgreementSummary {
  return { ...agreementFields(row), agreedOn: row.agreed_on, agreedBy: row.agreed_by };
}

/** The agreement with its current text and history. */
export async function loadAgreement(db: Executor, organisationId: string, id: string): Promise<TripartiteAgreement | undefined> {
  const row = await findAgreement(db, organisationId, id);
  if (!row) return undefined;
  const [current, versions] = await Promise.all([
    findVersion(db, organisationId, id, row.current_version),
    listVersions(db, organisationId, id),
  ]);
  return { ...agreementFields(row), current: toVersion(current!), versions: versions.map(toVersionSummary) };
}

// By title, then id; the cursor carries both, so rows inserted or removed between pages
// neither skip nor repeat one.
interface ListCursor {
  t: string;
  id: string;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodeCursor(cursor: string): ListCursor {
  let data: Partial<ListCursor> | null = null;
  try {
    data = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<ListCursor>;
  } catch {
    // Refused below.
  }
  if (typeof data !== 'object' || data === null || typeof data.t !== 'string' || data.t.length > 200
    || typeof data.id !== 'string' || !uuid.test(data.id)) {
    throw badRequest('invalid-cursor', 'The cursor is not one this list gave out.',
      [{ path: '/query/cursor', message: 'is not a valid cursor for this list', code: 'cursor' }]);
  }
  return data as ListCursor;
}

export async function listAgreements(db: Executor, organisationId: string, query: TripartiteListQuery) {
  const limit = query.limit ?? 50;
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await selectAgreements(db, organisationId)
    .$if(query.status !== undefined, (qb) => qb.where('a.status', '=', query.status!))
    .$if(query.processId !== undefined, (qb) => qb.where('a.process_id', '=', query.processId!))
    .$if(cursor !== null, (qb) => qb.where(sql<SqlBool>`(a.title, a.id) > (${cursor!.t}, ${cursor!.id}::uuid)`))
    .orderBy('a.title').orderBy('a.id')
    .limit(limit + 1)
    .execute() as AgreementRow[];
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(toSummary),
    nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify({ t: last.title, id: last.id } satisfies ListCursor)).toString('base64url') : null,
  };
}
