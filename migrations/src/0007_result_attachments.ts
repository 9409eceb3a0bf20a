import { sql, type Kysely } from 'kysely';

// Files attached to a team's result (a training plan, a new routine as PDF, a photo of the
// new notice board), stored in the database itself: one place to back up, and the same on
// PGlite and PostgreSQL. The description of a file and its bytes live in two tables: the
// audit trail records every change to the description (who added or removed which file),
// while the bytes, which the trail must never copy, sit in a table the trigger does not watch.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('team_result_attachments')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('result_id', 'uuid', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull().check(sql`size > 0`))
    .addColumn('sha256', 'text', (c) => c.notNull().check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('team_result_attachments_pkey', ['organisation_id', 'id'])
    .addForeignKeyConstraint('team_result_attachments_result_fkey', ['organisation_id', 'result_id'], 'team_results', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    // The same file twice on one result is a retried upload, not a second document.
    .addUniqueConstraint('team_result_attachments_content_key', ['organisation_id', 'result_id', 'sha256'])
    .execute();
  await db.schema.createIndex('team_result_attachments_result_idx').on('team_result_attachments')
    .columns(['organisation_id', 'result_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('team_result_attachment_contents')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('attachment_id', 'uuid', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('team_result_attachment_contents_pkey', ['organisation_id', 'attachment_id'])
    .addForeignKeyConstraint('team_result_attachment_contents_attachment_fkey', ['organisation_id', 'attachment_id'],
      'team_result_attachments', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();

  // audit_row_change() is the function 0005 made (and later migrations may have replaced).
  await sql`create trigger team_result_attachments_audit after insert or update or delete on team_result_attachments
    for each row execute function audit_row_change()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists team_result_attachments_audit on team_result_attachments`.execute(db);
  await db.schema.dropTable('team_result_attachment_contents').execute();
  await db.schema.dropTable('team_result_attachments').execute();
}
