import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import fastifyCookie from '@fastify/cookie';
import type { FollowUpAction, FollowUpActionPage, FollowUpReviewPage, FollowUpReviewResult, WithoutActionsList } from '@lagverk/shared';
import { accessRoutes, registerAccessControl, scopeChecked } from '../src/auth/access.ts';
import { defaultSessionSettings } from '../src/config.ts';
import { registerErrorHandling } from '../src/http/error-handler.ts';
import { createAccount, sessionFor, signedInAs, type SessionHeaders } from './support/accounts.ts';
import { createTestApp, type TestContext } from './support/app.ts';
import { as, createPerson, createUnit, expectProblem } from './support/factories.ts';
import { createSurveyRound, createSurveyTemplate, many, respond } from './support/survey-fixtures.ts';
import { addMember, createTeam } from './support/team-factories.ts';

// Follow-up actions on survey results: what a unit or team will do, reviewed every few
// months. Writing is scoped: a unit manager to their units (and below), a coordinator to
// their teams; anyone on the staff, union and safety representatives included, reads them.

let t: TestContext;
let org: string;
let owner: string;
/** Led by the manager; `below` sits under it, `elsewhere` is nobody's here. */
let managed: string, below: string, elsewhere: string;
/** Coordinated by the coordinator, in `below`; and a team in `elsewhere`. */
let team: string, otherTeam: string;
let manager: SessionHeaders, coordinator: SessionHeaders;
let representative: { headers: SessionHeaders; personId: string };
let roundId: string, questionIds: string[];

async function session(personId: string) {
  const { sessionId: _, ...headers } = await sessionFor(t.db, await createAccount(t.db, org, [], { personId }));
  return headers;
}

beforeAll(async () => {
  t = await createTestApp();
  org = t.organisationId;
  owner = (await createPerson(t.app, org)).id;
  const managerPerson = await createPerson(t.app, org);
  managed = (await createUnit(t.app, org, { managerId: managerPerson.id, name: 'Helse og omsorg' })).id;
  below = (await createUnit(t.app, org, { parentId: managed, name: 'Hjemmetjenesten' })).id;
  elsewhere = (await createUnit(t.app, org, { name: 'Oppvekst' })).id;
  const coordinatorPerson = await createPerson(t.app, org, { unitId: below });
  team = (await createTeam(t.app, org, { unitIds: [below], name: 'Hverdagsrehabilitering' })).id;
  await addMember(t.app, org, team, coordinatorPerson.id, 'coordinator');
  otherTeam = (await createTeam(t.app, org, { unitIds: [elsewhere], name: 'Tidlig innsats' })).id;
  await addMember(t.app, org, otherTeam, (await createPerson(t.app, org)).id, 'coordinator');
  await t.db.updateTable('teams').set({ status: 'active' }).where('organisation_id', '=', org).execute();
  manager = await session(managerPerson.id);
  coordinator = await session(coordinatorPerson.id);
  const rep = await signedInAs(t.db, org, ['representative']);
  representative = { headers: rep.headers, personId: rep.account.personId };

  const template = await createSurveyTemplate(t.db, org, [{ type: 'scale', effectGoal: 'unusedPotential', indicator: 'Samarbeid på tvers' }, { type: 'text' }]);
  questionIds = template.questionIds;
  roundId = await createSurveyRound(t.db, org, template.templateId);
  await respond(t.db, org, roundId, [
    ...many(6, { unitId: below, teamIds: [team], answers: { [questionIds[0]!]: 4 } }),
    ...many(6, { unitId: elsewhere, answers: { [questionIds[0]!]: 2 } }),
  ]);
});
afterAll(() => t.close());

const create = (payload: object, headers: Record<string, string> = as(org)) =>
  t.app.inject({ method: 'POST', url: '/api/v1/follow-up-actions', headers, payload: { title: 'Faste tverrfaglige møter', ownerPersonId: owner, ...payload } });

async function created(payload: object, headers?: Record<string, string>) {
  const res = await create(payload, headers);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<FollowUpAction>();
}

const get = (id: string, headers: Record<string, string> = as(org)) => t.app.inject({ method: 'GET', url: `/api/v1/follow-up-actions/${id}`, headers });
const list = async (query: string, headers: Record<string, string> = as(org)) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/follow-up-actions?${query}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<FollowUpActionPage>().items.map((a) => a.id);
};

