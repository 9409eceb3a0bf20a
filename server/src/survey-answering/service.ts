import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { ProblemFieldError, SurveyAnswerInput, SurveyForm } from '@lagverk/shared';
import { auditContext } from '../audit/context.ts';
import { countAttempt, sweep, type Limit } from '../auth/rate-limit.ts';
import type { DB } from '../db/types.ts';
import { conflict, HttpProblem, unprocessable } from '../http/problem.ts';
import { arrayLiteral, questionsByTemplate, type SurveyQuestionRow } from '../surveys/repository.ts';

// Answering a survey, for anyone holding a token: a personal invitation (`i_…`) or a
// round's shared link (`s_…`). The caller is never identified, and what is stored says
// neither who answered nor when: the invitation is only marked used, and the response
// row carries the respondent's unit and teams for grouping, nothing else (docs/surveys.md).

interface Resolved {
  organisationId: string;
  roundId: string;
  templateId: string;
  roundName: string;
  status: 'draft' | 'open' | 'closed';
  opensAt: Date;
  closesAt: Date;
  accepting: boolean;
  /** Null for a shared link. */
  invitation: { used: boolean } | null;
}

const invitationNotFound = () =>
  new HttpProblem(404, 'invitation-not-found', 'Not found', 'This survey link is not valid. Check that the whole link was copied.');
const alreadyAnswered = () =>
  conflict('already-answered', 'This invitation has been used to answer already. Each invitation answers once.');
const roundNotOpen = (r: Resolved) =>
  conflict('round-not-open', r.status === 'open' && r.opensAt > new Date()
    ? `The survey opens ${r.opensAt.toISOString()}.` : 'The survey is closed and takes no more answers.');

// Per client address: generous for invitations (a whole workplace may share one address
// behind its firewall), tight for the shared link, which anyone can use again and again.
const limits = {
  form: { max: 600, windowSeconds: 15 * 60 },
  invitation: { max: 300, windowSeconds: 15 * 60 },
  sharedLink: { max: 30, windowSeconds: 60 * 60 },
} as const;

/**
 * Counts a request from `address` against the organisation's limit. The counter's key is
 * a hash of the address, so the table of counters lists no plain address next to a time.
 */
async function throttle(db: Kysely<DB>, organisationId: string, kind: keyof typeof limits, address: string) {
  const limit: Limit = { key: `survey-${kind}:${createHash('sha256').update(address).digest('base64url').slice(0, 22)}`, ...limits[kind] };
  const wait = await countAttempt(db, organisationId, [limit]);
  if (wait > 0) {
    throw new HttpProblem(429, 'too-many-requests', 'Too many requests', 'Too many survey requests from this address; wait a while and try again.',
      {}, { 'retry-after': String(wait) });
  }
  // Windows long past say nothing useful; drop them now and then.
  if (Math.random() < 0.01) await sweep(db, organisationId, 24 * 60 * 60);
}

async function resolve(db: Kysely<DB>, token: string): Promise<Resolved> {
  const accepting = sql<boolean>`r.status = 'open' and r.opens_at <= now() and now() < r.closes_at`;
  const round = (qb: Kysely<DB>) => qb.selectFrom('survey_rounds as r')
    .select(['r.organisation_id', 'r.id', 'r.template_id', 'r.name', 'r.status', 'r.opens_at', 'r.closes_at', accepting.as('accepting')]);
  if (token.startsWith('i_')) {
    const row = await round(db)
      .innerJoin('survey_invitations as i', (j) => j.onRef('i.organisation_id', '=', 'r.organisation_id').onRef('i.round_id', '=', 'r.id'))
      .select('i.used').where('i.token', '=', token).executeTakeFirst();
    if (!row) throw invitationNotFound();
    return {
      organisationId: row.organisation_id, roundId: row.id, templateId: row.template_id, roundName: row.name, status: row.status,
      opensAt: row.opens_at, closesAt: row.closes_at, accepting: row.accepting, invitation: { used: row.used },
    };
  }
  const row = await round(db).where('r.public_token', '=', token).executeTakeFirst();
  if (!row) throw invitationNotFound();
  return {
    organisationId: row.organisation_id, roundId: row.id, templateId: row.template_id, roundName: row.name, status: row.status,
    opensAt: row.opens_at, closesAt: row.closes_at, accepting: row.accepting, invitation: null,
  };
}

/** The round behind a token, checked for answering: it exists, is open now, and (an invitation) is unused. */
async function answerable(db: Kysely<DB>, token: string, address: string, kind: 'form' | 'answers') {
  const resolved = await resolve(db, token);
  await throttle(db, resolved.organisationId, kind === 'form' ? 'form' : resolved.invitation ? 'invitation' : 'sharedLink', address);
  if (!resolved.accepting) throw roundNotOpen(resolved);
  if (resolved.invitation?.used) throw alreadyAnswered();
  return resolved;
}

async function questionsOf(db: Kysely<DB>, r: Resolved) {
  return (await questionsByTemplate(db, r.organisationId, [r.templateId])).get(r.templateId) ?? [];
}

export async function surveyForm(db: Kysely<DB>, token: string, address: string): Promise<SurveyForm> {
  const r = await answerable(db, token, address, 'form');
  const template = await db.selectFrom('survey_templates').select(['description', 'language'])
    .where('organisation_id', '=', r.organisationId).where('id', '=', r.templateId).executeTakeFirstOrThrow();
  const questions = await questionsOf(db, r);
  return {
    roundName: r.roundName,
    description: template.description,
    language: template.language,
    closesAt: r.closesAt.toISOString(),
    questions: questions.map((q) => ({ id: q.id, text: q.text, help: q.help, type: q.type, options: q.options, required: q.required })),
  };
}

