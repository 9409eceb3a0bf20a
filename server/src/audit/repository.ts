import { sql, type Kysely } from 'kysely';
import type { AuditEvent, AuditQuery } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { badRequest } from '../http/problem.ts';

// The audit trail, newest first. Ids come from one sequence, so `id desc` is the order
// events were written in, and the cursor is simply the last id shown: a page never
// skips or repeats an event, however many are written meanwhile.

const invalidCursor = () =>
  badRequest('invalid-cursor', 'The cursor is not one this list gave out.',
    [{ path: '/query/cursor', message: 'is not a valid cursor for this list', code: 'cursor' }]);

const maxBigint = 9_223_372_036_854_775_807n;
const encodeCursor = (id: string) => Buffer.from(`audit:${id}`).toString('base64url');

function decodeCursor(cursor: string): string {
  const match = /^audit:([1-9][0-9]{0,18})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || BigInt(match[1]!) > maxBigint) throw invalidCursor();
  return match[1]!;
}

export async function listAuditEvents(db: Kysely<DB>, organisationId: string, query: AuditQuery) {
  const limit = query.limit ?? 50;
  const before = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await db
    .selectFrom('audit_events')
    .select([
      // bigint: as text, so neither driver turns it into a number that could round.
      sql<string>`id::text`.as('id'),
      'occurred_at', 'actor_kind', 'actor_account_id', 'actor_person_id', 'actor_token_id', 'actor_name',
      'request_id', 'entity', 'entity_id', 'action', 'changes',
    ])
    .where('organisation_id', '=', organisationId)
    .$if(query.entity !== undefined, (qb) => qb.where('entity', '=', query.entity!))
    .$if(query.entityId !== undefined, (qb) => qb.where('entity_id', '=', query.entityId!))
    .$if(query.personId !== undefined, (qb) => qb.where('actor_person_id', '=', query.personId!))
    .$if(query.tokenId !== undefined, (qb) => qb.where('actor_token_id', '=', query.tokenId!))
    .$if(query.from !== undefined, (qb) => qb.where('occurred_at', '>=', sql<Date>`${query.from!}::timestamptz`))
    .$if(query.to !== undefined, (qb) => qb.where('occurred_at', '<', sql<Date>`${query.to!}::timestamptz`))
    .$if(before !== null, (qb) => qb.where(sql<boolean>`id < ${before!}::bigint`))
    .orderBy(sql`id`, 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const items: AuditEvent[] = page.map((row) => ({
    id: row.id,
    occurredAt: new Date(row.occurred_at).toISOString(),
    actor: {
      kind: row.actor_kind,
      accountId: row.actor_account_id,
      personId: row.actor_person_id,
      tokenId: row.actor_token_id,
      name: row.actor_name,
    },
    requestId: row.request_id,
    entity: row.entity,
    entityId: row.entity_id,
    action: row.action as AuditEvent['action'],
    changes: row.changes,
  }));
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}
