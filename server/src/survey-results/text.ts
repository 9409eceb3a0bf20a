import type { Kysely } from 'kysely';
import type { SurveyTextAnswers, SurveyTextQuery } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { badRequest, notFound, unprocessable } from '../http/problem.ts';
import { countTextAnswers, templateQuestions, textAnswerPage } from './repository.ts';
import { finishedRound } from './service.ts';

// Free-text answers: the only raw answers the API hands out, for the whole organisation
// only (a text broken down by unit would be a signature), and only when at least the
// round's text minimum wrote one. The order is shuffled (see textAnswerPage).

/** The cursor is the last answer's sort key: a 32-digit hex hash, nothing about the answer. */
const encode = (key: string) => Buffer.from(key, 'utf8').toString('base64url');
function decode(cursor: string) {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[0-9a-f]{32}$/.test(key)) {
    throw badRequest('invalid-cursor', 'The cursor is not one this list gave out.',
      [{ path: '/query/cursor', message: 'is not a valid cursor', code: 'cursor' }]);
  }
  return key;
}

export async function textAnswers(db: Kysely<DB>, organisationId: string, roundId: string, query: SurveyTextQuery): Promise<SurveyTextAnswers> {
  const round = await finishedRound(db, organisationId, roundId);
  const question = (await templateQuestions(db, organisationId, round.template_id)).find((q) => q.id === query.questionId);
  if (!question) throw notFound('The question (in this round\'s template)');
  if (question.type !== 'text') {
    throw unprocessable('not-a-text-question', 'Only a text question has text answers; the others are in the results.',
      [{ path: '/query/questionId', message: 'is not a text question', code: 'type' }]);
  }
  const total = await countTextAnswers(db, organisationId, round.id, question.id);
  if (total < round.min_text_respondents) return { questionId: question.id, suppressed: true, reason: 'belowMinimum' };
  const limit = query.limit ?? 50;
  const rows = await textAnswerPage(db, organisationId, round.id, question.id, query.cursor ? decode(query.cursor) : null, limit);
  const items = rows.slice(0, limit);
  return {
    questionId: question.id,
    suppressed: false,
    total,
    items: items.map((r) => ({ text: r.text.slice(0, 4000) })),
    nextCursor: rows.length > limit ? encode(items.at(-1)!.k) : null,
  };
}