interface StoredValue {
  question_id: string;
  number_value: number | null;
  text_value: string | null;
}

/** The row values of one answer; undefined for no answer, a message for a value of the wrong kind. */
function storedValue(q: SurveyQuestionRow, v: SurveyAnswerInput['value']): StoredValue | string | undefined {
  if (v === null || (typeof v === 'string' && v.trim() === '')) return undefined;
  switch (q.type) {
    case 'scale':
      return typeof v === 'number' && v >= 1 && v <= 5 ? { question_id: q.id, number_value: v, text_value: null } : 'must be a whole number from 1 to 5';
    case 'yesNo':
      return typeof v === 'boolean' ? { question_id: q.id, number_value: v ? 1 : 0, text_value: null } : 'must be true or false';
    case 'choice':
      return typeof v === 'number' && v < q.options.length
        ? { question_id: q.id, number_value: v, text_value: null }
        : `must be the index of an option, 0 to ${q.options.length - 1}`;
    case 'text':
      return typeof v === 'string' ? { question_id: q.id, number_value: null, text_value: v.trim() } : 'must be text';
  }
}

/** Each answer checked against its question's type; every fault listed (422 `invalid-answers`). */
export function checkAnswers(questions: SurveyQuestionRow[], answers: SurveyAnswerInput[]): StoredValue[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const errors: ProblemFieldError[] = [];
  const values: StoredValue[] = [];
  const seen = new Set<string>();
  /** Questions given a value, valid or not: a wrong value is reported as such, not as missing. */
  const given = new Set<string>();
  for (const [i, a] of answers.entries()) {
    const at = `/body/answers/${i}`;
    const q = byId.get(a.questionId);
    if (!q) {
      errors.push({ path: `${at}/questionId`, message: 'is not a question of this survey', code: 'reference' });
      continue;
    }
    if (seen.has(q.id)) {
      errors.push({ path: `${at}/questionId`, message: 'is answered twice', code: 'uniqueItems' });
      continue;
    }
    seen.add(q.id);
    const value = storedValue(q, a.value);
    if (value === undefined) continue;
    given.add(q.id);
    if (typeof value === 'string') errors.push({ path: `${at}/value`, message: value, code: 'type' });
    else values.push(value);
  }
  for (const q of questions) {
    if (q.required && !given.has(q.id)) {
      errors.push({ path: '/body/answers', message: `question ${q.position} (${q.id}) is required`, code: 'required' });
    }
  }
  if (errors.length > 0) throw unprocessable('invalid-answers', 'Some answers are missing or not valid; see `errors`.', errors);
  return values;
}

/**
 * Stores one response. For an invitation, marking it used and storing the answers are one
 * transaction, and the mark is a conditional update: of two submissions at once, exactly
 * one finds it unused. The round is read FOR SHARE, so a close waits for this to finish.
 */
export async function submitAnswers(db: Kysely<DB>, token: string, answers: SurveyAnswerInput[], address: string) {
  const r = await answerable(db, token, address, 'answers');
  const values = checkAnswers(await questionsOf(db, r), answers);
  // No actor on this transaction, whatever the request carried: the audit trail and its
  // request id must not tie anyone to the moment an answer was stored.
  await auditContext.run({ actor: null }, () => db.transaction().execute(async (trx) => {
    const round = await trx.selectFrom('survey_rounds').select(sql<boolean>`status = 'open' and opens_at <= now() and now() < closes_at`.as('accepting'))
      .where('organisation_id', '=', r.organisationId).where('id', '=', r.roundId).forShare().executeTakeFirst();
    if (!round?.accepting) throw roundNotOpen(r);
    let unitId: string | null = null;
    let teamIds: string[] = [];
    if (r.invitation) {
      const used = await trx.updateTable('survey_invitations').set({ used: true })
        .where('token', '=', token).where('used', '=', false)
        .returning(['person_id']).executeTakeFirst();
      if (!used) throw alreadyAnswered();
      const person = await trx.selectFrom('people').select('unit_id')
        .where('organisation_id', '=', r.organisationId).where('id', '=', used.person_id).executeTakeFirst();
      unitId = person?.unit_id ?? null;
      teamIds = (await trx.selectFrom('team_members as m')
        .innerJoin('teams as t', (j) => j.onRef('t.organisation_id', '=', 'm.organisation_id').onRef('t.id', '=', 'm.team_id'))
        .select('t.id').distinct()
        .where('m.organisation_id', '=', r.organisationId).where('m.person_id', '=', used.person_id)
        .where('m.left_on', 'is', null).where('t.status', '=', 'active')
        .orderBy('t.id').execute()).map((t) => t.id);
    }
    const response = await trx.insertInto('survey_responses')
      .values({
        organisation_id: r.organisationId, round_id: r.roundId, unit_id: unitId, team_ids: arrayLiteral(teamIds, 'uuid'),
        channel: r.invitation ? 'invitation' : 'sharedLink',
      })
      .returning('id').executeTakeFirstOrThrow();
    if (values.length > 0) {
      await trx.insertInto('survey_answers')
        .values(values.map((v) => ({ organisation_id: r.organisationId, response_id: response.id, round_id: r.roundId, ...v })))
        .execute();
    }
  }));
}
