import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/types.ts';

/**
 * Runs `work` in one transaction and hands it a database whose `transaction()` joins that
 * transaction instead of beginning another. The people, unit and account services each
 * begin their own; a SCIM request that creates a person and their account, or moves
 * people into a unit, must do all of it or none. So SCIM calls those services, with
 * their rules, through this handle rather than copying them.
 */
export function inOneTransaction<T>(db: Kysely<DB>, work: (joined: Kysely<DB>, trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute((trx) => work(joinedHandle(trx), trx));
}

function joinedHandle(trx: Transaction<DB>): Kysely<DB> {
  const joined = { execute: <R>(callback: (inner: Transaction<DB>) => Promise<R>) => callback(trx) };
  return new Proxy(trx, {
    get(target, property) {
      if (property === 'transaction') return () => joined;
      const value: unknown = Reflect.get(target, property, target);
      // Kysely keeps its state in private fields, which only the real object can read.
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  }) as unknown as Kysely<DB>;
}
