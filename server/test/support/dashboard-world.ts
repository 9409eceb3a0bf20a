import type { Kysely } from 'kysely';
import type { Team, TeamCreate, TeamResult, Unit } from '@lagverk/shared';
import type { App } from '../../src/app.ts';
import type { DB } from '../../src/db/types.ts';
import { freezeRoundUnits } from '../../src/surveys/repository.ts';
import { createOrganisation } from './database.ts';
import { as, createPerson, createUnit, unique } from './factories.ts';
import { addMember, createCriteriaSet, createTeam, passingAnswers, putAssessment, standardCriteria, teamAction, type SetFixture } from './team-factories.ts';

// One organisation with a little of everything the dashboard, the management review and
// the public page count, built so each figure can be worked out by hand (the expected
// numbers are in the comments here and in the tests). Teams and results go through the
// API; evaluations, follow-up actions and survey answers are rows straight in the
// database, dated relative to today.
//
// Units:  area (service area) ─ u1 ─ s1        o (unit, top level)
//                            └ u2
// Teams:  t1 active   units s1 + o   professions Sykepleie, Fysioterapi (+ one without)   started 8 months ago
//         t2 active   unit  u2       professions Sykepleie, Sykepleie                     started 6 months less 10 days ago
//         t3 paused   unit  o        Barnevern                                            started 1 month ago
//         t4 draft    unit  u1       Lærer
//         t5 concluded unit o        Lærer
//         t6 rejected unit  u2       Lærer
// Interval 6 months: t1 overdue (last evaluation closed 7 months ago), t2 due in 10 days, t3 upcoming.

const day = 24 * 60 * 60 * 1000;
export const isoDay = (date: Date) => date.toISOString().slice(0, 10);
export const daysFromNow = (days: number) => isoDay(new Date(Date.now() + days * day));
export function monthsAgo(months: number, plusDays = 0) {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() - months);
  return isoDay(new Date(d.getTime() + plusDays * day));
}
const at = (date: string) => new Date(`${date}T12:00:00Z`);

export interface World {
  org: string;
  orgNumber: string;
  orgName: string;
  units: Record<'area' | 'u1' | 's1' | 'u2' | 'o', Unit>;
  teams: Record<'t1' | 't2' | 't3' | 't4' | 't5' | 't6', Team>;
  sets: { establishment: SetFixture; evaluation: SetFixture; unusedEvaluation: SetFixture; superseded: SetFixture; draft: SetFixture };
  results: Record<'t1Routine' | 't1Old' | 't2Competence' | 't5Other' | 't3Paused', TeamResult>;
  rounds: { baseline: string; followUp: string; open: string; draft: string };
}

type Status = Team['status'];
const paths: Record<Status, string[]> = {
  draft: [], proposed: ['propose'], approved: ['propose', 'approve'], rejected: ['propose', 'reject'],
  active: ['propose', 'approve', 'activate'], paused: ['propose', 'approve', 'activate', 'pause'],
  concluded: ['propose', 'approve', 'activate', 'conclude'],
};

async function team(app: App, org: string, set: SetFixture, status: Status, unitIds: string[], professions: (string | null)[], extra: Partial<TeamCreate> = {}) {
  const created = await createTeam(app, org, { unitIds, evaluationIntervalMonths: 6, ...extra });
  for (const [i, profession] of professions.entries()) {
    const person = await createPerson(app, org, profession === null ? {} : { profession });
    await addMember(app, org, created.id, person.id, i === 0 ? 'coordinator' : 'member');
  }
  const assessed = await putAssessment(app, org, created.id, { criteriaSetId: set.id, answers: passingAnswers(set) });
  if (assessed.statusCode !== 200) throw new Error(`assessment failed: ${assessed.body}`);
  for (const action of paths[status]) {
    const decides = action === 'approve' || action === 'reject';
    const res = await teamAction(app, org, created.id, action, decides ? { reason: 'Begrunnelse' } : undefined);
    if (res.statusCode !== 200) throw new Error(`${action} failed with ${res.statusCode}: ${res.body}`);
  }
  const res = await app.inject({ method: 'GET', url: `/api/v1/teams/${created.id}`, headers: as(org) });
  return res.json<Team>();
}

async function result(app: App, org: string, teamId: string, title: string, category: string, achievedOn: string) {
  const res = await app.inject({ method: 'POST', url: `/api/v1/teams/${teamId}/results`, headers: as(org), payload: { title, category, achievedOn } });
  if (res.statusCode !== 201) throw new Error(`adding a result failed with ${res.statusCode}: ${res.body}`);
  return res.json<TeamResult>();
}

