import { sql, type Kysely } from 'kysely';

// Competence measures (kompetansetiltak): courses, workshops, guidance and e-learning for
// coordinators, members and unit managers, or for named teams; their sessions; and each
// person's participation. A participation is either an enrolment in a session, or a
// completion imported from a learning platform (no session: e-learning has none). All
// four tables are audited: one person's courses and hours are personal data.

const measureKinds = sql`kind in ('course', 'workshop', 'guidance', 'eLearning')`;
const measureStatuses = sql`status in ('planned', 'active', 'done', 'cancelled')`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('competence_measures')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) => c.notNull().check(measureKinds))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('target_roles', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`)
      .check(sql`target_roles <@ array['coordinator', 'member', 'unitManager']::text[]`))
    .addColumn('planned_year', 'integer', (c) => c.notNull().check(sql`planned_year between 2000 and 2100`))
    .addColumn('planned_sessions', 'integer', (c) => c.notNull().defaultTo(1).check(sql`planned_sessions between 0 and 1000`))
    .addColumn('planned_hours', sql`numeric(6,1)`, (c) => c.notNull().defaultTo(0).check(sql`planned_hours between 0 and 10000`))
    .addColumn('provider', 'text')
    .addColumn('external_key', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('planned').check(measureStatuses))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('competence_measures_pkey', ['organisation_id', 'id'])
    .addUniqueConstraint('competence_measures_external_key_key', ['organisation_id', 'external_key'])
    .execute();
  await db.schema.createIndex('competence_measures_year_idx').on('competence_measures').columns(['organisation_id', 'planned_year', 'id']).execute();

  await db.schema
    .createTable('competence_measure_teams')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('measure_id', 'uuid', (c) => c.notNull())
    .addColumn('team_id', 'uuid', (c) => c.notNull())
    .addPrimaryKeyConstraint('competence_measure_teams_pkey', ['organisation_id', 'measure_id', 'team_id'])
    .addForeignKeyConstraint('competence_measure_teams_measure_fkey', ['organisation_id', 'measure_id'], 'competence_measures', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('competence_measure_teams_team_fkey', ['organisation_id', 'team_id'], 'teams', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('competence_measure_teams_team_idx').on('competence_measure_teams').columns(['organisation_id', 'team_id']).execute();

  await db.schema
    .createTable('competence_sessions')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('measure_id', 'uuid', (c) => c.notNull())
    .addColumn('starts_at', sql`timestamptz(3)`, (c) => c.notNull())
    .addColumn('ends_at', sql`timestamptz(3)`, (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('capacity', 'integer', (c) => c.check(sql`capacity between 1 and 10000`))
    .addColumn('hours', sql`numeric(6,1)`, (c) => c.notNull().check(sql`hours between 0 and 1000`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('competence_sessions_pkey', ['organisation_id', 'id'])
    .addForeignKeyConstraint('competence_sessions_measure_fkey', ['organisation_id', 'measure_id'], 'competence_measures', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addCheckConstraint('competence_sessions_time_check', sql`ends_at > starts_at`)
    .execute();
  await db.schema.createIndex('competence_sessions_measure_idx').on('competence_sessions').columns(['organisation_id', 'measure_id', 'starts_at']).execute();

  await db.schema
    .createTable('competence_enrolments')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('measure_id', 'uuid', (c) => c.notNull())
    // Null for a completion imported from a learning platform.
    .addColumn('session_id', 'uuid')
    .addColumn('person_id', 'uuid', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('enrolled').check(sql`status in ('enrolled', 'attended', 'absent', 'cancelled')`))
    // Hours credited: set when attended (the session's hours unless told), null otherwise.
    .addColumn('hours', sql`numeric(6,1)`, (c) => c.check(sql`hours between 0 and 1000`))
    // The day the hours count for: the session's first day, or the completion date.
    .addColumn('completed_on', 'date')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('manual').check(sql`source in ('manual', 'import')`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('competence_enrolments_pkey', ['organisation_id', 'id'])
    .addForeignKeyConstraint('competence_enrolments_measure_fkey', ['organisation_id', 'measure_id'], 'competence_measures', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('competence_enrolments_session_fkey', ['organisation_id', 'session_id'], 'competence_sessions', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('competence_enrolments_person_fkey', ['organisation_id', 'person_id'], 'people', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addCheckConstraint('competence_enrolments_attended_check', sql`(status = 'attended') = (hours is not null and completed_on is not null)`)
    .addCheckConstraint('competence_enrolments_import_check', sql`session_id is not null or status = 'attended'`)
    .execute();
  // One enrolment per person and session; one imported completion per person, measure and day
  // (so importing the same file twice counts nothing twice).
  await sql`create unique index competence_enrolments_session_person_key on competence_enrolments (organisation_id, session_id, person_id)
    where session_id is not null`.execute(db);
  await sql`create unique index competence_enrolments_completion_key on competence_enrolments (organisation_id, measure_id, person_id, completed_on)
    where session_id is null`.execute(db);
  await db.schema.createIndex('competence_enrolments_person_idx').on('competence_enrolments').columns(['organisation_id', 'person_id']).execute();
  await db.schema.createIndex('competence_enrolments_measure_idx').on('competence_enrolments').columns(['organisation_id', 'measure_id']).execute();

  // audit_row_change() is the function 0005 made (and later migrations may have replaced).
  for (const table of ['competence_measures', 'competence_measure_teams', 'competence_sessions', 'competence_enrolments']) {
    await sql`create trigger ${sql.raw(`${table}_audit`)} after insert or update or delete on ${sql.table(table)}
      for each row execute function audit_row_change()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['competence_measures', 'competence_measure_teams', 'competence_sessions', 'competence_enrolments']) {
    await sql`drop trigger if exists ${sql.raw(`${table}_audit`)} on ${sql.table(table)}`.execute(db);
  }
  await db.schema.dropTable('competence_enrolments').execute();
  await db.schema.dropTable('competence_sessions').execute();
  await db.schema.dropTable('competence_measure_teams').execute();
  await db.schema.dropTable('competence_measures').execute();
}
