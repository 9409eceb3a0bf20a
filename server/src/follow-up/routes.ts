import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  FollowUpAction, FollowUpActionCreate, FollowUpActionListQuery, FollowUpActionPage, FollowUpActionPatch, FollowUpReviewCreate,
  FollowUpReviewListQuery, FollowUpReviewPage, FollowUpReviewResult, IdempotencyHeaders, IdParams, IfMatchHeaders, WithoutActionsList,
} from '@lagverk/shared';
import type { Kysely } from 'kysely';
import { actorOf } from '../auth/actor.ts';
import type { DB } from '../db/types.ts';
import { notFound } from '../http/problem.ts';
import { ifMatchVersion, setEtag } from '../http/preconditions.ts';
import { json, problemResponses, writeProblems } from '../http/responses.ts';
import { withoutActions } from '../survey-results/service.ts';
import { findAction, listActions, listReviews, toAction } from './repository.ts';
import { createAction, deleteAction, patchAction, reviewAction } from './service.ts';

// Follow-up actions on survey results, and their reviews. Writing is scoped (`scope:
// 'handler'`): the service checks the unit or team an action is for (see scope.ts).

const tags = ['Follow-up actions'];
const who = 'An organisation-wide `actions:write` may write any action; a unit manager those for the units they lead and the units below them, or for teams involving such a unit; a coordinator those for the teams they coordinate (403 `out-of-scope` otherwise, and for an action with neither unit nor team).';

