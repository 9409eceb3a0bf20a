import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { enableEmail } from '../notifications/notify.ts';
import { drainOutbox, purgeOutbox, smtpHostOf, smtpMailer } from '../notifications/sender.ts';
import { notifyDueEvaluations } from '../notifications/triggers.ts';
import { print, withDatabase } from './context.ts';
import { requireMigrated } from './data.ts';
import { organisationFor, orgOptionHelp } from './organisation-option.ts';

// The server sends email and looks for due evaluations on its own (with SMTP_URL set);
// these commands do the same once, for a cron job or a server run without the loop.

export function registerNotificationCommands(program: Command) {
  const notifications = program.command('notifications').description('Email notifications and the due-evaluation reminders.');

  notifications.command('send')
    .description('Send the pending emails in the outbox now (SMTP_URL, MAIL_FROM and PUBLIC_URL must be set), then delete sent and failed rows older than MAIL_RETENTION_DAYS. Safe to run beside a running server: no email is sent twice.')
    .action(() =>
      withDatabase(async (database) => {
        await requireMigrated(database);
        const { mail } = loadConfig();
        if (!mail) throw new Error('SMTP_URL is not set, so there is no email to send (see docs/configuration.md).');
        const mailer = smtpMailer(mail);
        try {
          const result = await drainOutbox(database.db, mailer, mail.from);
          const purged = await purgeOutbox(database.db, mail.retentionDays);
          print(`Sent ${result.sent} email(s) through ${smtpHostOf(mail.smtpUrl)}; ${result.retrying} to retry later, ${result.failed} given up; ${purged} old row(s) removed.`);
        } finally {
          mailer.close();
        }
      }));

  notifications.command('due-evaluations')
    .description("Notify the coordinators and unit managers of every team whose evaluation is due (or overdue) and not started. Each team is notified once per due date, so running it daily (or twice) is safe.")
    .option('--org <id or number>', `only this organisation: ${orgOptionHelp}`)
    .action((options: { org?: string }) =>
      withDatabase(async (database) => {
        await requireMigrated(database);
        const config = loadConfig();
        // Emails are written to the outbox only when they can be sent.
        if (config.mail && config.publicUrl) enableEmail({ publicUrl: config.publicUrl });
        const organisation = options.org !== undefined ? await organisationFor(database.db, options.org) : null;
        const teams = await notifyDueEvaluations(database.db, organisation ? { organisationId: organisation.id } : {});
        print(teams === 0 ? 'No team has a due evaluation that was not notified already.' : `Notified the coordinators and managers of ${teams} team(s) with a due evaluation.`);
      }));
}
