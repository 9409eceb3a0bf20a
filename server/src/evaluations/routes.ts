import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import {
  AssessmentAnswersPut, Evaluation, EvaluationAssessment, EvaluationAssessmentParams, EvaluationClose, EvaluationCreate, EvaluationListQuery,
  EvaluationPage, EvaluationParams, EvaluationScheduleQuery, EvaluationSchedulePage, IdempotencyHeaders, IdParams, IfMatchHeaders,
} from '@lagverk/shared';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { actorOf } from '../auth/actor.ts';
import { notFound } from '../http/problem.ts';
import { ifMatchVersion, setEtag } from '../http/preconditions.ts';
import { json, problemResponses, writeProblems } from '../http/responses.ts';
import { findTeam } from '../teams/repository.ts';
import { evaluationWithParts, findEvaluation, listEvaluations, loadAssessment } from './repository.ts';
import { evaluationSchedule } from './schedule.ts';
import { closeEvaluation, deleteEvaluation, saveAnswers, startEvaluation, submitPart, type Writer } from './service.ts';

// Team evaluations: the team's self-assessment and its managers' assessment against a
// published evaluation criteria set, closed with a conclusion; and the schedule of when
// each running team is next due.

const tags = ['Evaluations'];

const writerOf = (request: FastifyRequest): Writer => ({ grant: request.grant, personId: actorOf(request).personId });

const parts = "The `self` part is the team's own assessment, written by its coordinator; the `manager` part is written by a manager of a unit the team involves (or of a unit above one). Administrators, the chief executive and integrations write both; anyone else gets 403 `not-your-part`.";

