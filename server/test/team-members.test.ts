import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member, Team, TeamTimeline } from '@lagverk/shared';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { as, createPerson, expectProblem, expectValidation, fetchJson } from './support/factories.ts';
import { addMember, createTeam, teamIn } from './support/team-factories.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const newOrg = async () => (await createOrganisation(t.db)).id;
const post = (org: string, teamId: string, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: `/api/v1/teams/${teamId}/members`, headers: as(org, headers), payload });
const patch = (org: string, teamId: string, memberId: string, version: number | null, payload: object) =>
  t.app.inject({
    method: 'PATCH', url: `/api/v1/teams/${teamId}/members/${memberId}`, headers: as(org, version === null ? {} : { 'if-match': `"${version}"` }), payload,
  });
const members = async (org: string, teamId: string) => (await fetchJson<{ items: Member[] }>(t.app, org, `/api/v1/teams/${teamId}/members`)).items;
const events = async (org: string, teamId: string) => (await fetchJson<TeamTimeline>(t.app, org, `/api/v1/teams/${teamId}/timeline`)).items;
const today = () => new Date().toISOString().slice(0, 10);

describe('adding members', () => {
  it('adds an active person with a role, today by default, and logs member.added', async () => {
    const org = await newOrg();
    const team = await createTeam(t.app, org);
    const person = await createPerson(t.app, org, { profession: 'Ergoterapi' });
    const res = await post(org, team.id, { personId: person.id, role: 'coordinator' });
    expect(res.statusCode, res.body).toBe(201);
    const member = res.json<Member>();
    expect(member).toMatchObject({ personId: person.id, role: 'coordinator', leftOn: null, version: 1 });
    expect(member.joinedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(res.headers.location).toBe(`/api/v1/teams/${team.id}/members/${member.id}`);
    expect(await members(org, team.id)).toEqual([member]);
    expect((await events(org, team.id)).at(-1)).toMatchObject({ kind: 'member.added', data: { personId: person.id, role: 'coordinator', memberId: member.id } });
    expect(await fetchJson<Team>(t.app, org, `/api/v1/teams/${team.id}`)).toMatchObject({ memberCount: 1, professions: ['Ergoterapi'] });
  });

  it('keeps the joinedOn given', async () => {
    const org = await newOrg();
    const team = await createTeam(t.app, org);
    const member = await addMember(t.app, org, team.id, (await createPerson(t.app, org)).id, 'resourcePerson', '2025-08-01');
    expect(member).toMatchObject({ joinedOn: '2025-08-01', role: 'resourcePerson' });
  });

  it('refuses a current member again (409), an inactive person (409) and an unknown or foreign one (422)', async () => {
    const org = await newOrg();
    const team = await createTeam(t.app, org);
    const person = await createPerson(t.app, org);
    await addMember(t.app, org, team.id, person.id);
    expectProblem(await post(org, team.id, { personId: person.id, role: 'coordinator' }), 409, 'already-member');
    const gone = await createPerson(t.app, org);
    await t.app.inject({ method: 'POST', url: `/api/v1/people/${gone.id}/deactivate`, headers: as(org) });
    expectProblem(await post(org, team.id, { personId: gone.id, role: 'member' }), 409, 'person-inactive');
    const foreign = await createPerson(t.app, await newOrg());
    expect(expectProblem(await post(org, team.id, { personId: foreign.id, role: 'member' }), 422, 'unknown-reference').errors?.[0]?.path).toBe('/body/personId');
    expect(await members(org, team.id)).toHaveLength(1);
  });

  it('lets only one of two concurrent adds of the same person in', async () => {
    const org = await newOrg();
    const team = await createTeam(t.app, org);
    const person = await createPerson(t.app, org);
    const results = await Promise.all([post(org, team.id, { personId: person.id, role: 'member' }), post(org, team.id, { personId: person.id, role: 'coordinator' })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await members(org, team.id)).toHaveLength(1);
  });

  it('replays an add with the same Idempotency-Key', async () => {
    const org = await newOrg();
    const team = await createTeam(t.app, org);
    const person = await createPerson(t.app, org);
    const first = await post(org, team.id, { personId: person.id, role: 'member' }, { 'idempotency-key': 'm-1' });
    const again = await post(org, team.id, { personId: person.id, role: 'member' }, { 'idempotency-key': 'm-1' });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
  });

  it('refuses bad input (400) and a team of another organisation (404)', async () => {
    const org = await newOrg();
    const team = await createTeam(t.app, org);
    expectValidation(await post(org, team.id, { personId: 'kari', role: 'boss', extra: 1 }), '/body/personId', '/body/role');
    expectValidation(await post(org, team.id, { personId: (await createPerson(t.app, org)).id, role: 'member', joinedOn: '2025-13-45' }), '/body/joinedOn');
    const foreignTeam = await createTeam(t.app, await newOrg());
    expectProblem(await post(org, foreignTeam.id, { personId: (await createPerson(t.app, org)).id, role: 'member' }), 404, 'not-found');
  });

  it('takes no members in a concluded team (409)', async () => {
    const org = await newOrg();
    const team = await teamIn(t.app, t.db, org, 'concluded');
    expectProblem(await post(org, team.id, { personId: (await createPerson(t.app, org)).id, role: 'member' }), 409, 'team-not-editable');
  });
});

describe('changing and ending memberships', () => {
  it('changes the role (member.changed) and ends the membership, keeping it as history (member.left)', async () => {
    const org = await newOrg();
    const team = await createTeam(t.app, org);
    const person = await createPerson(t.app, org);
    const member = await addMember(t.app, org, team.id, person.id, 'member', '2025-01-10');
    const changed = await patch(org, team.id, member.id, 1, { role: 'coordinator' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ role: 'coordinator', version: 2 });
    expect(changed.headers.etag).toBe('"2"');
    const ended = await patch(org, team.id, member.id, 2, { leftOn: '2025-06-30' });
    expect(ended.json()).toMatchObject({ leftOn: '2025-06-30', version: 3 });
    expect((await events(org, team.id)).slice(-2)).toMatchObject([
      { kind: 'member.changed', data: { memberId: member.id, fields: ['role'], role: 'coordinator' } },
      { kind: 'member.left', data: { memberId: member.id, personId: person.id, leftOn: '2025-06-30' } },
    ]);
    expect(await members(org, team.id)).toEqual([ended.json()]);
    expect(await fetchJson<Team>(t.app, org, `/api/v1/teams/${team.id}`)).toMatchObject({ memberCount: 0 });
    // Someone who left can join again: a new membership, the old one stays.
    await addMember(t.app, org, team.id, person.id);
    expect(await members(org, team.id)).toHaveLength(2);
  });

  it('refuses leaving before joining (422), and a missing, stale or malformed If-Match', async () => {
    const org = await newOrg();
    const team = await createTeam(t.app, org);
    const member = await addMember(t.app, org, team.id, (await createPerson(t.app, org)).id, 'member', '2025-03-01');
    expect(expectProblem(await patch(org, team.id, member.id, 1, { leftOn: '2025-02-28' }), 422, 'left-before-joined').errors?.[0]?.path).toBe('/body/leftOn');
    expectProblem(await patch(org, team.id, member.id, null, { role: 'coordinator' }), 428, 'if-match-required');
    expectProblem(await patch(org, team.id, member.id, 9, { role: 'coordinator' }), 412, 'stale-version');
    expectValidation(await patch(org, team.id, member.id, 1, {}), '/body');
    expect(await members(org, team.id)).toEqual([member]);
  });

  it('reopens a past membership only while the person is not a current member again', async () => {
    const org = await newOrg();
    const team = await createTeam(t.app, org);
    const person = await createPerson(t.app, org);
    const old = await addMember(t.app, org, team.id, person.id, 'member', '2025-01-01');
    await patch(org, team.id, old.id, 1, { leftOn: '2025-02-01' });
    await addMember(t.app, org, team.id, person.id);
    expectProblem(await patch(org, team.id, old.id, 2, { leftOn: null }), 409, 'already-member');
  });

  it("answers 404 for a membership of another team or organisation", async () => {
    const org = await newOrg();
    const team = await createTeam(t.app, org);
    const other = await createTeam(t.app, org);
    const member = await addMember(t.app, org, other.id, (await createPerson(t.app, org)).id);
    expectProblem(await patch(org, team.id, member.id, 1, { role: 'coordinator' }), 404, 'not-found');
    expectProblem(await patch(await newOrg(), other.id, member.id, 1, { role: 'coordinator' }), 404, 'not-found');
  });
});

describe('a person leaving the organisation', () => {
  it('ends their current memberships in every team, with a timeline event each, keeping history', async () => {
    const org = await newOrg();
    const person = await createPerson(t.app, org, { profession: 'Sykepleie' });
    const colleague = await createPerson(t.app, org, { profession: 'Lærer' });
    const first = await createTeam(t.app, org);
    const second = await teamIn(t.app, t.db, org, 'active');
    const past = await createTeam(t.app, org);
    await addMember(t.app, org, first.id, person.id, 'coordinator');
    await addMember(t.app, org, first.id, colleague.id);
    await addMember(t.app, org, second.id, person.id);
    const old = await addMember(t.app, org, past.id, person.id, 'member', '2024-01-01');
    await patch(org, past.id, old.id, 1, { leftOn: '2024-06-01' });

    const res = await t.app.inject({ method: 'POST', url: `/api/v1/people/${person.id}/deactivate`, headers: as(org) });
    expect(res.statusCode, res.body).toBe(200);

    for (const team of [first, second]) {
      const mine = (await members(org, team.id)).filter((m) => m.personId === person.id);
      expect(mine).toEqual([expect.objectContaining({ leftOn: today() })]);
      expect((await events(org, team.id)).at(-1)).toMatchObject({ kind: 'member.left', data: { personId: person.id, reason: 'deactivated' } });
    }
    expect(await fetchJson<Team>(t.app, org, `/api/v1/teams/${first.id}`)).toMatchObject({ memberCount: 1, professions: ['Lærer'] });
    // The membership that had already ended is left as it was, and gets no event.
    expect(await members(org, past.id)).toEqual([expect.objectContaining({ leftOn: '2024-06-01', version: 2 })]);
    const left = (await events(org, past.id)).filter((e) => e.kind === 'member.left');
    expect(left).toEqual([expect.objectContaining({ data: expect.not.objectContaining({ reason: 'deactivated' }) })]);
  });

  it('also when HR marks them inactive through the upsert, and a future joinedOn is not crossed', async () => {
    const org = await newOrg();
    const person = await createPerson(t.app, org, { externalId: 'HR-55' });
    const team = await createTeam(t.app, org);
    await addMember(t.app, org, team.id, person.id, 'member', '2099-01-01');
    const res = await t.app.inject({ method: 'PUT', url: '/api/v1/people/by-external-id/HR-55', headers: as(org), payload: { name: person.name, active: false } });
    expect(res.statusCode, res.body).toBe(200);
    expect(await members(org, team.id)).toEqual([expect.objectContaining({ leftOn: '2099-01-01' })]);
  });
});
