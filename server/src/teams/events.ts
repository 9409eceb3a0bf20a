import { auditContext } from '../audit/context.ts';
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { TeamEvent } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { afterCursor, decodeCursor, toPage, type SortSpec } from '../http/pagination.ts';

// The team timeline. Events of one request share a transaction (and so `now()`), and two
// requests can land in the same millisecond, so each event gets its time and a
// time-ordered id (UUIDv7) from this process: (at, id) then orders events as they were
// written, which the timeline's keyset cursor relies on.

type Executor = Kysely<DB> | Transaction<DB>;

export type TeamEventKind =
  | 'team.created' | 'team.updated' | 'team.assessed' | 'team.proposed' | 'team.approved' | 'team.rejected'
  | 'team.activated' | 'team.paused' | 'team.resumed' | 'team.concluded' | 'team.revised'
  | 'member.added' | 'member.changed' | 'member.left'
  | 'result.added' | 'result.changed' | 'result.removed'
  | 'attachment.added' | 'attachment.removed'
  | 'evaluation.started' | 'evaluation.submitted' | 'evaluation.closed' | 'evaluation.removed';

let lastMillis = 0;
let counter = 0;

/** A UUIDv7 whose 12-bit counter keeps ids from one process increasing within a millisecond. */
function timeOrderedId(millis: number): string {
  if (millis <= lastMillis) {
    counter += 1;
    if (counter > 0xfff) {
      lastMillis += 1;
      counter = 0;
    }
  } else {
    lastMillis = millis;
    counter = 0;
  }
  const bytes = randomBytes(16);
  bytes.writeUIntBE(lastMillis, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface EventInput {
  teamId: string;
  kind: TeamEventKind;
  data?: Record<string, unknown>;
}

export async function recordEvents(db: Executor, organisationId: string, events: EventInput[]) {
  if (events.length === 0) return;
  // The person acting in this request (none for an integration token or the seed).
  const actorPersonId = auditContext.getStore()?.actor?.personId ?? null;
  const values = events.map((event) => {
    const id = timeOrderedId(Date.now());
    // The id's time, not Date.now() again: both must agree on the order.
    return {
      organisation_id: organisationId, id, team_id: event.teamId, at: new Date(lastMillis), kind: event.kind,
      actor_person_id: actorPersonId, data: JSON.stringify(event.data ?? {}),
    };
  });
  await db.insertInto('team_events').values(values).execute();
}

export const recordEvent = (db: Executor, organisationId: string, event: EventInput) => recordEvents(db, organisationId, [event]);

const timelineSort: SortSpec = { column: 'at', direction: 'asc', sort: 'at', timestamp: true };

export async function listTimeline(db: Executor, organisationId: string, teamId: string, query: { limit?: number; cursor?: string }) {
  const limit = query.limit ?? 50;
  const cursor = query.cursor ? decodeCursor(query.cursor, timelineSort) : null;
  const rows = await db.selectFrom('team_events').selectAll()
    .where('organisation_id', '=', organisationId).where('team_id', '=', teamId)
    .$if(cursor !== null, (qb) => qb.where((eb) => afterCursor(eb, timelineSort, cursor!)))
    .orderBy('at').orderBy('id')
    .limit(limit + 1)
    .execute();
  const page = toPage(rows, limit, timelineSort);
  const items: TeamEvent[] = page.rows.map((row) => ({
    id: row.id, at: row.at.toISOString(), kind: row.kind, actorPersonId: row.actor_person_id, data: row.data,
  }));
  return { items, nextCursor: page.nextCursor };
}
