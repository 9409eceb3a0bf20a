import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';

// Fixed-window counters in PostgreSQL, so every replica counts the same attempts. Used to
// slow password guessing: per account and per client address. An attempt is counted
// before the password is checked (one atomic upsert per key), so guesses sent in
// parallel cannot all slip past the limit; a success then takes its count back.

export interface Limit {
  key: string;
  max: number;
  windowSeconds: number;
}

/**
 * Counts one attempt against each limit in turn, starting a new window where the old one
 * ended. Stops at the first limit exceeded and returns the seconds to wait (else 0), so a
 * throttled address can no longer count against anyone's account.
 */
export async function countAttempt(db: Kysely<DB>, organisationId: string, limits: Limit[]): Promise<number> {
  for (const limit of limits) {
    const expired = sql<boolean>`rate_limits.window_start <= now() - make_interval(secs => ${limit.windowSeconds})`;
    const row = await db.insertInto('rate_limits')
      .values({ organisation_id: organisationId, key: limit.key, window_start: sql`now()`, hits: 1 })
      .onConflict((oc) => oc.columns(['organisation_id', 'key']).doUpdateSet({
        hits: sql`case when ${expired} then 1 else rate_limits.hits + 1 end`,
        window_start: sql`case when ${expired} then now() else rate_limits.window_start end`,
      }))
      .returning(['hits', sql<number>`extract(epoch from (window_start - now()))::float8`.as('age')])
      .executeTakeFirstOrThrow();
    if (row.hits > limit.max) return Math.max(1, Math.ceil(limit.windowSeconds + Number(row.age)));
  }
  return 0;
}

/** Takes back a counted attempt that succeeded: it was no guess. */
export async function uncount(db: Kysely<DB>, organisationId: string, keys: string[]): Promise<void> {
  await db.updateTable('rate_limits').set({ hits: sql`greatest(hits - 1, 0)` })
    .where('organisation_id', '=', organisationId).where('key', 'in', keys).execute();
}

/** Removes windows that ended long ago, so the table holds only live counts. */
export async function sweep(db: Kysely<DB>, organisationId: string, olderThanSeconds: number): Promise<void> {
  await db.deleteFrom('rate_limits').where('organisation_id', '=', organisationId)
    .where('window_start', '<', sql<Date>`now() - make_interval(secs => ${olderThanSeconds})`).execute();
}

/** Starts a key afresh: after a successful sign-in the account's earlier misses are forgiven. */
export async function clear(db: Kysely<DB>, organisationId: string, key: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('organisation_id', '=', organisationId).where('key', '=', key).execute();
}
