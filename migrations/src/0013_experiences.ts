import { sql, type Kysely } from 'kysely';

// The experience library (erfaringsdeling): what a team tried, what worked, what did not and
// its advice to others; comments; one "useful" mark per person; and, by an organisation's
// choice, sharing an experience as a good example with the other organisations on the
// installation.
//
// Search is PostgreSQL full text with the Norwegian configuration (it stems both bokmål
// and nynorsk well enough). An experience's document lives in its own table,
// experience_search, kept by a trigger: in the experiences table the tsvector would land in
// every audit event's before/after. It is derived data, so it is not audited itself.
// Teams and results are searched through expression GIN indexes on their own tables; the
// repository repeats these expressions exactly, or the planner will not use the indexes.
//
// The arena meeting an experience came from (0012's arena_meetings) is optional too.

const effectGoals = sql`effect_goals <@ array['unusedPotential', 'resourceEfficiency', 'serviceQuality', 'competenceMobilisation', 'tripartiteCooperation']::text[]`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('experiences')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('tried', 'text', (c) => c.notNull())
    .addColumn('worked', 'text')
    .addColumn('did_not_work', 'text')
    .addColumn('advice', 'text')
    .addColumn('author_person_id', 'uuid')
    .addColumn('team_id', 'uuid')
    .addColumn('result_id', 'uuid')
    .addColumn('arena_meeting_id', 'uuid')
    .addColumn('effect_goals', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`).check(effectGoals))
    .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`).check(sql`cardinality(tags) <= 20`))
    .addColumn('shared_at', sql`timestamptz(3)`)
    .addColumn('share_author', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('share_organisation', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('experiences_pkey', ['organisation_id', 'id'])
    .execute();
  // A person, team, result or meeting removed leaves the experience, without that reference only.
  for (const [name, column, table] of [
    ['author', 'author_person_id', 'people'], ['team', 'team_id', 'teams'], ['result', 'result_id', 'team_results'],
    ['arena_meeting', 'arena_meeting_id', 'arena_meetings'],
  ] as const) {
    await sql`alter table experiences add constraint ${sql.raw(`experiences_${name}_fkey`)}
      foreign key (organisation_id, ${sql.ref(column)}) references ${sql.table(table)} (organisation_id, id)
      on delete set null (${sql.ref(column)})`.execute(db);
  }
  await db.schema.createIndex('experiences_created_idx').on('experiences').columns(['organisation_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('experiences_team_idx').on('experiences').columns(['organisation_id', 'team_id']).execute();
  await sql`create index experiences_tags_idx on experiences using gin (tags)`.execute(db);
  // The good examples of every organisation, newest first: the one cross-organisation list.
  await sql`create index experiences_shared_idx on experiences (shared_at desc, id desc) where shared_at is not null`.execute(db);

  await db.schema
    .createTable('experience_search')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('experience_id', 'uuid', (c) => c.notNull())
    .addColumn('document', sql`tsvector`, (c) => c.notNull())
    .addPrimaryKeyConstraint('experience_search_pkey', ['organisation_id', 'experience_id'])
    .addForeignKeyConstraint('experience_search_experience_fkey', ['organisation_id', 'experience_id'], 'experiences', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await sql`create index experience_search_document_idx on experience_search using gin (document)`.execute(db);
  // Title and tags weigh most (A), what was tried, what worked and the advice next (B), what did not work least (C).
  await sql`create function experience_search_refresh() returns trigger language plpgsql as $$
    begin
      insert into experience_search (organisation_id, experience_id, document)
      values (new.organisation_id, new.id,
        setweight(to_tsvector('norwegian', new.title), 'A')
        || setweight(to_tsvector('norwegian', array_to_string(new.tags, ' ')), 'A')
        || setweight(to_tsvector('norwegian', new.tried || ' ' || coalesce(new.worked, '') || ' ' || coalesce(new.advice, '')), 'B')
        || setweight(to_tsvector('norwegian', coalesce(new.did_not_work, '')), 'C'))
      on conflict (organisation_id, experience_id) do update set document = excluded.document;
      return null;
    end $$`.execute(db);
  await sql`create trigger experiences_search after insert or update of title, tags, tried, worked, did_not_work, advice on experiences
    for each row execute function experience_search_refresh()`.execute(db);

  await db.schema
    .createTable('experience_comments')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('experience_id', 'uuid', (c) => c.notNull())
    .addColumn('author_person_id', 'uuid')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('experience_comments_pkey', ['organisation_id', 'id'])
    .addForeignKeyConstraint('experience_comments_experience_fkey', ['organisation_id', 'experience_id'], 'experiences', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await sql`alter table experience_comments add constraint experience_comments_author_fkey
    foreign key (organisation_id, author_person_id) references people (organisation_id, id)
    on delete set null (author_person_id)`.execute(db);
  await db.schema.createIndex('experience_comments_experience_idx').on('experience_comments')
    .columns(['organisation_id', 'experience_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('experience_useful_marks')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('experience_id', 'uuid', (c) => c.notNull())
    .addColumn('person_id', 'uuid', (c) => c.notNull())
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('experience_useful_marks_pkey', ['organisation_id', 'experience_id', 'person_id'])
    .addForeignKeyConstraint('experience_useful_marks_experience_fkey', ['organisation_id', 'experience_id'], 'experiences', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('experience_useful_marks_person_fkey', ['organisation_id', 'person_id'], 'people', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();

  // Teams by name (A), purpose and mandate (B); results by title (A) and description (B).
  await sql`create index teams_search_idx on teams using gin ((
    setweight(to_tsvector('norwegian', name), 'A')
    || setweight(to_tsvector('norwegian', coalesce(purpose, '') || ' ' || coalesce(mandate, '')), 'B')))`.execute(db);
  await sql`create index team_results_search_idx on team_results using gin ((
    setweight(to_tsvector('norwegian', title), 'A') || setweight(to_tsvector('norwegian', coalesce(description, '')), 'B')))`.execute(db);

  // audit_row_change() is the function 0005 made (and later migrations may have replaced).
  for (const table of ['experiences', 'experience_comments', 'experience_useful_marks']) {
    await sql`create trigger ${sql.raw(`${table}_audit`)} after insert or update or delete on ${sql.table(table)}
      for each row execute function audit_row_change()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists team_results_search_idx`.execute(db);
  await sql`drop index if exists teams_search_idx`.execute(db);
  for (const table of ['experiences', 'experience_comments', 'experience_useful_marks']) {
    await sql`drop trigger if exists ${sql.raw(`${table}_audit`)} on ${sql.table(table)}`.execute(db);
  }
  await db.schema.dropTable('experience_useful_marks').execute();
  await db.schema.dropTable('experience_comments').execute();
  await db.schema.dropTable('experience_search').execute();
  await db.schema.dropTable('experiences').execute();
  await sql`drop function if exists experience_search_refresh()`.execute(db);
}
