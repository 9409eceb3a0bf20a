import { sql, type Kysely, type Transaction } from 'kysely';
import { defaultNotificationChannels, type EmailLanguage, type NotificationKind } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { uuidArray } from '../db/arrays.ts';
import { renderEmail } from './templates.ts';

// notify(): the one way a feature tells people something. It runs in the caller's
// transaction, so a notification exists exactly when the event it reports does. It writes
// the in-app notifications and the email outbox rows, each person's choices honoured; the
// sender (sender.ts) delivers the outbox later, from any replica.

type Executor = Kysely<DB> | Transaction<DB>;

/** Where emails' links point, and whether email is on at all (SMTP_URL set). */
export interface EmailLinks {
  /** PUBLIC_URL, without a trailing slash. */
  publicUrl: string;
}

// Set once at start-up from the configuration (the same on every replica): nothing here a
// second replica would need from this one. Unset (no SMTP): notify writes no email rows,
// so an outbox never fills up with mail nobody will send.
let emailLinks: EmailLinks | null = null;

export function enableEmail(links: EmailLinks | null): void {
  emailLinks = links ? { publicUrl: links.publicUrl.replace(/\/+$/, '') } : null;
}

export function emailEnabled(): boolean {
  return emailLinks !== null;
}

export const preferencesPath = '/notifications/preferences';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface NotificationInput {
  organisationId: string;
  personIds: string[];
  kind: NotificationKind;
  /** The team, survey round or meeting it is about. */
  subjectId: string;
  /** The subject's name; the client and the email put it in a sentence for the kind. */
  title: string;
  /** A path in the web client, such as `/teams/<id>`. */
  link: string;
  /**
   * A personal link per person for the email only (a survey invitation's `/svar#<token>`);
   * the in-app notification keeps `link`. The outbox holds it until the email is sent.
   */
  emailLinks?: ReadonlyMap<string, string>;
}

interface Recipient {
  id: string;
  name: string;
  email: string | null;
  email_language: EmailLanguage | null;
  in_app: boolean | null;
  email_on: boolean | null;
}

export async function notify(db: Executor, n: NotificationInput): Promise<void> {
  const ids = [...new Set(n.personIds)].filter((id) => uuidPattern.test(id));
  if (ids.length === 0) return;
  const title = n.title.replace(/\s+/g, ' ').trim().slice(0, 300) || '—';
  const link = n.link.startsWith('/') ? n.link.slice(0, 500) : `/${n.link}`.slice(0, 500);
  const defaults = defaultNotificationChannels[n.kind];
  for (let start = 0; start < ids.length; start += 1000) {
    const chunk = ids.slice(start, start + 1000);
    const { rows } = await sql<Recipient>`
      select p.id, p.name, p.email, s.email_language, pr.in_app, pr.email as email_on
      from people p
      left join notification_settings s on s.organisation_id = p.organisation_id and s.person_id = p.id
      left join notification_preferences pr on pr.organisation_id = p.organisation_id and pr.person_id = p.id and pr.kind = ${n.kind}
      where p.organisation_id = ${n.organisationId} and p.id = any(${uuidArray(chunk)}) and p.active
      order by p.id`.execute(db);

    const inApp = rows.filter((r) => r.in_app ?? defaults.inApp);
    if (inApp.length > 0) {
      await db.insertInto('notifications').values(inApp.map((r) => ({
        organisation_id: n.organisationId, person_id: r.id, kind: n.kind, title, link, subject_id: n.subjectId,
      }))).execute();
    }

    const links = emailLinks;
    if (!links) continue;
    const byEmail = rows.filter((r) => r.email && (r.email_on ?? defaults.email));
    if (byEmail.length === 0) continue;
    await db.insertInto('email_outbox').values(byEmail.map((r) => {
      const path = n.emailLinks?.get(r.id) ?? link;
      const mail = renderEmail({
        kind: n.kind, language: r.email_language ?? 'nb', name: r.name, title,
        url: `${links.publicUrl}${path}`, preferencesUrl: `${links.publicUrl}${preferencesPath}`,
      });
      return {
        organisation_id: n.organisationId, person_id: r.id, kind: n.kind, to_address: r.email!,
        subject: mail.subject, text_body: mail.text, html_body: mail.html,
      };
    })).execute();
  }
}
