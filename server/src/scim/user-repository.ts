import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/types.ts';
import { scimFilter, type FilterAttributes, type FilterExpression } from './filter.ts';
import { enterpriseUserSchema, userSchema } from './schemas.ts';

// A SCIM User is a person with their account, if they have one: the account's email is
// the userName. People are never deleted, so every person of the organisation is a User,
// inactive ones included.

type Executor = Kysely<DB> | Transaction<DB>;
type UserTables = DB & { p: DB['people']; a: DB['accounts'] };
type UserExpressions = ExpressionBuilder<UserTables, 'p' | 'a'>;

export interface UserRow {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  external_id: string | null;
  active: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
  account_id: string | null;
  account_email: string | null;
  account_roles: string[] | null;
  account_active: boolean | null;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (text: string) => uuid.test(text);

const lower = (eb: UserExpressions, column: 'a.email' | 'p.email' | 'p.name') => eb.fn<string>('lower', [eb.ref(column)]);
const lowerValue = (eb: UserExpressions, value: string) => eb.fn<string>('lower', [eb.val(value)]);
const never = () => sql<boolean>`false`;

/** The userName: the account's email; for someone without an account, their email (or, lacking that, id). */
function userNameIs(eb: UserExpressions, value: string) {
  return eb.or([
    eb(lower(eb, 'a.email'), '=', lowerValue(eb, value)),
    eb.and([eb('a.id', 'is', null), eb(lower(eb, 'p.email'), '=', lowerValue(eb, value))]),
    ...(isUuid(value) ? [eb.and([eb('a.id', 'is', null), eb('p.email', 'is', null), eb('p.id', '=', value)])] : []),
  ]);
}

/** One email is kept, shown as type work and primary. */
const userFilters: FilterAttributes<UserExpressions> = {
  id: { type: 'string', eq: (eb, v) => (isUuid(v) ? eb('p.id', '=', v) : never()) },
  username: { type: 'string', eq: userNameIs },
  externalid: { type: 'string', eq: (eb, v) => eb('p.external_id', '=', v) },
  displayname: { type: 'string', eq: (eb, v) => eb(lower(eb, 'p.name'), '=', lowerValue(eb, v)) },
  active: { type: 'boolean', eq: (eb, v) => eb('p.active', '=', v) },
  'emails.value': { type: 'string', eq: (eb, v) => eb(lower(eb, 'p.email'), '=', lowerValue(eb, v)) },
  'emails.type': { type: 'string', eq: (eb, v) => (v.toLowerCase() === 'work' ? eb('p.email', 'is not', null) : never()) },
  'emails.primary': { type: 'boolean', eq: (eb, v) => (v ? eb('p.email', 'is not', null) : never()) },
  [`${enterpriseUserSchema.toLowerCase()}:employeenumber`]: { type: 'string', eq: (eb, v) => eb('p.external_id', '=', v) },
};

export type UserFilter = FilterExpression<UserExpressions>;

/** The filter as an expression, or a 400 invalidFilter before any query runs. */
export const userFilter = (text: string): UserFilter => scimFilter(text, userSchema, userFilters);

function users(db: Executor, organisationId: string) {
  return db
    .selectFrom('people as p')
    .leftJoin('accounts as a', (join) => join.onRef('a.organisation_id', '=', 'p.organisation_id').onRef('a.person_id', '=', 'p.id'))
    .where('p.organisation_id', '=', organisationId);
}

const columns = [
  'p.id', 'p.name', 'p.email', 'p.phone', 'p.title', 'p.external_id', 'p.active', 'p.version', 'p.created_at', 'p.updated_at',
  'a.id as account_id', 'a.email as account_email', 'a.roles as account_roles', 'a.active as account_active',
] as const;

export async function listUsers(db: Executor, organisationId: string, filter: UserFilter | undefined, offset: number, count: number) {
  const matching = users(db, organisationId).$if(filter !== undefined, (qb) => qb.where((eb) => filter!(eb)));
  const total = await matching.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const rows = count === 0 ? [] : await matching.select(columns).orderBy('p.created_at').orderBy('p.id').offset(offset).limit(count).execute();
  return { total: Number(total.n), rows: rows as UserRow[] };
}

/** One User; `lock` holds the person's row until the transaction ends. */
export async function findUser(db: Executor, organisationId: string, id: string, options: { lock?: boolean } = {}): Promise<UserRow | undefined> {
  if (!isUuid(id)) return undefined;
  return users(db, organisationId).select(columns).where('p.id', '=', id)
    .$if(options.lock === true, (qb) => qb.forUpdate('p'))
    .executeTakeFirst() as Promise<UserRow | undefined>;
}