export const followUpRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get('/follow-up-actions', {
    config: { permission: 'actions:read' },
    schema: {
      operationId: 'listFollowUpActions', tags, summary: 'List follow-up actions',
      description: 'Follow-up actions, by next review date unless `sort` says otherwise. Filter by round, unit (with the units below it), team, status, owner or involved person; `reviewDue=true` lists the planned and in-progress actions whose review is due today or earlier. Anyone on the staff may read them, union and safety representatives included.',
      querystring: FollowUpActionListQuery,
      response: { 200: json(FollowUpActionPage, 'A page of actions.'), ...problemResponses() },
    },
  }, async (request) => listActions(db, actorOf(request).organisationId, request.query));

  app.post('/follow-up-actions', {
    config: { permission: 'actions:write', scope: 'handler', idempotent: true },
    schema: {
      operationId: 'createFollowUpAction', tags, summary: 'Create a follow-up action',
      description: `Records what a unit or team will do about a round's results (\`roundId\`, and optionally the \`effectGoal\` or \`questionId\` it answers). The first review is due \`reviewIntervalMonths\` (3 unless given) from today unless \`nextReviewOn\` says otherwise. References to rows that do not exist are a 422 \`unknown-reference\`; a question outside the round's template 422 \`question-not-in-round\`. ${who} Send \`Idempotency-Key\` to retry safely.`,
      headers: IdempotencyHeaders, body: FollowUpActionCreate,
      response: { 201: json(FollowUpAction, 'The action as created; `Location` and `ETag` are set.'), ...problemResponses(...writeProblems) },
    },
  }, async (request, reply) => {
    const row = await createAction(db, request, actorOf(request).organisationId, request.body);
    setEtag(reply, row.version);
    return reply.code(201).header('location', `/api/v1/follow-up-actions/${row.id}`).send(toAction(row));
  });

  app.get('/follow-up-actions/:id', {
    config: { permission: 'actions:read' },
    schema: {
      operationId: 'getFollowUpAction', tags, summary: 'Get a follow-up action', description: 'One action, with the date of its latest review; its version is the `ETag`.',
      params: IdParams,
      response: { 200: json(FollowUpAction, 'The action.'), ...problemResponses(404) },
    },
  }, async (request, reply) => {
    const row = await findAction(db, actorOf(request).organisationId, request.params.id);
    if (!row) throw notFound('The follow-up action');
    setEtag(reply, row.version);
    return toAction(row);
  });

  app.patch('/follow-up-actions/:id', {
    config: { permission: 'actions:write', scope: 'handler' },
    schema: {
      operationId: 'updateFollowUpAction', tags, summary: 'Edit a follow-up action',
      description: `Changes the fields sent. Moving an action to another unit or team needs the caller's reach at both. ${who} Requires \`If-Match\`.`,
      params: IdParams, headers: IfMatchHeaders, body: FollowUpActionPatch,
      response: { 200: json(FollowUpAction, 'The action after the edit.'), ...problemResponses(404, 412, 428, ...writeProblems) },
    },
  }, async (request, reply) => {
    const row = await patchAction(db, request, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, true), request.body);
    setEtag(reply, row.version);
    return toAction(row);
  });

  app.delete('/follow-up-actions/:id', {
    config: { permission: 'actions:write', scope: 'handler' },
    schema: {
      operationId: 'deleteFollowUpAction', tags, summary: 'Remove a follow-up action',
      description: `Removes an action and its reviews (the audit trail keeps both). ${who} Requires \`If-Match\`.`,
      params: IdParams, headers: IfMatchHeaders,
      response: { 204: { description: 'Removed.', type: 'null' }, ...problemResponses(404, 412, 428) },
    },
  }, async (request, reply) => {
    await deleteAction(db, request, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, true));
    return reply.code(204).send(null);
  });

  app.get('/follow-up-actions/:id/reviews', {
    config: { permission: 'actions:read' },
    schema: {
      operationId: 'listFollowUpReviews', tags, summary: "An action's reviews",
      description: 'The reviews of the action, the latest first.',
      params: IdParams, querystring: FollowUpReviewListQuery,
      response: { 200: json(FollowUpReviewPage, 'A page of reviews.'), ...problemResponses(404) },
    },
  }, async (request) => {
    const organisationId = actorOf(request).organisationId;
    if (!(await findAction(db, organisationId, request.params.id))) throw notFound('The follow-up action');
    return listReviews(db, organisationId, request.params.id, request.query);
  });

  app.post('/follow-up-actions/:id/reviews', {
    config: { permission: 'actions:write', scope: 'handler', idempotent: true },
    schema: {
      operationId: 'reviewFollowUpAction', tags, summary: 'Record a review',
      description: `Records a review (quarterly by default) on \`reviewedOn\` (today unless given; not in the future: 422 \`date-in-future\`). The action takes the review's status, and its next review moves to the review date plus its interval. ${who} \`If-Match\` (the action's version) is honoured when sent; send \`Idempotency-Key\` to retry safely.`,
      params: IdParams, headers: IdempotencyHeaders, body: FollowUpReviewCreate,
      response: { 201: json(FollowUpReviewResult, 'The review, and the action after it (its `ETag` is set).'), ...problemResponses(404, 412, ...writeProblems) },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const result = await reviewAction(db, request, actor.organisationId, request.params.id, ifMatchVersion(request, false), request.body, actor.personId);
    setEtag(reply, result.action.version);
    return reply.code(201).header('location', `/api/v1/follow-up-actions/${result.action.id}/reviews`).send({ review: result.review, action: toAction(result.action) });
  });

  app.get('/survey-rounds/:id/without-actions', {
    config: { permission: 'actions:read' },
    schema: {
      operationId: 'listSurveyGroupsWithoutActions', tags, summary: 'Units and teams without actions',
      description: 'The units (in tree order) and teams (by name) whose results are shown for this round — enough respondents, as GET …/results decides — but that have no follow-up action for the round yet. Only for a closed round, or one whose closing time has passed (409 `round-not-closed`).',
      params: IdParams,
      response: { 200: json(WithoutActionsList, 'The units and teams.'), ...problemResponses(404, 409) },
    },
  }, async (request) => ({ items: await withoutActions(db, actorOf(request).organisationId, request.params.id), nextCursor: null }));
};
