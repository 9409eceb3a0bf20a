import { sql, type Kysely } from 'kysely';

// Open change processes (omstilling): the process with its mandate, status and the units
// it affects; its phases with dates; its project group. The phases and the project group
// are lists edited with the process under its version (like an arena's composition). The
// affected units are an array, as a news item's audience is: a unit removed later simply
// drops out of the list. Every table is audited.
//
// The parts of a process (activities, questions, the communication plan, organisation-
// chart proposals) live in later migrations and reference change_processes.

const tables = ['change_processes', 'change_process_phases', 'change_process_members'];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('change_processes')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('mandate', 'text', (c) => c.notNull())
    .addColumn('background', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('planned')
      .check(sql`status in ('planned', 'active', 'completed', 'cancelled')`))
    .addColumn('affected_unit_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('change_processes_pkey', ['organisation_id', 'id'])
    .execute();
  await db.schema.createIndex('change_processes_title_idx').on('change_processes')
    .columns(['organisation_id', 'title', 'id']).execute();

  await db.schema
    .createTable('change_process_phases')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('process_id', 'uuid', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addPrimaryKeyConstraint('change_process_phases_pkey', ['organisation_id', 'id'])
    .addForeignKeyConstraint('change_process_phases_process_fkey', ['organisation_id', 'process_id'], 'change_processes', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addUniqueConstraint('change_process_phases_position_key', ['organisation_id', 'process_id', 'position'])
    .addCheckConstraint('change_process_phases_dates_check', sql`ends_on >= starts_on`)
    .execute();

  await db.schema
    .createTable('change_process_members')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('process_id', 'uuid', (c) => c.notNull())
    .addColumn('person_id', 'uuid', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull()
      .check(sql`role in ('projectLeader', 'member', 'manager', 'unionRepresentative', 'safetyRepresentative', 'consultant')`))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('change_process_members_pkey', ['organisation_id', 'id'])
    .addForeignKeyConstraint('change_process_members_process_fkey', ['organisation_id', 'process_id'], 'change_processes', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('change_process_members_person_fkey', ['organisation_id', 'person_id'], 'people', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addUniqueConstraint('change_process_members_person_key', ['organisation_id', 'process_id', 'person_id'])
    .execute();
  await db.schema.createIndex('change_process_members_person_idx').on('change_process_members')
    .columns(['organisation_id', 'person_id']).execute();

  for (const table of tables) {
    await sql`create trigger ${sql.raw(`${table}_audit`)} after insert or update or delete on ${sql.table(table)}
      for each row execute function audit_row_change()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [...tables].reverse()) {
    await sql`drop trigger if exists ${sql.raw(`${table}_audit`)} on ${sql.table(table)}`.execute(db);
    await db.schema.dropTable(table).execute();
  }
}
