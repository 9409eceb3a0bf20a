import { sql, type Kysely, type Transaction } from 'kysely';
import { evaluationDueWindowDays } from '@lagverk/shared';
import { auditContext } from '../audit/context.ts';
import type { DB } from '../db/types.ts';
import { notify } from './notify.ts';

// The events that notify people, called inside the transactions that make them happen
// (teams/service.ts, surveys/rounds.ts) and by the daily due-evaluation job.

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * The managers who decide on a team: for each of its units, the unit's manager, or, for a
 * unit without one, the nearest manager above it.
 */
export async function teamDeciders(db: Executor, organisationId: string, teamId: string): Promise<string[]> {
  const { rows } = await sql<{ manager_id: string }>`
    with recursive up as (
      select u.id, u.parent_id, u.manager_id, 0 as depth
      from team_units tu join units u on u.organisation_id = tu.organisation_id and u.id = tu.unit_id
      where tu.organisation_id = ${organisationId} and tu.team_id = ${teamId}
      union all
      select p.id, p.parent_id, p.manager_id, up.depth + 1
      from up join units p on p.organisation_id = ${organisationId} and p.id = up.parent_id
      where up.manager_id is null and up.depth < 50
    )
    select distinct manager_id from up where manager_id is not null order by manager_id`.execute(db);
  return rows.map((r) => r.manager_id);
}

export async function teamCoordinators(db: Executor, organisationId: string, teamId: string): Promise<string[]> {
  const rows = await db.selectFrom('team_members').select('person_id').distinct()
    .where('organisation_id', '=', organisationId).where('team_id', '=', teamId)
    .where('role', '=', 'coordinator').where('left_on', 'is', null)
    .execute();
  return rows.map((r) => r.person_id);
}

/** Who proposed the team last (from its timeline); null when an integration did. */
async function proposerOf(db: Executor, organisationId: string, teamId: string): Promise<string | null> {
  const row = await db.selectFrom('team_events').select('actor_person_id')
    .where('organisation_id', '=', organisationId).where('team_id', '=', teamId).where('kind', '=', 'team.proposed')
    .orderBy('at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.actor_person_id ?? null;
}

/** Nobody is notified of what they did themselves. */
const exceptActor = (ids: (string | null)[]) => {
  const actor = auditContext.getStore()?.actor?.personId ?? null;
  return ids.filter((id): id is string => id !== null && id !== actor);
};

/** After a team's transition: a proposal notifies its deciders, a decision the coordinators and the proposer. */
export async function notifyTeamTransition(trx: Transaction<DB>, organisationId: string, team: { id: string; name: string }, action: string) {
  const link = `/teams/${team.id}`;
  if (action === 'propose') {
    await notify(trx, {
      organisationId, personIds: exceptActor(await teamDeciders(trx, organisationId, team.id)),
      kind: 'teamProposed', subjectId: team.id, title: team.name, link,
    });
  } else if (action === 'approve' || action === 'reject') {
    const people = [...await teamCoordinators(trx, organisationId, team.id), await proposerOf(trx, organisationId, team.id)];
    await notify(trx, { organisationId, personIds: exceptActor(people), kind: 'teamDecided', subjectId: team.id, title: team.name, link });
  }
}

/**
 * After a survey round opened: each invited person, in the app with a link to "My surveys"
 * (never the token), and by email with their personal answer link.
 */
export async function notifySurveyInvitations(trx: Transaction<DB>, organisationId: string, round: { id: string; name: string }) {
  const invitations = await trx.selectFrom('survey_invitations').select(['person_id', 'token'])
    .where('organisation_id', '=', organisationId).where('round_id', '=', round.id).execute();
  if (invitations.length === 0) return;
  await notify(trx, {
    organisationId, personIds: invitations.map((i) => i.person_id), kind: 'surveyInvitation',
    subjectId: round.id, title: round.name, link: '/my-surveys',
    emailLinks: new Map(invitations.map((i) => [i.person_id, `/svar#${i.token}`])),
  });
}

/**
 * The daily job: every running team whose evaluation is due (within the schedule's
 * window) or overdue and not started notifies its coordinators and unit managers, once per
 * due date. The notice row's primary key (team, due date) decides who notifies: a second
 * run, or another replica at the same moment, inserts nothing and notifies nobody.
 */
export async function notifyDueEvaluations(db: Kysely<DB>, options: { organisationId?: string } = {}): Promise<number> {
  const { rows: due } = await sql<{ organisation_id: string; id: string; name: string; due_on: string }>`
    select organisation_id, id, name, cast(due_on as text) as due_on from (
      select t.organisation_id, t.id, t.name,
        cast(coalesce(
          (select cast(max(e.closed_at) as date) from evaluations e
            where e.organisation_id = t.organisation_id and e.team_id = t.id and e.status = 'closed'),
          t.start_date, cast(t.decided_at as date), cast(t.created_at as date)
        ) + make_interval(months => t.evaluation_interval_months) as date) as due_on
      from teams t
      where t.status in ('approved', 'active', 'paused')
        and (${options.organisationId ?? null}::uuid is null or t.organisation_id = ${options.organisationId ?? null}::uuid)
        and not exists (select 1 from evaluations o where o.organisation_id = t.organisation_id and o.team_id = t.id and o.status = 'open')
    ) s
    where due_on <= current_date + ${evaluationDueWindowDays}::integer
      and not exists (select 1 from evaluation_due_notices n where n.organisation_id = s.organisation_id and n.team_id = s.id and n.due_on = s.due_on)
    order by organisation_id, id
    limit 10000`.execute(db);
  let notified = 0;
  for (const team of due) {
    const inserted = await db.transaction().execute(async (trx) => {
      const notice = await trx.insertInto('evaluation_due_notices')
        .values({ organisation_id: team.organisation_id, team_id: team.id, due_on: team.due_on })
        .onConflict((oc) => oc.columns(['organisation_id', 'team_id', 'due_on']).doNothing())
        .returning('team_id').executeTakeFirst();
      if (!notice) return false;
      const people = [...await teamCoordinators(trx, team.organisation_id, team.id), ...await teamDeciders(trx, team.organisation_id, team.id)];
      await notify(trx, {
        organisationId: team.organisation_id, personIds: people, kind: 'evaluationDue',
        subjectId: team.id, title: team.name, link: `/teams/${team.id}`,
      });
      return true;
    });
    if (inserted) notified += 1;
  }
  return notified;
}
