import ical, { ICalEventStatus } from 'ical-generator';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { hashSecret, newSecret } from '../auth/secrets.ts';
import { meetingsOf } from './repository.ts';

// A person's calendar feed: a secret link a calendar program polls without signing in.
// As with sessions and integration tokens, only the secret's hash is stored, and the
// organisation travels in clear so the lookup is one key in one organisation. The link
// names a person, so the server's log never shows it (see http/log-serializers.ts).

const feedToken = /^lvc_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;
export const feedPathPrefix = '/api/v1/calendar-feeds/';

const formatFeedToken = (organisationId: string, secret: string) => `lvc_${organisationId.replaceAll('-', '')}_${secret}`;

function parseFeedToken(token: string) {
  const match = feedToken.exec(token);
  if (!match) return null;
  const hex = match[1]!;
  return { organisationId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`, secret: match[2]! };
}

/** Creates the person's feed, or gives it a new token (the old link stops working). */
export async function createFeed(db: Kysely<DB>, organisationId: string, personId: string) {
  const secret = newSecret();
  const row = await db.insertInto('calendar_feeds').values({ organisation_id: organisationId, person_id: personId, token_hash: hashSecret(secret) })
    .onConflict((oc) => oc.columns(['organisation_id', 'person_id']).doUpdateSet({ token_hash: hashSecret(secret), created_at: sql`now()` }))
    .returning('created_at').executeTakeFirstOrThrow();
  return { path: `${feedPathPrefix}${formatFeedToken(organisationId, secret)}.ics`, createdAt: row.created_at.toISOString() };
}

export async function feedStatus(db: Kysely<DB>, organisationId: string, personId: string) {
  const row = await db.selectFrom('calendar_feeds').select('created_at')
    .where('organisation_id', '=', organisationId).where('person_id', '=', personId).executeTakeFirst();
  return { active: row !== undefined, createdAt: row?.created_at.toISOString() ?? null };
}

export async function revokeFeed(db: Kysely<DB>, organisationId: string, personId: string) {
  await db.deleteFrom('calendar_feeds').where('organisation_id', '=', organisationId).where('person_id', '=', personId).execute();
}

const statusOf = { planned: ICalEventStatus.CONFIRMED, held: ICalEventStatus.CONFIRMED, cancelled: ICalEventStatus.CANCELLED } as const;

/**
 * The feed's iCalendar text: the person's meetings from half a year back on. Null for a
 * token that is malformed, unknown or revoked (a person made inactive, or whose account is
 * deactivated, has no feed either).
 */
export async function renderFeed(db: Kysely<DB>, token: string, publicUrl: string | undefined): Promise<string | null> {
  const parsed = parseFeedToken(token);
  if (!parsed) return null;
  const feed = await db.selectFrom('calendar_feeds as f')
    .innerJoin('people as p', (j) => j.onRef('p.organisation_id', '=', 'f.organisation_id').onRef('p.id', '=', 'f.person_id'))
    // The feed was made by a signed-in account; a deactivated account's feed stops with it.
    .innerJoin('accounts as a', (j) => j.onRef('a.organisation_id', '=', 'f.organisation_id').onRef('a.person_id', '=', 'f.person_id'))
    .select(['f.person_id']).where('f.organisation_id', '=', parsed.organisationId).where('f.token_hash', '=', hashSecret(parsed.secret))
    .where('p.active', '=', true).where('a.active', '=', true).executeTakeFirst();
  if (!feed) return null;
  const since = new Date(Date.now() - 183 * 24 * 3600 * 1000);
  const meetings = await meetingsOf(db, parsed.organisationId, feed.person_id, { from: since });
  const calendar = ical({ name: 'Lagverk', prodId: { company: 'Lagverk', product: 'Arenas', language: 'NB' }, ttl: 3600 });
  const base = publicUrl?.replace(/\/+$/, '');
  for (const m of meetings) {
    calendar.createEvent({
      id: `${m.meetingId}@lagverk`,
      start: new Date(m.startsAt),
      end: new Date(m.endsAt),
      summary: m.arenaName,
      location: m.place ?? m.videoUrl ?? null,
      url: m.videoUrl ?? (base ? `${base}/arenas/${m.arenaId}/meetings/${m.meetingId}` : null),
      status: statusOf[m.status],
    });
  }
  return calendar.toString();
}
