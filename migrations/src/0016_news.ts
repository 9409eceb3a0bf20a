import { sql, type Kysely } from 'kysely';

// News and announcements on the home page. One audited table: a draft has no
// published_at; a published_at in the future schedules it; an announcement (or any item)
// may end on expires_on. The audience is everyone, or the units in audience_unit_ids and
// the units below them. It is an array, not a child table, so an audience change is one
// audit event on the item it belongs to; a unit removed later simply reaches nobody.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('news_items')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('news', 'announcement')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('pinned', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('audience_unit_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`))
    .addColumn('published_at', sql`timestamptz(3)`)
    .addColumn('expires_on', 'date')
    .addColumn('author_person_id', 'uuid')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('news_items_pkey', ['organisation_id', 'id'])
    .execute();
  // The author may leave the organisation's records; the item stays, without a name.
  await sql`alter table news_items add constraint news_items_author_fkey
    foreign key (organisation_id, author_person_id) references people (organisation_id, id)
    on delete set null (author_person_id)`.execute(db);
  // The reader's list: published, pinned first, newest first.
  await db.schema.createIndex('news_items_published_idx').on('news_items')
    .columns(['organisation_id', 'pinned', 'published_at', 'id']).execute();
  await sql`create trigger news_items_audit after insert or update or delete on news_items
    for each row execute function audit_row_change()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists news_items_audit on news_items`.execute(db);
  await db.schema.dropTable('news_items').execute();
}
