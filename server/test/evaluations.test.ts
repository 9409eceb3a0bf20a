import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Evaluation, EvaluationAssessment, EvaluationPage, EvaluationSchedulePage, EvaluationScheduleRow, Team, TeamResult, TeamTimeline,
} from '@lagverk/shared';
import { createTestApp, type TestContext } from './support/app.ts';
import { createAccount, sessionFor } from './support/accounts.ts';
import { createOrganisation } from './support/database.ts';
import { as, createPerson, createUnit, expectProblem, expectValidation, fetchJson } from './support/factories.ts';
import {
  addMember, createCriteriaSet, createTeam, passingAnswers, putAssessment, standardCriteria, teamAction, teamIn, type SetFixture,
} from './support/team-factories.ts';

// Team evaluations as the people who do them: the coordinator writes the team's own part,
// a manager of a unit the team involves writes the manager part and closes it; nobody
// writes the other's part, and what is submitted or closed stays as it was.

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Headers = Record<string, string>;
const newOrg = async () => (await createOrganisation(t.db)).id;
const ifMatch = (version: number): Headers => ({ 'if-match': `"${version}"` });
const base = (teamId: string) => `/api/v1/teams/${teamId}/evaluations`;
const partUrl = (teamId: string, id: string, part: string) => `${base(teamId)}/${id}/assessments/${part}`;

/** A person with an account granting nothing: only what they run or lead gives them access. */
async function signedInPerson(org: string, personId: string): Promise<Headers> {
  const account = await createAccount(t.db, org, [], { personId });
  const { sessionId: _, ...headers } = await sessionFor(t.db, account);
  return headers;
}

const start = (headers: Headers, teamId: string, criteriaSetId: string, extra: Headers = {}) =>
  t.app.inject({ method: 'POST', url: base(teamId), headers: { ...headers, ...extra }, payload: { criteriaSetId } });
const save = (headers: Headers, teamId: string, id: string, part: string, version: number | null, answers: object[]) =>
  t.app.inject({ method: 'PUT', url: partUrl(teamId, id, part), headers: { ...headers, ...(version === null ? {} : ifMatch(version)) }, payload: { answers } });
const submit = (headers: Headers, teamId: string, id: string, part: string, version: number) =>
  t.app.inject({ method: 'POST', url: `${partUrl(teamId, id, part)}/submit`, headers: { ...headers, ...ifMatch(version) } });
const close = (headers: Headers, teamId: string, id: string, version: number, conclusion = 'Laget når målene; fortsetter neste halvår.') =>
  t.app.inject({ method: 'POST', url: `${base(teamId)}/${id}/close`, headers: { ...headers, ...ifMatch(version) }, payload: { conclusion } });
const remove = (headers: Headers, teamId: string, id: string, version: number) =>
  t.app.inject({ method: 'DELETE', url: `${base(teamId)}/${id}`, headers: { ...headers, ...ifMatch(version) } });
const get = (org: string, teamId: string, id: string) => t.app.inject({ method: 'GET', url: `${base(teamId)}/${id}`, headers: as(org) });
const events = async (org: string, teamId: string) => (await fetchJson<TeamTimeline>(t.app, org, `/api/v1/teams/${teamId}/timeline?limit=200`)).items;

/** An evaluation set: a scale, a yes/no and a text criterion. */
const evaluationSet = (org: string, options: Parameters<typeof createCriteriaSet>[3] = {}) =>
  createCriteriaSet(t.db, org, [{ answerType: 'scale' }, { answerType: 'yesNo' }, { answerType: 'text' }], { kind: 'evaluation', ...options });

const fullAnswers = (set: SetFixture, resultIds: string[] = []) => {
  const value = { scale: 4, yesNo: true, text: 'Ventetiden er halvert.', number: 3 } as const;
  return set.criteria.map((c, i) => ({ criterionId: c.id, value: value[c.answerType], comment: i === 0 ? 'Godt samarbeid.' : null, resultIds: i === 0 ? resultIds : [] }));
};

