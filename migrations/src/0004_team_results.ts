import { sql, type Kysely } from 'kysely';

// The documented results of a team: what changed, with before and after measures and
// links to evidence (the apprentice team's new intake, interviews and training plans).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('team_results')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('team_id', 'uuid', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('category', 'text', (c) =>
      c.notNull().check(sql`category in ('routineChange', 'serviceQuality', 'resourceEfficiency', 'competence', 'other')`))
    .addColumn('achieved_on', 'date', (c) => c.notNull())
    .addColumn('measures', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('links', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('team_results_pkey', ['organisation_id', 'id'])
    .addForeignKeyConstraint('team_results_team_fkey', ['organisation_id', 'team_id'], 'teams', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('team_results_team_idx').on('team_results').columns(['organisation_id', 'team_id', 'achieved_on', 'id']).execute();
  await db.schema.createIndex('team_results_category_idx').on('team_results').columns(['organisation_id', 'category']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('team_results').execute();
}
