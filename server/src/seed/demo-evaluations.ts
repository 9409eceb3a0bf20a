import type { Transaction } from 'kysely';
import type { DB } from '../db/types.ts';
import { uuidArray } from '../db/arrays.ts';
import { recordEvents } from '../teams/events.ts';

// The demo's evaluations: the apprentice team was evaluated two months before the seed
// ran (its own part and its managers', closed with a conclusion), so the schedule shows
// it as upcoming. The other running teams have never been evaluated and, by their start
// dates, are overdue — the shared substitute pool (paused since the spring) most of all.

const day = 24 * 60 * 60 * 1000;

type Value = number | string;
/** By criterion position in the default evaluation set: the team's own answer, then the managers'. */
const answers: { self: Value; manager: Value; comment: string | null; evidence?: string[] }[] = [
  { self: 4, manager: 4, comment: 'Opptak, intervju og opplæringsplaner er lagt om som planlagt; oppfølgingsløpet er nettopp startet.',
    evidence: ['Felles opptak av lærlinger to ganger i året', 'Felles mal for opplæringsplaner'] },
  { self: 4, manager: 5, comment: 'Søkerne får svar raskere, og flere fullfører læretiden.', evidence: ['Strukturert intervjuguide og faste intervjudager'] },
  { self: 4, manager: 4, comment: 'Én opptakskomité i stedet for fire.', evidence: ['Felles opptak av lærlinger to ganger i året'] },
  { self: 30, manager: 25, comment: 'Anslag: færre opptaksrunder og intervjuer i virksomhetene.' },
  { self: 5, manager: 4, comment: 'Instruktørene har fått opplæring i veiledning.', evidence: ['Felles mal for opplæringsplaner'] },
  { self: 3, manager: 3, comment: 'Presentert i nettverksmøtet for arbeidslag; ikke delt utenfor helse og teknisk ennå.' },
  { self: 'Felles opptak og intervjudager bør bli fast rutine. Oppfølgingsløpet må evalueres etter ett år.',
    manager: 'Videreføres. Neste periode: flere fag med i felles opptak, og tall for fast ansettelse etter fagbrev.', comment: null },
];

export async function seedDemoEvaluations(trx: Transaction<DB>, organisationId: string) {
  const team = await trx.selectFrom('teams').select('id')
    .where('organisation_id', '=', organisationId).where('name', '=', 'Arbeidslag for lærlinger').executeTakeFirst();
  const set = await trx.selectFrom('criteria_sets').select('id')
    .where('organisation_id', '=', organisationId).where('kind', '=', 'evaluation').where('status', '=', 'published').executeTakeFirst();
  if (!team || !set) return;
  const criteria = await trx.selectFrom('criteria').select(['id', 'answer_type'])
    .where('organisation_id', '=', organisationId).where('set_id', '=', set.id).orderBy('position').execute();
  const coordinator = await trx.selectFrom('team_members').select('person_id')
    .where('organisation_id', '=', organisationId).where('team_id', '=', team.id).where('role', '=', 'coordinator').executeTakeFirstOrThrow();
  const manager = await trx.selectFrom('units').select('manager_id')
    .where('organisation_id', '=', organisationId).where('name', '=', 'HR og lønn').executeTakeFirstOrThrow();
  const results = await trx.selectFrom('team_results').select(['id', 'title'])
    .where('organisation_id', '=', organisationId).where('team_id', '=', team.id).execute();
  const resultId = (title: string) => results.find((r) => r.title === title)!.id;

  const now = Date.now();
  const startedAt = new Date(now - 80 * day);
  const selfAt = new Date(now - 70 * day);
  const managerAt = new Date(now - 64 * day);
  const closedAt = new Date(now - 60 * day);
  const evaluation = await trx.insertInto('evaluations').values({
    organisation_id: organisationId, team_id: team.id, criteria_set_id: set.id, status: 'closed',
    conclusion: 'Laget har nådd målene for opptak og opplæring og fortsetter med samme mandat. Neste periode utvides felles opptak til flere fag, og laget skal dokumentere hvor mange som får fast stilling etter fagbrev.',
    closed_at: closedAt, closed_by_person_id: manager.manager_id, version: 8, created_at: startedAt, updated_at: closedAt,
  }).returning('id').executeTakeFirstOrThrow();
  await trx.insertInto('evaluation_assessments').values([
    { organisation_id: organisationId, evaluation_id: evaluation.id, part: 'self', status: 'submitted', submitted_at: selfAt,
      submitted_by_person_id: coordinator.person_id, version: 3, created_at: startedAt, updated_at: selfAt },
    { organisation_id: organisationId, evaluation_id: evaluation.id, part: 'manager', status: 'submitted', submitted_at: managerAt,
      submitted_by_person_id: manager.manager_id, version: 3, created_at: startedAt, updated_at: managerAt },
  ]).execute();
  const rows = (['self', 'manager'] as const).flatMap((part) => criteria.flatMap((criterion, i) => {
    const answer = answers[i];
    // A set revised to other answer types gets no made-up answers.
    if (!answer || typeof answer[part] !== (criterion.answer_type === 'text' ? 'string' : 'number') || criterion.answer_type === 'yesNo') return [];
    return [{
      organisation_id: organisationId, evaluation_id: evaluation.id, part, criterion_id: criterion.id,
      value: JSON.stringify(answer[part]), comment: part === 'self' ? answer.comment : null,
      result_ids: uuidArray(part === 'self' ? (answer.evidence ?? []).map(resultId) : []),
    }];
  }));
  await trx.insertInto('evaluation_answers').values(rows).execute();
  await recordEvents(trx, organisationId, [
    { teamId: team.id, kind: 'evaluation.started', data: { evaluationId: evaluation.id, criteriaSetId: set.id } },
    { teamId: team.id, kind: 'evaluation.submitted', data: { evaluationId: evaluation.id, part: 'self' } },
    { teamId: team.id, kind: 'evaluation.submitted', data: { evaluationId: evaluation.id, part: 'manager' } },
    { teamId: team.id, kind: 'evaluation.closed', data: { evaluationId: evaluation.id } },
  ]);
}
