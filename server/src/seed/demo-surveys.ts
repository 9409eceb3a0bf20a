import { sql, type Transaction } from 'kysely';
import type { EffectGoal, WrittenStandard } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { createDefaultSurveyTemplates, defaultSurveyTemplates } from '../surveys/defaults.ts';
import { createInvitations, newSurveyToken } from '../surveys/invitations.ts';
import { arrayLiteral, freezeRoundUnits } from '../surveys/repository.ts';

// The demo's surveys: the default templates, a baseline employee survey that closed three
// months ago with 60 synthetic responses spread over six units (enough for results by
// unit), a follow-up that is open now (the demo employee, ansatt@, is invited and has not
// answered) and an open service-user survey with its shared link. Responses are inserted
// directly, as the answering route would store them: unit and teams, no person, no time.

const day = 24 * 3600_000;

/** Mean answer per effect goal at the baseline; the follow-up is a little better. */
const baselineMeans: Partial<Record<EffectGoal, number>> = {
  unusedPotential: 2.7, resourceEfficiency: 2.9, competenceMobilisation: 3.3, tripartiteCooperation: 3.1,
};

/** Units with enough people for several respondents each, and how each leans. */
const respondentUnits: [name: string, respondents: number, lean: number][] = [
  ['Hjemmetjenesten', 14, -0.3], ['Lagvik sykehjem', 12, -0.5], ['Lagvik skole', 11, 0.3],
  ['Tjenester for funksjonshemmede', 9, 0], ['Kommunalteknikk', 7, 0.4], ['Nordbygda skole', 7, 0.2],
];

const comments = [
  'Vi trenger faste møtepunkter med hjemmetjenesten.',
  'Det er vanskelig å vite hvem man skal kontakte i andre virksomheter.',
  'Arbeidslaget for lærlinger har gjort inntaket mye enklere.',
  'Mer tid til samarbeid i turnusen.',
  'Felles opplæring på tvers av fag ville hjulpet.',
  'Informasjon om endringer kommer ofte for sent.',
  'Tillitsvalgte bør tas med tidligere i prosessene.',
  'Dobbeltarbeid med dokumentasjon mellom skole og PPT.',
  'Gode erfaringer med hverdagsrehabilitering, bør spres.',
  'Savner en oversikt over hvilke arbeidslag som finnes.',
  'Bedre digitale verktøy for å dele informasjon.',
  'Ledelsen må sette av tid til tverrfaglige møter.',
  'Vi lærer mye av hverandre når vi får jobbe sammen.',
  'Overleveringer mellom sykehjem og hjemmetjeneste kan bli bedre.',
  'Det tar for lang tid å få svar fra andre enheter.',
];

/** The same deterministic generator as the rest of the demo (mulberry32). */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Respondent {
  personId: string;
  unitId: string | null;
  serviceArea: string;
  lean: number;
}

