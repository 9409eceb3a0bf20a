import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Member, MemberRole, Team, TeamCreate } from '@lagverk/shared';
import type { App } from '../../src/app.ts';
import type { DB } from '../../src/db/types.ts';
import { as, createPerson, createUnit, unique } from './factories.ts';

// Builders for team tests. Criteria sets are inserted straight into the database (the
// criteria routes are another feature); teams and members go through the API.

export interface CriterionSpec {
  answerType: 'yesNo' | 'scale' | 'number' | 'text';
  required?: boolean;
  title?: string;
}

export interface SetFixture {
  id: string;
  criteria: { id: string; answerType: CriterionSpec['answerType']; required: boolean }[];
}

export async function createCriteriaSet(
  db: Kysely<DB>, organisationId: string, criteria: CriterionSpec[],
  options: { kind?: 'establishment' | 'evaluation'; status?: 'draft' | 'published' | 'superseded' } = {},
): Promise<SetFixture> {
  const status = options.status ?? 'published';
  const set = await db.insertInto('criteria_sets').values({
    organisation_id: organisationId, series_id: randomUUID(), version_number: 1, kind: options.kind ?? 'establishment',
    name: `Kriterier ${unique()}`, status, published_at: status === 'draft' ? null : new Date(),
  }).returning('id').executeTakeFirstOrThrow();
  const rows = criteria.length === 0 ? [] : await db.insertInto('criteria').values(criteria.map((c, position) => ({
    organisation_id: organisationId, set_id: set.id, position, title: c.title ?? `Kriterium ${position + 1}`,
    answer_type: c.answerType, required: c.required ?? false,
  }))).returning(['id', 'answer_type', 'required', 'position']).execute();
  rows.sort((a, b) => a.position - b.position);
  return { id: set.id, criteria: rows.map((r) => ({ id: r.id, answerType: r.answer_type, required: r.required })) };
}

/** The usual establishment set: two required (yes/no, scale) and two optional (number, text). */
export const standardCriteria: CriterionSpec[] = [
  { answerType: 'yesNo', required: true, title: 'Oppgaven krever flere fagområder' },
  { answerType: 'scale', required: true, title: 'Forankret hos virksomhetslederne' },
  { answerType: 'number', title: 'Timer avsatt per måned' },
  { answerType: 'text', title: 'Forventet effekt' },
];

/** Answers that meet every criterion of `set`. */
export function passingAnswers(set: SetFixture) {
  const good = { yesNo: true, scale: 4, number: 6, text: 'Kortere ventetid' } as const;
  return set.criteria.map((c) => ({ criterionId: c.id, value: good[c.answerType], comment: null }));
}

export async function createTeam(app: App, organisationId: string, overrides: Partial<TeamCreate> = {}): Promise<Team> {
  const res = await app.inject({
    method: 'POST', url: '/api/v1/teams', headers: as(organisationId), payload: { name: `Arbeidslag ${unique()}`, ...overrides },
  });
  if (res.statusCode !== 201) throw new Error(`createTeam failed with ${res.statusCode}: ${res.body}`);
  return res.json<Team>();
}

export async function addMember(app: App, organisationId: string, teamId: string, personId: string, role: MemberRole = 'member', joinedOn?: string): Promise<Member> {
  const res = await app.inject({
    method: 'POST', url: `/api/v1/teams/${teamId}/members`, headers: as(organisationId),
    payload: { personId, role, ...(joinedOn && { joinedOn }) },
  });
  if (res.statusCode !== 201) throw new Error(`addMember failed with ${res.statusCode}: ${res.body}`);
  return res.json<Member>();
}

export const teamAction = (app: App, organisationId: string, teamId: string, action: string, payload?: object, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: `/api/v1/teams/${teamId}/${action}`, headers: as(organisationId, headers), ...(payload && { payload }) });

export const putAssessment = (app: App, organisationId: string, teamId: string, payload: object, headers: Record<string, string> = {}) =>
  app.inject({ method: 'PUT', url: `/api/v1/teams/${teamId}/assessment`, headers: as(organisationId, headers), payload });

/**
 * A team ready to propose: a unit, a coordinator and a passing assessment against a
 * fresh published set. `answers` replaces the passing answers.
 */
export async function readyDraft(app: App, db: Kysely<DB>, organisationId: string, answers?: (set: SetFixture) => object[]) {
  const unit = await createUnit(app, organisationId);
  const team = await createTeam(app, organisationId, { unitIds: [unit.id] });
  const coordinator = await createPerson(app, organisationId, { profession: 'Sykepleie', unitId: unit.id });
  await addMember(app, organisationId, team.id, coordinator.id, 'coordinator');
  const set = await createCriteriaSet(db, organisationId, standardCriteria);
  const res = await putAssessment(app, organisationId, team.id, { criteriaSetId: set.id, answers: answers ? answers(set) : passingAnswers(set) });
  if (res.statusCode !== 200) throw new Error(`putAssessment failed with ${res.statusCode}: ${res.body}`);
  return { team, set, unit, coordinator };
}

/** Walks a ready draft through the lifecycle to `status`, with reasons where needed. */
export async function teamIn(app: App, db: Kysely<DB>, organisationId: string, status: Team['status']) {
  const { team } = await readyDraft(app, db, organisationId);
  const paths: Record<Team['status'], string[]> = {
    draft: [], proposed: ['propose'], approved: ['propose', 'approve'], rejected: ['propose', 'reject'],
    active: ['propose', 'approve', 'activate'], paused: ['propose', 'approve', 'activate', 'pause'],
    concluded: ['propose', 'approve', 'activate', 'conclude'],
  };
  for (const action of paths[status]) {
    const decides = action === 'approve' || action === 'reject';
    const res = await teamAction(app, organisationId, team.id, action, decides ? { reason: 'Begrunnelse' } : undefined);
    if (res.statusCode !== 200) throw new Error(`${action} failed with ${res.statusCode}: ${res.body}`);
  }
  const res = await app.inject({ method: 'GET', url: `/api/v1/teams/${team.id}`, headers: as(organisationId) });
  return res.json<Team>();
}
