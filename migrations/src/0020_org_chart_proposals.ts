import { sql, type Kysely } from 'kysely';

// Organisation-chart proposals of a change process: a redrawn unit tree (the whole
// organisation, or the subtree under root_unit_id) kept as JSON nodes, because a proposal is
// a drawing that is edited as a whole under one version, may hold units that do not exist
// yet, and must never touch the real units table until it is decided and applied.
//
// base_nodes is the structure the proposal started from (the subtree when it was created):
// applying compares the live tree with it and refuses when the units it relies on changed in
// the meantime. before_nodes is the structure just before applying, kept for the record (the
// units' own audit trail keeps each unit's history as well).
//
// Comment rounds open a proposal for comments from everyone for a period; comments name
// their author and may point at one node of the proposal. Every table is audited.

const tables = ['org_chart_proposals', 'org_chart_comment_rounds', 'org_chart_comments'];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('org_chart_proposals')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('process_id', 'uuid', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('root_unit_id', 'uuid')
    .addColumn('nodes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('base_nodes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft')
      .check(sql`status in ('draft', 'decided', 'applied', 'rejected')`))
    .addColumn('decided_on', 'date')
    .addColumn('decision_reference', 'text')
    .addColumn('applied_at', sql`timestamptz(3)`)
    .addColumn('applied_by_person_id', 'uuid')
    .addColumn('before_nodes', 'jsonb')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('org_chart_proposals_pkey', ['organisation_id', 'id'])
    .addForeignKeyConstraint('org_chart_proposals_process_fkey', ['organisation_id', 'process_id'], 'change_processes', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('org_chart_proposals_root_unit_fkey', ['organisation_id', 'root_unit_id'], 'units', ['organisation_id', 'id'])
    .addCheckConstraint('org_chart_proposals_nodes_check', sql`jsonb_typeof(nodes) = 'array' and jsonb_typeof(base_nodes) = 'array'`)
    .addCheckConstraint('org_chart_proposals_applied_check', sql`(status = 'applied') = (applied_at is not null)`)
    .execute();
  // The person who applied may leave the register later; the proposal stays.
  await sql`alter table org_chart_proposals add constraint org_chart_proposals_applied_by_fkey
    foreign key (organisation_id, applied_by_person_id) references people (organisation_id, id)
    on delete set null (applied_by_person_id)`.execute(db);
  await db.schema.createIndex('org_chart_proposals_process_idx').on('org_chart_proposals')
    .columns(['organisation_id', 'process_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('org_chart_comment_rounds')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('proposal_id', 'uuid', (c) => c.notNull())
    .addColumn('opens_on', 'date', (c) => c.notNull())
    .addColumn('closes_on', 'date', (c) => c.notNull())
    .addColumn('closed_at', sql`timestamptz(3)`)
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('org_chart_comment_rounds_pkey', ['organisation_id', 'id'])
    .addForeignKeyConstraint('org_chart_comment_rounds_proposal_fkey', ['organisation_id', 'proposal_id'], 'org_chart_proposals', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addCheckConstraint('org_chart_comment_rounds_dates_check', sql`closes_on >= opens_on`)
    .execute();
  // One round at a time per proposal: a round not yet closed blocks another (the service
  // closes a round whose closing date has passed before it opens the next one).
  await sql`create unique index org_chart_comment_rounds_open_key on org_chart_comment_rounds
    (organisation_id, proposal_id) where closed_at is null`.execute(db);

  await db.schema
    .createTable('org_chart_comments')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('proposal_id', 'uuid', (c) => c.notNull())
    .addColumn('round_id', 'uuid', (c) => c.notNull())
    .addColumn('person_id', 'uuid', (c) => c.notNull())
    .addColumn('node_key', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('org_chart_comments_pkey', ['organisation_id', 'id'])
    .addForeignKeyConstraint('org_chart_comments_proposal_fkey', ['organisation_id', 'proposal_id'], 'org_chart_proposals', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('org_chart_comments_round_fkey', ['organisation_id', 'round_id'], 'org_chart_comment_rounds', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('org_chart_comments_person_fkey', ['organisation_id', 'person_id'], 'people', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('org_chart_comments_proposal_idx').on('org_chart_comments')
    .columns(['organisation_id', 'proposal_id', 'created_at', 'id']).execute();

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
