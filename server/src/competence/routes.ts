import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import {
  CompetenceEnrolment, CompetenceEnrolmentCreate, CompetenceEnrolmentList, CompetenceEnrolmentPatch, CompetenceMeasure, CompetenceMeasureCreate,
  CompetenceMeasureListQuery, CompetenceMeasurePage, CompetenceMeasurePatch, CompetenceOverview, CompetenceOverviewQuery, CompetencePlan,
  CompetencePlanQuery, CompetenceSession, CompetenceSessionCreate, CompetenceSessionList, CompetenceSessionPatch, IdempotencyHeaders, IdParams,
  IfMatchHeaders, MyEnrolmentCreate, OpenCompetenceSessionList, PersonCompetence, PersonCompetenceQuery,
} from '@lagverk/shared';
import { actorOf, grantOf } from '../auth/actor.ts';
import type { DB } from '../db/types.ts';
import { HttpProblem, notFound } from '../http/problem.ts';
import { ifMatchVersion, setEtag } from '../http/preconditions.ts';
import { json, problemResponses, writeProblems } from '../http/responses.ts';
import { competenceOverview, competencePlan } from './figures.ts';
import {
  findEnrolment, findMeasure, findSession, listEnrolments, listMeasures, listSessions, openSessions, personRecords, toEnrolment, toMeasure, toSession,
} from './repository.ts';
import {
  cancelOwnEnrolment, createMeasure, createSession, deleteMeasure, deleteSession, enrol, patchEnrolment, patchMeasure, patchSession,
} from './service.ts';

// Competence measures (kompetansetiltak), their sessions and enrolments, the plan against
// what was done, and the overview per unit and team. Everyone on the staff reads measures,
// sessions and aggregates; administrators, the chief executive and HR set them up and
// record attendance; one person's records are theirs (under /me) and HR's.

const tags = ['Competence'];
const noContent = { description: 'Removed.', type: 'null' } as const;

/** The signed-in person of a /me route; an integration token has no self. */
function me(request: FastifyRequest) {
  const actor = actorOf(request);
  if (!actor.session || !actor.personId) {
    throw new HttpProblem(403, 'session-required', 'Forbidden', 'This route is for a signed-in person, not an integration token.');
  }
  return { organisationId: actor.organisationId, personId: actor.personId };
}

async function personCompetence(db: Kysely<DB>, organisationId: string, personId: string, year: number | undefined) {
  const person = await db.selectFrom('people').select(['id', 'name']).where('organisation_id', '=', organisationId).where('id', '=', personId).executeTakeFirst();
  if (!person) throw notFound('The person');
  const records = await personRecords(db, organisationId, personId, year);
  const attended = records.filter((r) => r.status === 'attended');
  return {
    personId: person.id, personName: person.name, year: year ?? null,
    hours: Math.round(attended.reduce((sum, r) => sum + (r.hours ?? 0), 0) * 10) / 10,
    measuresCompleted: new Set(attended.map((r) => r.measureId)).size,
    records,
  };
}

