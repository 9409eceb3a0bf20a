import { randomBytes } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/types.ts';
import { arrayLiteral, type Executor, type SurveyRoundRow } from './repository.ts';

// Invitations: one per person in a round's audience, made when the round opens. The table
// is not audited, and nothing about an answer points back to it (docs/surveys.md).

/** 32 random bytes, base64url: `i_…` a personal invitation, `s_…` a round's shared link. */
export const newSurveyToken = (kind: 'i' | 's') => `${kind}_${randomBytes(32).toString('base64url')}`;

/** The people a round invites: active people in the audience, each once. */
export async function audienceOf(trx: Executor, round: SurveyRoundRow): Promise<string[]> {
  const org = round.organisation_id;
  let query;
  switch (round.audience) {
    case 'serviceUsers':
      return [];
    case 'allEmployees':
      query = sql<{ id: string }>`select p.id from people p where p.organisation_id = ${org} and p.active order by p.id`;
      break;
    case 'units':
      query = sql<{ id: string }>`
        with recursive tree as (
          select u.id from units u where u.organisation_id = ${org} and u.id = any(${arrayLiteral(round.unit_ids, 'uuid')})
          union
          select c.id from units c join tree on c.parent_id = tree.id where c.organisation_id = ${org}
        )
        select p.id from people p join tree on tree.id = p.unit_id where p.organisation_id = ${org} and p.active order by p.id`;
      break;
    case 'teamMembers':
      query = sql<{ id: string }>`
        select distinct p.id from team_members m
        join people p on p.organisation_id = m.organisation_id and p.id = m.person_id
        where m.organisation_id = ${org} and m.team_id = any(${arrayLiteral(round.team_ids, 'uuid')}) and m.left_on is null and p.active
        order by p.id`;
      break;
  }
  return (await query.execute(trx)).rows.map((r) => r.id);
}

/** Makes the invitations of a round that is opening, in its transaction; returns how many. */
export async function createInvitations(trx: Transaction<DB>, round: SurveyRoundRow): Promise<number> {
  const people = await audienceOf(trx, round);
  for (let start = 0; start < people.length; start += 1000) {
    await trx.insertInto('survey_invitations')
      .values(people.slice(start, start + 1000).map((personId) => ({
        organisation_id: round.organisation_id, round_id: round.id, person_id: personId, token: newSurveyToken('i'),
      })))
      .execute();
  }
  return people.length;
}

/**
 * Writes every invitation, response and answer row of a round again, unchanged, in the
 * closing transaction. Each row version carries the id of the transaction that wrote it;
 * until now an invitation marked used and the response stored with it shared one. After
 * this (and a vacuum of the old versions) they share only the closing transaction's.
 */
export async function rewriteRoundRows(trx: Transaction<DB>, organisationId: string, roundId: string) {
  await trx.updateTable('survey_invitations').set({ used: sql`used` })
    .where('organisation_id', '=', organisationId).where('round_id', '=', roundId).execute();
  await trx.updateTable('survey_responses').set({ channel: sql`channel` })
    .where('organisation_id', '=', organisationId).where('round_id', '=', roundId).execute();
  await trx.updateTable('survey_answers').set({ number_value: sql`number_value` })
    .where('organisation_id', '=', organisationId).where('round_id', '=', roundId).execute();
}

/** Open rounds (accepting answers now) the person is invited to and has not answered, closing soonest first. */
export function openInvitationsOf(db: Executor, organisationId: string, personId: string) {
  return db.selectFrom('survey_invitations as i')
    .innerJoin('survey_rounds as r', (j) => j.onRef('r.organisation_id', '=', 'i.organisation_id').onRef('r.id', '=', 'i.round_id'))
    .select(['r.id', 'r.name', 'r.opens_at', 'r.closes_at', 'i.token'])
    .where('i.organisation_id', '=', organisationId).where('i.person_id', '=', personId).where('i.used', '=', false)
    .where('r.status', '=', 'open').where('r.opens_at', '<=', sql<Date>`now()`).where('r.closes_at', '>', sql<Date>`now()`)
    .orderBy('r.closes_at').orderBy('r.id')
    .limit(200)
    .execute();
}
