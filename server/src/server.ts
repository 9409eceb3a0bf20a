import closeWithGrace from 'close-with-grace';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { buildApp } from './app.ts';
import { loggerOptions } from './http/log-serializers.ts';
import { ConfigError, loadConfig } from './config.ts';
import { migrateToLatest, openDatabase, pendingMigrations } from './db/database.ts';
import { demoSignInHelp, randomDemoPassword, seedDemoIfEmpty } from './seed/demo.ts';

// The server only opens the database, prepares it and listens; the app is in app.ts.

const defaultClientDist = fileURLToPath(new URL('../../client/dist/', import.meta.url));

async function main() {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: config.pgPoolMax });
  let demoHelp = '';

  if (database.kind === 'pglite') {
    // The embedded database belongs to this process alone, so it is migrated on start.
    await migrateToLatest(database.db);
    // `pnpm start -- --no-demo` (or SEED_DEMO=false) starts an empty installation.
    if (config.seedDemo && !process.argv.includes('--no-demo')) {
      const password = config.demoPassword ?? randomDemoPassword();
      if (await seedDemoIfEmpty(database.db, password)) demoHelp = demoSignInHelp(password);
    }
    // PGlite has no autovacuum, so without this its planner never learns the tables'
    // sizes and the people list sorts a whole organisation on every request.
    await sql`analyze`.execute(database.db);
  } else {
    const pending = await pendingMigrations(database.db);
    if (pending.length > 0) {
      await database.close();
      throw new StartupError(
        `The database has ${pending.length} pending migration(s): ${pending.join(', ')}.\n` +
          'Run `pnpm lagverk migrate latest` (with the same DATABASE_URL), then start again.',
      );
    }
  }

  const clientDist = config.clientDist ?? (existsSync(defaultClientDist) ? defaultClientDist : undefined);
  const app = await buildApp({
    database,
    clientDist,
    bodyLimit: config.bodyLimit,
    attachmentMaxBytes: config.attachmentMaxBytes,
    trustProxy: config.trustProxy,
    session: config.session,
    singleSignOn: { publicUrl: config.publicUrl, secretsKey: config.secretsKey },
    // loadConfig makes sure PUBLIC_URL is set whenever SMTP_URL is.
    notifications: config.mail && config.publicUrl ? {
      mail: { smtpUrl: config.mail.smtpUrl, from: config.mail.from }, publicUrl: config.publicUrl,
      intervalSeconds: config.mail.intervalSeconds, retentionDays: config.mail.retentionDays,
    } : undefined,
    logger: loggerOptions(config.logLevel),
  });

  closeWithGrace({ delay: 10_000 }, async ({ err }) => {
    if (err) app.log.error({ err }, 'closing because of an error');
    await app.close();
    await database.close();
  });

  const address = await app.listen({ port: config.port, host: config.host });
  app.log.info({ database: database.kind, location: database.location }, 'database');
  const shown = address.replace('://127.0.0.1', '://localhost');
  process.stdout.write(
    `\nLagverk is running on ${database.kind === 'pglite' ? `the embedded database (${database.location})` : 'PostgreSQL'}.\n` +
      `  Open ${shown}/\n  API reference ${shown}/api/docs\n` +
      (clientDist ? '' : '  (The web client is not built: run `pnpm build`.)\n') +
      (demoHelp ? `\n${demoHelp}` : '') +
      (config.session.secureCookies ? '' : '  Session cookies are not Secure: set NODE_ENV=production behind HTTPS.\n') +
      '\n',
  );
}

class StartupError extends Error {}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError) {
    process.stderr.write(`\n${error.message}\n\n`);
  } else {
    process.stderr.write(`\nLagverk could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n\n`);
  }
  process.exit(1);
});