export const competenceRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get('/competence-measures', {
    config: { permission: 'competence:read' },
    schema: {
      operationId: 'listCompetenceMeasures', tags, summary: 'List competence measures',
      description: 'Competence measures by title unless `sort` says otherwise. Filter by planned year, kind, status, target role, a target team, or `q` in the title.',
      querystring: CompetenceMeasureListQuery,
      response: { 200: json(CompetenceMeasurePage, 'A page of measures.'), ...problemResponses() },
    },
  }, async (request) => listMeasures(db, actorOf(request).organisationId, request.query));

  app.post('/competence-measures', {
    config: { permission: 'competence:write', idempotent: true },
    schema: {
      operationId: 'createCompetenceMeasure', tags, summary: 'Create a competence measure',
      description: 'Plans a course, workshop, guidance or e-learning for a year, aimed at roles (`targetRoles`) and/or named teams (`targetTeamIds`; unknown teams are a 422 `unknown-reference`). `externalKey` is the course code on the learning platform that completions are imported by; another measure with the same one is a 409 `duplicate-external-key`. Send `Idempotency-Key` to retry safely.',
      headers: IdempotencyHeaders, body: CompetenceMeasureCreate,
      response: { 201: json(CompetenceMeasure, 'The measure as created; `Location` and `ETag` are set.'), ...problemResponses(409, ...writeProblems) },
    },
  }, async (request, reply) => {
    const row = await createMeasure(db, actorOf(request).organisationId, request.body);
    setEtag(reply, row.version);
    return reply.code(201).header('location', `/api/v1/competence-measures/${row.id}`).send(toMeasure(row));
  });

  app.get('/competence-measures/:id', {
    config: { permission: 'competence:read' },
    schema: {
      operationId: 'getCompetenceMeasure', tags, summary: 'Get a competence measure', description: 'One measure; its version is the `ETag`.',
      params: IdParams,
      response: { 200: json(CompetenceMeasure, 'The measure.'), ...problemResponses(404) },
    },
  }, async (request, reply) => {
    const row = await findMeasure(db, actorOf(request).organisationId, request.params.id);
    if (!row) throw notFound('The competence measure');
    setEtag(reply, row.version);
    return toMeasure(row);
  });

  app.patch('/competence-measures/:id', {
    config: { permission: 'competence:write' },
    schema: {
      operationId: 'updateCompetenceMeasure', tags, summary: 'Edit a competence measure',
      description: 'Changes the fields sent; `targetTeamIds` replaces the list. Requires `If-Match`.',
      params: IdParams, headers: IfMatchHeaders, body: CompetenceMeasurePatch,
      response: { 200: json(CompetenceMeasure, 'The measure after the edit.'), ...problemResponses(404, 409, 412, 428, ...writeProblems) },
    },
  }, async (request, reply) => {
    const row = await patchMeasure(db, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, true), request.body);
    setEtag(reply, row.version);
    return toMeasure(row);
  });

  app.delete('/competence-measures/:id', {
    config: { permission: 'competence:write' },
    schema: {
      operationId: 'deleteCompetenceMeasure', tags, summary: 'Remove a competence measure',
      description: 'Removes a measure with its sessions and enrolments. One with attendance recorded is refused (409 `has-attendance`): set its status to cancelled instead, so people keep their hours. Requires `If-Match`.',
      params: IdParams, headers: IfMatchHeaders,
      response: { 204: noContent, ...problemResponses(404, 409, 412, 428) },
    },
  }, async (request, reply) => {
    await deleteMeasure(db, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, true));
    return reply.code(204).send(null);
  });

  app.get('/competence-measures/:id/sessions', {
    config: { permission: 'competence:read' },
    schema: {
      operationId: 'listCompetenceSessions', tags, summary: "A measure's sessions",
      description: 'The sessions of the measure by start time, each with its places taken and attendance.',
      params: IdParams,
      response: { 200: json(CompetenceSessionList, 'The sessions.'), ...problemResponses(404) },
    },
  }, async (request) => {
    const organisationId = actorOf(request).organisationId;
    if (!(await findMeasure(db, organisationId, request.params.id))) throw notFound('The competence measure');
    return { items: (await listSessions(db, organisationId, request.params.id)).map(toSession), nextCursor: null };
  });

  app.post('/competence-measures/:id/sessions', {
    config: { permission: 'competence:write', idempotent: true },
    schema: {
      operationId: 'createCompetenceSession', tags, summary: 'Add a session',
      description: 'Adds a session: when, where, how many places (`capacity`; none: no limit), and the hours it gives each participant who attends. `endsAt` must be after `startsAt` (422 `ends-before-start`). Send `Idempotency-Key` to retry safely.',
      params: IdParams, headers: IdempotencyHeaders, body: CompetenceSessionCreate,
      response: { 201: json(CompetenceSession, 'The session; `ETag` is set.'), ...problemResponses(404, ...writeProblems) },
    },
  }, async (request, reply) => {
    const row = await createSession(db, actorOf(request).organisationId, request.params.id, request.body);
    setEtag(reply, row.version);
    return reply.code(201).header('location', `/api/v1/competence-sessions/${row.id}`).send(toSession(row));
  });

  app.get('/competence-sessions/:id', {
    config: { permission: 'competence:read' },
    schema: {
      operationId: 'getCompetenceSession', tags, summary: 'Get a session', description: 'One session with its places taken; its version is the `ETag`.',
      params: IdParams,
      response: { 200: json(CompetenceSession, 'The session.'), ...problemResponses(404) },
    },
  }, async (request, reply) => {
    const row = await findSession(db, actorOf(request).organisationId, request.params.id);
    if (!row) throw notFound('The session');
    setEtag(reply, row.version);
    return toSession(row);
  });

  app.patch('/competence-sessions/:id', {
    config: { permission: 'competence:write' },
    schema: {
      operationId: 'updateCompetenceSession', tags, summary: 'Edit a session',
      description: 'Changes the fields sent. A capacity below the places already taken is a 409 `capacity-below-enrolled`. Hours already credited stay as they are. Requires `If-Match`.',
      params: IdParams, headers: IfMatchHeaders, body: CompetenceSessionPatch,
      response: { 200: json(CompetenceSession, 'The session after the edit.'), ...problemResponses(404, 409, 412, 428, ...writeProblems) },
    },
  }, async (request, reply) => {
    const row = await patchSession(db, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, true), request.body);
    setEtag(reply, row.version);
    return toSession(row);
  });

  app.delete('/competence-sessions/:id', {
    config: { permission: 'competence:write' },
    schema: {
      operationId: 'deleteCompetenceSession', tags, summary: 'Remove a session',
      description: 'Removes a session and its enrolments; one with attendance recorded is refused (409 `has-attendance`). Requires `If-Match`.',
      params: IdParams, headers: IfMatchHeaders,
      response: { 204: noContent, ...problemResponses(404, 409, 412, 428) },
    },
  }, async (request, reply) => {
    await deleteSession(db, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, true));
    return reply.code(204).send(null);
  });

  app.get('/competence-sessions/:id/enrolments', {
    config: { permission: 'competenceRecords:read' },
    schema: {
      operationId: 'listCompetenceEnrolments', tags, summary: "A session's enrolments",
      description: 'Everyone enrolled in the session (cancelled places too), by name, with attendance and hours: personal data, for administrators, the chief executive and HR.',
      params: IdParams,
      response: { 200: json(CompetenceEnrolmentList, 'The enrolments.'), ...problemResponses(404) },
    },
  }, async (request) => {
    const organisationId = actorOf(request).organisationId;
    if (!(await findSession(db, organisationId, request.params.id))) throw notFound('The session');
    return { items: (await listEnrolments(db, organisationId, request.params.id)).map(toEnrolment), nextCursor: null };
  });

  app.post('/competence-sessions/:id/enrolments', {
    config: { permission: 'competence:write', idempotent: true },
    schema: {
      operationId: 'enrolInCompetenceSession', tags, summary: 'Enrol a person',
      description: 'Gives a person a place in the session (or back the place they cancelled). Refused when the places are taken (409 `session-full`), the person holds one already (409 `already-enrolled`), or the measure is done or cancelled (409 `measure-closed`). Places are decided one at a time, so two enrolments racing for the last place cannot both get it. Send `Idempotency-Key` to retry safely.',
      params: IdParams, headers: IdempotencyHeaders, body: CompetenceEnrolmentCreate,
      response: { 201: json(CompetenceEnrolment, 'The enrolment; `ETag` is set.'), ...problemResponses(404, 409, ...writeProblems) },
    },
  }, async (request, reply) => {
    const row = await enrol(db, actorOf(request).organisationId, request.params.id, request.body.personId, { self: false });
    setEtag(reply, row.version);
    return reply.code(201).header('location', `/api/v1/competence-enrolments/${row.id}`).send(toEnrolment(row));
  });

  app.get('/competence-enrolments/:id', {
    config: { permission: 'competenceRecords:read' },
    schema: {
      operationId: 'getCompetenceEnrolment', tags, summary: 'Get an enrolment', description: 'One enrolment or imported completion; its version is the `ETag`.',
      params: IdParams,
      response: { 200: json(CompetenceEnrolment, 'The enrolment.'), ...problemResponses(404) },
    },
  }, async (request, reply) => {
    const row = await findEnrolment(db, actorOf(request).organisationId, request.params.id);
    if (!row) throw notFound('The enrolment');
    setEtag(reply, row.version);
    return toEnrolment(row);
  });

  app.patch('/competence-enrolments/:id', {
    config: { permission: 'competence:write' },
    schema: {
      operationId: 'recordCompetenceAttendance', tags, summary: 'Record attendance',
      description: "Sets an enrolment's status. `attended` credits the session's hours (or `hours`, when sent) on the session's first day; `absent`, `cancelled` and `enrolled` credit none (hours with them: 422 `hours-need-attendance`). An imported completion stays attended (422 `completion-status`); its hours may be corrected. Requires `If-Match`.",
      params: IdParams, headers: IfMatchHeaders, body: CompetenceEnrolmentPatch,
      response: { 200: json(CompetenceEnrolment, 'The enrolment after the change.'), ...problemResponses(404, 412, 428, ...writeProblems) },
    },
  }, async (request, reply) => {
    const row = await patchEnrolment(db, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, true), request.body);
    setEtag(reply, row.version);
    return toEnrolment(row);
  });

  app.get('/competence-plan', {
    config: { permission: 'competence:read' },
    schema: {
      operationId: 'getCompetencePlan', tags, summary: 'Plan against what was done',
      description: 'The measures planned for `year`, each with its planned sessions and hours per participant against the sessions held (ended by now), the people who attended or completed it, and the hours credited; and totals per target role (a measure for two roles counts in both; a person counts once per role).',
      querystring: CompetencePlanQuery,
      response: { 200: json(CompetencePlan, 'The plan and what was done.'), ...problemResponses() },
    },
  }, async (request) => competencePlan(db, actorOf(request).organisationId, request.query.year));

  app.get('/competence-overview', {
    config: { permission: 'competence:read' },
    schema: {
      operationId: 'getCompetenceOverview', tags, summary: 'Hours per unit or team',
      description: 'Hours credited in `year` (by the day they count for) and the people who took part: per active unit, each including the units below it, in tree order (`by=unit`); or per team through its current members, by name (`by=team`). Aggregates only: where only one or two took part, their number and hours are null unless the caller may see personal records (`competenceRecords:read`).',
      querystring: CompetenceOverviewQuery,
      response: { 200: json(CompetenceOverview, 'The overview.'), ...problemResponses() },
    },
  }, async (request) => {
    const actor = actorOf(request);
    return competenceOverview(db, actor.organisationId, request.query.year, request.query.by ?? 'unit', {
      personalRecords: grantOf(actor, 'competenceRecords:read') !== null,
    });
  });

  app.get('/people/:id/competence', {
    config: { permission: 'competenceRecords:read' },
    schema: {
      operationId: 'getPersonCompetence', tags, summary: "A person's competence",
      description: "One person's enrolments and completions (in `year`, when given; latest first) and the hours credited: personal data, for administrators, the chief executive and HR. Each person sees their own at GET /me/competence.",
      params: IdParams, querystring: PersonCompetenceQuery,
      response: { 200: json(PersonCompetence, 'The person\'s records.'), ...problemResponses(404) },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return personCompetence(db, actorOf(request).organisationId, request.params.id, request.query.year);
  });

  app.get('/me/competence', {
    config: { permission: 'authenticated' },
    schema: {
      operationId: 'getMyCompetence', tags, summary: 'My competence',
      description: "The signed-in person's enrolments and completions (in `year`, when given) and the hours credited. For a signed-in person only (403 `session-required` for an integration token).",
      querystring: PersonCompetenceQuery,
      response: { 200: json(PersonCompetence, 'My records.'), ...problemResponses() },
    },
  }, async (request, reply) => {
    const { organisationId, personId } = me(request);
    reply.header('cache-control', 'no-store');
    return personCompetence(db, organisationId, personId, request.query.year);
  });

  app.get('/me/competence-sessions', {
    config: { permission: 'authenticated' },
    schema: {
      operationId: 'listMyOpenCompetenceSessions', tags, summary: 'Sessions I can enrol in',
      description: 'Sessions not started yet of measures planned or active, soonest first, with the places taken and the signed-in person\'s own enrolment. For a signed-in person only (403 `session-required` for an integration token).',
      response: { 200: json(OpenCompetenceSessionList, 'The open sessions.'), ...problemResponses() },
    },
  }, async (request) => {
    const { organisationId, personId } = me(request);
    const rows = await openSessions(db, organisationId, personId);
    return {
      items: rows.map((r) => ({ session: toSession(r), measureTitle: r.measure_title, kind: r.measure_kind, myEnrolmentId: r.my_enrolment_id })),
      nextCursor: null,
    };
  });

  app.post('/me/competence-enrolments', {
    config: { permission: 'authenticated', idempotent: true },
    schema: {
      operationId: 'enrolMyself', tags, summary: 'Enrol myself',
      description: 'Takes a place in a session that has not started (409 `session-started`), while places are left (409 `session-full`). Places are decided one at a time, so two people racing for the last place cannot both get it. For a signed-in person only (403 `session-required` for an integration token). Send `Idempotency-Key` to retry safely.',
      headers: IdempotencyHeaders, body: MyEnrolmentCreate,
      response: { 201: json(CompetenceEnrolment, 'My enrolment.'), ...problemResponses(404, 409, ...writeProblems) },
    },
  }, async (request, reply) => {
    const { organisationId, personId } = me(request);
    const row = await enrol(db, organisationId, request.body.sessionId, personId, { self: true });
    setEtag(reply, row.version);
    return reply.code(201).send(toEnrolment(row));
  });

  app.post('/me/competence-enrolments/:id/cancel', {
    config: { permission: 'authenticated' },
    schema: {
      operationId: 'cancelMyEnrolment', tags, summary: 'Cancel my enrolment',
      description: 'Gives up one\'s own place before the session starts (409 `session-started`; 409 `not-enrolled` once attendance is recorded). Someone else\'s enrolment answers 404. For a signed-in person only (403 `session-required` for an integration token).',
      params: IdParams,
      response: { 200: json(CompetenceEnrolment, 'The enrolment, cancelled.'), ...problemResponses(404, 409) },
    },
  }, async (request, reply) => {
    const { organisationId, personId } = me(request);
    const row = await cancelOwnEnrolment(db, organisationId, request.params.id, personId);
    setEtag(reply, row.version);
    return toEnrolment(row);
  });
};
