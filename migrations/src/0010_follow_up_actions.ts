import { sql, type Kysely } from 'kysely';

// Follow-up actions on survey results (oppfølgingstiltak): what a unit or team will do,
// who owns it, by when, and a review every few months. Both tables are audited.
//
// The round, question, unit and team an action is about may go away (a draft round
// deleted, a unit removed) without taking the action with them: those references are
// set to null, and only that column (PostgreSQL 15's `set null (column)`), since the
// organisation_id they share with the key must stay.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('follow_up_actions')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('round_id', 'uuid')
    .addColumn('unit_id', 'uuid')
    .addColumn('team_id', 'uuid')
    .addColumn('effect_goal', 'text', (c) =>
      c.check(sql`effect_goal in ('unusedPotential', 'resourceEfficiency', 'serviceQuality', 'competenceMobilisation', 'tripartiteCooperation')`))
    .addColumn('question_id', 'uuid')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('owner_person_id', 'uuid', (c) => c.notNull())
    .addColumn('due_on', 'date')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('planned').check(sql`status in ('planned', 'inProgress', 'done', 'cancelled')`))
    .addColumn('review_interval_months', 'integer', (c) => c.notNull().defaultTo(3).check(sql`review_interval_months between 1 and 24`))
    .addColumn('next_review_on', 'date', (c) => c.notNull())
    .addColumn('involved_person_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('follow_up_actions_pkey', ['organisation_id', 'id'])
    .addForeignKeyConstraint('follow_up_actions_owner_fkey', ['organisation_id', 'owner_person_id'], 'people', ['organisation_id', 'id'])
    .execute();
  for (const [name, column, table] of [
    ['round', 'round_id', 'survey_rounds'], ['question', 'question_id', 'survey_questions'], ['unit', 'unit_id', 'units'], ['team', 'team_id', 'teams'],
  ] as const) {
    await sql`alter table follow_up_actions add constraint ${sql.raw(`follow_up_actions_${name}_fkey`)}
      foreign key (organisation_id, ${sql.ref(column)}) references ${sql.table(table)} (organisation_id, id)
      on delete set null (${sql.ref(column)})`.execute(db);
  }
  await db.schema.createIndex('follow_up_actions_review_idx').on('follow_up_actions').columns(['organisation_id', 'next_review_on', 'id']).execute();
  await db.schema.createIndex('follow_up_actions_round_idx').on('follow_up_actions').columns(['organisation_id', 'round_id']).execute();
  await db.schema.createIndex('follow_up_actions_unit_idx').on('follow_up_actions').columns(['organisation_id', 'unit_id']).execute();
  await db.schema.createIndex('follow_up_actions_team_idx').on('follow_up_actions').columns(['organisation_id', 'team_id']).execute();

  await db.schema
    .createTable('follow_up_reviews')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('action_id', 'uuid', (c) => c.notNull())
    .addColumn('reviewed_on', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('planned', 'inProgress', 'done', 'cancelled')`))
    .addColumn('note', 'text')
    .addColumn('reviewer_person_id', 'uuid')
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('follow_up_reviews_pkey', ['organisation_id', 'id'])
    .addForeignKeyConstraint('follow_up_reviews_action_fkey', ['organisation_id', 'action_id'], 'follow_up_actions', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await sql`alter table follow_up_reviews add constraint follow_up_reviews_reviewer_fkey
    foreign key (organisation_id, reviewer_person_id) references people (organisation_id, id)
    on delete set null (reviewer_person_id)`.execute(db);
  await db.schema.createIndex('follow_up_reviews_action_idx').on('follow_up_reviews')
    .columns(['organisation_id', 'action_id', 'reviewed_on', 'id']).execute();

  // audit_row_change() is the function 0005 made (and later migrations may have replaced).
  for (const table of ['follow_up_actions', 'follow_up_reviews']) {
    await sql`create trigger ${sql.raw(`${table}_audit`)} after insert or update or delete on ${sql.table(table)}
      for each row execute function audit_row_change()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['follow_up_actions', 'follow_up_reviews']) {
    await sql`drop trigger if exists ${sql.raw(`${table}_audit`)} on ${sql.table(table)}`.execute(db);
  }
  await db.schema.dropTable('follow_up_reviews').execute();
  await db.schema.dropTable('follow_up_actions').execute();
}
