import nodemailer from 'nodemailer';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';

// The email sender drains the outbox. Any number of replicas (and the CLI) may run it at
// once: a batch is claimed in a short transaction with FOR UPDATE SKIP LOCKED, which also
// pushes the rows' next attempt a lease ahead, so another drain neither takes them while
// they are being claimed nor finds them due afterwards. The emails are sent outside any
// transaction (no database connection or row lock waits on the SMTP server, and a server
// that ends idle transactions cannot roll a sent batch back), and each outcome is written
// on its own. On PGlite there is one connection and transactions queue, which serialises
// the claims just the same.
//
// Delivery is at least once: an email whose SMTP server accepted it but whose outcome
// could not be written (the process died in between) goes again once its lease is over.

export interface MailSettings {
  /** smtp://user:pass@host:port or smtps://… */
  smtpUrl: string;
  /** The From address: `Lagverk <noreply@kommune.no>`. */
  from: string;
}

export interface Mailer {
  send(message: { from: string; to: string; subject: string; text: string; html?: string | undefined }): Promise<void>;
  close(): void;
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);

/** The nodemailer options for `smtpUrl` (the password among them: never log them). */
export function smtpTransportOptions(smtpUrl: string) {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return {
    // A pool: one connection carries a whole batch instead of one connection per email.
    pool: true as const, maxConnections: 2, maxMessages: 100,
    host,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    // smtp:// upgrades with STARTTLS when the server offers it; with a password that must
    // not be optional, or whoever strips the offer on the way reads the password (and the
    // survey links in the mail). Only a relay on this very machine may go without.
    requireTLS: !secure && url.username !== '' && !isLoopback(host),
    ...(url.username && { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }),
    connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000,
  };
}

/** A nodemailer transport for `smtpUrl`; its password never leaves it. */
export function smtpMailer(settings: MailSettings): Mailer {
  const transport = nodemailer.createTransport(smtpTransportOptions(settings.smtpUrl));
  return {
    async send(message) {
      await transport.sendMail(message);
    },
    close() {
      transport.close();
    },
  };
}

/** The host and port of an SMTP URL, for logs: never the user or password. */
export function smtpHostOf(smtpUrl: string): string {
  try {
    const url = new URL(smtpUrl);
    return `${url.protocol}//${url.host}`;
  } catch {
    return '(invalid SMTP_URL)';
  }
}

export const maxAttempts = 8;
export const batchSize = 20;
/**
 * How long a claimed batch is another drain's to leave alone: longer than sending it can
 * take (20 emails, each bounded by the transport's timeouts). A drain that dies leaves its
 * rows to be tried again after this.
 */
export const leaseMinutes = 15;

/** Minutes until the next attempt after `attempts` failed ones: 1, 2, 4 … at most 6 hours. */
export const backoffMinutes = (attempts: number) => Math.min(2 ** Math.max(attempts - 1, 0), 360);

// An SMTP error message names the server's reply; strip anything that looks like a URL's
// credentials, and keep it short.
const cleanError = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).replace(/\/\/[^/\s@]*@/g, '//[redacted]@').slice(0, 1000);

export interface DrainResult {
  sent: number;
  failed: number;
  retrying: number;
}

/** Claims up to a batch of due rows: locked only while their next attempt is pushed a lease ahead. */
function claimBatch(db: Kysely<DB>) {
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('email_outbox')
      .select(['organisation_id', 'id', 'to_address', 'subject', 'text_body', 'html_body', 'attempts'])
      .where('status', '=', 'pending').where('next_attempt_at', '<=', sql<Date>`now()`)
      .orderBy('next_attempt_at').orderBy('id')
      .limit(batchSize)
      .forUpdate().skipLocked()
      .execute();
    for (const row of rows) {
      await trx.updateTable('email_outbox').set({ next_attempt_at: sql`now() + make_interval(mins => ${leaseMinutes}::integer)` })
        .where('organisation_id', '=', row.organisation_id).where('id', '=', row.id).execute();
    }
    return rows;
  });
}

/**
 * Sends every due outbox row, a batch at a time, until none is left (or `maxBatches`).
 * A failure is retried with back-off; after `maxAttempts` the row is marked failed. A sent
 * or failed row's body is blanked at once: a survey invitation's body holds the person's
 * personal answer link, which the outbox keeps only until the email is sent.
 */
export async function drainOutbox(db: Kysely<DB>, mailer: Mailer, from: string, options: { maxBatches?: number } = {}): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, failed: 0, retrying: 0 };
  const maxBatches = options.maxBatches ?? 50;
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const rows = await claimBatch(db);
    for (const row of rows) {
      try {
        await mailer.send({ from, to: row.to_address, subject: row.subject, text: row.text_body ?? '', html: row.html_body ?? undefined });
      } catch (error) {
        const attempts = row.attempts + 1;
        const giveUp = attempts >= maxAttempts;
        await db.updateTable('email_outbox')
          .set({
            attempts, last_error: cleanError(error),
            ...(giveUp
              ? { status: 'failed', text_body: null, html_body: null }
              : { next_attempt_at: sql`now() + make_interval(mins => ${backoffMinutes(attempts)}::integer)` }),
          })
          .where('organisation_id', '=', row.organisation_id).where('id', '=', row.id).where('status', '=', 'pending').execute();
        if (giveUp) result.failed += 1;
        else result.retrying += 1;
        continue;
      }
      await db.updateTable('email_outbox')
        .set({ status: 'sent', sent_at: sql`now()`, attempts: row.attempts + 1, text_body: null, html_body: null, last_error: null })
        .where('organisation_id', '=', row.organisation_id).where('id', '=', row.id).execute();
      result.sent += 1;
    }
    if (rows.length < batchSize) break;
  }
  return result;
}

/** Deletes sent and failed rows older than `retentionDays` (their bodies are blank already). */
export async function purgeOutbox(db: Kysely<DB>, retentionDays: number): Promise<number> {
  const result = await db.deleteFrom('email_outbox')
    .where('status', '<>', 'pending')
    .where('created_at', '<', sql<Date>`now() - make_interval(days => ${retentionDays}::integer)`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
