import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { SurveyAnswersReceived, SurveyAnswersSubmit, SurveyForm, SurveyFormRequest } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { json, problemResponses, writeProblems } from '../http/responses.ts';
import { submitAnswers, surveyForm } from './service.ts';

// Public: a respondent needs no account, and a signed-in one is not recognised (the
// access hook does not even read the cookie on a public route). The token travels in the
// JSON body, never in a URL, so neither access logs nor the Referer header can carry it.

const tags = ['Survey answering'];
const anonymous = 'The caller is never identified, even when signed in; the token is sent in the body so it appears in no URL or log.';

export const surveyAnsweringRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.post('/survey-answering/form', {
    config: { permission: 'public' },
    schema: {
      operationId: 'getSurveyForm', tags, summary: 'The questions behind an answer link',
      description: `For the answer page (\`/svar#<token>\`): the round's name, the questions in the template's language, and when it closes. 404 \`invitation-not-found\` for an unknown token, 409 \`already-answered\` for a used invitation, 409 \`round-not-open\` before the round opens and after it closes, 429 with \`Retry-After\` when one address asks too often. ${anonymous}`,
      security: [],
      body: SurveyFormRequest,
      response: { 200: json(SurveyForm, 'The form.'), ...problemResponses(404, 409, 415, 429) },
    },
  }, async (request, reply) => {
    const form = await surveyForm(db, request.body.token, request.ip);
    return reply.header('cache-control', 'no-store').send(form);
  });

  app.post('/survey-answering/answers', {
    config: { permission: 'public' },
    schema: {
      operationId: 'submitSurveyAnswers', tags, summary: 'Answer a survey',
      description: `Stores one anonymous response. Values: scale 1–5, yesNo true/false, choice the option's index, text a string; null or leaving a question out is no answer. A value of the wrong kind, an unknown question or an unanswered required question is a 422 \`invalid-answers\` with a JSON pointer to each. An invitation answers once: a second submission, even at the same moment, gets 409 \`already-answered\`. A shared link takes one response per submission (rate limited per address, 429). Nothing about the response records who sent it or when. ${anonymous}`,
      security: [],
      body: SurveyAnswersSubmit,
      response: { 201: json(SurveyAnswersReceived, 'Stored.'), ...problemResponses(404, 409, 429, ...writeProblems) },
    },
  }, async (request, reply) => {
    await submitAnswers(db, request.body.token, request.body.answers, request.ip);
    return reply.code(201).header('cache-control', 'no-store').send({ received: true as const });
  });
};
