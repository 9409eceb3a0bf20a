import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import Type from 'typebox';
import {
  IdempotencyHeaders, IdParams, IfMatchHeaders, SurveyQuestionsReplace, SurveyTemplate, SurveyTemplateCreate, SurveyTemplateListQuery,
  SurveyTemplatePage, SurveyTemplatePatch,
} from '@lagverk/shared';
import { actorOf } from '../auth/actor.ts';
import type { DB } from '../db/types.ts';
import { notFound } from '../http/problem.ts';
import { ifMatchVersion, setEtag } from '../http/preconditions.ts';
import { json, problemResponses, writeProblems } from '../http/responses.ts';
import { listSurveyTemplates, readSurveyTemplate } from './repository.ts';
import { copySurveyTemplate, createSurveyTemplate, patchSurveyTemplate, putSurveyQuestions, removeSurveyTemplate } from './templates.ts';

const tags = ['Surveys'];
const emptyBody = Type.Optional(Type.Object({}, { additionalProperties: false }));
const inUse = 'Once a round using the template has opened, the template is locked: 409 `template-in-use` (copy it instead).';

export const surveyTemplateRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get('/survey-templates', {
    config: { permission: 'surveys:read' },
    schema: {
      operationId: 'listSurveyTemplates', tags, summary: 'List survey templates',
      description: 'Survey templates by name, each with its questions in order and whether it is `locked` (a round using it has opened). `q` searches the name; `audience` filters employee or service-user templates.',
      querystring: SurveyTemplateListQuery,
      response: { 200: json(SurveyTemplatePage, 'A page of templates.'), ...problemResponses() },
    },
  }, async (request) => listSurveyTemplates(db, actorOf(request).organisationId, request.query));

  app.post('/survey-templates', {
    config: { permission: 'surveys:write', idempotent: true },
    schema: {
      operationId: 'createSurveyTemplate', tags, summary: 'Create a survey template',
      description: 'A template with its questions in order. Options are for choice questions only, 2–12 of them (422 `invalid-questions` with a pointer to each fault). Send `Idempotency-Key` to retry safely.',
      headers: IdempotencyHeaders, body: SurveyTemplateCreate,
      response: { 201: json(SurveyTemplate, 'The template as created; `Location` and `ETag` are set.'), ...problemResponses(...writeProblems) },
    },
  }, async (request, reply) => {
    const template = await createSurveyTemplate(db, actorOf(request).organisationId, request.body);
    setEtag(reply, template.version);
    return reply.code(201).header('location', `/api/v1/survey-templates/${template.id}`).send(template);
  });

  app.get('/survey-templates/:id', {
    config: { permission: 'surveys:read' },
    schema: {
      operationId: 'getSurveyTemplate', tags, summary: 'Get a survey template',
      description: 'One template with its questions in order; its version is the `ETag`.',
      params: IdParams,
      response: { 200: json(SurveyTemplate, 'The template.'), ...problemResponses(404) },
    },
  }, async (request, reply) => {
    const template = await readSurveyTemplate(db, actorOf(request).organisationId, request.params.id);
    if (!template) throw notFound('The survey template');
    setEtag(reply, template.version);
    return template;
  });

  app.patch('/survey-templates/:id', {
    config: { permission: 'surveys:write' },
    schema: {
      operationId: 'updateSurveyTemplate', tags, summary: 'Edit a survey template',
      description: `Changes the fields sent (the questions have their own PUT). ${inUse} Changing \`audience\` while draft rounds use the template is a 409 \`template-has-rounds\`. Requires \`If-Match\`.`,
      params: IdParams, headers: IfMatchHeaders, body: SurveyTemplatePatch,
      response: { 200: json(SurveyTemplate, 'The template after the edit.'), ...problemResponses(404, 409, 412, 428, ...writeProblems) },
    },
  }, async (request, reply) => {
    const template = await patchSurveyTemplate(db, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, true), request.body);
    setEtag(reply, template.version);
    return template;
  });

  app.put('/survey-templates/:id/questions', {
    config: { permission: 'surveys:write' },
    schema: {
      operationId: 'replaceSurveyQuestions', tags, summary: "Replace a template's questions",
      description: `Makes the question list exactly the one sent, in order. A question sent with its \`id\` keeps it (and is updated); one without is added; the rest are removed. An id that is not one of this template's questions is a 422. ${inUse} Requires \`If-Match\` (the template's version).`,
      params: IdParams, headers: IfMatchHeaders, body: SurveyQuestionsReplace,
      response: { 200: json(SurveyTemplate, 'The template with its new questions.'), ...problemResponses(404, 409, 412, 428, ...writeProblems) },
    },
  }, async (request, reply) => {
    const template = await putSurveyQuestions(db, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, true), request.body.questions);
    setEtag(reply, template.version);
    return template;
  });

  app.delete('/survey-templates/:id', {
    config: { permission: 'surveys:write' },
    schema: {
      operationId: 'deleteSurveyTemplate', tags, summary: 'Delete a survey template',
      description: 'Deletes a template no round uses (409 `template-in-use` otherwise). Requires `If-Match`.',
      params: IdParams, headers: IfMatchHeaders,
      response: { 204: { description: 'Deleted.', type: 'null' }, ...problemResponses(404, 409, 412, 428) },
    },
  }, async (request, reply) => {
    await removeSurveyTemplate(db, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, true));
    return reply.code(204).send(null);
  });

  app.post('/survey-templates/:id/copy', {
    config: { permission: 'surveys:write', idempotent: true },
    schema: {
      operationId: 'copySurveyTemplate', tags, summary: 'Copy a survey template',
      description: 'An editable duplicate with the same questions, named "… (kopi)". The way to change a locked template for the next survey; compare rounds over time by keeping to one template. Send `Idempotency-Key` to retry safely.',
      params: IdParams, headers: IdempotencyHeaders, body: emptyBody,
      response: { 201: json(SurveyTemplate, 'The copy; `Location` and `ETag` are set.'), ...problemResponses(404, 415, 422) },
    },
  }, async (request, reply) => {
    const template = await copySurveyTemplate(db, actorOf(request).organisationId, request.params.id);
    setEtag(reply, template.version);
    return reply.code(201).header('location', `/api/v1/survey-templates/${template.id}`).send(template);
  });
};
