import type { Command } from 'commander';
import { tokenScopes, type ApiToken } from '@lagverk/shared';
import { createToken } from '../tokens/service.ts';
import { findToken, listTokens, revokeToken, toApiToken } from '../tokens/repository.ts';
import { print, withDatabase } from './context.ts';
import { requireMigrated } from './data.ts';
import { organisationFor, orgOptionHelp } from './organisation-option.ts';

// Integration tokens at the command line, for setting up an integration before anyone
// can sign in. `token create` prints only the secret on stdout, so a script can capture
// it (`TOKEN=$(pnpm lagverk token create …)`); everything else goes to stderr.

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const tell = (line: string) => process.stderr.write(`${line}\n`);

/** `all`, or scopes given as separate words or separated by commas. */
function scopesFrom(given: string[]): string[] {
  const scopes = given.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  if (scopes.includes('all')) return [...tokenScopes];
  const unknown = scopes.filter((s) => !(tokenScopes as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`Unknown scope ${unknown.join(', ')}. Use all, or some of: ${tokenScopes.join(' ')}.`);
  if (scopes.length === 0) throw new Error('Name at least one scope, or all.');
  return [...new Set(scopes)];
}

function expiryFrom(given: string | undefined): string | null {
  if (given === undefined) return null;
  const time = /^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(given.trim()) ? Date.parse(given.trim()) : Number.NaN;
  if (Number.isNaN(time)) throw new Error('--expires takes an ISO 8601 date or time, such as 2027-06-30 or 2027-06-30T12:00:00Z.');
  return new Date(time).toISOString();
}

const shortTime = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : null);

function status(token: ApiToken): string {
  if (token.revokedAt) return `revoked ${shortTime(token.revokedAt)}`;
  if (token.expiresAt && Date.parse(token.expiresAt) <= Date.now()) return `expired ${shortTime(token.expiresAt)}`;
  return token.expiresAt ? `active until ${shortTime(token.expiresAt)}` : 'active';
}

export function registerTokenCommands(program: Command) {
  const token = program.command('token').description('Manage integration tokens (bearer tokens for HR systems and other integrations).');

  token.command('create')
    .description('Create a token and print its secret (only the secret, on stdout). The secret is shown only now.')
    .requiredOption('--name <name>', 'what the token is for, e.g. "HR-systemet"')
    .requiredOption('--scope <scope...>', `what it may do: all, or some of ${tokenScopes.join(' ')}`)
    .option('--expires <date>', 'when it stops working (ISO 8601, e.g. 2027-06-30); never when left out')
    .option('--org <id or number>', orgOptionHelp)
    .action((options: { name: string; scope: string[]; expires?: string; org?: string }) =>
      withDatabase(async (database) => {
        await requireMigrated(database);
        const name = options.name.trim();
        if (!name || name.length > 200) throw new Error('The name must be 1–200 characters.');
        const scopes = scopesFrom(options.scope) as ApiToken['scopes'];
        const expiresAt = expiryFrom(options.expires);
        const organisation = await organisationFor(database.db, options.org);
        const created = await createToken(database.db, organisation.id, { name, scopes, expiresAt }, null);
        tell(`Created the token "${name}" (${created.token.id}) in ${organisation.name}, ${status(created.token)}, with ${scopes.length} scope(s).`);
        tell('Store the secret below now: it is never shown again.');
        print(created.secret);
      }));

  token.command('list')
    .description('List the organisation\'s tokens, newest first: id, status, name, scopes, last use and who created it.')
    .option('--org <id or number>', orgOptionHelp)
    .action((options: { org?: string }) =>
      withDatabase(async (database) => {
        await requireMigrated(database);
        const organisation = await organisationFor(database.db, options.org);
        const tokens = (await listTokens(database.db, organisation.id)).map(toApiToken);
        for (const t of tokens) {
          print([
            t.id, status(t), t.name, t.scopes.join(','),
            `last used ${shortTime(t.lastUsedAt) ?? 'never'}`, `created ${shortTime(t.createdAt)} by ${t.createdBy ?? 'the CLI'}`,
          ].join('  '));
        }
        if (tokens.length === 0) print(`${organisation.name} has no tokens.`);
      }));

  token.command('revoke')
    .description('Revoke a token: its next request is refused. Revoking it again changes nothing.')
    .argument('<id>', 'the token\'s id (see `token list`)')
    .option('--org <id or number>', orgOptionHelp)
    .action((id: string, options: { org?: string }) =>
      withDatabase(async (database) => {
        await requireMigrated(database);
        if (!uuidPattern.test(id)) throw new Error(`${id} is not a token id (a UUID; see \`pnpm lagverk token list\`).`);
        const organisation = await organisationFor(database.db, options.org);
        const revoked = await database.db.transaction().execute(async (trx) => {
          const before = await findToken(trx, organisation.id, id.toLowerCase());
          if (!before) throw new Error(`${organisation.name} has no token ${id}.`);
          await revokeToken(trx, organisation.id, before.id);
          return { before, after: (await findToken(trx, organisation.id, before.id))! };
        });
        const { name, revokedAt } = toApiToken(revoked.after);
        print(revoked.before.revoked_at
          ? `The token "${name}" was revoked already, at ${shortTime(revokedAt)}.`
          : `Revoked the token "${name}" (${id}).`);
      }));
}
