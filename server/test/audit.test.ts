import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { AuditEvent, AuditPage, Person, TeamTimeline, Unit } from '@lagverk/shared';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { signedInAs, testPassword, type SessionHeaders } from './support/accounts.ts';
import { as, createPerson, createUnit, expectProblem, unique } from './support/factories.ts';
import { createTeam } from './support/team-factories.ts';
import { withAuditActor } from '../src/audit/context.ts';

// The audit trail: every change through the API leaves an event naming who made it
// (a person's account or an integration token), in which request, and what changed.
// Nothing rolled back is recorded, nothing recorded can be changed, and an
// organisation sees only its own events.

/** Credentials a request sends: a session's cookie and CSRF token, or a bearer token. */
type Headers = SessionHeaders | Record<string, string>;

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const newOrg = async () => (await createOrganisation(t.db)).id;

/** The id of an organisation's all-scope test token, the one `as(org)` sends. */
async function testTokenId(organisationId: string) {
  const row = await t.db.selectFrom('api_tokens').select('id')
    .where('organisation_id', '=', organisationId).where('name', '=', 'Test integration (every scope)').executeTakeFirstOrThrow();
  return row.id;
}

function auditEvents(headers: Headers, query: Record<string, string> = {}) {
  return t.app.inject({ method: 'GET', url: `/api/v1/audit-events?${new URLSearchParams(query).toString()}`, headers: { ...headers } });
}

async function eventsOf(organisationId: string, query: Record<string, string> = {}): Promise<AuditEvent[]> {
  const res = await auditEvents(as(organisationId), { limit: '200', ...query });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<AuditPage>().items;
}

