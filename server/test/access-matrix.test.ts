import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { grantFor, permissions, roles, tokenScopes, type Grant, type Permission, type Role } from '@lagverk/shared';
import { accessRoutes, type AccessRoute } from '../src/auth/access.ts';
import { isScopable } from '../src/auth/scope.ts';
import { sessionFor } from './support/accounts.ts';
import { createTestApp } from './support/app.ts';
import { createOrganisation, testDatabaseKind } from './support/database.ts';
import { unique } from './support/factories.ts';
import { buildOrganisation, createToken, fillPath, type OrganisationIds, type TeamIds } from './support/access-world.ts';

// Who may call what, generated from the live route table: every /api/v1 route is called by
// every role, in its own organisation and with another organisation's ids, in and out of
// a scoped role's reach, without credentials and with tokens of one scope each. A route
// added later is in the matrix without touching this file; its expectations come from
// `permissionTable` and the route's declared permission. Statuses other than 401/403 are
// the route's business (a minimal body may well be a 400), but never a 5xx.

const started = Date.now();
const t = await createTestApp();
const own = await buildOrganisation(t.app, t.db, t.organisationId);
const other = await buildOrganisation(t.app, t.db, (await createOrganisation(t.db)).id);
const scopeTokens = new Map<Permission, Record<string, string>>();
for (const scope of tokenScopes) scopeTokens.set(scope, (await createToken(t.db, t.organisationId, [scope])).headers);
const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<OpenApiDocument>();
/** Ids that name nothing anywhere: what a caller gets for a resource that does not exist. */
const nothingId = () => randomUUID();
const nowhereTeam = {
  teamId: nothingId(), memberId: nothingId(), resultId: nothingId(), attachmentId: nothingId(), evaluationId: nothingId(), followUpActionId: nothingId(),
};
const nowhere: OrganisationIds = {
  organisationId: nothingId(), unitId: nothingId(), personId: nothingId(), criteriaSetId: nothingId(), accountId: nothingId(),
  sessionId: nothingId(), tokenId: nothingId(), auditEventId: '9007199254740991', identityProviderId: nothingId(),
  changeProcessId: nothingId(), changeActivityId: nothingId(),
  tripartiteAgreementId: nothingId(),
  orgChartProposalId: nothingId(), orgChartCommentRoundId: nothingId(),
  changeQuestionId: nothingId(), changeMessageId: nothingId(),
  inScope: nowhereTeam, outOfScope: nowhereTeam,
};
const fixtureSeconds = (Date.now() - started) / 1000;
let requests = 0;
afterAll(async () => {
  await t.close();
  console.log(`access matrix (${testDatabaseKind}): fixtures ${fixtureSeconds.toFixed(1)} s, ${requests} requests, ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
});

interface OpenApiParameter {
  in: string;
  name: string;
  required?: boolean;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
  schema?: { example?: unknown; examples?: unknown[] };
}
interface OpenApiDocument {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { example?: unknown }> }; parameters?: OpenApiParameter[] }>>;
}

/** A parameter's documented example, wherever the document puts it. */
const exampleOf = (p: OpenApiParameter) =>
  p.example ?? Object.values(p.examples ?? {})[0]?.value ?? p.schema?.example ?? p.schema?.examples?.[0];

const routes = accessRoutes(t.app).filter((r) => r.method !== 'HEAD');
const label = (r: AccessRoute) => `${r.method} ${r.url} (${r.permission}${r.scope ? `, scope ${r.scope}` : ''})`;
const needsPermission = (r: AccessRoute): r is AccessRoute & { permission: Permission } =>
  r.permission !== undefined && r.permission !== 'public' && r.permission !== 'authenticated';

/** What `held` gives on `route`: 'all' for public and signed-in-only routes. */
function grantOn(route: AccessRoute, held: Role[]): Grant | null {
  if (route.permission === 'public' || route.permission === 'authenticated') return 'all';
  return grantFor(route.permission as Permission, held);
}

interface Call {
  route: AccessRoute;
  headers: Record<string, string>;
  ids?: OrganisationIds;
  team?: keyof Pick<OrganisationIds, 'inScope' | 'outOfScope'>;
  /** Another organisation's ids: send the documented example and an If-Match, so only the lookup can refuse. */
  realistic?: boolean;
}

async function call({ route, headers, ids = own.ids, team = 'inScope', realistic = false }: Call) {
  const filled = fillPath(route.url, ids, ids[team] as TeamIds, unique());
  const operation = document.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
  const example = operation?.requestBody?.content['application/json']?.example;
  // Realistic: the required query parameters too (a text question's id), from their documented examples.
  const query = realistic
    ? (operation?.parameters ?? []).filter((p) => p.in === 'query' && p.required && exampleOf(p) !== undefined).map((p): [string, string] => [p.name, String(exampleOf(p))])
    : [];
  const url = query.length > 0 ? `${filled.url}?${new URLSearchParams(query).toString()}` : filled.url;
  const payload = route.hasBody ? (realistic && example !== undefined ? example : {}) : undefined;
  requests++;
  return t.app.inject({
    method: route.method, url,
    headers: realistic ? { ...headers, 'if-match': '"1"' } : headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

/** A role's session headers; a fresh session where the route could end the one it uses. */
async function sessionOf(role: Role, route: AccessRoute): Promise<Record<string, string>> {
  const principal = own.principals[role];
  if (route.permission !== 'authenticated' || route.method === 'GET') return { ...principal.headers };
  const { sessionId: _, ...fresh } = await sessionFor(t.db, principal.account);
  return fresh;
}

/** Collects every way a route breaks the rules, so one failing test lists them all. */
function checker() {
  const failures: string[] = [];
  const describeAnswer = (res: LightMyRequestResponse) => {
    let code = '';
    try {
      code = String(res.json<{ code?: string }>().code ?? '');
    } catch { /* not JSON */ }
    return `${res.statusCode}${code ? ` ${code}` : ''}`;
  };
  return {
    failures,
    answer: describeAnswer,
    /** Through the access check: neither 401 nor 403, and no 5xx. */
    passes(who: string, res: LightMyRequestResponse) {
      if (res.statusCode === 401 || res.statusCode === 403 || res.statusCode >= 500) failures.push(`${who}: expected to pass the access check, got ${describeAnswer(res)}`);
    },
    /** Identified, and not refused for want of a permission (the route may refuse for its own reasons). */
    notRefusedAccess(who: string, res: LightMyRequestResponse) {
      if (res.statusCode === 401 || res.statusCode >= 500 || describeAnswer(res) === '403 forbidden') failures.push(`${who}: expected the caller to be accepted, got ${describeAnswer(res)}`);
    },
    refused(who: string, res: LightMyRequestResponse, status: number, code: string) {
      if (res.statusCode !== status || describeAnswer(res) !== `${status} ${code}`) failures.push(`${who}: expected ${status} ${code}, got ${describeAnswer(res)}`);
    },
  };
}

describe('the route table', () => {
  it('lists the API', () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.every((r) => r.url.startsWith('/api/v1/'))).toBe(true);
  });

  it('gives every route a permission, and every scopable one a team to check', () => {
    const known = new Set<string>(['public', 'authenticated', ...permissions]);
    const wrong = routes.filter((r) => !r.permission || !known.has(r.permission)).map(label);
    expect(wrong, 'routes without a known permission').toEqual([]);
    // The scope hook reads the team from the `id` parameter of /teams/:id/…; a `handler`
    // scope is checked by the route itself (the access hook refuses a success without it).
    const scoped = (r: AccessRoute) => (r.scope === 'team' && r.url.startsWith('/api/v1/teams/:id')) || r.scope === 'handler';
    const unscoped = routes.filter((r) => needsPermission(r) && isScopable(r.permission) && !scoped(r)).map(label);
    expect(unscoped, 'scopable routes that do not name their team').toEqual([]);
  });

  // The matrix takes each route's permission as declared; this catches the likeliest wrong
  // declaration, a write guarded by a read permission (or a read needing a write one).
  it('guards reads with read permissions and writes with write permissions', () => {
    const mismatched = routes.filter(needsPermission)
      .filter((r) => (r.method === 'GET') !== r.permission.endsWith(':read')).map(label);
    expect(mismatched).toEqual([]);
  });

  it('uses every permission of the table on some route', () => {
    const used = new Set(routes.map((r) => r.permission));
    expect(permissions.filter((p) => !used.has(p)), 'permissions no route needs').toEqual([]);
  });

  it('has a real resource for every path parameter', () => {
    const missing = routes.flatMap((r) => fillPath(r.url, own.ids, own.ids.inScope, 'x').unknown.map((p) => `${label(r)}: ${p}`));
    expect(missing, 'add a fixture in test/support/access-world.ts (idFor)').toEqual([]);
  });
});

describe('each role, on its own organisation and on another', () => {
  for (const route of routes) {
    it(label(route), async () => {
      const check = checker();
      const orgBound = fillPath(route.url, own.ids, own.ids.inScope, 'x').orgBound;
      for (const role of roles) {
        const headers = await sessionOf(role, route);
        const grant = grantOn(route, [role]);
        const res = await call({ route, headers });
        if (grant === null) check.refused(role, res, 403, 'forbidden');
        // Owner routes may refuse the holder of the permission who is not the author (403 not-owner).
        else if (route.owner) check.notRefusedAccess(role, res);
        else check.passes(role, res);
        // A public route has no caller whose organisation could differ.
        if (grant === null || !orgBound || route.permission === 'public') continue;
        // Another organisation's ids answer as if nothing were there: 404, never 403 or 2xx.
        // Where the request fails before the lookup (the documented example names ids of
        // nothing here), the answer must be the very one ids of nothing at all get.
        const foreign = await call({ route, headers: await sessionOf(role, route), ids: other.ids, realistic: true });
        if (foreign.statusCode === 404) continue;
        const nothing = await call({ route, headers: await sessionOf(role, route), ids: nowhere, realistic: true });
        // A refusal of the body itself would hide whether the lookup is bounded: the
        // documented example must pass validation, so the lookup is what answers.
        if (check.answer(foreign).startsWith('400 validation')) {
          check.failures.push(`${role} with another organisation's ids: the documented example is refused (${check.answer(foreign)}), so isolation goes unchecked`);
          continue;
        }
        if ([401, 403].includes(foreign.statusCode) || foreign.statusCode < 400 || foreign.statusCode >= 500 || check.answer(foreign) !== check.answer(nothing)) {
          check.failures.push(`${role} with another organisation's ids: expected 404 (or what ids of nothing get: ${check.answer(nothing)}), got ${check.answer(foreign)}`);
        }
      }
      expect(check.failures).toEqual([]);
    });
  }
});