/**
 * Survey rounds of one template (three scale questions on unusedPotential: two with the
 * indicator "Samarbeid på tvers", one "Deling"; plus a background question).
 * baseline (closed 60 days ago, minimum 3): u1 4 respondents answering 4, 4, 2; s1 2 answering 5, 5, 5;
 *   u2 1 answering 1, 1, 1; o 5 answering 3, 3, 3.
 * followUp (its closing time passed 5 days ago, still marked open; minimum 5): o 3 respondents answering 4, 4, 4.
 * open (closes in 10 days) and draft: never counted, though the open one has answers.
 */
async function surveys(db: Kysely<any>, org: string, units: World['units']) {
  const template = await db.insertInto('survey_templates')
    .values({ organisation_id: org, name: `Medarbeiderundersøkelse ${unique()}`, language: 'nb', audience: 'employees' })
    .returning('id').executeTakeFirstOrThrow();
  const question = (position: number, indicator: string | null, extra: object = {}) => db.insertInto('survey_questions')
    .values({ organisation_id: org, template_id: template.id, position, text: `Spørsmål ${position}`, type: 'scale', effect_goal: 'unusedPotential', indicator, ...extra })
    .returning('id').executeTakeFirstOrThrow();
  const q1 = await question(1, 'Samarbeid på tvers');
  const q2 = await question(2, 'Samarbeid på tvers');
  const q3 = await question(3, 'Deling');
  const background = await question(4, null, { type: 'choice', options: ['Helse', 'Oppvekst'], effect_goal: null, background: true });

  const round = async (name: string, kind: 'baseline' | 'followUp', status: 'draft' | 'open' | 'closed', closesAt: Date, minRespondents: number) => {
    const id = (await db.insertInto('survey_rounds').values({
      organisation_id: org, template_id: template.id, name, kind, audience: 'allEmployees', status,
      opens_at: new Date(closesAt.getTime() - 20 * day), closes_at: closesAt, min_respondents: minRespondents, min_text_respondents: 10,
      closed_at: status === 'closed' ? closesAt : null, opened_at: status === 'draft' ? null : new Date(closesAt.getTime() - 20 * day),
    }).returning('id').executeTakeFirstOrThrow()).id as string;
    if (status !== 'draft') await freezeRoundUnits(db, org, id);
    return id;
  };
  const baseline = await round('Kartlegging', 'baseline', 'closed', at(daysFromNow(-60)), 3);
  const followUp = await round('Oppfølging', 'followUp', 'open', at(daysFromNow(-5)), 5);
  const open = await round('Pågående', 'followUp', 'open', at(daysFromNow(10)), 3);
  const draft = await round('Utkast', 'followUp', 'draft', at(daysFromNow(40)), 3);

  const respond = async (roundId: string, unitId: string | null, count: number, values: [number, number, number]) => {
    for (let i = 0; i < count; i++) {
      const response = await db.insertInto('survey_responses').values({ organisation_id: org, round_id: roundId, unit_id: unitId, channel: 'invitation' })
        .returning('id').executeTakeFirstOrThrow();
      await db.insertInto('survey_answers').values([
        { organisation_id: org, response_id: response.id, round_id: roundId, question_id: q1.id, number_value: values[0] },
        { organisation_id: org, response_id: response.id, round_id: roundId, question_id: q2.id, number_value: values[1] },
        { organisation_id: org, response_id: response.id, round_id: roundId, question_id: q3.id, number_value: values[2] },
        { organisation_id: org, response_id: response.id, round_id: roundId, question_id: background.id, number_value: i % 2 },
      ]).execute();
    }
  };
  await respond(baseline, units.u1.id, 4, [4, 4, 2]);
  await respond(baseline, units.s1.id, 2, [5, 5, 5]);
  await respond(baseline, units.u2.id, 1, [1, 1, 1]);
  await respond(baseline, units.o.id, 5, [3, 3, 3]);
  await respond(followUp, units.o.id, 3, [4, 4, 4]);
  await respond(open, units.o.id, 6, [1, 1, 1]);
  return { baseline, followUp, open, draft };
}

