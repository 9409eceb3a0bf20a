import { sql, type Kysely } from 'kysely';

// Accounts, sessions, integration tokens, sign-in rate limits and the audit trail.
// Secrets are stored only as SHA-256 hashes (sessions, tokens) or argon2id (passwords).
// Every lookup key starts with organisation_id, so a distributed database routes each
// request to one shard: session cookies and tokens carry the organisation id in clear.

/** Tables whose every row change is recorded in the audit trail, by a trigger. */
export const auditedTables = [
  'organisations', 'units', 'people', 'criteria_sets', 'criteria',
  'teams', 'team_units', 'team_members', 'team_assessment_answers', 'team_results',
  'accounts', 'api_tokens',
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_id', 'uuid', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('roles', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{member}'`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('last_sign_in_at', sql`timestamptz(3)`)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('accounts_pkey', ['organisation_id', 'id'])
    .addUniqueConstraint('accounts_person_key', ['organisation_id', 'person_id'])
    .addForeignKeyConstraint('accounts_person_fkey', ['organisation_id', 'person_id'], 'people', ['organisation_id', 'id'])
    .addCheckConstraint('accounts_roles_known', sql`roles <@ array['administrator', 'chiefExecutive', 'hr', 'member', 'representative', 'politician']::text[]`)
    .execute();
  await sql`create unique index accounts_email_key on accounts (organisation_id, lower(email))`.execute(db);
  // Sign-in looks an email up before it knows the organisation (one-organisation installations).
  await sql`create index accounts_email_idx on accounts (lower(email))`.execute(db);

  await db.schema
    .createTable('sessions')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('account_id', 'uuid', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', sql`timestamptz(3)`, (c) => c.notNull())
    .addColumn('user_agent', 'text')
    .addColumn('ip_address', 'text')
    .addPrimaryKeyConstraint('sessions_pkey', ['organisation_id', 'id'])
    .addUniqueConstraint('sessions_token_key', ['organisation_id', 'token_hash'])
    .addForeignKeyConstraint('sessions_account_fkey', ['organisation_id', 'account_id'], 'accounts', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('sessions_account_idx').on('sessions').columns(['organisation_id', 'account_id']).execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('scopes', sql`text[]`, (c) => c.notNull())
    .addColumn('expires_at', sql`timestamptz(3)`)
    .addColumn('last_used_at', sql`timestamptz(3)`)
    .addColumn('revoked_at', sql`timestamptz(3)`)
    .addColumn('created_by_account_id', 'uuid')
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('api_tokens_pkey', ['organisation_id', 'id'])
    .addUniqueConstraint('api_tokens_token_key', ['organisation_id', 'token_hash'])
    .addForeignKeyConstraint('api_tokens_account_fkey', ['organisation_id', 'created_by_account_id'], 'accounts', ['organisation_id', 'id'])
    .execute();

  // Fixed-window counters for sign-in attempts, per organisation and key (account or address).
  await db.schema
    .createTable('rate_limits')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('window_start', sql`timestamptz(3)`, (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limits_pkey', ['organisation_id', 'key'])
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('id', 'bigint', (c) => c.notNull().generatedByDefaultAsIdentity())
    .addColumn('occurred_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .addColumn('actor_kind', 'text', (c) => c.notNull().check(sql`actor_kind in ('account', 'token', 'cli', 'system')`))
    .addColumn('actor_account_id', 'uuid')
    .addColumn('actor_person_id', 'uuid')
    .addColumn('actor_token_id', 'uuid')
    .addColumn('actor_name', 'text')
    .addColumn('request_id', 'text')
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('changes', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addPrimaryKeyConstraint('audit_events_pkey', ['organisation_id', 'id'])
    .execute();
  await db.schema.createIndex('audit_events_entity_idx').on('audit_events').columns(['organisation_id', 'entity', 'entity_id', 'id']).execute();
  await db.schema.createIndex('audit_events_person_idx').on('audit_events').columns(['organisation_id', 'actor_person_id', 'id']).execute();
  await db.schema.createIndex('audit_events_token_idx').on('audit_events').columns(['organisation_id', 'actor_token_id', 'id']).execute();

  // Append-only: nothing may change or remove a recorded event.
  await sql`
    create function audit_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'the audit trail is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`
    create trigger audit_events_append_only before update or delete on audit_events
    for each row execute function audit_events_append_only()`.execute(db);
  await sql`create trigger audit_events_no_truncate before truncate on audit_events
    for each statement execute function audit_events_append_only()`.execute(db);

  // Records a row change with the actor the application set for the transaction
  // (lagverk.actor, transaction-local); without one the actor is 'system'. Secrets (any
  // column named password_hash, token_hash or client_secret) are marked as changed, never copied.
  await sql`
    create function audit_row_change() returns trigger language plpgsql as $$
    declare
      actor jsonb := nullif(current_setting('lagverk.actor', true), '')::jsonb;
      old_row jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
      new_row jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) end;
      any_row jsonb := coalesce(new_row, old_row);
      diff jsonb;
    begin
      -- A create lists the fields it set, a delete the fields it had (nulls left out);
      -- an update lists each changed field before and after, a null kept as null.
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
        tg_table_name, coalesce(any_row ->> 'id', any_row ->> 'team_id'),
        case tg_op when 'INSERT' then 'create' when 'UPDATE' then 'update' else 'delete' end,
        diff);
      return null;
    end $$`.execute(db);
  for (const table of auditedTables) {
    await sql`create trigger ${sql.raw(`${table}_audit`)} after insert or update or delete on ${sql.table(table)}
      for each row execute function audit_row_change()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of auditedTables) {
    await sql`drop trigger if exists ${sql.raw(`${table}_audit`)} on ${sql.table(table)}`.execute(db);
  }
  await sql`drop function if exists audit_row_change()`.execute(db);
  await db.schema.dropTable('audit_events').execute();
  await sql`drop function if exists audit_events_append_only()`.execute(db);
  await db.schema.dropTable('rate_limits').execute();
  await db.schema.dropTable('api_tokens').execute();
  await db.schema.dropTable('sessions').execute();
  await db.schema.dropTable('accounts').execute();
}