describe('scoped grants reach only the teams in scope', () => {
  // A `handler` route with an id (a follow-up action) is checked on the fixture of each
  // team; out of scope it gets the documented example, so only the scope can refuse it.
  for (const route of routes.filter((r) => r.scope === 'team' || (r.scope === 'handler' && r.url.includes(':')))) {
    it(label(route), async () => {
      const check = checker();
      for (const role of roles) {
        const grant = grantOn(route, [role]);
        if (grant === null) continue;
        const headers = await sessionOf(role, route);
        if (grant === 'scoped') {
          check.passes(`${role} on a team in scope`, await call({ route, headers }));
          const realistic = route.scope === 'handler';
          check.refused(`${role} on a team out of scope`, await call({ route, headers, team: 'outOfScope', realistic }), 403, 'out-of-scope');
        } else {
          check.passes(`${role} on any team`, await call({ route, headers, team: 'outOfScope' }));
        }
      }
      expect(check.failures).toEqual([]);
    });
  }
});

describe('without credentials', () => {
  for (const route of routes) {
    it(label(route), async () => {
      const check = checker();
      const res = await call({ route, headers: {} });
      if (route.permission === 'public') check.passes('anonymous', res);
      else check.refused('anonymous', res, 401, 'not-authenticated');
      expect(check.failures).toEqual([]);
    });
  }
});

describe('an integration token with one scope', () => {
  for (const route of routes) {
    it(label(route), async () => {
      const check = checker();
      for (const [scope, headers] of scopeTokens) {
        const res = await call({ route, headers });
        if (route.permission === scope && route.owner) check.notRefusedAccess(scope, res);
        else if (route.permission === 'public' || route.permission === scope) check.passes(scope, res);
        // A token is no person: what a route about one's own session does with it is the
        // route's business (403 session-required), but the token itself is accepted.
        else if (route.permission === 'authenticated') check.notRefusedAccess(scope, res);
        else check.refused(scope, res, 403, 'forbidden');
      }
      expect(check.failures).toEqual([]);
    });
  }
});
