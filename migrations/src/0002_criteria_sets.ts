import { sql, type Kysely } from 'kysely';

// Criteria for establishing and for evaluating work teams. A set is edited as a draft
// and published as an immutable version; revising it makes the next version's draft in
// the same series, so teams and evaluations keep pointing at the version they used.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('criteria_sets')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('series_id', 'uuid', (c) => c.notNull())
    .addColumn('version_number', 'integer', (c) => c.notNull().check(sql`version_number >= 1`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('establishment', 'evaluation')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'published', 'superseded')`))
    .addColumn('published_at', sql`timestamptz(3)`)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('criteria_sets_pkey', ['organisation_id', 'id'])
    .addUniqueConstraint('criteria_sets_series_version_key', ['organisation_id', 'series_id', 'version_number'])
    .execute();
  // At most one draft per series: revising twice at once is a conflict, not two drafts.
  await sql`create unique index criteria_sets_one_draft on criteria_sets (organisation_id, series_id) where status = 'draft'`.execute(db);
  await db.schema.createIndex('criteria_sets_kind_idx').on('criteria_sets').columns(['organisation_id', 'kind', 'status']).execute();

  await db.schema
    .createTable('criteria')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('set_id', 'uuid', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('guidance', 'text')
    .addColumn('answer_type', 'text', (c) => c.notNull().check(sql`answer_type in ('yesNo', 'scale', 'number', 'text')`))
    .addColumn('unit', 'text')
    .addColumn('weight', 'integer', (c) => c.notNull().defaultTo(1).check(sql`weight between 0 and 100`))
    .addColumn('required', 'boolean', (c) => c.notNull().defaultTo(false))
    .addPrimaryKeyConstraint('criteria_pkey', ['organisation_id', 'id'])
    .addUniqueConstraint('criteria_position_key', ['organisation_id', 'set_id', 'position'])
    .addForeignKeyConstraint('criteria_set_fkey', ['organisation_id', 'set_id'], 'criteria_sets', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('criteria').execute();
  await db.schema.dropTable('criteria_sets').execute();
}