export async function buildWorld(app: App, db: Kysely<DB>, options: { writtenStandard?: 'nb' | 'nn' } = {}): Promise<World> {
  const organisation = await createOrganisation(db, { writtenStandard: options.writtenStandard ?? 'nb' });
  const org = organisation.id;
  const area = await createUnit(app, org, { name: `Helse ${unique()}`, kind: 'serviceArea' });
  const u1 = await createUnit(app, org, { parentId: area.id });
  const s1 = await createUnit(app, org, { kind: 'section', parentId: u1.id });
  const u2 = await createUnit(app, org, { parentId: area.id });
  const o = await createUnit(app, org);
  const units = { area, u1, s1, u2, o };

  const establishment = await createCriteriaSet(db, org, standardCriteria);
  const evaluation = await createCriteriaSet(db, org, [{ answerType: 'scale' }], { kind: 'evaluation' });
  const unusedEvaluation = await createCriteriaSet(db, org, [{ answerType: 'scale' }], { kind: 'evaluation' });
  const superseded = await createCriteriaSet(db, org, [{ answerType: 'scale' }], { kind: 'evaluation', status: 'superseded' });
  const draft = await createCriteriaSet(db, org, [{ answerType: 'scale' }], { kind: 'evaluation', status: 'draft' });

  const teams = {
    t1: await team(app, org, establishment, 'active', [s1.id, o.id], ['Sykepleie', 'Fysioterapi', null], { startDate: monthsAgo(8) }),
    t2: await team(app, org, establishment, 'active', [u2.id], ['Sykepleie', 'Sykepleie'], { startDate: monthsAgo(6, 10) }),
    t3: await team(app, org, establishment, 'paused', [o.id], ['Barnevern'], { startDate: monthsAgo(1) }),
    t4: await team(app, org, establishment, 'draft', [u1.id], ['Lærer']),
    t5: await team(app, org, establishment, 'concluded', [o.id], ['Lærer']),
    t6: await team(app, org, establishment, 'rejected', [u2.id], ['Lærer']),
  };

  const results = {
    t1Routine: await result(app, org, teams.t1.id, `Ny rutine for øyeblikkelig hjelp ${unique()}`, 'routineChange', monthsAgo(1)),
    t1Old: await result(app, org, teams.t1.id, `Felles kvalitetsarbeid ${unique()}`, 'serviceQuality', monthsAgo(24)),
    t2Competence: await result(app, org, teams.t2.id, `Kurs i veiledning ${unique()}`, 'competence', monthsAgo(3)),
    t5Other: await result(app, org, teams.t5.id, `Sluttrapport ${unique()}`, 'other', monthsAgo(5)),
    t3Paused: await result(app, org, teams.t3.id, `Pause-notat ${unique()}`, 'other', daysFromNow(-3)),
  };

  const untyped = db as unknown as Kysely<any>;
  // Closed evaluations: t1 7 months ago (so it is overdue again), t3 2 days ago, t5 two years ago (outside the period).
  for (const [teamId, closedOn] of [[teams.t1.id, monthsAgo(7)], [teams.t3.id, daysFromNow(-2)], [teams.t5.id, monthsAgo(24)]] as const) {
    await untyped.insertInto('evaluations').values({
      organisation_id: org, team_id: teamId, criteria_set_id: evaluation.id, status: 'closed', conclusion: 'Godt arbeid.',
      closed_at: at(closedOn), created_at: new Date(at(closedOn).getTime() - 10 * day),
    }).execute();
  }

  // Follow-up actions: a1 planned about u1, its review 5 days overdue; a2 in progress about t3;
  // a3 done (u2) and a4 cancelled (t1) are not open.
  const owner = await createPerson(app, org, { name: 'Eier Eiersen' });
  const action = (values: object) => untyped.insertInto('follow_up_actions').values({ organisation_id: org, owner_person_id: owner.id, ...values }).execute();
  await action({ title: 'Felles fagdag', unit_id: u1.id, status: 'planned', next_review_on: daysFromNow(-5), due_on: daysFromNow(30), effect_goal: 'unusedPotential' });
  await action({ title: 'Faste møter', team_id: teams.t3.id, status: 'inProgress', next_review_on: daysFromNow(20), due_on: null });
  await action({ title: 'Ferdig tiltak', unit_id: u2.id, status: 'done', next_review_on: daysFromNow(-50) });
  await action({ title: 'Avlyst tiltak', team_id: teams.t1.id, status: 'cancelled', next_review_on: daysFromNow(-50) });

  const rounds = await surveys(untyped, org, units);
  return {
    org, orgNumber: organisation.org_number, orgName: organisation.name, units, teams,
    sets: { establishment, evaluation, unusedEvaluation, superseded, draft }, results, rounds,
  };
}
