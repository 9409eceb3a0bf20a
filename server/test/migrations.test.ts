import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { NO_MIGRATIONS, sql, type Kysely } from 'kysely';
import pg from 'pg';
import { assertMigrated, migrateToLatest, migrationStatus, migrator, openDatabase, type Database } from '../src/db/database.ts';
import { testDatabaseKind } from './support/database.ts';
import { testPostgresAdminUrl } from './support/env.ts';

// Every migration must go up, all the way down, and up again, on the database kind of
// this project, in a database of its own (the shared test database stays migrated).

const tables = [
  'organisations', 'units', 'people', 'idempotency_keys',
  'criteria_sets', 'criteria',
  'teams', 'team_units', 'team_members', 'team_assessment_answers', 'team_events', 'team_results',
  'team_result_attachments', 'team_result_attachment_contents',
  'evaluations', 'evaluation_assessments', 'evaluation_answers',
  'accounts', 'sessions', 'api_tokens', 'rate_limits', 'audit_events',
  'identity_providers', 'sign_in_attempts',
  'survey_templates', 'survey_questions', 'survey_rounds', 'survey_round_units', 'survey_invitations', 'survey_responses', 'survey_answers',
  'follow_up_actions', 'follow_up_reviews',
  'public_dashboards',
  'arenas', 'arena_members', 'arena_meetings', 'meeting_agenda_items', 'meeting_decisions', 'meeting_follow_up_items', 'meeting_invitations', 'calendar_feeds',
  'experiences', 'experience_search', 'experience_comments', 'experience_useful_marks',
  'news_items',
  'change_processes', 'change_process_phases', 'change_process_members', 'change_activities', 'change_interview_pseudonyms',
  'change_questions', 'change_messages',
  'org_chart_proposals', 'org_chart_comment_rounds', 'org_chart_comments',
  'tripartite_agreements', 'tripartite_agreement_versions',
  'competence_measures', 'competence_measure_teams', 'competence_sessions', 'competence_enrolments',
  'notifications', 'notification_settings', 'notification_preferences', 'email_outbox', 'evaluation_due_notices',
];
let database: Database;
let dropDatabase = async () => {};

beforeAll(async () => {
  if (testDatabaseKind === 'postgres') {
    const name = `lagverk_migrations_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: testPostgresAdminUrl() });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(testPostgresAdminUrl());
    url.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: url.toString(), poolMax: 2 });
    dropDatabase = async () => {
      const drop = new pg.Client({ connectionString: testPostgresAdminUrl() });
      await drop.connect();
      await drop.query(`drop database if exists ${name} with (force)`);
      await drop.end();
    };
  } else {
    database = await openDatabase({ pglite: new PGlite('memory://'), dataDir: 'memory://' });
  }
});
afterAll(async () => {
  await database?.close();
  await dropDatabase();
});

async function existingTables(db: Kysely<any>) {
  const rows = await sql<{
    name: string;
  }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(db);
  return rows.rows.map((r) => r.name).filter((n) => !n.startsWith('kysely_'));
}

async function migrateAllDown(db: Kysely<any>) {
  const result = await migrator(db).migrateTo(NO_MIGRATIONS);
  assertMigrated(result);
  return result.results ?? [];
}

describe('migrations', () => {
  it('start with every migration pending on an empty database', async () => {
    const status = await migrationStatus(database.db);
    expect(status.length).toBeGreaterThan(0);
    expect(status.every((m) => m.executedAt === null)).toBe(true);
    expect(await existingTables(database.db)).toEqual([]);
  });

  it('run all up, creating every table', async () => {
    const ran = await migrateToLatest(database.db);
    expect(ran).toEqual((await migrationStatus(database.db)).map((m) => m.name));
    expect((await existingTables(database.db)).sort()).toEqual([...tables].sort());
    expect((await migrationStatus(database.db)).every((m) => m.executedAt !== null)).toBe(true);
  });

  it('run all down, leaving no table behind', async () => {
    // Rows in every table, so down must cope with real data and its references.
    const org = await database.db
      .insertInto('organisations')
      .values({ name: 'Ned', org_number: '123456789' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const person = await database.db
      .insertInto('people')
      .values({ organisation_id: org.id, name: 'Leder' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto('units')
      .values({ organisation_id: org.id, name: 'Eining', kind: 'unit', manager_id: person.id })
      .execute();

    const results = await migrateAllDown(database.db);
    expect(results.every((r) => r.direction === 'Down' && r.status === 'Success')).toBe(true);
    expect(await existingTables(database.db)).toEqual([]);
    expect((await migrationStatus(database.db)).every((m) => m.executedAt === null)).toBe(true);
  });

  it('run all up again, to the same schema', async () => {
    await migrateToLatest(database.db);
    expect((await existingTables(database.db)).sort()).toEqual([...tables].sort());
    const org = await database.db
      .insertInto('organisations')
      .values({ name: 'Opp igjen', org_number: '123456789' })
      .returning('id')
      .executeTakeFirst();
    expect(org?.id).toEqual(expect.any(String));
  });
});
