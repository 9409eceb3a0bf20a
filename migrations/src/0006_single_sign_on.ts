import { sql, type Kysely } from 'kysely';

// Single sign-on with OpenID Connect, configured per organisation (issue 3): the identity
// providers an organisation trusts, and the short-lived state of sign-ins in progress.
// The sign-in state lives here, not in a process, so any replica can take the callback.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('identity_providers')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    // Encrypted by the server when SECRETS_KEY is set (see server/src/sso/secret-box.ts);
    // null for a public client, which proves itself with PKCE alone.
    .addColumn('client_secret', 'text')
    .addColumn('scopes', 'text', (c) => c.notNull().defaultTo('openid email profile'))
    .addColumn('match_by', 'text', (c) => c.notNull().check(sql`match_by in ('email', 'externalId')`))
    .addColumn('external_id_claim', 'text', (c) => c.notNull().defaultTo('employeeId'))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('identity_providers_pkey', ['organisation_id', 'id'])
    .execute();

  // One row per sign-in started and not yet finished: used once, then deleted; rows left
  // behind by people who never came back are swept when the next sign-in starts.
  await db.schema
    .createTable('sign_in_attempts')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('provider_id', 'uuid', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    // SHA-256 of a random value in a cookie of the browser that started the sign-in, so a
    // callback URL cannot be replayed in another browser (login CSRF).
    .addColumn('browser_hash', 'text', (c) => c.notNull())
    .addColumn('return_to', 'text', (c) => c.notNull())
    .addColumn('expires_at', sql`timestamptz(3)`, (c) => c.notNull())
    .addPrimaryKeyConstraint('sign_in_attempts_pkey', ['organisation_id', 'state'])
    .addForeignKeyConstraint('sign_in_attempts_provider_fkey', ['organisation_id', 'provider_id'], 'identity_providers', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('sign_in_attempts_expiry_idx').on('sign_in_attempts').columns(['organisation_id', 'expires_at']).execute();

  // The audit trigger (0005) marks client_secret as changed and never copies it.
  await sql`create trigger identity_providers_audit after insert or update or delete on identity_providers
    for each row execute function audit_row_change()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists identity_providers_audit on identity_providers`.execute(db);
  await db.schema.dropTable('sign_in_attempts').execute();
  await db.schema.dropTable('identity_providers').execute();
}
