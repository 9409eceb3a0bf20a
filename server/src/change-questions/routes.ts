import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ChangeQuestion, ChangeQuestionAnswerInput, ChangeQuestionCreate, ChangeQuestionHideInput, ChangeQuestionListQuery, ChangeQuestionPage,
  IdParams, IfMatchHeaders,
} from '@lagverk/shared';
import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { actorOf, grantOf, type Actor } from '../auth/actor.ts';
import type { DB } from '../db/types.ts';
import { HttpProblem, notFound } from '../http/problem.ts';
import { ifMatchVersion, setEtag } from '../http/preconditions.ts';
import { json, problemResponses, writeProblems } from '../http/responses.ts';
import { findProcess, findVisibleQuestion, listQuestions, toChangeQuestion, type QuestionReader } from './repository.ts';
import { answerQuestion, askQuestion, deleteQuestion, hideQuestion } from './service.ts';

// Questions and answers in a change process. Everyone asks (changeProcesses:participate),
// named or anonymously; everyone reads the answers (changeProcesses:read, politicians
// too); those who run the process (changeProcesses:write) answer, hide and record
// questions from staff meetings.

const tags = ['Change processes'];
const writes = (actor: Actor) => grantOf(actor, 'changeProcesses:write') !== null;
const readerOf = (actor: Actor): QuestionReader => ({ writer: writes(actor), personId: actor.personId });

export const changeQuestionRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  async function answerWith(actor: Actor, id: string, reply: FastifyReply) {
    const row = await findVisibleQuestion(db, actor.organisationId, id, readerOf(actor));
    if (!row) throw notFound('The question');
    setEtag(reply, row.version);
    return toChangeQuestion(row, readerOf(actor));
  }

  app.get('/change-processes/:id/questions', {
    config: { permission: 'changeProcesses:read' },
    schema: {
      operationId: 'listChangeQuestions', tags, summary: "List a change process's questions",
      description: 'Open questions first, the oldest first, each with `ageDays` since it was asked (in Norway); then the answered ones, the newest answer first. '
        + 'Filter by `status` and by `activityId` (the staff meeting a question was asked at). Hidden questions are listed for `changeProcesses:write` only '
        + '(and a named asker sees their own); `status=hidden` from anyone else is a 403. A named asker\'s name is shown; an anonymous question has none.',
      params: IdParams, querystring: ChangeQuestionListQuery,
      response: { 200: json(ChangeQuestionPage, 'A page of questions.'), ...problemResponses(404) },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const reader = readerOf(actor);
    if (request.query.status === 'hidden' && !reader.writer) {
      throw new HttpProblem(403, 'forbidden', 'Forbidden', 'Hidden questions are listed for changeProcesses:write only.');
    }
    await findProcess(db, actor.organisationId, request.params.id);
    return listQuestions(db, actor.organisationId, request.params.id, request.query, reader);
  });

  app.post('/change-processes/:id/questions', {
    config: { permission: 'changeProcesses:participate' },
    schema: {
      operationId: 'askChangeQuestion', tags, summary: 'Ask a question in a change process',
      description: 'A question for those who run the process; it is listed for everyone at once, and its answer when it comes. '
        + 'Named (the default) it carries the caller\'s person: a caller without one (an integration token, an account with no person) gets 422 `no-person` and may ask anonymously. '
        + '`anonymous: true` stores no asker and only the date: nothing kept links the question to whoever asked it, so it can never be changed or removed by them. '
        + '`askedVia: meeting` with `activityId` (a staff meeting of this process) records a question asked at that meeting, dated to the meeting; it names no asker, '
        + 'and needs `changeProcesses:write` (403 otherwise; 422 without a staff meeting of this process). A completed or cancelled process is a 409 `process-closed`. '
        + 'No `Idempotency-Key`: its record would tie the caller\'s account to the question.',
      params: IdParams, body: ChangeQuestionCreate,
      response: { 201: json(ChangeQuestion, 'The question as saved; `Location` and `ETag` are set.'), ...problemResponses(404, 409, ...writeProblems) },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const id = await askQuestion(db, actor, request.params.id, request.body, writes(actor));
    const question = await answerWith(actor, id, reply);
    return reply.code(201).header('location', `/api/v1/change-questions/${id}`).send(question);
  });

  app.get('/change-questions/:id', {
    config: { permission: 'changeProcesses:read' },
    schema: {
      operationId: 'getChangeQuestion', tags, summary: 'Get a question',
      description: 'One question with its answer; its version is the `ETag`. A hidden one is a 404 for anyone but `changeProcesses:write` and its named asker.',
      params: IdParams,
      response: { 200: json(ChangeQuestion, 'The question.'), ...problemResponses(404) },
    },
  }, async (request, reply) => answerWith(actorOf(request), request.params.id, reply));

  app.post('/change-questions/:id/answer', {
    config: { permission: 'changeProcesses:write' },
    schema: {
      operationId: 'answerChangeQuestion', tags, summary: 'Answer a question',
      description: 'Publishes the answer to everyone who follows the process, and notifies a named asker (the first time). A question already answered has its answer changed: '
        + 'then `If-Match` is required (428 without). A hidden question answered is published after all. `If-Match` is honoured when sent.',
      params: IdParams, headers: IfMatchHeaders, body: ChangeQuestionAnswerInput,
      response: { 200: json(ChangeQuestion, 'The question with its answer.'), ...problemResponses(404, 412, 428, ...writeProblems) },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    await answerQuestion(db, actor, request.params.id, ifMatchVersion(request, false), request.body.answer);
    return answerWith(actor, request.params.id, reply);
  });

  app.post('/change-questions/:id/hide', {
    config: { permission: 'changeProcesses:write' },
    schema: {
      operationId: 'hideChangeQuestion', tags, summary: 'Hide a question',
      description: 'Takes a question (and any answer) down from everyone but those who run the process and its named asker, with the reason. Answering it publishes it again. `If-Match` is honoured when sent.',
      params: IdParams, headers: IfMatchHeaders, body: ChangeQuestionHideInput,
      response: { 200: json(ChangeQuestion, 'The hidden question.'), ...problemResponses(404, 412, ...writeProblems) },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    await hideQuestion(db, actor, request.params.id, ifMatchVersion(request, false), request.body.reason);
    return answerWith(actor, request.params.id, reply);
  });

  app.delete('/change-questions/:id', {
    config: { permission: 'changeProcesses:participate', owner: true },
    schema: {
      operationId: 'deleteChangeQuestion', tags, summary: 'Remove a question',
      description: 'Its named asker removes it while it is open (409 `question-not-open` after); `changeProcesses:write` removes any. Anyone else gets 403 `not-owner`; '
        + 'an anonymous question has no asker, so only a writer removes it. The audit trail keeps it. Requires `If-Match`.',
      params: IdParams, headers: IfMatchHeaders,
      response: { 204: { description: 'Removed.', type: 'null' }, ...problemResponses(404, 409, 412, 428) },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    await deleteQuestion(db, actor, request.params.id, ifMatchVersion(request, true)!, writes(actor));
    return reply.code(204).send(null);
  });
};
