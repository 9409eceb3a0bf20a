import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import {
  defaultNotificationChannels, notificationKinds, type EmailLanguage, type Notification, type NotificationListQuery,
  type NotificationPreferences, type NotificationPreferencesUpdate,
} from '@lagverk/shared';
import type { DB, NotificationsTable } from '../db/types.ts';
import { keysetPage } from '../http/pagination.ts';
import { staleVersion } from '../http/preconditions.ts';
import { notFound } from '../http/problem.ts';

// The signed-in person's inbox and choices. Every query names the person as well as the
// organisation: another person's notification is simply not found.

type Executor = Kysely<DB> | Transaction<DB>;
type NotificationRow = Selectable<NotificationsTable>;

export const toNotification = (row: NotificationRow): Notification => ({
  id: row.id,
  kind: row.kind,
  title: row.title,
  link: row.link,
  subjectId: row.subject_id,
  createdAt: row.created_at.toISOString(),
  readAt: row.read_at ? row.read_at.toISOString() : null,
});

export interface Me {
  organisationId: string;
  personId: string;
}

export async function unreadCount(db: Executor, me: Me): Promise<number> {
  const row = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('organisation_id', '=', me.organisationId).where('person_id', '=', me.personId).where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listNotifications(db: Executor, me: Me, query: NotificationListQuery) {
  const base = db.selectFrom('notifications').selectAll()
    .where('organisation_id', '=', me.organisationId).where('person_id', '=', me.personId)
    .$if(query.unread === true, (qb) => qb.where('read_at', 'is', null))
    .$if(query.unread === false, (qb) => qb.where('read_at', 'is not', null));
  const page = await keysetPage(base, { sort: '-createdAt', columns: { createdAt: 'created_at' }, cursor: query.cursor, limit: query.limit });
  return {
    items: (page.rows as NotificationRow[]).map(toNotification),
    nextCursor: page.nextCursor,
    unreadCount: await unreadCount(db, me),
  };
}

/**
 * When a notification counts as read. A survey invitation's is its own creation time (the
 * round's opening, the same for everyone invited): a per-person time of reading it, taken
 * while the round is open, would hint at when each person answered, and survey answers
 * keep no time (docs/surveys.md). It records that it was read, not when.
 */
const readTime = sql<Date>`case when kind = 'surveyInvitation' then created_at else now() end`;

/** Marks one notification read (once: a second call keeps the first time). */
export async function markRead(db: Executor, me: Me, id: string): Promise<Notification> {
  const row = await db.updateTable('notifications').set({ read_at: sql`coalesce(read_at, ${readTime})` })
    .where('organisation_id', '=', me.organisationId).where('person_id', '=', me.personId).where('id', '=', id)
    .returningAll().executeTakeFirst();
  if (!row) throw notFound('The notification');
  return toNotification(row);
}

export async function markAllRead(db: Executor, me: Me) {
  const result = await db.updateTable('notifications').set({ read_at: readTime })
    .where('organisation_id', '=', me.organisationId).where('person_id', '=', me.personId).where('read_at', 'is', null)
    .executeTakeFirst();
  return { marked: Number(result.numUpdatedRows), unreadCount: await unreadCount(db, me) };
}

export async function getPreferences(db: Executor, me: Me): Promise<NotificationPreferences> {
  // One after another: inside a transaction they share one connection.
  const settings = await db.selectFrom('notification_settings').select(['email_language', 'version'])
    .where('organisation_id', '=', me.organisationId).where('person_id', '=', me.personId).executeTakeFirst();
  const rows = await db.selectFrom('notification_preferences').select(['kind', 'in_app', 'email'])
    .where('organisation_id', '=', me.organisationId).where('person_id', '=', me.personId).execute();
  const person = await db.selectFrom('people').select('email')
    .where('organisation_id', '=', me.organisationId).where('id', '=', me.personId).executeTakeFirst();
  const chosen = new Map(rows.map((r) => [r.kind, r]));
  return {
    emailLanguage: settings?.email_language ?? 'nb',
    kinds: notificationKinds.map((kind) => {
      const row = chosen.get(kind);
      return row ? { kind, inApp: row.in_app, email: row.email } : { kind, ...defaultNotificationChannels[kind] };
    }),
    emailAddress: person?.email ?? null,
    // Until the first change there is no row: the defaults are version 1.
    version: settings?.version ?? 1,
  };
}

/**
 * Saves the choices sent, in one transaction: the settings row is made on the first
 * change (so the defaults are version 1 and the first change makes version 2).
 */
export function updatePreferences(db: Kysely<DB>, me: Me, expected: number | null, input: NotificationPreferencesUpdate) {
  return db.transaction().execute(async (trx) => {
    await trx.insertInto('notification_settings').values({ organisation_id: me.organisationId, person_id: me.personId })
      .onConflict((oc) => oc.columns(['organisation_id', 'person_id']).doNothing()).execute();
    const current = await trx.selectFrom('notification_settings').select('version')
      .where('organisation_id', '=', me.organisationId).where('person_id', '=', me.personId).forUpdate().executeTakeFirstOrThrow();
    if (expected !== null && expected !== current.version) throw staleVersion(current.version);
    await trx.updateTable('notification_settings')
      .set({
        version: sql`version + 1`, updated_at: sql`now()`,
        ...(input.emailLanguage !== undefined && { email_language: input.emailLanguage as EmailLanguage }),
      })
      .where('organisation_id', '=', me.organisationId).where('person_id', '=', me.personId).execute();
    // The last entry for a kind wins if a kind is sent twice.
    const byKind = new Map((input.kinds ?? []).map((k) => [k.kind, k]));
    if (byKind.size > 0) {
      await trx.insertInto('notification_preferences')
        .values([...byKind.values()].map((k) => ({
          organisation_id: me.organisationId, person_id: me.personId, kind: k.kind, in_app: k.inApp, email: k.email,
        })))
        .onConflict((oc) => oc.columns(['organisation_id', 'person_id', 'kind'])
          .doUpdateSet((eb) => ({ in_app: eb.ref('excluded.in_app'), email: eb.ref('excluded.email') })))
        .execute();
    }
    return getPreferences(trx, me);
  });
}