describe('follow-up actions', () => {
  it('are created, read, edited with If-Match and removed', async () => {
    const res = await create({ roundId, unitId: below, effectGoal: 'unusedPotential', questionId: questionIds[0], dueOn: '2026-12-31', involvedPersonIds: [representative.personId] });
    expect(res.statusCode, res.body).toBe(201);
    const action = res.json<FollowUpAction>();
    expect(res.headers.location).toBe(`/api/v1/follow-up-actions/${action.id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(action).toMatchObject({
      roundId, unitId: below, teamId: null, effectGoal: 'unusedPotential', questionId: questionIds[0], status: 'planned',
      reviewIntervalMonths: 3, dueOn: '2026-12-31', involvedPersonIds: [representative.personId], lastReviewedOn: null, version: 1,
    });
    // The first review is due one interval from today.
    const inThreeMonths = new Date();
    inThreeMonths.setUTCMonth(inThreeMonths.getUTCMonth() + 3);
    expect(Math.abs(Date.parse(action.nextReviewOn) - inThreeMonths.getTime())).toBeLessThan(4 * 24 * 3600 * 1000);
    expect((await get(action.id)).json()).toEqual(action);

    expectProblem(await t.app.inject({ method: 'PATCH', url: `/api/v1/follow-up-actions/${action.id}`, headers: as(org), payload: { status: 'inProgress' } }), 428);
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/follow-up-actions/${action.id}`, headers: as(org, { 'if-match': '"1"' }), payload: { status: 'inProgress', description: 'Annenhver uke.' } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ status: 'inProgress', description: 'Annenhver uke.', version: 2 });
    expectProblem(await t.app.inject({ method: 'PATCH', url: `/api/v1/follow-up-actions/${action.id}`, headers: as(org, { 'if-match': '"1"' }), payload: { status: 'done' } }), 412);

    const audited = await t.db.selectFrom('audit_events').select('action').where('organisation_id', '=', org)
      .where('entity', '=', 'follow_up_actions').where('entity_id', '=', action.id).orderBy('id').execute();
    expect(audited.map((a) => a.action)).toEqual(['create', 'update']);

    expectProblem(await t.app.inject({ method: 'DELETE', url: `/api/v1/follow-up-actions/${action.id}`, headers: as(org, { 'if-match': '"1"' }) }), 412);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/follow-up-actions/${action.id}`, headers: as(org, { 'if-match': '"2"' }) })).statusCode).toBe(204);
    expectProblem(await get(action.id), 404);
  });

  it('refuse references to what does not exist, and a question of another template', async () => {
    const nothing = '5b0c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d';
    const unknown = expectProblem(await create({ ownerPersonId: nothing, unitId: nothing, involvedPersonIds: [owner, nothing] }), 422, 'unknown-reference');
    expect(unknown.errors!.map((e) => e.path).sort()).toEqual(['/body/involvedPersonIds/1', '/body/ownerPersonId', '/body/unitId']);
    const other = await createSurveyTemplate(t.db, org, [{ type: 'scale' }]);
    expectProblem(await create({ unitId: below, roundId, questionId: other.questionIds[0] }), 422, 'question-not-in-round');
    expectProblem(await create({ unitId: below, questionId: questionIds[0] }), 422, 'question-not-in-round');
  });

  it('are listed by filter: round, unit and the units below it, team, status, involved person, review due', async () => {
    const onBelow = await created({ roundId, unitId: below, nextReviewOn: '2020-01-01' });
    const onManaged = await created({ unitId: managed, involvedPersonIds: [representative.personId] });
    const onTeam = await created({ roundId, teamId: team, status: 'done', nextReviewOn: '2020-01-01' });
    const ours = new Set([onBelow.id, onManaged.id, onTeam.id]);
    const mine = async (query: string) => (await list(`${query}&limit=200`)).filter((id) => ours.has(id));
    expect(await mine(`roundId=${roundId}`)).toEqual(expect.arrayContaining([onBelow.id, onTeam.id]));
    expect(await mine(`roundId=${roundId}`)).not.toContain(onManaged.id);
    expect((await mine(`unitId=${managed}`)).sort()).toEqual([onBelow.id, onManaged.id].sort());
    expect(await mine(`unitId=${below}`)).toEqual([onBelow.id]);
    expect(await mine(`teamId=${team}`)).toEqual([onTeam.id]);
    expect(await mine('status=done')).toEqual([onTeam.id]);
    expect(await mine(`involvedPersonId=${representative.personId}`)).toEqual([onManaged.id]);
    // Due for review: still open, and the date has come. A done action is not.
    expect(await mine('reviewDue=true')).toEqual([onBelow.id]);
    // By next review, earliest first.
    expect((await mine('sort=nextReviewOn')).at(-1)).toBe(onManaged.id);
  });
});

describe('reviews', () => {
  it('record the status, move the next review by the interval from the review, and list newest first', async () => {
    const action = await created({ unitId: below, reviewIntervalMonths: 3, nextReviewOn: '2025-12-01' });
    const review = (payload: object, headers: Record<string, string> = as(org)) =>
      t.app.inject({ method: 'POST', url: `/api/v1/follow-up-actions/${action.id}/reviews`, headers, payload });
    const first = await review({ reviewedOn: '2025-11-30', status: 'inProgress', note: 'Møtene er i gang.' });
    expect(first.statusCode, first.body).toBe(201);
    const body = first.json<FollowUpReviewResult>();
    expect(body.review).toMatchObject({ actionId: action.id, reviewedOn: '2025-11-30', status: 'inProgress', note: 'Møtene er i gang.', reviewerPersonId: null });
    // 30 November plus three months is the end of February.
    expect(body.action).toMatchObject({ status: 'inProgress', nextReviewOn: '2026-02-28', lastReviewedOn: '2025-11-30', version: 2 });
    expect(first.headers.etag).toBe('"2"');

    expectProblem(await review({ status: 'done' }, as(org, { 'if-match': '"1"' })), 412);
    const second = await review({ reviewedOn: '2026-02-20', status: 'done' }, as(org, { 'if-match': '"2"' }));
    expect(second.json<FollowUpReviewResult>().action).toMatchObject({ status: 'done', nextReviewOn: '2026-05-20', lastReviewedOn: '2026-02-20' });
    const future = new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    expectProblem(await review({ reviewedOn: future, status: 'done' }), 422, 'date-in-future');

    const page = (await t.app.inject({ method: 'GET', url: `/api/v1/follow-up-actions/${action.id}/reviews`, headers: as(org) })).json<FollowUpReviewPage>();
    expect(page.items.map((r) => r.reviewedOn)).toEqual(['2026-02-20', '2025-11-30']);

    // A review today takes the action off the list of reviews due.
    const due = await created({ unitId: below, nextReviewOn: '2020-06-01' });
    expect(await list('reviewDue=true&limit=200')).toContain(due.id);
    const done = await t.app.inject({ method: 'POST', url: `/api/v1/follow-up-actions/${due.id}/reviews`, headers: coordinator, payload: { status: 'inProgress' } });
    expectProblem(done, 403, 'out-of-scope');
    const byManager = await t.app.inject({ method: 'POST', url: `/api/v1/follow-up-actions/${due.id}/reviews`, headers: manager, payload: { status: 'inProgress' } });
    expect(byManager.statusCode, byManager.body).toBe(201);
    expect(byManager.json<FollowUpReviewResult>().review.reviewerPersonId).not.toBeNull();
    expect(await list('reviewDue=true&limit=200')).not.toContain(due.id);
  });
});

describe('who may write which action', () => {
  it('lets a unit manager write actions on their units, the units below and teams in them, and nothing else', async () => {
    await created({ unitId: managed }, manager);
    await created({ unitId: below }, manager);
    const onTeam = await created({ teamId: team, roundId }, manager);
    for (const payload of [{ unitId: elsewhere }, { teamId: otherTeam }, {}, { unitId: below, teamId: otherTeam }]) {
      const before = await t.db.selectFrom('follow_up_actions').select((eb) => eb.fn.countAll<number>().as('n')).where('organisation_id', '=', org).executeTakeFirstOrThrow();
      expectProblem(await create(payload, manager), 403, 'out-of-scope');
      const after = await t.db.selectFrom('follow_up_actions').select((eb) => eb.fn.countAll<number>().as('n')).where('organisation_id', '=', org).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    }
    // Moving an action out of reach is refused, and leaves it as it was.
    const moved = await t.app.inject({ method: 'PATCH', url: `/api/v1/follow-up-actions/${onTeam.id}`, headers: { ...manager, 'if-match': '"1"' }, payload: { teamId: otherTeam } });
    expectProblem(moved, 403, 'out-of-scope');
    expect((await get(onTeam.id)).json()).toMatchObject({ teamId: team, version: 1 });
    const outside = await created({ unitId: elsewhere });
    expectProblem(await t.app.inject({ method: 'DELETE', url: `/api/v1/follow-up-actions/${outside.id}`, headers: { ...manager, 'if-match': '"1"' } }), 403, 'out-of-scope');
    expectProblem(await t.app.inject({ method: 'PATCH', url: `/api/v1/follow-up-actions/${outside.id}`, headers: { ...manager, 'if-match': '"1"' }, payload: { title: 'Mitt nå' } }), 403, 'out-of-scope');
    expect((await get(outside.id)).json()).toMatchObject({ version: 1 });
  });

  it('lets a coordinator write actions on their teams only', async () => {
    const own = await created({ teamId: team }, coordinator);
    // A retry with the same Idempotency-Key gets the first answer again, not a second action.
    const retry = { ...coordinator, 'idempotency-key': `retry-${own.id}` };
    const first = await create({ teamId: team, title: 'Ukentlig tavlemøte' }, retry);
    const again = await create({ teamId: team, title: 'Ukentlig tavlemøte' }, retry);
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json<FollowUpAction>().id).toBe(first.json<FollowUpAction>().id);
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/follow-up-actions/${own.id}`, headers: { ...coordinator, 'if-match': '"1"' }, payload: { status: 'inProgress' } });
    expect(patched.statusCode, patched.body).toBe(200);
    for (const payload of [{ teamId: otherTeam }, { unitId: below }, { unitId: below, teamId: team }, {}]) {
      expectProblem(await create(payload, coordinator), 403, 'out-of-scope');
    }
    const theirs = await created({ teamId: otherTeam });
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/follow-up-actions/${theirs.id}/reviews`, headers: coordinator, payload: { status: 'done' } }), 403, 'out-of-scope');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/follow-up-actions/${own.id}`, headers: { ...coordinator, 'if-match': '"2"' } })).statusCode).toBe(204);
  });

  it('lets union and safety representatives read actions, and those they are involved in be found, but not write', async () => {
    const action = await created({ unitId: below, involvedPersonIds: [representative.personId] });
    const read = await get(action.id, representative.headers);
    expect(read.statusCode).toBe(200);
    expect(await list(`involvedPersonId=${representative.personId}&limit=200`, representative.headers)).toContain(action.id);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/follow-up-actions/${action.id}/reviews`, headers: representative.headers })).statusCode).toBe(200);
    expectProblem(await create({ unitId: below }, representative.headers), 403, 'forbidden');
  });
});

describe('the handler scope', () => {
  // A route with `scope: 'handler'` must check the resource itself; one that forgets
  // answers a scoped caller with a 500, never with what they asked for.
  it('fails closed when a handler does not check the scope', async () => {
    const app = Fastify();
    await app.register(fastifyCookie);
    registerErrorHandling(app);
    await app.register(async (api) => {
      registerAccessControl(api, t.db, defaultSessionSettings);
      api.post('/forgets', { config: { permission: 'actions:write', scope: 'handler' } }, async () => ({ written: true }));
      api.post('/checks', { config: { permission: 'actions:write', scope: 'handler' } }, async (request) => {
        scopeChecked(request);
        return { written: true };
      });
    }, { prefix: '/api/v1' });
    await app.ready();
    try {
      const forgot = await app.inject({ method: 'POST', url: '/api/v1/forgets', headers: manager });
      expect(forgot.statusCode).toBe(500);
      expect(forgot.body).not.toContain('written');
      expect((await app.inject({ method: 'POST', url: '/api/v1/checks', headers: manager })).json()).toEqual({ written: true });
      // An organisation-wide grant needs no check.
      expect((await app.inject({ method: 'POST', url: '/api/v1/forgets', headers: as(org) })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('is declared by every route that writes actions', () => {
    const writes = accessRoutes(t.app).filter((r) => r.permission === 'actions:write');
    expect(writes.map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'DELETE /api/v1/follow-up-actions/:id', 'PATCH /api/v1/follow-up-actions/:id', 'POST /api/v1/follow-up-actions', 'POST /api/v1/follow-up-actions/:id/reviews',
    ]);
    expect(writes.every((r) => r.scope === 'handler')).toBe(true);
  });
});

describe('units and teams without actions', () => {
  it('lists those whose results are shown and that have no action for the round', async () => {
    const path = `/api/v1/survey-rounds/${roundId}/without-actions`;
    const before = (await t.app.inject({ method: 'GET', url: path, headers: representative.headers })).json<WithoutActionsList>();
    // Actions made by the tests above (on `below`, `managed` and `team` for this round) may or may not exist yet,
    // so the list is checked against the actions that do.
    const actions = await t.db.selectFrom('follow_up_actions').select(['unit_id', 'team_id']).where('organisation_id', '=', org).where('round_id', '=', roundId).execute();
    const withAction = new Set(actions.flatMap((a) => [a.unit_id, a.team_id]).filter((id) => id !== null));
    const expected = [
      { kind: 'unit', id: managed, respondents: 6 }, { kind: 'unit', id: below, respondents: 6 }, { kind: 'unit', id: elsewhere, respondents: 6 },
      { kind: 'team', id: team, respondents: 6 },
    ].filter((row) => !withAction.has(row.id));
    expect(before.items.map(({ kind, id, respondents }) => ({ kind, id, respondents }))).toEqual(expected);
    expect(before.items.map((i) => i.id)).not.toContain(otherTeam);

    // An action without the round does not count; one for the round does.
    await created({ unitId: elsewhere });
    expect((await t.app.inject({ method: 'GET', url: path, headers: as(org) })).json<WithoutActionsList>().items.map((i) => i.id)).toContain(elsewhere);
    await created({ unitId: elsewhere, roundId });
    expect((await t.app.inject({ method: 'GET', url: path, headers: as(org) })).json<WithoutActionsList>().items.map((i) => i.id)).not.toContain(elsewhere);
  });
});