describe('what a change through the API records', () => {
  it('a unit\'s create, edit and delete, by a token: the actor, the request and the changed fields', async () => {
    const org = await newOrg();
    const tokenId = await testTokenId(org);
    const id = unique();
    const created = await t.app.inject({
      method: 'POST', url: '/api/v1/units', headers: as(org, { 'x-request-id': `create-${id}` }), payload: { name: 'Helse', kind: 'unit' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const unit = created.json<Unit>();
    const patched = await t.app.inject({
      method: 'PATCH', url: `/api/v1/units/${unit.id}`, headers: as(org, { 'x-request-id': `patch-${id}`, 'if-match': '"1"' }),
      payload: { name: 'Helse og omsorg', description: 'Heile sektoren' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const deleted = await t.app.inject({
      method: 'DELETE', url: `/api/v1/units/${unit.id}`, headers: as(org, { 'x-request-id': `delete-${id}`, 'if-match': '"2"' }),
    });
    expect(deleted.statusCode, deleted.body).toBe(204);

    const events = await eventsOf(org, { entity: 'units', entityId: unit.id });
    expect(events.map((e) => [e.action, e.requestId])).toEqual([
      ['delete', `delete-${id}`], ['update', `patch-${id}`], ['create', `create-${id}`],
    ]);
    for (const event of events) {
      expect(event.actor).toEqual({ kind: 'token', tokenId, name: 'Test integration (every scope)', accountId: null, personId: null });
    }
    const [removal, edit, creation] = events;
    // An update shows each changed field before and after, an empty field as null.
    expect(edit!.changes).toEqual({ name: { before: 'Helse', after: 'Helse og omsorg' }, description: { before: null, after: 'Heile sektoren' } });
    expect(creation!.changes).toMatchObject({ id: { after: unit.id }, name: { after: 'Helse' }, kind: { after: 'unit' } });
    // A create lists only the fields it filled in.
    expect(creation!.changes).not.toHaveProperty('description');
    expect(Object.values(creation!.changes).every((change) => !('before' in change))).toBe(true);
    expect(removal!.changes).toMatchObject({ name: { before: 'Helse og omsorg' } });
  });

  it('a signed-in person\'s change names their account and person', async () => {
    const org = await newOrg();
    const admin = await signedInAs(t.db, org, ['administrator']);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/people', headers: admin.headers, payload: { name: 'Kari Nordmann' } });
    expect(res.statusCode, res.body).toBe(201);
    const person = res.json<Person>();
    const [event, ...rest] = await eventsOf(org, { entity: 'people', entityId: person.id });
    expect(rest).toEqual([]);
    const adminName = (await t.db.selectFrom('people').select('name').where('id', '=', admin.account.personId).executeTakeFirstOrThrow()).name;
    expect(event!.actor).toEqual({ kind: 'account', accountId: admin.account.accountId, personId: admin.account.personId, tokenId: null, name: adminName });
    expect(event!.requestId).toBe(res.headers['x-request-id']);
  });

  it('a write made without a transaction of its own still names its actor (the organisation)', async () => {
    const org = await newOrg();
    const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/organisations/current', headers: as(org, { 'if-match': '"1"' }), payload: { name: 'Nye Lagvik kommune' } });
    expect(res.statusCode, res.body).toBe(200);
    const [event] = await eventsOf(org, { entity: 'organisations' });
    expect(event).toMatchObject({ action: 'update', entityId: org, actor: { kind: 'token' }, changes: { name: { after: 'Nye Lagvik kommune' } } });
  });

  it('a sign-in is an event of its own', async () => {
    const org = await newOrg();
    const { account } = await signedInAs(t.db, org, ['member']);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/session', payload: { email: account.email, password: testPassword, organisationId: org } });
    expect(res.statusCode, res.body).toBe(201);
    const [event] = await eventsOf(org, { entity: 'sessions' });
    expect(event).toMatchObject({ action: 'signIn', actor: { kind: 'account', accountId: account.accountId, personId: account.personId } });
  });

  it('a team event carries the signed-in person who caused it (none for a token)', async () => {
    const org = await newOrg();
    const admin = await signedInAs(t.db, org, ['administrator']);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/teams', headers: admin.headers, payload: { name: `Arbeidslag ${unique()}` } });
    expect(res.statusCode, res.body).toBe(201);
    const byToken = await createTeam(t.app, org);
    for (const [teamId, actorPersonId] of [[res.json<{ id: string }>().id, admin.account.personId], [byToken.id, null]]) {
      const timeline = await t.app.inject({ method: 'GET', url: `/api/v1/teams/${teamId}/timeline`, headers: as(org) });
      expect(timeline.json<TeamTimeline>().items[0]).toMatchObject({ kind: 'team.created', actorPersonId });
    }
  });
});

describe('what is never recorded, and never changed', () => {
  it('a refused write leaves no event', async () => {
    const org = await newOrg();
    await createPerson(t.app, org, { email: 'kari@lagvik.kommune.no' });
    const requestId = `dup-${unique()}`;
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/people', headers: as(org, { 'x-request-id': requestId }), payload: { name: 'Kari', email: 'kari@lagvik.kommune.no' },
    });
    expectProblem(res, 409);
    expect((await eventsOf(org)).filter((e) => e.requestId === requestId)).toEqual([]);
  });

  it('a transaction rolled back after its writes leaves no event of them', async () => {
    const org = await newOrg();
    let unitId = '';
    const attempt = withAuditActor({ kind: 'cli', name: 'test' }, () => t.db.transaction().execute(async (trx) => {
      unitId = (await trx.insertInto('units').values({ organisation_id: org, name: 'Angra', kind: 'unit' }).returning('id').executeTakeFirstOrThrow()).id;
      const inside = await trx.selectFrom('audit_events').select('action').where('organisation_id', '=', org).where('entity_id', '=', unitId).execute();
      expect(inside).toEqual([{ action: 'create' }]);
      throw new Error('changed my mind');
    }));
    await expect(attempt).rejects.toThrow('changed my mind');
    expect(await eventsOf(org, { entityId: unitId })).toEqual([]);
  });

  it('the database refuses to update or delete an event', async () => {
    const org = await newOrg();
    await createUnit(t.app, org);
    const before = await eventsOf(org);
    expect(before.length).toBeGreaterThan(0);
    await expect(sql`update audit_events set entity = 'forged' where organisation_id = ${org}`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events where organisation_id = ${org}`.execute(t.db)).rejects.toThrow(/append-only/);
    expect(await eventsOf(org)).toEqual(before);
  });
});

describe('reading the trail', () => {
  it('filters by entity, acting person, acting token and time, and pages newest first without gaps', async () => {
    const org = await newOrg();
    const tokenId = await testTokenId(org);
    for (let i = 0; i < 5; i++) await createUnit(t.app, org);
    const admin = await signedInAs(t.db, org, ['administrator']);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/people', headers: admin.headers, payload: { name: 'Ola' } });
    expect(res.statusCode).toBe(201);

    const seen: AuditEvent[] = [];
    let cursor: string | null = null;
    do {
      const page: AuditPage = (await auditEvents(as(org), { entity: 'units', limit: '2', ...(cursor ? { cursor } : {}) })).json<AuditPage>();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    const ids = seen.map((e) => BigInt(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : 1)));
    expect(new Set(ids).size).toBe(5);
    expect(seen.every((e) => e.entity === 'units' && e.action === 'create')).toBe(true);

    expect((await eventsOf(org, { tokenId })).map((e) => e.id)).toEqual(seen.map((e) => e.id));
    expect(await eventsOf(org, { personId: admin.account.personId })).toEqual([
      expect.objectContaining({ entity: 'people', entityId: res.json<Person>().id }),
    ]);

    const newest = seen[0]!.occurredAt;
    const from = await eventsOf(org, { entity: 'units', from: newest });
    const to = await eventsOf(org, { entity: 'units', to: newest });
    expect(from.length).toBeGreaterThan(0);
    expect(to.length).toBeGreaterThan(0);
    expect([...from, ...to].map((e) => e.id)).toEqual(seen.map((e) => e.id));
  });

  it('refuses a cursor it did not give out, and unknown filters (400)', async () => {
    const org = await newOrg();
    expectProblem(await auditEvents(as(org), { cursor: 'bm9wZQ' }), 400, 'invalid-cursor');
    expectProblem(await auditEvents(as(org), { cursor: Buffer.from('audit:99999999999999999999').toString('base64url') }), 400, 'invalid-cursor');
    expectProblem(await auditEvents(as(org), { actor: 'x' }), 400, 'validation');
  });

  it('is for administrators and tokens with audit:read: a member gets 403', async () => {
    const org = await newOrg();
    const member = await signedInAs(t.db, org, ['member', 'hr']);
    expectProblem(await auditEvents(member.headers), 403, 'forbidden');
    const admin = await signedInAs(t.db, org, ['administrator']);
    expect((await auditEvents(admin.headers)).statusCode).toBe(200);
  });

  it('never lists another organisation\'s events', async () => {
    const mine = await newOrg();
    const theirs = await newOrg();
    await createUnit(t.app, mine);
    const theirUnit = await createUnit(t.app, theirs);
    expect(await eventsOf(mine, { entityId: theirUnit.id })).toEqual([]);
    expect(await eventsOf(mine, { tokenId: await testTokenId(theirs) })).toEqual([]);
    const all = await eventsOf(mine);
    expect(all.length).toBeGreaterThan(0);
    expect(all.some((e) => e.entityId === theirUnit.id || e.entityId === theirs)).toBe(false);
  });

  it('documents every entity the trail records', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, { get: { description: string } }> }>();
    const description = document.paths['/api/v1/audit-events']!.get.description;
    const audited = await sql<{ table: string }>`select distinct event_object_table as table from information_schema.triggers
      where action_statement like '%audit_row_change%'`.execute(t.db);
    expect(audited.rows.length).toBeGreaterThan(10);
    for (const { table } of [...audited.rows, { table: 'sessions' }]) expect(description).toContain(`\`${table}\``);
  });
});
