import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/db/types.ts';
import { freezeRoundUnits } from '../src/surveys/repository.ts';

// A closed employee survey of a large municipality: 30 questions (24 on a scale across four
// effect goals, two indicators each; two yes/no; two background choices; two free texts)
// and 20,000 respondents spread over the units (a third of them in teams), so 600,000
// answers, made in the database with generate_series. The values come from hashes of the
// respondent's number and the question's position: the same data on every run.

export const surveyQuestions = 30;

const goals = ['unusedPotential', 'resourceEfficiency', 'competenceMobilisation', 'tripartiteCooperation'] as const;

interface QuestionSeed {
  type: 'scale' | 'yesNo' | 'choice' | 'text';
  effect_goal: string | null;
  indicator: string | null;
  background: boolean;
  options: string;
}

function questions(): QuestionSeed[] {
  const none = { effect_goal: null, indicator: null, background: false, options: '{}' };
  return [
    ...goals.flatMap((goal) => Array.from({ length: 6 }, (_, i) => ({
      type: 'scale' as const, effect_goal: goal, indicator: `${goal} ${i < 3 ? 'A' : 'B'}`, background: false, options: '{}',
    }))),
    { type: 'yesNo', ...none }, { type: 'yesNo', ...none },
    { type: 'choice', ...none, background: true, options: '{Sykepleier,Helsefagarbeider,Lærer,Barnehagelærer,Annet}' },
    { type: 'choice', ...none, background: true, options: '{"Under 2 år","2–5 år","6–10 år","Over 10 år"}' },
    { type: 'text', ...none }, { type: 'text', ...none },
  ];
}

/** Seeds the template, the closed round and its responses; returns the round's id. */
export async function seedBenchSurvey(db: Kysely<DB>, organisationId: string, respondents: number): Promise<string> {
  const template = await db.insertInto('survey_templates')
    .values({ organisation_id: organisationId, name: 'Medarbeiderundersøkelse (bench)', language: 'nb', audience: 'employees' })
    .returning('id').executeTakeFirstOrThrow();
  for (const [i, q] of questions().entries()) {
    await db.insertInto('survey_questions').values({
      organisation_id: organisationId, template_id: template.id, position: i + 1, text: `Spørsmål ${i + 1}`, type: q.type,
      options: sql<string[]>`cast(${q.options} as text[])`, effect_goal: q.effect_goal as DB['survey_questions']['effect_goal'],
      indicator: q.indicator, background: q.background,
    }).execute();
  }
  const round = await db.insertInto('survey_rounds').values({
    organisation_id: organisationId, template_id: template.id, name: 'Kartlegging (bench)', kind: 'baseline', audience: 'allEmployees',
    opens_at: new Date('2026-01-05T07:00:00Z'), closes_at: new Date('2026-01-26T22:00:00Z'), status: 'closed',
    opened_at: new Date('2026-01-05T07:00:00Z'), closed_at: new Date('2026-01-26T22:00:00Z'), invited_count: Math.round(respondents * 1.2),
  }).returning('id').executeTakeFirstOrThrow();
  await freezeRoundUnits(db, organisationId, round.id);

  // Each respondent's unit (all units, by name) and, for a third, an active team.
  await sql`insert into survey_responses (organisation_id, id, round_id, unit_id, team_ids, channel)
    select ${organisationId}, md5('bench-response-' || i)::uuid, ${round.id}, u.ids[1 + (i * 7919) % cardinality(u.ids)],
      case when i % 3 = 0 and cardinality(t.ids) > 0 then array[t.ids[1 + (i * 104729) % cardinality(t.ids)]] else '{}'::uuid[] end,
      'invitation'
    from generate_series(1, ${respondents}::integer) i,
      (select array_agg(id order by name, id) as ids from units where organisation_id = ${organisationId}) u,
      (select coalesce(array_agg(id order by name, id), '{}') as ids from teams where organisation_id = ${organisationId} and status = 'active') t`
    .execute(db);
  await sql`analyze survey_responses`.execute(db);
  // One in twenty leaves a question out; one in four writes a text.
  await sql`insert into survey_answers (organisation_id, response_id, round_id, question_id, number_value, text_value)
    select ${organisationId}, md5('bench-response-' || i)::uuid, ${round.id}, q.id,
      case q.type
        when 'scale' then 1 + (abs(hashtext(i || ':' || q.position)) + q.position * i % 3) % 5
        when 'yesNo' then abs(hashtext(i || ':' || q.position)) % 2
        when 'choice' then abs(hashtext(i || ':' || q.position)) % cardinality(q.options)
      end,
      case when q.type = 'text' then 'Mer tid til samarbeid på tvers av avdelingene.' end
    from generate_series(1, ${respondents}::integer) i
      cross join survey_questions q
    where q.organisation_id = ${organisationId} and q.template_id = ${template.id}
      and abs(hashtext(i || '/' || q.position)) % 20 <> 0
      and (q.type <> 'text' or i % 4 = 0)`
    .execute(db);
  await sql`analyze survey_answers`.execute(db);
  return round.id;
}
