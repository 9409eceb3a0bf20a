import { sql, type Kysely } from 'kysely';

// Work teams (arbeidslag): the register, participating units, membership with history,
// the establishment assessment against a published criteria set, and a timeline.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('teams')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text')
    .addColumn('mandate', 'text')
    .addColumn('everyday_task', 'text')
    .addColumn('expected_effect', 'text')
    .addColumn('effect_goals', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('draft').check(sql`status in ('draft', 'proposed', 'approved', 'rejected', 'active', 'paused', 'concluded')`))
    .addColumn('start_date', 'date')
    .addColumn('planned_end_date', 'date')
    .addColumn('hours_per_member_per_month', sql`numeric(5, 1)`, (c) => c.check(sql`hours_per_member_per_month >= 0`))
    .addColumn('meeting_rhythm', 'text')
    .addColumn('budget_nok', 'integer', (c) => c.check(sql`budget_nok >= 0`))
    .addColumn('other_resources', 'text')
    .addColumn('establishment_set_id', 'uuid')
    .addColumn('decision_reason', 'text')
    .addColumn('decided_at', sql`timestamptz(3)`)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('teams_pkey', ['organisation_id', 'id'])
    .addForeignKeyConstraint('teams_establishment_set_fkey', ['organisation_id', 'establishment_set_id'], 'criteria_sets', ['organisation_id', 'id'])
    .addCheckConstraint('teams_dates_in_order', sql`planned_end_date is null or start_date is null or planned_end_date >= start_date`)
    .execute();
  await db.schema.createIndex('teams_name_idx').on('teams').columns(['organisation_id', 'name', 'id']).execute();
  await db.schema.createIndex('teams_status_idx').on('teams').columns(['organisation_id', 'status']).execute();

  await db.schema
    .createTable('team_units')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('team_id', 'uuid', (c) => c.notNull())
    .addColumn('unit_id', 'uuid', (c) => c.notNull())
    .addPrimaryKeyConstraint('team_units_pkey', ['organisation_id', 'team_id', 'unit_id'])
    .addForeignKeyConstraint('team_units_team_fkey', ['organisation_id', 'team_id'], 'teams', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('team_units_unit_fkey', ['organisation_id', 'unit_id'], 'units', ['organisation_id', 'id'])
    .execute();
  await db.schema.createIndex('team_units_unit_idx').on('team_units').columns(['organisation_id', 'unit_id']).execute();

  await db.schema
    .createTable('team_members')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('team_id', 'uuid', (c) => c.notNull())
    .addColumn('person_id', 'uuid', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('coordinator', 'member', 'resourcePerson')`))
    .addColumn('joined_on', 'date', (c) => c.notNull().defaultTo(sql`current_date`))
    .addColumn('left_on', 'date')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('team_members_pkey', ['organisation_id', 'id'])
    .addForeignKeyConstraint('team_members_team_fkey', ['organisation_id', 'team_id'], 'teams', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('team_members_person_fkey', ['organisation_id', 'person_id'], 'people', ['organisation_id', 'id'])
    .addCheckConstraint('team_members_left_after_joined', sql`left_on is null or left_on >= joined_on`)
    .execute();
  // One current membership per person and team; past ones are history.
  await sql`create unique index team_members_current_key on team_members (organisation_id, team_id, person_id) where left_on is null`.execute(db);
  await db.schema.createIndex('team_members_person_idx').on('team_members').columns(['organisation_id', 'person_id']).execute();
  // The catalogue loads the members of a page of teams at once.
  await db.schema.createIndex('team_members_team_idx').on('team_members').columns(['organisation_id', 'team_id']).execute();

  await db.schema
    .createTable('team_assessment_answers')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('team_id', 'uuid', (c) => c.notNull())
    .addColumn('criterion_id', 'uuid', (c) => c.notNull())
    .addColumn('value', 'jsonb')
    .addColumn('comment', 'text')
    .addPrimaryKeyConstraint('team_assessment_answers_pkey', ['organisation_id', 'team_id', 'criterion_id'])
    .addForeignKeyConstraint('team_assessment_team_fkey', ['organisation_id', 'team_id'], 'teams', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('team_assessment_criterion_fkey', ['organisation_id', 'criterion_id'], 'criteria', ['organisation_id', 'id'])
    .execute();

  await db.schema
    .createTable('team_events')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('team_id', 'uuid', (c) => c.notNull())
    .addColumn('at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_person_id', 'uuid')
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addPrimaryKeyConstraint('team_events_pkey', ['organisation_id', 'id'])
    .addForeignKeyConstraint('team_events_team_fkey', ['organisation_id', 'team_id'], 'teams', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('team_events_team_idx').on('team_events').columns(['organisation_id', 'team_id', 'at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('team_events').execute();
  await db.schema.dropTable('team_assessment_answers').execute();
  await db.schema.dropTable('team_members').execute();
  await db.schema.dropTable('team_units').execute();
  await db.schema.dropTable('teams').execute();
}
