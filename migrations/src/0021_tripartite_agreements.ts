import { sql, type Kysely } from 'kysely';

// Tripartite agreements (trepartssamarbeid): how politicians, administration and union
// representatives cooperate, with every version of the text kept. The agreement carries
// what may change (title, status, the change process it belongs to) and which version is
// current; each version is a row written once and never changed: the history is what the
// parties agreed to, so the database itself refuses to rewrite or remove it. Only two
// things may touch a written version: its agreement being deleted (the cascade), and a
// referenced meeting or person being deleted (their id becomes null, the text stays).
// Both tables are audited.

const tables = ['tripartite_agreements', 'tripartite_agreement_versions'];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tripartite_agreements')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'agreed', 'retired')`))
    .addColumn('process_id', 'uuid')
    .addColumn('current_version', 'integer', (c) => c.notNull().defaultTo(1).check(sql`current_version >= 1`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('tripartite_agreements_pkey', ['organisation_id', 'id'])
    .execute();
  // An agreement made within a change process outlives the process.
  await sql`alter table tripartite_agreements add constraint tripartite_agreements_process_fkey
    foreign key (organisation_id, process_id) references change_processes (organisation_id, id)
    on delete set null (process_id)`.execute(db);
  await db.schema.createIndex('tripartite_agreements_title_idx').on('tripartite_agreements')
    .columns(['organisation_id', 'title', 'id']).execute();
  await db.schema.createIndex('tripartite_agreements_process_idx').on('tripartite_agreements')
    .columns(['organisation_id', 'process_id']).execute();

  await db.schema
    .createTable('tripartite_agreement_versions')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('agreement_id', 'uuid', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number >= 1`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('change_note', 'text')
    .addColumn('agreed_on', 'date')
    .addColumn('agreed_by', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('arena_meeting_id', 'uuid')
    .addColumn('author_person_id', 'uuid')
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('tripartite_agreement_versions_pkey', ['organisation_id', 'id'])
    .addForeignKeyConstraint('tripartite_agreement_versions_agreement_fkey', ['organisation_id', 'agreement_id'],
      'tripartite_agreements', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    // Two writers racing for the same number: one insert fails here, whatever the service did.
    .addUniqueConstraint('tripartite_agreement_versions_number_key', ['organisation_id', 'agreement_id', 'number'])
    .addCheckConstraint('tripartite_agreement_versions_parties_check',
      sql`agreed_by <@ array['politicians', 'administration', 'unions']::text[]`)
    // Parties agree on a day: naming parties without the day says nothing.
    .addCheckConstraint('tripartite_agreement_versions_agreed_check', sql`agreed_on is not null or cardinality(agreed_by) = 0`)
    .execute();
  await sql`alter table tripartite_agreement_versions add constraint tripartite_agreement_versions_meeting_fkey
    foreign key (organisation_id, arena_meeting_id) references arena_meetings (organisation_id, id)
    on delete set null (arena_meeting_id)`.execute(db);
  await sql`alter table tripartite_agreement_versions add constraint tripartite_agreement_versions_author_fkey
    foreign key (organisation_id, author_person_id) references people (organisation_id, id)
    on delete set null (author_person_id)`.execute(db);

  // A cascade from the agreement runs after the agreement row is gone, so "the agreement
  // still exists" tells a direct delete (refused) from the cascade (allowed). An update may
  // only clear the meeting or the author, which is what their foreign keys do.
  await sql`
    create function tripartite_versions_immutable() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        if exists (select 1 from tripartite_agreements a where a.organisation_id = old.organisation_id and a.id = old.agreement_id) then
          raise exception 'a version of a tripartite agreement is never deleted' using errcode = 'restrict_violation';
        end if;
        return old;
      end if;
      if (new.organisation_id, new.id, new.agreement_id, new.number, new.title, new.body, new.change_note, new.agreed_on,
          new.agreed_by, new.created_at)
         is distinct from (old.organisation_id, old.id, old.agreement_id, old.number, old.title, old.body, old.change_note,
          old.agreed_on, old.agreed_by, old.created_at)
         or (new.arena_meeting_id is distinct from old.arena_meeting_id and new.arena_meeting_id is not null)
         or (new.author_person_id is distinct from old.author_person_id and new.author_person_id is not null) then
        raise exception 'a version of a tripartite agreement is never changed' using errcode = 'restrict_violation';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger tripartite_agreement_versions_immutable before update or delete on tripartite_agreement_versions
    for each row execute function tripartite_versions_immutable()`.execute(db);

  for (const table of tables) {
    await sql`create trigger ${sql.raw(`${table}_audit`)} after insert or update or delete on ${sql.table(table)}
      for each row execute function audit_row_change()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [...tables].reverse()) {
    await sql`drop trigger if exists ${sql.raw(`${table}_audit`)} on ${sql.table(table)}`.execute(db);
  }
  await db.schema.dropTable('tripartite_agreement_versions').execute();
  await sql`drop function if exists tripartite_versions_immutable()`.execute(db);
  await db.schema.dropTable('tripartite_agreements').execute();
}
