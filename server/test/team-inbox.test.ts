import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Team, TeamPage } from '@lagverk/shared';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { as, createUnit, expectProblem } from './support/factories.ts';
import { createAccount, sessionFor, signedInAs, type SessionHeaders } from './support/accounts.ts';
import { teamIn } from './support/team-factories.ts';

// The approval inbox: a unit manager sees, and may decide, the proposals that involve a
// unit they lead or one below it, and no others.

let t: TestContext;
let org: string;
let manager: SessionHeaders;
let inMyArea: Team;
let inSubUnit: Team;
let elsewhere: Team;
beforeAll(async () => {
  t = await createTestApp();
  org = (await createOrganisation(t.db)).id;
  const account = await createAccount(t.db, org, ['member']);
  const { sessionId: _s, ...headers } = await sessionFor(t.db, account);
  manager = headers;
  const led = await createUnit(t.app, org, { name: 'Hjemmetjenesten', managerId: account.personId });
  const below = await createUnit(t.app, org, { name: 'Sone nord', kind: 'section', parentId: led.id });
  inMyArea = await proposedWith(led.id);
  inSubUnit = await proposedWith(below.id);
  elsewhere = await teamIn(t.app, t.db, org, 'proposed');
});
afterAll(() => t.close());

/** A proposed team that also involves `unitId`. */
async function proposedWith(unitId: string) {
  const team = await teamIn(t.app, t.db, org, 'draft');
  const res = await t.app.inject({
    method: 'PATCH', url: `/api/v1/teams/${team.id}`, headers: as(org, { 'if-match': `"${team.version}"` }),
    payload: { unitIds: [...team.unitIds, unitId] },
  });
  expect(res.statusCode, res.body).toBe(200);
  const proposed = await t.app.inject({
    method: 'POST', url: `/api/v1/teams/${team.id}/propose`, headers: as(org, { 'if-match': `"${res.json<Team>().version}"` }),
  });
  expect(proposed.statusCode, proposed.body).toBe(200);
  return proposed.json<Team>();
}

const inbox = async (headers: Record<string, string>) => {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/teams?decidable=true&limit=200', headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TeamPage>().items.map((team) => team.id).sort();
};

describe('the approval inbox', () => {
  it('shows a unit manager the proposals in their units and the units below, and no others', async () => {
    expect(await inbox(manager)).toEqual([inMyArea.id, inSubUnit.id].sort());
  });

  it('shows whoever decides for the whole organisation every proposal', async () => {
    const items = await inbox(as(org));
    expect(items).toEqual(expect.arrayContaining([inMyArea.id, inSubUnit.id, elsewhere.id]));
  });

  it('is empty for someone who decides nothing', async () => {
    const { headers } = await signedInAs(t.db, org, ['member']);
    expect(await inbox(headers)).toEqual([]);
  });

  it('lets the manager approve a proposal in their units, and refuses one elsewhere as out of scope', async () => {
    const refused = await t.app.inject({
      method: 'POST', url: `/api/v1/teams/${elsewhere.id}/approve`,
      headers: { ...manager, 'if-match': `"${elsewhere.version}"` }, payload: { reason: 'Ser bra ut.' },
    });
    expectProblem(refused, 403, 'out-of-scope');
    const approved = await t.app.inject({
      method: 'POST', url: `/api/v1/teams/${inSubUnit.id}/approve`,
      headers: { ...manager, 'if-match': `"${inSubUnit.version}"` }, payload: { reason: 'Godt forankret.' },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json<Team>().status).toBe('approved');
    expect(await inbox(manager)).toEqual([inMyArea.id]);
  });
});