export async function seedDemoSurveys(trx: Transaction<DB>, organisationId: string, writtenStandard: WrittenStandard) {
  await createDefaultSurveyTemplates(trx, organisationId, writtenStandard);
  const [employeeName, serviceUserName] = defaultSurveyTemplates[writtenStandard].map((t) => t.name);
  const template = async (name: string | undefined) => trx.selectFrom('survey_templates').select('id')
    .where('organisation_id', '=', organisationId).where('name', '=', name!).executeTakeFirstOrThrow();
  const employees = await template(employeeName);
  const serviceUsers = await template(serviceUserName);
  const questions = await trx.selectFrom('survey_questions').selectAll()
    .where('organisation_id', '=', organisationId).where('template_id', '=', employees.id).orderBy('position').execute();
  const next = random(2026);
  const now = Date.now();

  // People of each unit (its sections included), with the service area above it.
  const people = await sql<{ person_id: string; unit_id: string; unit_name: string; area: string }>`
    with recursive tree as (
      select u.id, u.name as unit_name, a.name as area from units u join units a on a.organisation_id = u.organisation_id and a.id = u.parent_id
      where u.organisation_id = ${organisationId} and u.kind = 'unit'
      union all
      select c.id, tree.unit_name, tree.area from units c join tree on c.parent_id = tree.id where c.organisation_id = ${organisationId}
    )
    select p.id as person_id, p.unit_id, tree.unit_name, tree.area from people p join tree on tree.id = p.unit_id
    where p.organisation_id = ${organisationId} and p.active order by p.external_id`.execute(trx);
  const respondents: Respondent[] = respondentUnits.flatMap(([name, count, lean]) =>
    people.rows.filter((p) => p.unit_name === name).slice(0, count).map((p) => ({ personId: p.person_id, unitId: p.unit_id, serviceArea: p.area, lean })));
  const activeCount = (await trx.selectFrom('people').select(sql<number>`count(*)::int`.as('n'))
    .where('organisation_id', '=', organisationId).where('active', '=', true).executeTakeFirstOrThrow()).n;

  const baseline = await trx.insertInto('survey_rounds').values({
    organisation_id: organisationId, template_id: employees.id, name: 'Nullpunktsmåling tverrfaglig samarbeid', kind: 'baseline',
    audience: 'allEmployees', opens_at: new Date(now - 120 * day), closes_at: new Date(now - 99 * day), status: 'closed',
    invited_count: activeCount, opened_at: new Date(now - 120 * day), closed_at: new Date(now - 99 * day),
  }).returning('id').executeTakeFirstOrThrow();
  await freezeRoundUnits(trx, organisationId, baseline.id);
  await storeResponses(trx, organisationId, baseline.id, questions, respondents, 0, next, true);

  const followUp = await trx.insertInto('survey_rounds').values({
    organisation_id: organisationId, template_id: employees.id, name: 'Oppfølgingsmåling tverrfaglig samarbeid', kind: 'followUp',
    baseline_round_id: baseline.id, audience: 'allEmployees', opens_at: new Date(now - 7 * day), closes_at: new Date(now + 21 * day),
    status: 'open', opened_at: new Date(now - 7 * day),
  }).returningAll().executeTakeFirstOrThrow();
  const invited = await createInvitations(trx, followUp);
  await freezeRoundUnits(trx, organisationId, followUp.id);
  await trx.updateTable('survey_rounds').set({ invited_count: invited }).where('organisation_id', '=', organisationId).where('id', '=', followUp.id).execute();
  // Some have answered the follow-up already; the demo employee (ansatt@) has not.
  const demoEmployee = await trx.selectFrom('accounts').select('person_id').where('organisation_id', '=', organisationId)
    .where('email', 'like', 'ansatt@%').executeTakeFirst();
  const answered = respondents.filter((r, i) => i % 2 === 0 && r.personId !== demoEmployee?.person_id);
  await trx.updateTable('survey_invitations').set({ used: true }).where('organisation_id', '=', organisationId)
    .where('round_id', '=', followUp.id).where('person_id', 'in', answered.map((r) => r.personId)).execute();
  await storeResponses(trx, organisationId, followUp.id, questions, answered, 0.3, next, false);

  const serviceRound = await trx.insertInto('survey_rounds').values({
    organisation_id: organisationId, template_id: serviceUsers.id, name: 'Brukerundersøkelse hjemmetjenester og sykehjem', kind: 'baseline',
    audience: 'serviceUsers', opens_at: new Date(now - 3 * day), closes_at: new Date(now + 40 * day), status: 'open',
    opened_at: new Date(now - 3 * day), public_token: newSurveyToken('s'),
  }).returning('id').executeTakeFirstOrThrow();
  await freezeRoundUnits(trx, organisationId, serviceRound.id);
}

const areaChoice: Record<string, number> = { 'Helse og omsorg': 0, Oppvekst: 1, Samfunnsutvikling: 2, 'Organisasjon og økonomi': 3 };

async function storeResponses(
  trx: Transaction<DB>, organisationId: string, roundId: string, questions: { id: string; type: string; effect_goal: EffectGoal | null; position: number }[],
  respondents: Respondent[], better: number, next: () => number, withComments: boolean,
) {
  const teamsOf = new Map<string, string[]>();
  const memberships = await trx.selectFrom('team_members as m')
    .innerJoin('teams as t', (j) => j.onRef('t.organisation_id', '=', 'm.organisation_id').onRef('t.id', '=', 'm.team_id'))
    .select(['m.person_id', 't.id']).where('m.organisation_id', '=', organisationId).where('m.left_on', 'is', null).where('t.status', '=', 'active').execute();
  for (const m of memberships) teamsOf.set(m.person_id, [...(teamsOf.get(m.person_id) ?? []), m.id]);
  const background = questions.filter((q) => q.type === 'choice');
  let comment = 0;
  // Shuffled, so the order rows are stored in says nothing about the order of units.
  const order = respondents.map((r) => ({ r, key: next() })).sort((a, b) => a.key - b.key).map(({ r }) => r);
  for (const respondent of order) {
    const teamIds = teamsOf.get(respondent.personId) ?? [];
    const response = await trx.insertInto('survey_responses').values({
      organisation_id: organisationId, round_id: roundId, unit_id: respondent.unitId, team_ids: arrayLiteral(teamIds, 'uuid'), channel: 'invitation',
    }).returning('id').executeTakeFirstOrThrow();
    const values = questions.flatMap((q): { question_id: string; number_value: number | null; text_value: string | null }[] => {
      if (q.type === 'scale') {
        const mean = (baselineMeans[q.effect_goal!] ?? 3) + respondent.lean + better + (teamIds.length > 0 ? 0.5 : 0);
        const value = Math.min(5, Math.max(1, Math.round(mean + (next() + next() - 1) * 1.6)));
        return [{ question_id: q.id, number_value: value, text_value: null }];
      }
      if (q.type === 'choice') {
        const value = q.id === background[0]?.id ? areaChoice[respondent.serviceArea] ?? 4 : Math.floor(next() * 4);
        return [{ question_id: q.id, number_value: value, text_value: null }];
      }
      if (q.type === 'text' && withComments && next() < 0.35 && comment < comments.length) {
        return [{ question_id: q.id, number_value: null, text_value: comments[comment++]! }];
      }
      return [];
    });
    await trx.insertInto('survey_answers').values(values.map((v) => ({ organisation_id: organisationId, response_id: response.id, round_id: roundId, ...v }))).execute();
  }
}
