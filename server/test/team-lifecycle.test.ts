import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assessment, Team, TeamTimeline } from '@lagverk/shared';
import { teamStatuses } from '@lagverk/shared';
import { allowedActions, teamActions, transitions } from '../src/teams/lifecycle.ts';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { as, createPerson, createUnit, expectProblem, expectValidation, fetchJson } from './support/factories.ts';
import {
  addMember, createCriteriaSet, createTeam, passingAnswers, putAssessment, readyDraft, standardCriteria, teamAction, teamIn,
} from './support/team-factories.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const newOrg = async () => (await createOrganisation(t.db)).id;
const reason = { reason: 'Godt forankret i begge virksomhetene.' };
const bodyFor = (action: string) => (action === 'approve' || action === 'reject' ? reason : undefined);
const getTeam = (org: string, id: string) => fetchJson<Team>(t.app, org, `/api/v1/teams/${id}`);
const lastEvent = async (org: string, id: string) => (await fetchJson<TeamTimeline>(t.app, org, `/api/v1/teams/${id}/timeline`)).items.at(-1);

describe('legal transitions', () => {
  it.each(teamActions)('%s moves the team on, bumps the version and writes its event', async (action) => {
    const org = await newOrg();
    const from = transitions[action].from.at(-1)!;
    const team = await teamIn(t.app, t.db, org, from);
    const res = await teamAction(t.app, org, team.id, action, bodyFor(action), { 'if-match': `"${team.version}"` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Team>()).toMatchObject({ status: transitions[action].to, version: team.version + 1 });
    expect(res.headers.etag).toBe(`"${team.version + 1}"`);
    expect(await lastEvent(org, team.id)).toMatchObject({ kind: transitions[action].event, data: { from, to: transitions[action].to } });
  });

  it('records the decision and its reason on approval and rejection', async () => {
    const org = await newOrg();
    for (const action of ['approve', 'reject'] as const) {
      const team = await teamIn(t.app, t.db, org, 'proposed');
      const decided = (await teamAction(t.app, org, team.id, action, reason)).json<Team>();
      expect(decided.decisionReason).toBe(reason.reason);
      expect(Date.parse(decided.decidedAt!)).toBeGreaterThan(Date.now() - 60_000);
      expect((await lastEvent(org, team.id))?.data).toMatchObject({ reason: reason.reason });
    }
  });

  it('concludes a paused team too, and a rejected one can be revised, edited and proposed again', async () => {
    const org = await newOrg();
    const paused = await teamIn(t.app, t.db, org, 'paused');
    expect((await teamAction(t.app, org, paused.id, 'conclude')).json<Team>().status).toBe('concluded');
    const rejected = await teamIn(t.app, t.db, org, 'rejected');
    expect((await teamAction(t.app, org, rejected.id, 'revise')).json<Team>()).toMatchObject({ status: 'draft', decisionReason: 'Begrunnelse' });
    expect((await teamAction(t.app, org, rejected.id, 'propose')).json<Team>().status).toBe('proposed');
  });
});

describe('illegal transitions', () => {
  it('answers 409 illegal-transition with the allowed actions, for every status and action', async () => {
    const org = await newOrg();
    for (const status of teamStatuses) {
      const team = await teamIn(t.app, t.db, org, status);
      for (const action of teamActions.filter((a) => !transitions[a].from.includes(status))) {
        const res = await teamAction(t.app, org, team.id, action, bodyFor(action));
        const body = expectProblem(res, 409, 'illegal-transition') as { allowed?: string[] };
        expect(body.allowed, `${action} from ${status}`).toEqual(allowedActions(status));
      }
      expect(await getTeam(org, team.id)).toMatchObject({ status, version: team.version });
    }
  });

  it('lists no allowed action for a concluded team', () => {
    expect(allowedActions('concluded')).toEqual([]);
    expect(allowedActions('active')).toEqual(['pause', 'conclude']);
  });

  it('refuses a stale If-Match (412) and a decision without a reason (400)', async () => {
    const org = await newOrg();
    const team = await teamIn(t.app, t.db, org, 'proposed');
    expectProblem(await teamAction(t.app, org, team.id, 'approve', reason, { 'if-match': '"1"' }), 412, 'stale-version');
    expectValidation(await teamAction(t.app, org, team.id, 'approve', {}), '/body/reason');
    expectValidation(await teamAction(t.app, org, team.id, 'reject', { reason: '   ' }), '/body/reason');
    expectProblem(await teamAction(t.app, org, team.id, 'approve'), 400);
    expectValidation(await teamAction(t.app, org, team.id, 'activate', { force: true }), '/body/force');
    expect((await getTeam(org, team.id)).status).toBe('proposed');
  });

  it('lets only one of two concurrent transitions win', async () => {
    const org = await newOrg();
    const team = await teamIn(t.app, t.db, org, 'proposed');
    const results = await Promise.all([teamAction(t.app, org, team.id, 'approve', reason), teamAction(t.app, org, team.id, 'reject', reason)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const kinds = (await fetchJson<TeamTimeline>(t.app, org, `/api/v1/teams/${team.id}/timeline`)).items.map((e) => e.kind);
    expect(kinds.filter((k) => k === 'team.approved' || k === 'team.rejected')).toHaveLength(1);
  });
});

describe('proposing', () => {
  it('lists everything a bare draft lacks (422)', async () => {
    const org = await newOrg();
    const team = await createTeam(t.app, org);
    const body = expectProblem(await teamAction(t.app, org, team.id, 'propose'), 422, 'proposal-incomplete');
    expect(body.errors?.map((e) => e.path)).toEqual(['/assessment', '/unitIds', '/members']);
    expect((await getTeam(org, team.id)).status).toBe('draft');
  });

  it('needs every required criterion answered and a current coordinator', async () => {
    const org = await newOrg();
    const { team, set, coordinator } = await readyDraft(t.app, t.db, org, (s) =>
      passingAnswers(s).map((a, i) => (i === 1 ? { ...a, value: null } : a)));
    const members = await fetchJson<{ items: { id: string }[] }>(t.app, org, `/api/v1/teams/${team.id}/members`);
    await t.app.inject({
      method: 'PATCH', url: `/api/v1/teams/${team.id}/members/${members.items[0]!.id}`, headers: as(org, { 'if-match': '"1"' }), payload: { role: 'member' },
    });
    const body = expectProblem(await teamAction(t.app, org, team.id, 'propose'), 422, 'proposal-incomplete');
    expect(body.errors?.map((e) => e.path)).toEqual([`/assessment/criteria/${set.criteria[1]!.id}`, '/members']);
    expect(coordinator.id).toBeTruthy();
  });

  it('needs the assessed set to be still published', async () => {
    const org = await newOrg();
    const { team, set } = await readyDraft(t.app, t.db, org);
    await t.db.updateTable('criteria_sets').set({ status: 'superseded' }).where('id', '=', set.id).execute();
    const body = expectProblem(await teamAction(t.app, org, team.id, 'propose'), 422, 'proposal-incomplete');
    expect(body.errors?.map((e) => e.path)).toEqual(['/assessment/criteriaSetId']);
  });
});

describe('approving against the criteria', () => {
  const unmetCases: [string, (a: { value: unknown }, type: string) => unknown][] = [
    ['a required yes/no answered no', (a, type) => (type === 'yesNo' ? false : a.value)],
    ['a required scale below 3', (a, type) => (type === 'scale' ? 2 : a.value)],
  ];
  it.each(unmetCases)('refuses with 409 required-criteria-unmet when %s', async (_, change) => {
    const org = await newOrg();
    const { team, set } = await readyDraft(t.app, t.db, org, (s) => passingAnswers(s).map((a, i) => ({ ...a, value: change(a, s.criteria[i]!.answerType) })));
    const assessment = await fetchJson<Assessment>(t.app, org, `/api/v1/teams/${team.id}/assessment`);
    expect(assessment.unmetRequired).toHaveLength(1);
    expect((await teamAction(t.app, org, team.id, 'propose')).statusCode).toBe(200);
    const body = expectProblem(await teamAction(t.app, org, team.id, 'approve', reason), 409, 'required-criteria-unmet');
    expect(body.errors?.map((e) => e.path)).toEqual([`/assessment/criteria/${assessment.unmetRequired[0]}`]);
    expect(set.criteria.map((c) => c.id)).toContain(assessment.unmetRequired[0]);
    expect((await teamAction(t.app, org, team.id, 'reject', reason)).json<Team>().status).toBe('rejected');
  });

  it('counts a required number or text as met once answered, and a scale of 3 as met', async () => {
    const org = await newOrg();
    const set = await createCriteriaSet(t.db, org, [
      { answerType: 'number', required: true }, { answerType: 'text', required: true }, { answerType: 'scale', required: true },
    ]);
    const team = await createTeam(t.app, org);
    const answers = [{ criterionId: set.criteria[0]!.id, value: 0, comment: null }, { criterionId: set.criteria[1]!.id, value: 'Ja', comment: 'Avklart' },
      { criterionId: set.criteria[2]!.id, value: 3, comment: null }];
    const res = await putAssessment(t.app, org, team.id, { criteriaSetId: set.id, answers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Assessment>()).toEqual({ criteriaSetId: set.id, answers, unmetRequired: [] });
  });
});

describe('the assessment', () => {
  it('is empty before the first one and stores the set on the team', async () => {
    const org = await newOrg();
    const team = await createTeam(t.app, org);
    expect(await fetchJson<Assessment>(t.app, org, `/api/v1/teams/${team.id}/assessment`)).toEqual({ criteriaSetId: null, answers: [], unmetRequired: [] });
    const set = await createCriteriaSet(t.db, org, standardCriteria);
    const res = await putAssessment(t.app, org, team.id, { criteriaSetId: set.id, answers: passingAnswers(set) });
    expect(res.statusCode, res.body).toBe(200);
    expect(await getTeam(org, team.id)).toMatchObject({ establishmentSetId: set.id, version: 2 });
    expect(await fetchJson<Assessment>(t.app, org, `/api/v1/teams/${team.id}/assessment`)).toEqual(res.json());
  });

  it('replaces every answer, also when moving to another set', async () => {
    const org = await newOrg();
    const team = await createTeam(t.app, org);
    const first = await createCriteriaSet(t.db, org, standardCriteria);
    const second = await createCriteriaSet(t.db, org, [{ answerType: 'yesNo', required: true }]);
    await putAssessment(t.app, org, team.id, { criteriaSetId: first.id, answers: passingAnswers(first) });
    const res = await putAssessment(t.app, org, team.id, { criteriaSetId: second.id, answers: [{ criterionId: second.criteria[0]!.id, value: false, comment: null }] });
    expect(res.json<Assessment>()).toEqual({ criteriaSetId: second.id, answers: [{ criterionId: second.criteria[0]!.id, value: false, comment: null }], unmetRequired: [second.criteria[0]!.id] });
    const stored = await t.db.selectFrom('team_assessment_answers').select('criterion_id').where('team_id', '=', team.id).execute();
    expect(stored.map((r) => r.criterion_id)).toEqual([second.criteria[0]!.id]);
  });

  it('refuses answers that do not fit their criterion (422 with each path), changing nothing', async () => {
    const org = await newOrg();
    const team = await createTeam(t.app, org);
    const set = await createCriteriaSet(t.db, org, standardCriteria);
    const answers = passingAnswers(set);
    const bad = [{ ...answers[0]!, value: 'ja' }, { ...answers[1]!, value: true }, { ...answers[2]!, value: 'seks' }, { ...answers[3]!, value: 5 }];
    const body = expectProblem(await putAssessment(t.app, org, team.id, { criteriaSetId: set.id, answers: bad }), 422, 'invalid-assessment');
    expect(body.errors?.map((e) => e.path)).toEqual(['/body/answers/0/value', '/body/answers/1/value', '/body/answers/2/value', '/body/answers/3/value']);
    expect(await getTeam(org, team.id)).toMatchObject({ establishmentSetId: null, version: 1 });
  });

  it('refuses missing, repeated and foreign criteria (422)', async () => {
    const org = await newOrg();
    const team = await createTeam(t.app, org);
    const set = await createCriteriaSet(t.db, org, standardCriteria);
    const other = await createCriteriaSet(t.db, org, [{ answerType: 'yesNo' }]);
    const answers = passingAnswers(set);
    const missing = expectProblem(await putAssessment(t.app, org, team.id, { criteriaSetId: set.id, answers: answers.slice(1) }), 422, 'invalid-assessment');
    expect(missing.errors).toEqual([expect.objectContaining({ path: '/body/answers', code: 'required' })]);
    const twice = expectProblem(await putAssessment(t.app, org, team.id, { criteriaSetId: set.id, answers: [...answers, answers[0]] }), 422);
    expect(twice.errors?.map((e) => e.path)).toEqual(['/body/answers/4/criterionId']);
    const foreign = expectProblem(await putAssessment(t.app, org, team.id, { criteriaSetId: set.id, answers: [...answers, ...passingAnswers(other)] }), 422);
    expect(foreign.errors?.map((e) => e.path)).toEqual(['/body/answers/4/criterionId']);
  });

  it('refuses a set that is not a published establishment set of the organisation (422)', async () => {
    const org = await newOrg();
    const team = await createTeam(t.app, org);
    const cases = [
      [await createCriteriaSet(t.db, org, standardCriteria, { status: 'draft' }), 'criteria-set-not-published'],
      [await createCriteriaSet(t.db, org, standardCriteria, { status: 'superseded' }), 'criteria-set-not-published'],
      [await createCriteriaSet(t.db, org, standardCriteria, { kind: 'evaluation' }), 'wrong-criteria-kind'],
      [await createCriteriaSet(t.db, await newOrg(), standardCriteria), 'unknown-reference'],
    ] as const;
    for (const [set, code] of cases) {
      const body = expectProblem(await putAssessment(t.app, org, team.id, { criteriaSetId: set.id, answers: passingAnswers(set) }), 422, code);
      expect(body.errors?.[0]?.path).toBe('/body/criteriaSetId');
    }
  });

  it('can change only in draft or rejected (409), and honours If-Match', async () => {
    const org = await newOrg();
    const { team, set } = await readyDraft(t.app, t.db, org);
    const current = await getTeam(org, team.id);
    expectProblem(await putAssessment(t.app, org, team.id, { criteriaSetId: set.id, answers: passingAnswers(set) }, { 'if-match': '"1"' }), 412, 'stale-version');
    expect((await putAssessment(t.app, org, team.id, { criteriaSetId: set.id, answers: passingAnswers(set) }, { 'if-match': `"${current.version}"` })).statusCode).toBe(200);
    await teamAction(t.app, org, team.id, 'propose');
    expectProblem(await putAssessment(t.app, org, team.id, { criteriaSetId: set.id, answers: passingAnswers(set) }), 409, 'team-not-editable');
    await teamAction(t.app, org, team.id, 'reject', reason);
    expect((await putAssessment(t.app, org, team.id, { criteriaSetId: set.id, answers: passingAnswers(set) })).statusCode).toBe(200);
  });

  it('refuses malformed answers with 400', async () => {
    const org = await newOrg();
    const team = await createTeam(t.app, org);
    const set = await createCriteriaSet(t.db, org, standardCriteria);
    expectValidation(await putAssessment(t.app, org, team.id, { criteriaSetId: set.id, answers: [{ criterionId: 'x', value: {}, comment: null }] }),
      '/body/answers/0/criterionId');
    expectValidation(await putAssessment(t.app, org, team.id, { answers: [] }), '/body/criteriaSetId');
  });
});

describe('a whole proposal, start to finish', () => {
  it('goes from draft to concluded with the timeline telling the story', async () => {
    const org = await newOrg();
    const hr = await createUnit(t.app, org, { name: 'HR' });
    const helse = await createUnit(t.app, org, { name: 'Helse' });
    const team = await createTeam(t.app, org, { name: 'Arbeidslag for lærlinger', unitIds: [hr.id, helse.id] });
    const coordinator = await createPerson(t.app, org, { profession: 'HR-rådgivning' });
    await addMember(t.app, org, team.id, coordinator.id, 'coordinator');
    const set = await createCriteriaSet(t.db, org, standardCriteria);
    await putAssessment(t.app, org, team.id, { criteriaSetId: set.id, answers: passingAnswers(set) });
    for (const action of ['propose', 'approve', 'activate', 'pause', 'resume', 'conclude']) {
      expect((await teamAction(t.app, org, team.id, action, bodyFor(action))).statusCode).toBe(200);
    }
    const kinds = (await fetchJson<TeamTimeline>(t.app, org, `/api/v1/teams/${team.id}/timeline`)).items.map((e) => e.kind);
    expect(kinds).toEqual(['team.created', 'member.added', 'team.assessed', 'team.proposed', 'team.approved', 'team.activated', 'team.paused', 'team.resumed', 'team.concluded']);
  });
});
