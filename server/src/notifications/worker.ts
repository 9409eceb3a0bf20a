import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { drainOutbox, purgeOutbox, smtpHostOf, smtpMailer, type MailSettings, type Mailer } from './sender.ts';
import { notifyDueEvaluations } from './triggers.ts';

// The server's notification loop: drains the email outbox every interval and, once an
// hour, looks for due evaluations and purges old outbox rows. Everything it knows is in
// the database, so any number of replicas can run it side by side.

export interface NotificationWorkerOptions {
  mail: MailSettings;
  /** Seconds between drains (MAIL_SEND_INTERVAL_SECONDS). */
  intervalSeconds: number;
  /** Days a sent or failed row (without its body) is kept. */
  retentionDays: number;
}

const hourMs = 60 * 60 * 1000;

export function startNotificationWorker(db: Kysely<DB>, options: NotificationWorkerOptions, log: FastifyBaseLogger, mailer: Mailer = smtpMailer(options.mail)) {
  let running: Promise<void> | null = null;
  let lastHourly = 0;
  let stopped = false;

  const tick = async () => {
    try {
      const result = await drainOutbox(db, mailer, options.mail.from);
      if (result.sent + result.failed + result.retrying > 0) log.info({ ...result }, 'email outbox drained');
      if (Date.now() - lastHourly >= hourMs) {
        lastHourly = Date.now();
        const teams = await notifyDueEvaluations(db);
        const purged = await purgeOutbox(db, options.retentionDays);
        if (teams + purged > 0) log.info({ teams, purged }, 'due evaluations notified, outbox purged');
      }
    } catch (err) {
      log.error({ err }, 'notification worker failed; it tries again next interval');
    }
  };

  const timer = setInterval(() => {
    if (stopped || running) return;
    running = tick().finally(() => { running = null; });
  }, options.intervalSeconds * 1000);
  timer.unref();
  log.info({ smtp: smtpHostOf(options.mail.smtpUrl), intervalSeconds: options.intervalSeconds }, 'email notifications on');

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (running) await running;
      mailer.close();
    },
  };
}
