import { sql, type Kysely } from 'kysely';

// Team evaluations: at an interval (six months unless the team says otherwise) a running
// team is evaluated against a published evaluation criteria set, in two parts — the
// team's own assessment (self) and its unit managers' assessment (manager) — and closed
// with a written conclusion. Answers may point at the team's results as evidence.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('teams')
    .addColumn('evaluation_interval_months', 'integer', (c) =>
      c.notNull().defaultTo(6).check(sql`evaluation_interval_months between 1 and 36`))
    .execute();

  await db.schema
    .createTable('evaluations')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('team_id', 'uuid', (c) => c.notNull())
    .addColumn('criteria_set_id', 'uuid', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open', 'closed')`))
    .addColumn('conclusion', 'text')
    .addColumn('closed_at', sql`timestamptz(3)`)
    .addColumn('closed_by_person_id', 'uuid')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('evaluations_pkey', ['organisation_id', 'id'])
    .addForeignKeyConstraint('evaluations_team_fkey', ['organisation_id', 'team_id'], 'teams', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('evaluations_criteria_set_fkey', ['organisation_id', 'criteria_set_id'], 'criteria_sets', ['organisation_id', 'id'])
    .addForeignKeyConstraint('evaluations_closed_by_fkey', ['organisation_id', 'closed_by_person_id'], 'people', ['organisation_id', 'id'])
    // A closed evaluation has its conclusion and the moment it closed; an open one neither.
    .addCheckConstraint('evaluations_closed_complete',
      sql`(status = 'closed') = (closed_at is not null) and (status = 'closed') = (conclusion is not null)`)
    .execute();
  // One evaluation under way per team at a time.
  await sql`create unique index evaluations_one_open_key on evaluations (organisation_id, team_id) where status = 'open'`.execute(db);
  await db.schema.createIndex('evaluations_team_idx').on('evaluations').columns(['organisation_id', 'team_id', 'created_at', 'id']).execute();
  // The schedule looks up each team's last closed evaluation.
  await sql`create index evaluations_closed_idx on evaluations (organisation_id, team_id, closed_at) where status = 'closed'`.execute(db);

  await db.schema
    .createTable('evaluation_assessments')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('evaluation_id', 'uuid', (c) => c.notNull())
    .addColumn('part', 'text', (c) => c.notNull().check(sql`part in ('self', 'manager')`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'submitted')`))
    .addColumn('submitted_at', sql`timestamptz(3)`)
    .addColumn('submitted_by_person_id', 'uuid')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('evaluation_assessments_pkey', ['organisation_id', 'evaluation_id', 'part'])
    .addForeignKeyConstraint('evaluation_assessments_evaluation_fkey', ['organisation_id', 'evaluation_id'], 'evaluations', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('evaluation_assessments_submitted_by_fkey', ['organisation_id', 'submitted_by_person_id'], 'people', ['organisation_id', 'id'])
    .addCheckConstraint('evaluation_assessments_submitted_complete', sql`(status = 'submitted') = (submitted_at is not null)`)
    .execute();

  await db.schema
    .createTable('evaluation_answers')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('evaluation_id', 'uuid', (c) => c.notNull())
    .addColumn('part', 'text', (c) => c.notNull())
    .addColumn('criterion_id', 'uuid', (c) => c.notNull())
    .addColumn('value', 'jsonb')
    .addColumn('comment', 'text')
    .addColumn('result_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`))
    .addPrimaryKeyConstraint('evaluation_answers_pkey', ['organisation_id', 'evaluation_id', 'part', 'criterion_id'])
    .addForeignKeyConstraint('evaluation_answers_assessment_fkey', ['organisation_id', 'evaluation_id', 'part'],
      'evaluation_assessments', ['organisation_id', 'evaluation_id', 'part'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('evaluation_answers_criterion_fkey', ['organisation_id', 'criterion_id'], 'criteria', ['organisation_id', 'id'])
    .execute();

  // The audit trail names a row by its id, or its team's; assessments and answers have
  // neither, so they are named by their evaluation. Otherwise the function is 0005's.
  await sql`
    create or replace function audit_row_change() returns trigger language plpgsql as $$
    declare
      actor jsonb := nullif(current_setting('lagverk.actor', true), '')::jsonb;
      old_row jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
      new_row jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) end;
      any_row jsonb := coalesce(new_row, old_row);
      diff jsonb;
    begin
      select coalesce(jsonb_object_agg(key, case
          when key in ('password_hash', 'token_hash', 'client_secret') then jsonb_build_object('redacted', true)
          when tg_op = 'INSERT' then jsonb_build_object('after', new_row -> key)
          when tg_op = 'DELETE' then jsonb_build_object('before', old_row -> key)
          else jsonb_build_object('before', old_row -> key, 'after', new_row -> key)
        end), '{}'::jsonb)
        into diff
        from jsonb_object_keys(any_row) as key
        where key not in ('organisation_id', 'version', 'created_at', 'updated_at', 'last_used_at', 'last_sign_in_at')
          and (old_row -> key) is distinct from (new_row -> key)
          and (tg_op = 'UPDATE' or jsonb_typeof(any_row -> key) <> 'null');
      if tg_op = 'UPDATE' and diff = '{}'::jsonb then
        return null;
      end if;
      insert into audit_events (organisation_id, actor_kind, actor_account_id, actor_person_id, actor_token_id,
                                actor_name, request_id, entity, entity_id, action, changes)
      values (
        coalesce(any_row ->> 'organisation_id', case when tg_table_name = 'organisations' then any_row ->> 'id' end)::uuid,
        coalesce(actor ->> 'kind', 'system'),
        (actor ->> 'accountId')::uuid, (actor ->> 'personId')::uuid, (actor ->> 'tokenId')::uuid,
        actor ->> 'name', actor ->> 'requestId',
        tg_table_name, coalesce(any_row ->> 'id', any_row ->> 'team_id', any_row ->> 'evaluation_id'),
        case tg_op when 'INSERT' then 'create' when 'UPDATE' then 'update' else 'delete' end,
        diff);
      return null;
    end $$`.execute(db);
  for (const table of ['evaluations', 'evaluation_assessments', 'evaluation_answers']) {
    await sql`create trigger ${sql.raw(`${table}_audit`)} after insert or update or delete on ${sql.table(table)}
      for each row execute function audit_row_change()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['evaluations', 'evaluation_assessments', 'evaluation_answers']) {
    await sql`drop trigger if exists ${sql.raw(`${table}_audit`)} on ${sql.table(table)}`.execute(db);
  }
  await db.schema.dropTable('evaluation_answers').execute();
  await db.schema.dropTable('evaluation_assessments').execute();
  await db.schema.dropTable('evaluations').execute();
  await db.schema.alterTable('teams').dropColumn('evaluation_interval_months').execute();
  // audit_row_change() keeps its evaluation_id fallback: harmless once the tables are gone.
}
