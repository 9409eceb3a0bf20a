import type { Transaction } from 'kysely';
import type { GrantableRole } from '@lagverk/shared';
import type { DB } from '../db/types.ts';

// One demo account per role, so each can be tried: all share the demo password.
// New people are added for roles the generated staff does not hold (the chief executive,
// HR, a union representative, a politician); the unit manager, the coordinator and the
// member are people the demo already has in those places.

export interface DemoAccount {
  email: string;
  roles: GrantableRole[];
  /** Who: a new person, or a person the demo has in that place. */
  person: { new: { name: string; title: string; unit: string | null } } | { managerOf: string } | { coordinatorOf: string } | { memberOf: string };
  describe: string;
}

export const demoAccounts: DemoAccount[] = [
  { email: 'admin@lagvik.kommune.no', roles: ['member', 'administrator'], person: { new: { name: 'Ada Systemsen', title: 'Systemansvarlig', unit: 'IKT' } }, describe: 'administrator' },
  { email: 'radmann@lagvik.kommune.no', roles: ['member', 'chiefExecutive'], person: { new: { name: 'Ingrid Haugland', title: 'Kommunedirektør', unit: null } }, describe: 'chief executive' },
  { email: 'hr@lagvik.kommune.no', roles: ['member', 'hr'], person: { new: { name: 'Hanne Rasmussen', title: 'HR-sjef', unit: 'HR og lønn' } }, describe: 'HR' },
  { email: 'leder@lagvik.kommune.no', roles: ['member'], person: { managerOf: 'Lagvik skole' }, describe: 'unit manager of Lagvik skole' },
  { email: 'koordinator@lagvik.kommune.no', roles: ['member'], person: { coordinatorOf: 'Arbeidslag for lærlinger' }, describe: 'coordinator of the apprentice team' },
  { email: 'ansatt@lagvik.kommune.no', roles: ['member'], person: { memberOf: 'Hverdagsrehabilitering' }, describe: 'member' },
  { email: 'tillitsvalgt@lagvik.kommune.no', roles: ['member', 'representative'], person: { new: { name: 'Per Ødegård', title: 'Hovedtillitsvalgt', unit: null } }, describe: 'union representative' },
  { email: 'politiker@lagvik.kommune.no', roles: ['politician'], person: { new: { name: 'Liv Berge', title: 'Ordfører', unit: null } }, describe: 'politician' },
];

export async function seedDemoAccounts(trx: Transaction<DB>, organisationId: string, passwordHash: string) {
  for (const account of demoAccounts) {
    const personId = await personFor(trx, organisationId, account.person);
    await trx.insertInto('accounts').values({
      organisation_id: organisationId, person_id: personId, email: account.email, password_hash: passwordHash, roles: account.roles,
    }).execute();
  }
}

async function personFor(trx: Transaction<DB>, organisationId: string, who: DemoAccount['person']): Promise<string> {
  if ('new' in who) {
    const unit = who.new.unit
      ? await trx.selectFrom('units').select('id').where('organisation_id', '=', organisationId).where('name', '=', who.new.unit).executeTakeFirstOrThrow()
      : null;
    const row = await trx.insertInto('people').values({
      organisation_id: organisationId, name: who.new.name, title: who.new.title, unit_id: unit?.id ?? null,
      profession: 'Ledelse',
    }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }
  if ('managerOf' in who) {
    const unit = await trx.selectFrom('units').select('manager_id')
      .where('organisation_id', '=', organisationId).where('name', '=', who.managerOf).executeTakeFirstOrThrow();
    return unit.manager_id!;
  }
  const teamName = 'coordinatorOf' in who ? who.coordinatorOf : who.memberOf;
  const row = await trx.selectFrom('team_members as m')
    .innerJoin('teams as t', (j) => j.onRef('t.organisation_id', '=', 'm.organisation_id').onRef('t.id', '=', 'm.team_id'))
    .select('m.person_id')
    .where('m.organisation_id', '=', organisationId).where('t.name', '=', teamName)
    .where('m.role', '=', 'coordinatorOf' in who ? 'coordinator' : 'member')
    .where('m.left_on', 'is', null)
    .orderBy('m.joined_on').orderBy('m.id')
    .executeTakeFirstOrThrow();
  return row.person_id;
}
