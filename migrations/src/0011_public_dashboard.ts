import { sql, type Kysely } from 'kysely';

// The public dashboard an organisation may switch on: which aggregate figures it shows
// and an introduction. One row per organisation, made on the first save; audited.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('public_dashboards')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('figures', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`)
      .check(sql`figures <@ array['activeTeams', 'resultsByCategory', 'effectGoalTrends', 'exampleResults']::text[]`))
    .addColumn('intro', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('public_dashboards_pkey', ['organisation_id'])
    .execute();
  // audit_row_change() is the function 0005 made (later migrations may have replaced it).
  await sql`create trigger public_dashboards_audit after insert or update or delete on public_dashboards
    for each row execute function audit_row_change()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists public_dashboards_audit on public_dashboards`.execute(db);
  await db.schema.dropTable('public_dashboards').execute();
}