async function addResult(org: string, teamId: string) {
  const res = await t.app.inject({
    method: 'POST', url: `/api/v1/teams/${teamId}/results`, headers: as(org),
    payload: { title: 'Felles inntak av lærlinger', category: 'routineChange', achievedOn: '2026-03-01' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<TeamResult>();
}

/**
 * An active team in a unit whose manager has an account, run by a coordinator with an
 * account, and a published evaluation set. Neither account grants a role: leading the
 * unit and coordinating the team is what lets them in.
 */
async function runningTeam(org?: string) {
  org ??= await newOrg();
  const manager = await createPerson(t.app, org, { name: 'Vera Virksomhetsleder' });
  const unit = await createUnit(t.app, org, { managerId: manager.id });
  const coordinator = await createPerson(t.app, org, { name: 'Kari Koordinator', unitId: unit.id });
  const team = await createTeam(t.app, org, { unitIds: [unit.id] });
  await addMember(t.app, org, team.id, coordinator.id, 'coordinator');
  const establishment = await createCriteriaSet(t.db, org, standardCriteria);
  expect((await putAssessment(t.app, org, team.id, { criteriaSetId: establishment.id, answers: passingAnswers(establishment) })).statusCode).toBe(200);
  for (const action of ['propose', 'approve', 'activate']) {
    const res = await teamAction(t.app, org, team.id, action, action === 'approve' ? { reason: 'Godkjent' } : undefined);
    expect(res.statusCode, res.body).toBe(200);
  }
  return {
    org, team, unit, set: await evaluationSet(org),
    coordinator: await signedInPerson(org, coordinator.id), coordinatorId: coordinator.id,
    manager: await signedInPerson(org, manager.id), managerId: manager.id,
  };
}

async function started(headers: Headers, teamId: string, setId: string) {
  const res = await start(headers, teamId, setId);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Evaluation>();
}

async function saved(headers: Headers, teamId: string, id: string, part: string, version: number, answers: object[]) {
  const res = await save(headers, teamId, id, part, version, answers);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<EvaluationAssessment>();
}

async function submitted(headers: Headers, teamId: string, id: string, part: string, version: number) {
  const res = await submit(headers, teamId, id, part, version);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<EvaluationAssessment>();
}

/** An evaluation with both parts answered in full and submitted, ready to close. */
async function readyToClose(w: Awaited<ReturnType<typeof runningTeam>>) {
  const evaluation = await started(w.manager, w.team.id, w.set.id);
  for (const [part, headers] of [['self', w.coordinator], ['manager', w.manager]] as const) {
    const part1 = await saved(headers, w.team.id, evaluation.id, part, 1, fullAnswers(w.set));
    await submitted(headers, w.team.id, evaluation.id, part, part1.version);
  }
  return (await get(w.org, w.team.id, evaluation.id)).json<Evaluation>();
}

describe('an evaluation from start to close, by the people who do it', () => {
  it('the coordinator writes the self part, the unit manager the manager part and closes it', async () => {
    const w = await runningTeam();
    const evidence = await addResult(w.org, w.team.id);

    const res = await start(w.coordinator, w.team.id, w.set.id);
    expect(res.statusCode, res.body).toBe(201);
    const evaluation = res.json<Evaluation>();
    expect(res.headers.location).toBe(`${base(w.team.id)}/${evaluation.id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(evaluation).toMatchObject({
      teamId: w.team.id, criteriaSetId: w.set.id, status: 'open', conclusion: null, closedAt: null, version: 1,
      assessments: {
        self: { part: 'self', status: 'draft', answers: [], submittedAt: null, version: 1 },
        manager: { part: 'manager', status: 'draft', answers: [], submittedAt: null, version: 1 },
      },
    });

    // The coordinator saves a draft with a criterion still open, then completes it with evidence.
    const draft = fullAnswers(w.set).map((a, i) => (i === 2 ? { ...a, value: null } : a));
    const self1 = await saved(w.coordinator, w.team.id, evaluation.id, 'self', 1, draft);
    expect(self1).toMatchObject({ status: 'draft', version: 2 });
    expect(self1.answers.map((a) => a.value)).toEqual([4, true, null]);
    const saveRes = await save(w.coordinator, w.team.id, evaluation.id, 'self', 2, fullAnswers(w.set, [evidence.id]));
    expect(saveRes.headers.etag).toBe('"3"');
    const self2 = saveRes.json<EvaluationAssessment>();
    expect(self2.answers[0]).toEqual({ criterionId: w.set.criteria[0]!.id, value: 4, comment: 'Godt samarbeid.', resultIds: [evidence.id] });

    // The manager part is not the coordinator's.
    expectProblem(await save(w.coordinator, w.team.id, evaluation.id, 'manager', 1, fullAnswers(w.set)), 403, 'not-your-part');
    expectProblem(await submit(w.coordinator, w.team.id, evaluation.id, 'manager', 1), 403, 'not-your-part');

    const manager1 = await saved(w.manager, w.team.id, evaluation.id, 'manager', 1, fullAnswers(w.set));
    await submitted(w.coordinator, w.team.id, evaluation.id, 'self', self2.version);
    // Closing waits for both parts.
    const before = (await get(w.org, w.team.id, evaluation.id)).json<Evaluation>();
    const early = expectProblem(await close(w.manager, w.team.id, evaluation.id, before.version), 409, 'assessments-not-submitted');
    expect(early.detail).toContain('manager');
    const managerDone = await submitted(w.manager, w.team.id, evaluation.id, 'manager', manager1.version);
    expect(managerDone).toMatchObject({ status: 'submitted', submittedAt: expect.any(String) });

    const ready = (await get(w.org, w.team.id, evaluation.id)).json<Evaluation>();
    // Closing is the manager side's.
    expectProblem(await close(w.coordinator, w.team.id, evaluation.id, ready.version), 403, 'not-your-part');
    const closing = await close(w.manager, w.team.id, evaluation.id, ready.version, 'Laget leverer; nytt mål for neste periode.');
    expect(closing.statusCode, closing.body).toBe(200);
    const closed = closing.json<Evaluation>();
    expect(closed).toMatchObject({
      status: 'closed', conclusion: 'Laget leverer; nytt mål for neste periode.', closedAt: expect.any(String), closedByPersonId: w.managerId,
      assessments: {
        self: { status: 'submitted', submittedByPersonId: w.coordinatorId },
        manager: { status: 'submitted', submittedByPersonId: w.managerId },
      },
    });
    expect(closing.headers.etag).toBe(`"${closed.version}"`);
    expect((await get(w.org, w.team.id, evaluation.id)).json()).toEqual(closed);

    const kinds = (await events(w.org, w.team.id)).filter((e) => e.kind.startsWith('evaluation.'));
    expect(kinds.map((e) => [e.kind, e.data.part ?? null])).toEqual([
      ['evaluation.started', null], ['evaluation.submitted', 'self'], ['evaluation.submitted', 'manager'], ['evaluation.closed', null],
    ]);
    expect(kinds[3]!.actorPersonId).toBe(w.managerId);
  });

  it('refuses a unit manager of another unit, and lets a manager of a unit above the team\'s in', async () => {
    const w = await runningTeam();
    const evaluation = await started(w.manager, w.team.id, w.set.id);
    const elsewhere = await createPerson(t.app, w.org);
    await createUnit(t.app, w.org, { managerId: elsewhere.id });
    const otherManager = await signedInPerson(w.org, elsewhere.id);
    expectProblem(await save(otherManager, w.team.id, evaluation.id, 'manager', 1, fullAnswers(w.set)), 403, 'out-of-scope');
    expectProblem(await start(otherManager, w.team.id, w.set.id), 403, 'out-of-scope');

    const above = await createPerson(t.app, w.org);
    const parent = await createUnit(t.app, w.org, { managerId: above.id });
    const moved = await t.app.inject({
      method: 'PATCH', url: `/api/v1/units/${w.unit.id}`, headers: as(w.org, { 'if-match': `"${w.unit.version}"` }), payload: { parentId: parent.id },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const aboveHeaders = await signedInPerson(w.org, above.id);
    expect((await save(aboveHeaders, w.team.id, evaluation.id, 'manager', 1, fullAnswers(w.set))).statusCode).toBe(200);
    // Leading a unit does not make them the team's coordinator.
    expectProblem(await save(aboveHeaders, w.team.id, evaluation.id, 'self', 1, fullAnswers(w.set)), 403, 'not-your-part');
  });

  it('lets an administrator write both parts and close, for the whole organisation', async () => {
    const w = await runningTeam();
    const admin = await createAccount(t.db, w.org, ['administrator']);
    const { sessionId: _, ...headers } = await sessionFor(t.db, admin);
    const evaluation = await started(headers, w.team.id, w.set.id);
    for (const part of ['self', 'manager']) {
      const saved1 = await saved(headers, w.team.id, evaluation.id, part, 1, fullAnswers(w.set));
      await submitted(headers, w.team.id, evaluation.id, part, saved1.version);
    }
    const ready = (await get(w.org, w.team.id, evaluation.id)).json<Evaluation>();
    expect((await close(headers, w.team.id, evaluation.id, ready.version)).json()).toMatchObject({ status: 'closed', closedByPersonId: admin.personId });
  });
});

describe('what the answers must be', () => {
  it('refuses to submit a part with unanswered criteria, listing each', async () => {
    const w = await runningTeam();
    const evaluation = await started(w.coordinator, w.team.id, w.set.id);
    const answers = fullAnswers(w.set).map((a, i) => (i === 0 ? a : { ...a, value: null }));
    const part = await saved(w.coordinator, w.team.id, evaluation.id, 'self', 1, answers);
    const body = expectProblem(await submit(w.coordinator, w.team.id, evaluation.id, 'self', part.version), 422, 'assessment-incomplete');
    expect(body.errors).toHaveLength(2);
    for (const [i, error] of body.errors!.entries()) expect(error.message).toContain(w.set.criteria[i + 1]!.id);
    // An untouched part has every criterion missing.
    const manager = expectProblem(await submit(w.manager, w.team.id, evaluation.id, 'manager', 1), 422, 'assessment-incomplete');
    expect(manager.errors).toHaveLength(3);
    expect((await get(w.org, w.team.id, evaluation.id)).json<Evaluation>().assessments.self.status).toBe('draft');
  });

  it('needs every criterion exactly once, with a value of its type', async () => {
    const w = await runningTeam();
    const evaluation = await started(w.coordinator, w.team.id, w.set.id);
    const [scale, yesNo] = fullAnswers(w.set);
    const body = expectProblem(await save(w.coordinator, w.team.id, evaluation.id, 'self', 1, [{ ...scale!, value: 9 }, { ...yesNo!, value: 'ja' }]), 422, 'invalid-assessment');
    expect(body.errors!.map((e) => e.path)).toEqual(['/body/answers/0/value', '/body/answers/1/value', '/body/answers']);
    expectValidation(await save(w.coordinator, w.team.id, evaluation.id, 'self', 1, [{ criterionId: 'nei' }]), '/body/answers/0/criterionId');
  });

  it('takes as evidence only results of the team itself', async () => {
    const w = await runningTeam();
    const other = await runningTeam(w.org);
    const foreign = await addResult(w.org, other.team.id);
    const stranger = await runningTeam();
    const otherOrganisation = await addResult(stranger.org, stranger.team.id);
    const own = await addResult(w.org, w.team.id);
    const evaluation = await started(w.coordinator, w.team.id, w.set.id);
    const answers = fullAnswers(w.set, [own.id, foreign.id, otherOrganisation.id]);
    const body = expectProblem(await save(w.coordinator, w.team.id, evaluation.id, 'self', 1, answers), 422, 'unknown-result');
    expect(body.errors!.map((e) => e.path)).toEqual(['/body/answers/0/resultIds/1', '/body/answers/0/resultIds/2']);
    expect((await get(w.org, w.team.id, evaluation.id)).json<Evaluation>().assessments.self).toMatchObject({ answers: [], version: 1 });
  });

  it('keeps a submitted part as it was', async () => {
    const w = await runningTeam();
    const evaluation = await started(w.coordinator, w.team.id, w.set.id);
    const part = await saved(w.coordinator, w.team.id, evaluation.id, 'self', 1, fullAnswers(w.set));
    const done = await submitted(w.coordinator, w.team.id, evaluation.id, 'self', part.version);
    expectProblem(await save(w.coordinator, w.team.id, evaluation.id, 'self', done.version, fullAnswers(w.set)), 409, 'assessment-submitted');
    expectProblem(await submit(w.coordinator, w.team.id, evaluation.id, 'self', done.version), 409, 'assessment-submitted');
  });

  it('saves a part only with the If-Match of its current version', async () => {
    const w = await runningTeam();
    const evaluation = await started(w.coordinator, w.team.id, w.set.id);
    expectProblem(await save(w.coordinator, w.team.id, evaluation.id, 'self', null, fullAnswers(w.set)), 428, 'if-match-required');
    await saved(w.coordinator, w.team.id, evaluation.id, 'self', 1, fullAnswers(w.set));
    const stale = expectProblem(await save(w.coordinator, w.team.id, evaluation.id, 'self', 1, fullAnswers(w.set)), 412, 'stale-version');
    expect(stale.currentVersion).toBe(2);
    // The other part has its own version: the manager's save does not make the coordinator's stale.
    await saved(w.manager, w.team.id, evaluation.id, 'manager', 1, fullAnswers(w.set));
    await saved(w.coordinator, w.team.id, evaluation.id, 'self', 2, fullAnswers(w.set));
  });
});

describe('starting, closing and deleting', () => {
  it('starts only against a published evaluation set', async () => {
    const w = await runningTeam();
    const establishment = await createCriteriaSet(t.db, w.org, standardCriteria);
    const draft = await evaluationSet(w.org, { status: 'draft' });
    const superseded = await evaluationSet(w.org, { status: 'superseded' });
    const foreign = await evaluationSet(await newOrg());
    expectProblem(await start(w.manager, w.team.id, establishment.id), 422, 'wrong-criteria-kind');
    expectProblem(await start(w.manager, w.team.id, draft.id), 422, 'criteria-set-not-published');
    expectProblem(await start(w.manager, w.team.id, superseded.id), 422, 'criteria-set-not-published');
    expectProblem(await start(w.manager, w.team.id, foreign.id), 422, 'unknown-reference');
    expect((await fetchJson<EvaluationPage>(t.app, w.org, base(w.team.id))).items).toEqual([]);
  });

  it('evaluates only a team that has started', async () => {
    const org = await newOrg();
    const set = await evaluationSet(org);
    for (const status of ['draft', 'proposed', 'rejected'] as const) {
      const team = await teamIn(t.app, t.db, org, status);
      expectProblem(await start(as(org), team.id, set.id), 409, 'team-not-started');
    }
    for (const status of ['approved', 'paused', 'concluded'] as const) {
      const team = await teamIn(t.app, t.db, org, status);
      expect((await start(as(org), team.id, set.id)).statusCode).toBe(201);
    }
  });

  it('has one evaluation under way per team; a new one can start once it closes', async () => {
    const w = await runningTeam();
    const first = await readyToClose(w);
    expectProblem(await start(w.manager, w.team.id, w.set.id), 409, 'evaluation-open');
    await close(w.manager, w.team.id, first.id, first.version);
    const second = await started(w.coordinator, w.team.id, w.set.id);
    const page = await fetchJson<EvaluationPage>(t.app, w.org, base(w.team.id));
    expect(page.items.map((e) => e.id)).toEqual([second.id, first.id]);
    expect((await fetchJson<EvaluationPage>(t.app, w.org, `${base(w.team.id)}?status=closed`)).items.map((e) => e.id)).toEqual([first.id]);
    const paged = await fetchJson<EvaluationPage>(t.app, w.org, `${base(w.team.id)}?limit=1`);
    expect(paged.items.map((e) => e.id)).toEqual([second.id]);
    const next = await fetchJson<EvaluationPage>(t.app, w.org, `${base(w.team.id)}?limit=1&cursor=${paged.nextCursor}`);
    expect(next).toMatchObject({ items: [{ id: first.id }], nextCursor: null });
  });

  it('keeps a closed evaluation as it is', async () => {
    const w = await runningTeam();
    const ready = await readyToClose(w);
    const closed = (await close(w.manager, w.team.id, ready.id, ready.version)).json<Evaluation>();
    expectProblem(await close(w.manager, w.team.id, ready.id, closed.version, 'En annen konklusjon.'), 409, 'evaluation-closed');
    expectProblem(await save(w.manager, w.team.id, ready.id, 'manager', closed.assessments.manager.version, fullAnswers(w.set)), 409, 'evaluation-closed');
    expectProblem(await submit(w.coordinator, w.team.id, ready.id, 'self', closed.assessments.self.version), 409, 'evaluation-closed');
    expectProblem(await remove(w.manager, w.team.id, ready.id, closed.version), 409, 'evaluation-closed');
    expect((await get(w.org, w.team.id, ready.id)).json()).toEqual(closed);
  });

  it('closes only with a conclusion and the current version', async () => {
    const w = await runningTeam();
    const ready = await readyToClose(w);
    expectValidation(await close(w.manager, w.team.id, ready.id, ready.version, '   '), '/body/conclusion');
    expectProblem(await close(w.manager, w.team.id, ready.id, ready.version - 1), 412, 'stale-version');
  });

  it('deletes an open evaluation nobody has submitted, and keeps one somebody has', async () => {
    const w = await runningTeam();
    const evaluation = await started(w.manager, w.team.id, w.set.id);
    await saved(w.coordinator, w.team.id, evaluation.id, 'self', 1, fullAnswers(w.set));
    // The saved draft changed the evaluation, so a delete of what was loaded before is stale.
    expectProblem(await remove(w.manager, w.team.id, evaluation.id, 1), 412, 'stale-version');
    expectProblem(await t.app.inject({ method: 'DELETE', url: `${base(w.team.id)}/${evaluation.id}`, headers: w.manager }), 428, 'if-match-required');
    const current = (await get(w.org, w.team.id, evaluation.id)).json<Evaluation>();
    expect((await remove(w.coordinator, w.team.id, evaluation.id, current.version)).statusCode).toBe(204);
    expectProblem(await get(w.org, w.team.id, evaluation.id), 404, 'not-found');
    expect((await events(w.org, w.team.id)).at(-1)).toMatchObject({ kind: 'evaluation.removed', data: { evaluationId: evaluation.id } });
    const rows = await t.db.selectFrom('evaluation_answers').select('criterion_id').where('organisation_id', '=', w.org).where('evaluation_id', '=', evaluation.id).execute();
    expect(rows).toEqual([]);

    const kept = await started(w.manager, w.team.id, w.set.id);
    const part = await saved(w.coordinator, w.team.id, kept.id, 'self', 1, fullAnswers(w.set));
    await submitted(w.coordinator, w.team.id, kept.id, 'self', part.version);
    const now = (await get(w.org, w.team.id, kept.id)).json<Evaluation>();
    expectProblem(await remove(w.manager, w.team.id, kept.id, now.version), 409, 'assessment-submitted');
  });

  it('records every change in the audit trail, named by the evaluation', async () => {
    const w = await runningTeam();
    const evaluation = await started(w.coordinator, w.team.id, w.set.id);
    await saved(w.coordinator, w.team.id, evaluation.id, 'self', 1, fullAnswers(w.set));
    const audit = await t.db.selectFrom('audit_events').select(['entity', 'entity_id', 'action', 'actor_person_id'])
      .where('organisation_id', '=', w.org).where('entity', 'in', ['evaluations', 'evaluation_assessments', 'evaluation_answers']).orderBy('id').execute();
    expect(audit.length).toBeGreaterThanOrEqual(1 + 2 + 3);
    expect(audit.every((e) => e.entity_id === evaluation.id && e.actor_person_id === w.coordinatorId)).toBe(true);
    expect(audit.filter((e) => e.entity === 'evaluation_answers' && e.action === 'create')).toHaveLength(3);
  });
});

describe("another organisation's evaluations", () => {
  it('answer 404 to every route', async () => {
    const w = await runningTeam();
    const stranger = await runningTeam();
    const theirs = await started(stranger.manager, stranger.team.id, stranger.set.id);
    const mine = await started(w.manager, w.team.id, w.set.id);
    const me = as(w.org);
    // Their team through my organisation.
    expectProblem(await get(w.org, stranger.team.id, theirs.id), 404, 'not-found');
    expectProblem(await t.app.inject({ method: 'GET', url: base(stranger.team.id), headers: me }), 404, 'not-found');
    expectProblem(await start(me, stranger.team.id, w.set.id), 404, 'not-found');
    expectProblem(await save(me, stranger.team.id, theirs.id, 'self', 1, fullAnswers(stranger.set)), 404, 'not-found');
    expectProblem(await submit(me, stranger.team.id, theirs.id, 'self', 1), 404, 'not-found');
    expectProblem(await close(me, stranger.team.id, theirs.id, 1), 404, 'not-found');
    expectProblem(await remove(me, stranger.team.id, theirs.id, 1), 404, 'not-found');
    // Their evaluation under my team.
    expectProblem(await get(w.org, w.team.id, theirs.id), 404, 'not-found');
    expectProblem(await save(me, w.team.id, theirs.id, 'self', 1, fullAnswers(w.set)), 404, 'not-found');
    expectProblem(await remove(me, w.team.id, theirs.id, 1), 404, 'not-found');
    // My evaluation under another of my teams.
    const sibling = await runningTeam(w.org);
    expectProblem(await get(w.org, sibling.team.id, mine.id), 404, 'not-found');
    expect((await get(stranger.org, stranger.team.id, theirs.id)).json<Evaluation>().assessments.self.version).toBe(1);
  });
});

describe('the evaluation schedule', () => {
  /** Today as the database sees it: the schedule's "today". */
  const today = async () => (await sql<{ today: string }>`select cast(current_date as text) as today`.execute(t.db)).rows[0]!.today;
  const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  /** A month later on the same day, or the month's last day when it has no such day (31 January + 1 month = 28 or 29 February). */
  function addMonths(date: string, months: number) {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const first = new Date(Date.UTC(y, m - 1 + months, 1));
    const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
    return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))).toISOString().slice(0, 10);
  }
  const stateOn = (due: string, day: string) => (due < day ? 'overdue' : due <= addDays(day, 30) ? 'due' : 'upcoming');
  const schedule = (org: string, query = '') => fetchJson<EvaluationSchedulePage>(t.app, org, `/api/v1/evaluation-schedule${query ? `?${query}` : ''}`);

  async function startingOn(org: string, startDate: string, evaluationIntervalMonths = 6) {
    const team = await teamIn(t.app, t.db, org, 'active');
    const res = await t.app.inject({
      method: 'PATCH', url: `/api/v1/teams/${team.id}`, headers: as(org, { 'if-match': `"${team.version}"` }), payload: { startDate, evaluationIntervalMonths },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Team>();
  }

  it('tells overdue, due and upcoming teams apart, earliest first', async () => {
    const org = await newOrg();
    const day = await today();
    const overdue = await startingOn(org, addMonths(day, -8));
    const justOverdue = await startingOn(org, addDays(addMonths(day, -1), -1), 1);
    const dueToday = await startingOn(org, addMonths(day, -3), 3);
    const dueSoon = await startingOn(org, addMonths(addDays(day, 20), -6));
    const upcoming = await startingOn(org, addMonths(day, -1), 12);
    const undated = await teamIn(t.app, t.db, org, 'approved');
    await teamIn(t.app, t.db, org, 'draft');
    await teamIn(t.app, t.db, org, 'concluded');

    const rows = (await schedule(org)).items;
    const teams = [overdue, justOverdue, dueToday, dueSoon, upcoming, undated];
    expect(rows.map((r) => r.teamId).sort()).toEqual(teams.map((team) => team.id).sort());
    const expectedDue = (team: Team) => addMonths(team.startDate ?? team.decidedAt!.slice(0, 10), team.evaluationIntervalMonths);
    for (const team of teams) {
      const row = rows.find((r) => r.teamId === team.id)!;
      expect(row).toEqual({
        teamId: team.id, teamName: team.name, intervalMonths: team.evaluationIntervalMonths, lastClosedAt: null,
        nextDueOn: expectedDue(team), state: stateOn(expectedDue(team), day), openEvaluationId: null,
      } satisfies EvaluationScheduleRow);
    }
    expect(rows.find((r) => r.teamId === overdue.id)!.state).toBe('overdue');
    expect(rows.find((r) => r.teamId === dueSoon.id)!.state).toBe('due');
    expect(rows.find((r) => r.teamId === upcoming.id)!.state).toBe('upcoming');
    expect(rows.find((r) => r.teamId === undated.id)!).toMatchObject({ intervalMonths: 6, state: 'upcoming' });
    const order = rows.map((r) => `${r.nextDueOn} ${r.teamId}`);
    expect(order).toEqual([...order].sort());

    expect((await schedule(org, 'state=overdue')).items.map((r) => r.teamId).sort())
      .toEqual(rows.filter((r) => r.state === 'overdue').map((r) => r.teamId).sort());
    expect((await schedule(org, 'state=due')).items.every((r) => r.state === 'due')).toBe(true);
    const first = await schedule(org, 'limit=4');
    const rest = await schedule(org, `limit=4&cursor=${first.nextCursor}`);
    expect([...first.items, ...rest.items]).toEqual(rows);
    expect(rest.nextCursor).toBeNull();
  });

  it('counts from the last closed evaluation, and shows the one under way', async () => {
    const w = await runningTeam();
    const day = await today();
    const current = await fetchJson<Team>(t.app, w.org, `/api/v1/teams/${w.team.id}`);
    const dated = await t.app.inject({
      method: 'PATCH', url: `/api/v1/teams/${w.team.id}`, headers: as(w.org, { 'if-match': `"${current.version}"` }), payload: { startDate: addMonths(day, -9) },
    });
    expect(dated.statusCode, dated.body).toBe(200);
    expect((await schedule(w.org)).items[0]).toMatchObject({ teamId: w.team.id, state: 'overdue', lastClosedAt: null });
    const ready = await readyToClose(w);
    expect((await schedule(w.org)).items[0]).toMatchObject({ state: 'overdue', openEvaluationId: ready.id });
    const closed = (await close(w.manager, w.team.id, ready.id, ready.version)).json<Evaluation>();
    expect((await schedule(w.org)).items[0]).toEqual({
      teamId: w.team.id, teamName: w.team.name, intervalMonths: 6, lastClosedAt: closed.closedAt,
      nextDueOn: addMonths(closed.closedAt!.slice(0, 10), 6), state: 'upcoming', openEvaluationId: null,
    });
    const next = await started(w.coordinator, w.team.id, w.set.id);
    expect((await schedule(w.org)).items[0]).toMatchObject({ lastClosedAt: closed.closedAt, openEvaluationId: next.id });
  });

  it('filters by a unit and the units below it', async () => {
    const w = await runningTeam();
    await teamIn(t.app, t.db, w.org, 'active');
    const top = await createUnit(t.app, w.org);
    const moved = await t.app.inject({
      method: 'PATCH', url: `/api/v1/units/${w.unit.id}`, headers: as(w.org, { 'if-match': `"${w.unit.version}"` }), payload: { parentId: top.id },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await schedule(w.org)).items).toHaveLength(2);
    expect((await schedule(w.org, `unitId=${top.id}`)).items.map((r) => r.teamId)).toEqual([w.team.id]);
    expect((await schedule(w.org, `unitId=${w.unit.id}`)).items.map((r) => r.teamId)).toEqual([w.team.id]);
    expect((await schedule(await newOrg())).items).toEqual([]);
    expectValidation(await t.app.inject({ method: 'GET', url: '/api/v1/evaluation-schedule?state=soon', headers: as(w.org) }), '/query/state');
  });
});

describe('the evaluation interval of a team', () => {
  it('is six months unless set, from 1 to 36, and editable while the team runs', async () => {
    const org = await newOrg();
    const team = await teamIn(t.app, t.db, org, 'active');
    expect(team.evaluationIntervalMonths).toBe(6);
    const patch = (version: number, value: unknown) => t.app.inject({
      method: 'PATCH', url: `/api/v1/teams/${team.id}`, headers: as(org, { 'if-match': `"${version}"` }), payload: { evaluationIntervalMonths: value },
    });
    expectValidation(await patch(team.version, 37), '/body/evaluationIntervalMonths');
    expectValidation(await patch(team.version, 0), '/body/evaluationIntervalMonths');
    const res = await patch(team.version, 12);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Team>().evaluationIntervalMonths).toBe(12);
  });
});
