import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';

// Fixed-window counters in PostgreSQL, so every replica counts the same attempts.
// Used to slow password guessing: per account and per client address.

export interface Limit {
  key: string;
  max: number;
  windowSeconds: number;
}

/** Seconds until the busiest exhausted limit frees up; 0 when none is exhausted. */
export async function retryAfter(db: Kysely<DB>, organisationId: string, limits: Limit[]): Promise<number> {
  const rows = await db.selectFrom('rate_limits')
    .select(['key', 'hits', sql<number>`extract(epoch from (window_start - now()))::float8`.as('age')])
    .where('organisation_id', '=', organisationId)
    .where('key', 'in', limits.map((l) => l.key))
    .execute();
  let wait = 0;
  for (const row of rows) {
    const limit = limits.find((l) => l.key === row.key)!;
    const remaining = limit.windowSeconds + Number(row.age);
    if (remaining > 0 && row.hits >= limit.max) wait = Math.max(wait, Math.ceil(remaining));
  }
  return wait;
}

/** Counts one attempt against each limit, starting a new window where the old one ended. */
export async function hit(db: Kysely<DB>, organisationId: string, limits: Limit[]): Promise<void> {
  for (const limit of limits) {
    const expired = sql<boolean>`rate_limits.window_start <= now() - make_interval(secs => ${limit.windowSeconds})`;
    await db.insertInto('rate_limits')
      .values({ organisation_id: organisationId, key: limit.key, window_start: sql`now()`, hits: 1 })
      .onConflict((oc) => oc.columns(['organisation_id', 'key']).doUpdateSet({
        hits: sql`case when ${expired} then 1 else rate_limits.hits + 1 end`,
        window_start: sql`case when ${expired} then now() else rate_limits.window_start end`,
      }))
      .execute();
  }
}

export async function clear(db: Kysely<DB>, organisationId: string, key: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('organisation_id', '=', organisationId).where('key', '=', key).execute();
}
