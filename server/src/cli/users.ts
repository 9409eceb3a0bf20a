import type { Command } from 'commander';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { hashPassword } from '../auth/passwords.ts';
import { endSessionsOf } from '../auth/sessions.ts';
import { setPassword } from '../accounts/service.ts';
import { print, withDatabase } from './context.ts';
import { requireMigrated } from './data.ts';
import { organisationFor, orgOptionHelp } from './organisation-option.ts';
import { readNewPassword } from './password-input.ts';

// The way into a new installation, and back into one where every administrator has
// forgotten their password: both work at the command line, where having the database
// is the proof of being allowed.

interface UserOptions {
  email: string;
  name?: string;
  org?: string;
  passwordStdin?: boolean;
}

const adminRoles = ['member', 'administrator'];

function checkedEmail(given: string): string {
  const email = given.trim();
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new Error(`${given} is not an email address.`);
  return email;
}

function checkedName(given: string | undefined): string | undefined {
  if (given === undefined) return undefined;
  const name = given.trim();
  if (!name || name.length > 200) throw new Error('The name must be 1–200 characters.');
  return name;
}

const noSuchPerson = (email: string) => new Error(`No one in the organisation has the email ${email}: pass --name to add them.`);

async function someoneHasEmail(db: Kysely<DB>, organisationId: string, email: string) {
  const key = email.toLowerCase();
  const [account, person] = await Promise.all([
    db.selectFrom('accounts').select('id').where('organisation_id', '=', organisationId).where(sql`lower(email)`, '=', key).executeTakeFirst(),
    db.selectFrom('people').select('id').where('organisation_id', '=', organisationId).where(sql`lower(email)`, '=', key).executeTakeFirst(),
  ]);
  return Boolean(account ?? person);
}

/**
 * Gives the person with `email` an administrator account with this password: the
 * account with that email gains the roles (and is switched on again), or the person
 * with that email gets one, or a new person is made (which needs `name`).
 */
async function makeAdministrator(db: Kysely<DB>, organisationId: string, email: string, name: string | undefined, passwordHash: string) {
  return db.transaction().execute(async (trx) => {
    const account = await trx.selectFrom('accounts as a')
      .innerJoin('people as p', (j) => j.onRef('p.organisation_id', '=', 'a.organisation_id').onRef('p.id', '=', 'a.person_id'))
      .select(['a.id', 'a.roles', 'p.name', 'p.active as person_active'])
      .where('a.organisation_id', '=', organisationId).where(sql`lower(a.email)`, '=', email.toLowerCase())
      .forUpdate()
      .executeTakeFirst();
    if (account) {
      if (!account.person_active) throw new Error(`${account.name} has left the organisation (inactive); reactivate them first.`);
      await trx.updateTable('accounts')
        .set({
          roles: [...new Set([...account.roles, ...adminRoles])], password_hash: passwordHash, active: true,
          version: sql`version + 1`, updated_at: sql`now()`,
        })
        .where('organisation_id', '=', organisationId).where('id', '=', account.id)
        .execute();
      // A new password is needed everywhere, as when an administrator sets one.
      await endSessionsOf(trx, organisationId, account.id);
      return { name: account.name, created: false };
    }
    let person = await trx.selectFrom('people').select(['id', 'name', 'active'])
      .where('organisation_id', '=', organisationId).where(sql`lower(email)`, '=', email.toLowerCase())
      .executeTakeFirst();
    if (person && !person.active) throw new Error(`${person.name} has left the organisation (inactive); reactivate them first.`);
    if (person) {
      const other = await trx.selectFrom('accounts').select('email')
        .where('organisation_id', '=', organisationId).where('person_id', '=', person.id).executeTakeFirst();
      if (other) throw new Error(`${person.name} already has an account, with the email ${other.email}; use that one.`);
    } else {
      if (!name) throw noSuchPerson(email);
      person = await trx.insertInto('people').values({ organisation_id: organisationId, name, email })
        .returning(['id', 'name', 'active']).executeTakeFirstOrThrow();
    }
    await trx.insertInto('accounts')
      .values({ organisation_id: organisationId, person_id: person.id, email, roles: adminRoles, password_hash: passwordHash })
      .execute();
    return { name: person.name, created: true };
  });
}

export function registerUserCommands(program: Command) {
  const user = program.command('user').description('Manage administrators\' accounts.');

  user.command('create-admin')
    .description('Give a person an administrator account (roles member and administrator) with a password: the account with this email, else the person with this email, else a new person named --name. Asks for the password twice, unless --password-stdin.')
    .requiredOption('--email <email>', 'the email they sign in with')
    .option('--name <name>', 'their full name, when no one in the organisation has the email yet')
    .option('--org <id or number>', orgOptionHelp)
    .option('--password-stdin', 'read the password from standard input (for scripts) instead of asking')
    .action((options: UserOptions) =>
      withDatabase(async (database) => {
        await requireMigrated(database);
        const email = checkedEmail(options.email);
        const name = checkedName(options.name);
        const organisation = await organisationFor(database.db, options.org);
        // Said before asking for a password, not after it was typed twice.
        if (!name && !(await someoneHasEmail(database.db, organisation.id, email))) throw noSuchPerson(email);
        const password = await readNewPassword({ fromStdin: options.passwordStdin === true, email });
        const result = await makeAdministrator(database.db, organisation.id, email, name, await hashPassword(password));
        print(result.created
          ? `Created an administrator account for ${result.name} <${email}> in ${organisation.name}.`
          : `${result.name} <${email}> in ${organisation.name} is an administrator now, with the new password; their sessions were ended.`);
      }));

  user.command('reset-password')
    .description('Set a new password on the account with this email and end all its sessions. Asks for the password twice, unless --password-stdin.')
    .requiredOption('--email <email>', 'the account\'s email')
    .option('--org <id or number>', orgOptionHelp)
    .option('--password-stdin', 'read the password from standard input (for scripts) instead of asking')
    .action((options: UserOptions) =>
      withDatabase(async (database) => {
        await requireMigrated(database);
        const email = checkedEmail(options.email);
        const organisation = await organisationFor(database.db, options.org);
        const account = await database.db.selectFrom('accounts').select(['id', 'active'])
          .where('organisation_id', '=', organisation.id).where(sql`lower(email)`, '=', email.toLowerCase())
          .executeTakeFirst();
        if (!account) throw new Error(`No account in ${organisation.name} has the email ${email}.`);
        const password = await readNewPassword({ fromStdin: options.passwordStdin === true, email });
        await setPassword(database.db, organisation.id, account.id, password);
        print(`New password set for ${email}; every session of the account was ended.`);
        if (!account.active) {
          process.stderr.write('Note: the account is switched off, so it cannot sign in until an administrator switches it on.\n');
        }
      }));
}