export const evaluationRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get('/teams/:id/evaluations', {
    config: { permission: 'evaluations:read' },
    schema: {
      operationId: 'listTeamEvaluations', tags, summary: "A team's evaluations",
      description: 'The evaluations of the team, newest first, each with both parts and their answers; filter by `status`.',
      params: IdParams, querystring: EvaluationListQuery,
      response: { 200: json(EvaluationPage, 'A page of evaluations.'), ...problemResponses(404) },
    },
  }, async (request) => {
    const organisationId = actorOf(request).organisationId;
    if (!(await findTeam(db, organisationId, request.params.id))) throw notFound('The team');
    return listEvaluations(db, organisationId, request.params.id, request.query);
  });

  app.post('/teams/:id/evaluations', {
    config: { permission: 'evaluations:write', scope: 'team', idempotent: true },
    schema: {
      operationId: 'startTeamEvaluation', tags, summary: 'Start an evaluation',
      description: "Starts an evaluation of the team against a published evaluation criteria set (422 otherwise), with both parts as empty drafts. Only a team that has started (approved, active, paused or concluded) is evaluated (409 `team-not-started`), and a team has one evaluation under way at a time (409 `evaluation-open`). A coordinator of the team, a manager of a unit it involves, an administrator, the chief executive or an integration may start one. Adds `evaluation.started` to the team's timeline. Send `Idempotency-Key` to retry safely.",
      params: IdParams, headers: IdempotencyHeaders, body: EvaluationCreate,
      response: { 201: json(Evaluation, 'The evaluation as started; `Location` and `ETag` are set.'), ...problemResponses(404, 409, ...writeProblems) },
    },
  }, async (request, reply) => {
    const organisationId = actorOf(request).organisationId;
    const row = await startEvaluation(db, organisationId, request.params.id, request.body.criteriaSetId);
    setEtag(reply, row.version);
    return reply.code(201).header('location', `/api/v1/teams/${row.team_id}/evaluations/${row.id}`).send(await evaluationWithParts(db, organisationId, row));
  });

  app.get('/teams/:id/evaluations/:evaluationId', {
    config: { permission: 'evaluations:read' },
    schema: {
      operationId: 'getTeamEvaluation', tags, summary: 'Get an evaluation',
      description: "One evaluation of the team with both parts and their answers. Its `version` is the `ETag`, which changes whenever anything in it does; each part has a `version` of its own for saving and submitting it.",
      params: EvaluationParams,
      response: { 200: json(Evaluation, 'The evaluation.'), ...problemResponses(404) },
    },
  }, async (request, reply) => {
    const organisationId = actorOf(request).organisationId;
    const row = await findEvaluation(db, organisationId, request.params.id, request.params.evaluationId);
    if (!row) throw notFound('The evaluation');
    setEtag(reply, row.version);
    return evaluationWithParts(db, organisationId, row);
  });

  app.put('/teams/:id/evaluations/:evaluationId/assessments/:part', {
    config: { permission: 'evaluations:write', scope: 'team' },
    schema: {
      operationId: 'saveEvaluationAssessment', tags, summary: 'Save the answers of a part',
      description: `Replaces the saved answers of one part (a draft). Every criterion of the evaluation's set is answered exactly once, with a value fitting its answer type or null for not answered yet (422 otherwise); \`resultIds\` point at the team's own results as evidence (422 \`unknown-result\` for any other). ${parts} A submitted part is read-only (409 \`assessment-submitted\`), a closed evaluation too (409 \`evaluation-closed\`). Requires \`If-Match\` with the part's \`version\`; answers with the part, whose new version is the \`ETag\`.`,
      params: EvaluationAssessmentParams, headers: IfMatchHeaders, body: AssessmentAnswersPut,
      response: { 200: json(EvaluationAssessment, 'The part as saved.'), ...problemResponses(404, 409, 412, 428, ...writeProblems) },
    },
  }, async (request, reply) => {
    const { id, evaluationId, part } = request.params;
    const expected = ifMatchVersion(request, true);
    const organisationId = actorOf(request).organisationId;
    const row = await saveAnswers(db, organisationId, id, evaluationId, part, expected, writerOf(request), request.body);
    setEtag(reply, row.version);
    return loadAssessment(db, organisationId, row);
  });

  app.post('/teams/:id/evaluations/:evaluationId/assessments/:part/submit', {
    config: { permission: 'evaluations:write', scope: 'team' },
    schema: {
      operationId: 'submitEvaluationAssessment', tags, summary: 'Submit a part',
      description: `Submits one part, which is read-only from then on. Every criterion must have an answer (422 \`assessment-incomplete\` lists those without). ${parts} Adds \`evaluation.submitted\` (with the part) to the team's timeline. Requires \`If-Match\` with the part's \`version\`.`,
      params: EvaluationAssessmentParams, headers: IfMatchHeaders,
      response: { 200: json(EvaluationAssessment, 'The part as submitted.'), ...problemResponses(404, 409, 412, 422, 428) },
    },
  }, async (request, reply) => {
    const { id, evaluationId, part } = request.params;
    const expected = ifMatchVersion(request, true);
    const organisationId = actorOf(request).organisationId;
    const row = await submitPart(db, organisationId, id, evaluationId, part, expected, writerOf(request));
    setEtag(reply, row.version);
    return loadAssessment(db, organisationId, row);
  });

  app.post('/teams/:id/evaluations/:evaluationId/close', {
    config: { permission: 'evaluations:write', scope: 'team' },
    schema: {
      operationId: 'closeTeamEvaluation', tags, summary: 'Close an evaluation',
      description: "Closes the evaluation with a written conclusion, once both parts are submitted (409 `assessments-not-submitted` before). Closing is the manager side's, like the `manager` part (403 `not-your-part` for others). A closed evaluation is immutable, and the team's next evaluation falls due its interval after this. Adds `evaluation.closed` to the team's timeline. Requires `If-Match` with the evaluation's `version`.",
      params: EvaluationParams, headers: IfMatchHeaders, body: EvaluationClose,
      response: { 200: json(Evaluation, 'The closed evaluation.'), ...problemResponses(404, 409, 412, 428, ...writeProblems) },
    },
  }, async (request, reply) => {
    const { id, evaluationId } = request.params;
    const expected = ifMatchVersion(request, true);
    const organisationId = actorOf(request).organisationId;
    const row = await closeEvaluation(db, organisationId, id, evaluationId, expected, writerOf(request), request.body.conclusion);
    setEtag(reply, row.version);
    return evaluationWithParts(db, organisationId, row);
  });

  app.delete('/teams/:id/evaluations/:evaluationId', {
    config: { permission: 'evaluations:write', scope: 'team' },
    schema: {
      operationId: 'deleteTeamEvaluation', tags, summary: 'Delete an evaluation',
      description: "Deletes an evaluation started by mistake, while it is open and neither part has been submitted (409 `assessment-submitted` or `evaluation-closed` otherwise). The team's timeline keeps an `evaluation.removed` event. Requires `If-Match` with the evaluation's `version`.",
      params: EvaluationParams, headers: IfMatchHeaders,
      response: { 204: { description: 'Deleted.', type: 'null' }, ...problemResponses(404, 409, 412, 428) },
    },
  }, async (request, reply) => {
    const { id, evaluationId } = request.params;
    const expected = ifMatchVersion(request, true);
    await deleteEvaluation(db, actorOf(request).organisationId, id, evaluationId, expected);
    return reply.code(204).send(null);
  });

  app.get('/evaluation-schedule', {
    config: { permission: 'evaluations:read' },
    schema: {
      operationId: 'getEvaluationSchedule', tags, summary: 'When teams are due for evaluation',
      description: "One row per approved, active or paused team: its interval, when its last evaluation closed, the date the next is due (the last one's closing date — else the team's start date, else the date it was decided — plus the interval), its state (`overdue`: the date has passed; `due`: within 30 days; `upcoming`: later) and the evaluation under way, if any. Sorted by due date, then team id. Filters: `state`, and `unitId` (teams involving the unit or a unit below it).",
      querystring: EvaluationScheduleQuery,
      response: { 200: json(EvaluationSchedulePage, 'A page of the schedule.') , ...problemResponses() },
    },
  }, async (request) => evaluationSchedule(db, actorOf(request).organisationId, request.query));
};
