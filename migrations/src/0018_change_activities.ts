import { sql, type Kysely } from 'kysely';

// What happens in a change process, phase by phase: site visits to the affected units,
// interviews, staff meetings, process days with case work, project-group meetings. One
// table, one row an activity: the fields all kinds share are columns; what only one kind
// has (an interview's role, notes and themes, a process day's cases, a staff meeting's
// attendance) is `details`, a JSON object whose shape the API's schema for that kind
// decides on the way in.
//
// An interview names nobody: the person is kept out of the database altogether, only
// their role and a pseudonym ("I-07") are recorded. The notes are read only by those who
// run the process (`changeInterviews:read`).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('change_activities')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('process_id', 'uuid', (c) => c.notNull())
    .addColumn('phase_id', 'uuid')
    .addColumn('kind', 'text', (c) => c.notNull()
      .check(sql`kind in ('siteVisit', 'interview', 'staffMeeting', 'processDay', 'projectGroupMeeting')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('held_on', 'date', (c) => c.notNull())
    .addColumn('unit_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`))
    .addColumn('summary', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('change_activities_pkey', ['organisation_id', 'id'])
    .addForeignKeyConstraint('change_activities_process_fkey', ['organisation_id', 'process_id'], 'change_processes', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addCheckConstraint('change_activities_details_check', sql`jsonb_typeof(details) = 'object'`)
    .execute();
  // A phase edited away leaves its activities in the process, without a phase.
  await sql`alter table change_activities add constraint change_activities_phase_fkey
    foreign key (organisation_id, phase_id) references change_process_phases (organisation_id, id)
    on delete set null (phase_id)`.execute(db);
  await db.schema.createIndex('change_activities_process_idx').on('change_activities')
    .columns(['organisation_id', 'process_id', 'held_on', 'id']).execute();
  await sql`create trigger change_activities_audit after insert or update or delete on change_activities
    for each row execute function audit_row_change()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists change_activities_audit on change_activities`.execute(db);
  await db.schema.dropTable('change_activities').execute();
}
