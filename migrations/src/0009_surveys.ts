import { sql, type Kysely } from 'kysely';

// Surveys (kartlegginger): templates of questions, rounds that put a template to an
// audience (a baseline, then follow-ups), invitations, and anonymous responses.
//
// Anonymity is a property of the schema, not a promise of the code: a response row has no
// person, no invitation and no time, and neither responses, answers nor invitations are
// audited (the trail would otherwise tie a request, and so a person, to the moment an
// answer was stored). See docs/surveys.md.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('survey_templates')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('language', 'text', (c) => c.notNull().check(sql`language in ('nb', 'nn', 'en')`))
    .addColumn('audience', 'text', (c) => c.notNull().check(sql`audience in ('employees', 'serviceUsers')`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('survey_templates_pkey', ['organisation_id', 'id'])
    .execute();
  await db.schema.createIndex('survey_templates_name_idx').on('survey_templates').columns(['organisation_id', 'name', 'id']).execute();

  await db.schema
    .createTable('survey_questions')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('template_id', 'uuid', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().check(sql`position >= 1`))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('help', 'text')
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('scale', 'yesNo', 'choice', 'text')`))
    .addColumn('options', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('effect_goal', 'text', (c) =>
      c.check(sql`effect_goal in ('unusedPotential', 'resourceEfficiency', 'serviceQuality', 'competenceMobilisation', 'tripartiteCooperation')`))
    .addColumn('indicator', 'text')
    .addColumn('background', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('required', 'boolean', (c) => c.notNull().defaultTo(false))
    .addPrimaryKeyConstraint('survey_questions_pkey', ['organisation_id', 'id'])
    .addForeignKeyConstraint('survey_questions_template_fkey', ['organisation_id', 'template_id'], 'survey_templates', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addCheckConstraint('survey_questions_options', sql`case when type = 'choice' then cardinality(options) between 2 and 12 else cardinality(options) = 0 end`)
    .execute();
  // Deferred: replacing the question list moves positions around within one transaction.
  await sql`alter table survey_questions add constraint survey_questions_position_key
    unique (organisation_id, template_id, position) deferrable initially deferred`.execute(db);

  await db.schema
    .createTable('survey_rounds')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('template_id', 'uuid', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('baseline', 'followUp')`))
    .addColumn('baseline_round_id', 'uuid')
    .addColumn('audience', 'text', (c) => c.notNull().check(sql`audience in ('allEmployees', 'units', 'teamMembers', 'serviceUsers')`))
    .addColumn('unit_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`))
    .addColumn('team_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`))
    .addColumn('opens_at', sql`timestamptz(3)`, (c) => c.notNull())
    .addColumn('closes_at', sql`timestamptz(3)`, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'open', 'closed')`))
    .addColumn('min_respondents', 'integer', (c) => c.notNull().defaultTo(5).check(sql`min_respondents >= 3`))
    .addColumn('min_text_respondents', 'integer', (c) => c.notNull().defaultTo(10))
    .addColumn('public_token', 'text', (c) => c.unique())
    .addColumn('invited_count', 'integer', (c) => c.notNull().defaultTo(0).check(sql`invited_count >= 0`))
    .addColumn('opened_at', sql`timestamptz(3)`)
    .addColumn('closed_at', sql`timestamptz(3)`)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('survey_rounds_pkey', ['organisation_id', 'id'])
    .addForeignKeyConstraint('survey_rounds_template_fkey', ['organisation_id', 'template_id'], 'survey_templates', ['organisation_id', 'id'])
    .addForeignKeyConstraint('survey_rounds_baseline_fkey', ['organisation_id', 'baseline_round_id'], 'survey_rounds', ['organisation_id', 'id'])
    .addCheckConstraint('survey_rounds_window', sql`closes_at > opens_at`)
    .addCheckConstraint('survey_rounds_text_threshold', sql`min_text_respondents >= min_respondents`)
    .addCheckConstraint('survey_rounds_baseline_kind', sql`baseline_round_id is null or kind = 'followUp'`)
    .execute();
  await db.schema.createIndex('survey_rounds_opens_idx').on('survey_rounds').columns(['organisation_id', 'opens_at', 'id']).execute();
  await db.schema.createIndex('survey_rounds_template_idx').on('survey_rounds').columns(['organisation_id', 'template_id']).execute();

  // The unit tree as it stood when the round opened: every active unit with its parent and
  // name. Results group responses by this tree, never today's, so moving, deactivating or
  // re-adding a unit later cannot change which groups are shown and let someone subtract
  // two readings down to one person. Written once, when the round opens; not audited (a
  // copy of the units, which are).
  await db.schema
    .createTable('survey_round_units')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('round_id', 'uuid', (c) => c.notNull())
    .addColumn('unit_id', 'uuid', (c) => c.notNull())
    .addColumn('parent_id', 'uuid')
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_round_units_pkey', ['organisation_id', 'round_id', 'unit_id'])
    .addForeignKeyConstraint('survey_round_units_round_fkey', ['organisation_id', 'round_id'], 'survey_rounds', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('survey_invitations')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('round_id', 'uuid', (c) => c.notNull())
    .addColumn('person_id', 'uuid', (c) => c.notNull())
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('used', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('survey_invitations_pkey', ['organisation_id', 'id'])
    .addUniqueConstraint('survey_invitations_person_key', ['organisation_id', 'round_id', 'person_id'])
    .addForeignKeyConstraint('survey_invitations_round_fkey', ['organisation_id', 'round_id'], 'survey_rounds', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('survey_invitations_person_fkey', ['organisation_id', 'person_id'], 'people', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('survey_invitations_person_idx').on('survey_invitations').columns(['organisation_id', 'person_id']).execute();

  // No timestamp, no person, no invitation: nothing here says who answered or when.
  await db.schema
    .createTable('survey_responses')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('round_id', 'uuid', (c) => c.notNull())
    .addColumn('unit_id', 'uuid')
    .addColumn('team_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('invitation', 'sharedLink')`))
    .addPrimaryKeyConstraint('survey_responses_pkey', ['organisation_id', 'id'])
    .addForeignKeyConstraint('survey_responses_round_fkey', ['organisation_id', 'round_id'], 'survey_rounds', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('survey_responses_round_idx').on('survey_responses').columns(['organisation_id', 'round_id', 'unit_id']).execute();

  await db.schema
    .createTable('survey_answers')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('response_id', 'uuid', (c) => c.notNull())
    .addColumn('round_id', 'uuid', (c) => c.notNull())
    .addColumn('question_id', 'uuid', (c) => c.notNull())
    .addColumn('number_value', 'smallint', (c) => c.check(sql`number_value between 0 and 11`))
    .addColumn('text_value', 'text')
    .addPrimaryKeyConstraint('survey_answers_pkey', ['organisation_id', 'response_id', 'question_id'])
    .addForeignKeyConstraint('survey_answers_response_fkey', ['organisation_id', 'response_id'], 'survey_responses', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('survey_answers_round_fkey', ['organisation_id', 'round_id'], 'survey_rounds', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('survey_answers_question_fkey', ['organisation_id', 'question_id'], 'survey_questions', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addCheckConstraint('survey_answers_value', sql`number_value is not null or text_value is not null`)
    .execute();
  await db.schema.createIndex('survey_answers_question_idx').on('survey_answers').columns(['organisation_id', 'round_id', 'question_id']).execute();

  // audit_row_change() is the function 0005 made (and later migrations may have replaced).
  for (const table of ['survey_templates', 'survey_questions', 'survey_rounds']) {
    await sql`create trigger ${sql.raw(`${table}_audit`)} after insert or update or delete on ${sql.table(table)}
      for each row execute function audit_row_change()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['survey_templates', 'survey_questions', 'survey_rounds']) {
    await sql`drop trigger if exists ${sql.raw(`${table}_audit`)} on ${sql.table(table)}`.execute(db);
  }
  await db.schema.dropTable('survey_answers').execute();
  await db.schema.dropTable('survey_responses').execute();
  await db.schema.dropTable('survey_invitations').execute();
  await db.schema.dropTable('survey_round_units').execute();
  await db.schema.dropTable('survey_rounds').execute();
  await db.schema.dropTable('survey_questions').execute();
  await db.schema.dropTable('survey_templates').execute();
}
