import { sql, type Kysely } from 'kysely';

// Every table carries organisation_id and leads its primary key with it, so one
// organisation's rows can never reference another's (composite foreign keys) and the
// schema can be distributed by organisation (Citus) without change.
// Timestamps keep milliseconds, the precision of JSON and JavaScript dates, so a cursor
// made from a row's timestamp finds that row again exactly.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organisations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('org_number', 'text', (c) => c.notNull().unique())
    .addColumn('written_standard', 'text', (c) => c.notNull().defaultTo('nb').check(sql`written_standard in ('nb', 'nn')`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('units')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('parent_id', 'uuid')
    .addColumn('manager_id', 'uuid')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('serviceArea', 'unit', 'section')`))
    .addColumn('description', 'text')
    .addColumn('external_id', 'text')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('units_pkey', ['organisation_id', 'id'])
    .addUniqueConstraint('units_external_id_key', ['organisation_id', 'external_id'])
    .addForeignKeyConstraint('units_parent_fkey', ['organisation_id', 'parent_id'], 'units', ['organisation_id', 'id'])
    .addCheckConstraint('units_not_own_parent', sql`parent_id is distinct from id`)
    .execute();
  await db.schema.createIndex('units_parent_idx').on('units').columns(['organisation_id', 'parent_id']).execute();
  await db.schema.createIndex('units_name_idx').on('units').columns(['organisation_id', 'name', 'id']).execute();

  await db.schema
    .createTable('people')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('title', 'text')
    .addColumn('profession', 'text')
    .addColumn('unit_id', 'uuid')
    .addColumn('external_id', 'text')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('people_pkey', ['organisation_id', 'id'])
    .addUniqueConstraint('people_external_id_key', ['organisation_id', 'external_id'])
    .addForeignKeyConstraint('people_unit_fkey', ['organisation_id', 'unit_id'], 'units', ['organisation_id', 'id'])
    .execute();
  await sql`create unique index people_email_key on people (organisation_id, lower(email))`.execute(db);
  await db.schema.createIndex('people_name_idx').on('people').columns(['organisation_id', 'name', 'id']).execute();
  await db.schema.createIndex('people_unit_idx').on('people').columns(['organisation_id', 'unit_id']).execute();
  await db.schema.createIndex('people_updated_idx').on('people').columns(['organisation_id', 'updated_at', 'id']).execute();

  await db.schema
    .alterTable('units')
    .addForeignKeyConstraint('units_manager_fkey', ['organisation_id', 'manager_id'], 'people', ['organisation_id', 'id'])
    .execute();

  // Idempotency keys live in the database, not in process memory, so any replica can
  // answer a retry.
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('response_status', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('response_headers', 'jsonb')
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idempotency_keys_pkey', ['organisation_id', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_created_idx').on('idempotency_keys').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('idempotency_keys').execute();
  await db.schema.alterTable('units').dropConstraint('units_manager_fkey').execute();
  await db.schema.dropTable('people').execute();
  await db.schema.dropTable('units').execute();
  await db.schema.dropTable('organisations').execute();
}
