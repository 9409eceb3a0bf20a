import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Account, AccountListQuery, GrantableRole } from '@lagverk/shared';
import type { AccountsTable, DB } from '../db/types.ts';
import { keysetPage } from '../http/pagination.ts';
import { containsPattern } from '../http/references.ts';

type Executor = Kysely<DB> | Transaction<DB>;
export type AccountRow = Selectable<AccountsTable>;
export type AccountWithPerson = AccountRow & { person_name: string };

export function toAccount(row: AccountWithPerson): Account {
  return {
    id: row.id,
    personId: row.person_id,
    personName: row.person_name,
    email: row.email,
    roles: row.roles as GrantableRole[],
    active: row.active,
    hasPassword: row.password_hash !== null,
    lastSignInAt: row.last_sign_in_at ? row.last_sign_in_at.toISOString() : null,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Accounts with their person's name, and the email in the case-blind form it is unique in. */
function accountsWithPerson(db: Executor, organisationId: string) {
  return db
    .selectFrom('accounts as a')
    .innerJoin('people as p', (j) => j.onRef('p.organisation_id', '=', 'a.organisation_id').onRef('p.id', '=', 'a.person_id'))
    .selectAll('a')
    .select(['p.name as person_name', sql<string>`lower(a.email)`.as('email_key')])
    .where('a.organisation_id', '=', organisationId);
}

export async function listAccounts(db: Executor, organisationId: string, query: AccountListQuery) {
  const { q, role, active } = query;
  const matching = accountsWithPerson(db, organisationId)
    .$if(q !== undefined, (qb) => qb.where((eb) => eb.or([eb('a.email', 'ilike', containsPattern(q!)), eb('p.name', 'ilike', containsPattern(q!))])))
    .$if(role !== undefined, (qb) => qb.where(sql<boolean>`a.roles @> array[${role!}]::text[]`))
    .$if(active !== undefined, (qb) => qb.where('a.active', '=', active!));
  // Wrapped so the paging helper's bare `email_key` and `id` name one column each.
  const page = await keysetPage(db.selectFrom(matching.as('accounts')).selectAll(), {
    sort: 'email', columns: { email: 'email_key' }, cursor: query.cursor, limit: query.limit,
  });
  return { items: page.rows.map(toAccount), nextCursor: page.nextCursor };
}

export function findAccount(db: Executor, organisationId: string, id: string) {
  return accountsWithPerson(db, organisationId).where('a.id', '=', id).executeTakeFirst();
}

/** The account row alone, locked until the transaction ends. */
export function lockAccount(trx: Transaction<DB>, organisationId: string, id: string) {
  return trx.selectFrom('accounts').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findAccountIdByPerson(db: Executor, organisationId: string, personId: string) {
  return db.selectFrom('accounts').select('id').where('organisation_id', '=', organisationId).where('person_id', '=', personId).executeTakeFirst();
}

/** Another account of the organisation using `email` in any case; `except` is the account being edited. */
export function findAccountIdByEmail(db: Executor, organisationId: string, email: string, except?: string) {
  return db.selectFrom('accounts').select('id')
    .where('organisation_id', '=', organisationId).where(sql`lower(email)`, '=', email.toLowerCase())
    .$if(except !== undefined, (qb) => qb.where('id', '<>', except!))
    .executeTakeFirst();
}
