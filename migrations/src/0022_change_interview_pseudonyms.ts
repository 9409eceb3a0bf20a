import type { Kysely } from 'kysely';

// An interview's pseudonym ("I-07") is given by the server, one number after the other per
// process, and never given twice: not even after the interview with the highest number is
// deleted, since notes, reports and minutes may still refer to it. The last number given
// is therefore kept here, apart from the interviews themselves. A counter, not a record of
// anything: not audited.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('change_interview_pseudonyms')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('process_id', 'uuid', (c) => c.notNull())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('change_interview_pseudonyms_pkey', ['organisation_id', 'process_id'])
    .addForeignKeyConstraint('change_interview_pseudonyms_process_fkey', ['organisation_id', 'process_id'], 'change_processes', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('change_interview_pseudonyms').execute();
}
