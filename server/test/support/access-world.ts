import type { Kysely } from 'kysely';
import { grantableRoles, type Permission, type Role, type TeamResult } from '@lagverk/shared';
import type { App } from '../../src/app.ts';
import type { DB } from '../../src/db/types.ts';
import { formatToken, hashSecret, newSecret } from '../../src/auth/secrets.ts';
import { createFeed } from '../../src/arenas/calendar.ts';
import { createAccount, sessionFor, type SessionHeaders, type TestAccount } from './accounts.ts';
import { as, createPerson, createUnit, unique } from './factories.ts';
import { addMember, createCriteriaSet, createTeam, passingAnswers, putAssessment, standardCriteria, teamAction } from './team-factories.ts';

// One of every kind of resource in an organisation, and one signed-in person per role, for
// the access matrix. Built once per test file, through the API where a resource has rules
// and straight in the database where it is only a row (accounts, sessions, tokens).

/** A team with a member and a result: the ids its sub-routes need. */
export interface TeamIds {
  teamId: string;
  memberId: string;
  resultId: string;
  /** A file on the result, where the app has result attachments. */
  attachmentId?: string;
  /** An open evaluation of the team, where the app has evaluations. */
  evaluationId?: string;
  /** A follow-up action for the team, where the app has follow-up actions. */
  followUpActionId?: string;
}

/** Real ids of each kind of resource in one organisation. */
export interface OrganisationIds {
  organisationId: string;
  unitId: string;
  personId: string;
  criteriaSetId: string;
  accountId: string;
  sessionId: string;
  tokenId: string;
  auditEventId: string;
  identityProviderId: string;
  /** The organisation's number, which names it on its public dashboard. */
  orgNumber?: string;
  /** A survey template and a draft round using it, where the app has surveys. */
  surveyTemplateId?: string;
  surveyRoundId?: string;
  /** A published news item for everyone, where the app has news. */
  newsItemId?: string;
  /** An arena and a meeting of it, and a calendar feed token, where the app has arenas. */
  arenaId?: string;
  arenaMeetingId?: string;
  calendarFeedToken?: string;
  /** A competence measure with a session and an enrolment in it, where the app has competence measures. */
  competenceMeasureId?: string;
  competenceSessionId?: string;
  competenceEnrolmentId?: string;
  /** A notification in the unit manager's inbox, where the app has notifications. */
  notificationId?: string;
  /** An experience in the library with a comment on it, where the app has experiences. */
  experienceId?: string;
  experienceCommentId?: string;
  /** A change process with one phase and one member in its project group (rows only). */
  changeProcessId: string;
  /** An interview in that change process, where the app has change activities. */
  changeActivityId?: string;
  /** A tripartite agreement with its first version, where the app has tripartite agreements. */
  tripartiteAgreementId?: string;
  /** An organisation-chart proposal of that process with an open comment round, where the app has org charts. */
  orgChartProposalId?: string;
  orgChartCommentRoundId?: string;
  /** A named question of someone's own (so `owner` routes are tested) and a plan message, where the app has them. */
  changeQuestionId?: string;
  changeMessageId?: string;
  /** Led (through a unit below the managed one) by the unit manager, run by the coordinator. */
  inScope: TeamIds;
  /** Nothing to do with either. */
  outOfScope: TeamIds;
}

/** A signed-in person holding exactly one role: their account and a session's headers. */
export type Principals = Record<Role, { account: TestAccount; headers: SessionHeaders }>;

const result = {
  title: 'Strukturert intervjuguide', category: 'routineChange', achievedOn: '2026-03-01',
  description: 'Alle søkere intervjues etter samme guide.', measures: [], links: [],
};

/** An active team in `unitId`, coordinated by `coordinatorId`, with one more member and one result. */
async function activeTeam(app: App, db: Kysely<DB>, org: string, unitId: string, coordinatorId: string): Promise<TeamIds> {
  const team = await createTeam(app, org, { unitIds: [unitId] });
  await addMember(app, org, team.id, coordinatorId, 'coordinator');
  const member = await addMember(app, org, team.id, (await createPerson(app, org, { unitId })).id);
  const set = await createCriteriaSet(db, org, standardCriteria);
  const assessed = await putAssessment(app, org, team.id, { criteriaSetId: set.id, answers: passingAnswers(set) });
  if (assessed.statusCode !== 200) throw new Error(`assessment failed: ${assessed.body}`);
  for (const action of ['propose', 'approve', 'activate']) {
    const res = await teamAction(app, org, team.id, action, action === 'approve' ? { reason: 'Godkjent' } : undefined);
    if (res.statusCode !== 200) throw new Error(`${action} failed: ${res.body}`);
  }
  const added = await app.inject({ method: 'POST', url: `/api/v1/teams/${team.id}/results`, headers: as(org), payload: result });
  if (added.statusCode !== 201) throw new Error(`adding a result failed: ${added.body}`);
  const resultId = added.json<TeamResult>().id;
  return {
    teamId: team.id, memberId: member.id, resultId, attachmentId: await attachFile(app, org, team.id, resultId),
    evaluationId: await startEvaluation(app, db, org, team.id),
    followUpActionId: await followUpAction(app, org, team.id, coordinatorId),
  };
}

/** A follow-up action for the team (so in the scope of those who reach the team); undefined without follow-up actions. */
async function followUpAction(app: App, org: string, teamId: string, ownerPersonId: string) {
  if (!app.hasRoute({ method: 'POST', url: '/api/v1/follow-up-actions' })) return undefined;
  const res = await app.inject({ method: 'POST', url: '/api/v1/follow-up-actions', headers: as(org), payload: { title: 'Faste møter', ownerPersonId, teamId } });
  if (res.statusCode !== 201) throw new Error(`creating a follow-up action failed: ${res.body}`);
  return res.json<{ id: string }>().id;
}

/** An open evaluation of the team against a published evaluation set; undefined without evaluations. */
async function startEvaluation(app: App, db: Kysely<DB>, org: string, teamId: string) {
  if (!app.hasRoute({ method: 'POST', url: '/api/v1/teams/:id/evaluations' })) return undefined;
  const set = await createCriteriaSet(db, org, [{ answerType: 'scale' }, { answerType: 'text' }], { kind: 'evaluation' });
  const res = await app.inject({ method: 'POST', url: `/api/v1/teams/${teamId}/evaluations`, headers: as(org), payload: { criteriaSetId: set.id } });
  if (res.statusCode !== 201) throw new Error(`starting an evaluation failed: ${res.body}`);
  return res.json<{ id: string }>().id;
}

/** A small text file on the result, uploaded as a browser would; undefined without attachments. */
async function attachFile(app: App, org: string, teamId: string, resultId: string) {
  if (!app.hasRoute({ method: 'POST', url: '/api/v1/teams/:id/results/:resultId/attachments' })) return undefined;
  const boundary = 'access-matrix';
  const payload = [
    `--${boundary}`, 'Content-Disposition: form-data; name="file"; filename="notat.txt"', 'Content-Type: text/plain', '',
    `Referat ${unique()}`, `--${boundary}--`, '',
  ].join('\r\n');
  const res = await app.inject({
    method: 'POST', url: `/api/v1/teams/${teamId}/results/${resultId}/attachments`,
    headers: as(org, { 'content-type': `multipart/form-data; boundary=${boundary}` }), payload,
  });
  if (res.statusCode !== 201) throw new Error(`attaching a file failed: ${res.body}`);
  return res.json<{ id: string }>().id;
}

export async function createToken(db: Kysely<DB>, organisationId: string, scopes: Permission[]) {
  const secret = newSecret();
  const row = await db.insertInto('api_tokens')
    .values({ organisation_id: organisationId, name: `Matrix ${scopes.join(' ')}`, token_hash: hashSecret(secret), scopes })
    .returning('id').executeTakeFirstOrThrow();
  return { id: row.id, headers: { authorization: `Bearer ${formatToken(organisationId, secret)}` } };
}

/**
 * Every kind of resource in `org`, and a signed-in person per role: the six granted roles
 * each alone on an account, and a unit manager and a coordinator whose accounts grant
 * nothing, so only what they lead and run gives them access.
 */
export async function buildOrganisation(app: App, db: Kysely<DB>, org: string) {
  const manager = await createPerson(app, org);
  const managedUnit = await createUnit(app, org, { managerId: manager.id });
  const unitBelow = await createUnit(app, org, { parentId: managedUnit.id });
  const coordinator = await createPerson(app, org, { unitId: unitBelow.id });
  const inScope = await activeTeam(app, db, org, unitBelow.id, coordinator.id);
  const elsewhere = await createUnit(app, org);
  const outOfScope = await activeTeam(app, db, org, elsewhere.id, (await createPerson(app, org, { unitId: elsewhere.id })).id);

  const principals = {} as Principals;
  const signIn = async (roles: Parameters<typeof createAccount>[2], personId?: string) => {
    const account = await createAccount(db, org, roles, personId ? { personId } : {});
    const { sessionId: _, ...headers } = await sessionFor(db, account);
    return { account, headers };
  };
  for (const role of grantableRoles) principals[role] = await signIn([role]);
  principals.unitManager = await signIn([], manager.id);
  principals.coordinator = await signIn([], coordinator.id);

  const account = await createAccount(db, org, ['member']);
  const { sessionId } = await sessionFor(db, account);
  const auditEvent = await db.selectFrom('audit_events').select('id').where('organisation_id', '=', org)
    .orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
  const ids: OrganisationIds = {
    organisationId: org,
    unitId: (await createUnit(app, org)).id,
    personId: (await createPerson(app, org)).id,
    criteriaSetId: (await createCriteriaSet(db, org, standardCriteria, { status: 'draft' })).id,
    accountId: account.accountId,
    sessionId,
    tokenId: (await createToken(db, org, ['units:read'])).id,
    auditEventId: String(auditEvent.id),
    // A row only: saving one through the API would need a provider to discover.
    identityProviderId: (await db.insertInto('identity_providers')
      .values({ organisation_id: org, name: 'Matrix IdP', issuer: 'https://idp.example.org', client_id: 'lagverk', match_by: 'email' })
      .returning('id').executeTakeFirstOrThrow()).id,
    orgNumber: (await db.selectFrom('organisations').select('org_number').where('id', '=', org).executeTakeFirstOrThrow()).org_number,
    inScope,
    outOfScope,
    ...await surveyFixtures(app, org),
    ...await experienceFixtures(app, org),
    ...await arenaFixtures(app, db, org),
    ...await newsFixture(app, org),
    ...await competenceFixtures(app, org),
    ...await notificationFixture(app, db, org, manager.id),
    ...await changeProcessFixture(db, org, manager.id),
    ...await tripartiteFixture(app, org),
  };
  Object.assign(ids, await changeActivityFixture(app, org, ids.changeProcessId));
  Object.assign(ids, await orgChartFixture(app, org, ids.changeProcessId));
  Object.assign(ids, await changeQuestionFixtures(app, db, org, ids.changeProcessId));
  return { ids, principals };
}

/** A survey template and a draft round for all employees; nothing without surveys. */
async function surveyFixtures(app: App, org: string): Promise<{ surveyTemplateId?: string; surveyRoundId?: string }> {
  if (!app.hasRoute({ method: 'POST', url: '/api/v1/survey-rounds' })) return {};
  const template = await app.inject({
    method: 'POST', url: '/api/v1/survey-templates', headers: as(org),
    payload: { name: `Matrix ${unique()}`, language: 'nb', audience: 'employees', questions: [{ text: 'Samarbeid på tvers', type: 'scale' }] },
  });
  if (template.statusCode !== 201) throw new Error(`creating a survey template failed: ${template.body}`);
  const surveyTemplateId = template.json<{ id: string }>().id;
  const round = await app.inject({
    method: 'POST', url: '/api/v1/survey-rounds', headers: as(org),
    payload: { templateId: surveyTemplateId, name: 'Matrix', kind: 'baseline', audience: 'allEmployees', opensAt: '2026-01-01T00:00:00Z', closesAt: '2099-01-01T00:00:00Z' },
  });
  if (round.statusCode !== 201) throw new Error(`creating a survey round failed: ${round.body}`);
  return { surveyTemplateId, surveyRoundId: round.json<{ id: string }>().id };
}

/** A competence measure with a session and one person enrolled; nothing without competence measures. */
async function competenceFixtures(app: App, org: string): Promise<{ competenceMeasureId?: string; competenceSessionId?: string; competenceEnrolmentId?: string }> {
  if (!app.hasRoute({ method: 'POST', url: '/api/v1/competence-measures' })) return {};
  const measure = await app.inject({ method: 'POST', url: '/api/v1/competence-measures', headers: as(org), payload: { kind: 'course', title: `Matrix ${unique()}`, plannedYear: 2026 } });
  if (measure.statusCode !== 201) throw new Error(`creating a competence measure failed: ${measure.body}`);
  const competenceMeasureId = measure.json<{ id: string }>().id;
  const session = await app.inject({
    method: 'POST', url: `/api/v1/competence-measures/${competenceMeasureId}/sessions`, headers: as(org),
    payload: { startsAt: '2099-01-01T08:00:00Z', endsAt: '2099-01-01T14:00:00Z', hours: 6 },
  });
  if (session.statusCode !== 201) throw new Error(`creating a competence session failed: ${session.body}`);
  const competenceSessionId = session.json<{ id: string }>().id;
  const enrolment = await app.inject({
    method: 'POST', url: `/api/v1/competence-sessions/${competenceSessionId}/enrolments`, headers: as(org), payload: { personId: (await createPerson(app, org)).id },
  });
  if (enrolment.statusCode !== 201) throw new Error(`enrolling in a competence session failed: ${enrolment.body}`);
  return { competenceMeasureId, competenceSessionId, competenceEnrolmentId: enrolment.json<{ id: string }>().id };
}

/** A notification for `personId` (a row only: notifications come from events); nothing without notifications. */
async function notificationFixture(app: App, db: Kysely<DB>, org: string, personId: string): Promise<{ notificationId?: string }> {
  if (!app.hasRoute({ method: 'POST', url: '/api/v1/me/notifications/:id/read' })) return {};
  const row = await db.insertInto('notifications')
    .values({ organisation_id: org, person_id: personId, kind: 'teamProposed', title: 'Matrix', link: '/teams', subject_id: personId })
    .returning('id').executeTakeFirstOrThrow();
  return { notificationId: row.id };
}

/**
 * A change process as rows, so the parts of a process (activities, questions, the
 * communication plan, organisation-chart proposals) have one to hang on.
 */
async function changeProcessFixture(db: Kysely<DB>, org: string, personId: string): Promise<{ changeProcessId: string }> {
  const process = await db.insertInto('change_processes')
    .values({ organisation_id: org, title: `Matrix ${unique()}`, mandate: 'Ny organisering av helse og omsorg.', status: 'active' })
    .returning('id').executeTakeFirstOrThrow();
  await db.insertInto('change_process_phases')
    .values({ organisation_id: org, process_id: process.id, position: 0, name: 'Kartlegging', starts_on: '2026-01-01', ends_on: '2026-03-31' })
    .execute();
  await db.insertInto('change_process_members')
    .values({ organisation_id: org, process_id: process.id, person_id: personId, role: 'projectLeader', position: 0 })
    .execute();
  return { changeProcessId: process.id };
}

/** An interview (with notes) in the change process, through the API; nothing without change activities. */
async function changeActivityFixture(app: App, org: string, processId: string): Promise<{ changeActivityId?: string }> {
  if (!app.hasRoute({ method: 'POST', url: '/api/v1/change-processes/:id/activities' })) return {};
  const res = await app.inject({
    method: 'POST', url: `/api/v1/change-processes/${processId}/activities`, headers: as(org),
    payload: { kind: 'interview', title: 'Intervju', heldOn: '2026-02-01', details: { intervieweeRole: 'leader', notes: 'Matrix-notat.', themes: ['Ledelse'] } },
  });
  if (res.statusCode !== 201) throw new Error(`creating a change activity failed: ${res.body}`);
  return { changeActivityId: res.json<{ id: string }>().id };
}

/** A proposal for a unit of its own, with an open comment round, through the API; nothing without org charts. */
async function orgChartFixture(app: App, org: string, processId: string): Promise<{ orgChartProposalId?: string; orgChartCommentRoundId?: string }> {
  if (!app.hasRoute({ method: 'POST', url: '/api/v1/org-chart-proposals/:id/comment-rounds' })) return {};
  const root = await createUnit(app, org);
  const proposal = await app.inject({
    method: 'POST', url: `/api/v1/change-processes/${processId}/org-chart-proposals`, headers: as(org),
    payload: { title: `Matrix ${unique()}`, rootUnitId: root.id },
  });
  if (proposal.statusCode !== 201) throw new Error(`creating an org-chart proposal failed: ${proposal.body}`);
  const orgChartProposalId = proposal.json<{ id: string }>().id;
  const round = await app.inject({
    method: 'POST', url: `/api/v1/org-chart-proposals/${orgChartProposalId}/comment-rounds`, headers: as(org), payload: { closesOn: '2099-01-01' },
  });
  if (round.statusCode !== 201) throw new Error(`opening a comment round failed: ${round.body}`);
  return { orgChartProposalId, orgChartCommentRoundId: round.json<{ id: string }>().id };
}

/** A named question of a person no principal is, as a row, and a plan message through the API; nothing without them. */
async function changeQuestionFixtures(app: App, db: Kysely<DB>, org: string, processId: string): Promise<{ changeQuestionId?: string; changeMessageId?: string }> {
  if (!app.hasRoute({ method: 'POST', url: '/api/v1/change-processes/:id/messages' })) return {};
  const asker = await createPerson(app, org);
  const question = await db.insertInto('change_questions')
    .values({ organisation_id: org, process_id: processId, asker_person_id: asker.id, question: 'Hva skjer med turnusen?', asked_on: '2026-02-01' })
    .returning('id').executeTakeFirstOrThrow();
  const message = await app.inject({
    method: 'POST', url: `/api/v1/change-processes/${processId}/messages`, headers: as(org),
    payload: { title: `Matrix ${unique()}`, audience: 'allStaff', channel: 'intranet', plannedOn: '2026-03-01' },
  });
  if (message.statusCode !== 201) throw new Error(`creating a plan message failed: ${message.body}`);
  return { changeQuestionId: question.id, changeMessageId: message.json<{ id: string }>().id };
}

/** A published news item for everyone; nothing without news. */
async function newsFixture(app: App, org: string): Promise<{ newsItemId?: string }> {
  if (!app.hasRoute({ method: 'POST', url: '/api/v1/news' })) return {};
  const created = await app.inject({
    method: 'POST', url: '/api/v1/news', headers: as(org), payload: { kind: 'news', title: `Matrix ${unique()}`, body: 'Nyhet.' },
  });
  if (created.statusCode !== 201) throw new Error(`creating a news item failed: ${created.body}`);
  const newsItemId = created.json<{ id: string }>().id;
  const published = await app.inject({ method: 'POST', url: `/api/v1/news/${newsItemId}/publish`, headers: as(org), payload: {} });
  if (published.statusCode !== 200) throw new Error(`publishing a news item failed: ${published.body}`);
  return { newsItemId };
}

/** An arena with a planned meeting, and a calendar feed of a person of its own; nothing without arenas. */
async function arenaFixtures(app: App, db: Kysely<DB>, org: string): Promise<{ arenaId?: string; arenaMeetingId?: string; calendarFeedToken?: string }> {
  if (!app.hasRoute({ method: 'POST', url: '/api/v1/arenas' })) return {};
  const arena = await app.inject({ method: 'POST', url: '/api/v1/arenas', headers: as(org), payload: { type: 'networkMeeting', name: `Matrix ${unique()}` } });
  if (arena.statusCode !== 201) throw new Error(`creating an arena failed: ${arena.body}`);
  const arenaId = arena.json<{ id: string }>().id;
  const meeting = await app.inject({
    method: 'POST', url: `/api/v1/arenas/${arenaId}/meetings`, headers: as(org),
    payload: { startsAt: '2099-01-01T10:00:00Z', endsAt: '2099-01-01T12:00:00Z', place: 'Rådhuset' },
  });
  if (meeting.statusCode !== 201) throw new Error(`creating a meeting failed: ${meeting.body}`);
  const feed = await createFeed(db, org, (await createPerson(app, org)).id);
  return { arenaId, arenaMeetingId: meeting.json<{ id: string }>().id, calendarFeedToken: feed.path.split('/').pop()! };
}

/** An experience (written by the integration, so nobody's own) with a comment; nothing without experiences. */
async function experienceFixtures(app: App, org: string): Promise<{ experienceId?: string; experienceCommentId?: string }> {
  if (!app.hasRoute({ method: 'POST', url: '/api/v1/experiences' })) return {};
  const experience = await app.inject({ method: 'POST', url: '/api/v1/experiences', headers: as(org), payload: { title: `Matrix ${unique()}`, tried: 'Felles intervjuguide.' } });
  if (experience.statusCode !== 201) throw new Error(`creating an experience failed: ${experience.body}`);
  const experienceId = experience.json<{ id: string }>().id;
  const comment = await app.inject({ method: 'POST', url: `/api/v1/experiences/${experienceId}/comments`, headers: as(org), payload: { body: 'Nyttig!' } });
  if (comment.statusCode !== 201) throw new Error(`commenting on an experience failed: ${comment.body}`);
  return { experienceId, experienceCommentId: comment.json<{ id: string }>().id };
}

/** A draft tripartite agreement (version 1 only); nothing without tripartite agreements. */
async function tripartiteFixture(app: App, org: string): Promise<{ tripartiteAgreementId?: string }> {
  if (!app.hasRoute({ method: 'POST', url: '/api/v1/tripartite-agreements' })) return {};
  const created = await app.inject({
    method: 'POST', url: '/api/v1/tripartite-agreements', headers: as(org), payload: { title: `Matrix ${unique()}`, body: 'Partene samarbeider.' },
  });
  if (created.statusCode !== 201) throw new Error(`creating a tripartite agreement failed: ${created.body}`);
  return { tripartiteAgreementId: created.json<{ id: string }>().id };
}

/**
 * The URL of `template` with real ids: each `:param` is filled by the kind of resource
 * the segment before it names. `null` for a parameter no fixture covers yet.
 */
export function fillPath(template: string, ids: OrganisationIds, team: TeamIds, key: string): { url: string; unknown: string[]; orgBound: boolean } {
  const segments = template.split('/');
  const unknown: string[] = [];
  let orgBound = false;
  const filled = segments.map((segment, i) => {
    if (!segment.startsWith(':')) return segment;
    const id = idFor(segments[i - 1] ?? '', ids, team, key);
    if (id === undefined) {
      unknown.push(`${segments[i - 1]}/${segment}`);
      return '00000000-0000-4000-8000-000000000000';
    }
    if (id.orgBound) orgBound = true;
    return encodeURIComponent(id.value);
  });
  return { url: filled.join('/'), unknown, orgBound };
}

function idFor(collection: string, ids: OrganisationIds, team: TeamIds, key: string): { value: string; orgBound: boolean } | undefined {
  const bound = (value: string) => ({ value, orgBound: true });
  switch (collection) {
    case 'units': return bound(ids.unitId);
    case 'people': return bound(ids.personId);
    case 'teams': return bound(team.teamId);
    case 'members': return bound(team.memberId);
    case 'results': return bound(team.resultId);
    case 'attachments': return team.attachmentId === undefined ? undefined : bound(team.attachmentId);
    case 'evaluations': return team.evaluationId === undefined ? undefined : bound(team.evaluationId);
    case 'follow-up-actions': return team.followUpActionId === undefined ? undefined : bound(team.followUpActionId);
    // A part of an evaluation is named, not numbered: the self part, which every evaluation has.
    case 'assessments': return { value: 'self', orgBound: false };
    case 'criteria-sets': return bound(ids.criteriaSetId);
    case 'survey-templates': return ids.surveyTemplateId === undefined ? undefined : bound(ids.surveyTemplateId);
    case 'survey-rounds': return ids.surveyRoundId === undefined ? undefined : bound(ids.surveyRoundId);
    case 'experiences': return ids.experienceId === undefined ? undefined : bound(ids.experienceId);
    // Comments on experiences (/experiences/:id/comments/:commentId).
    case 'comments': return ids.experienceCommentId === undefined ? undefined : bound(ids.experienceCommentId);
    case 'arenas': return ids.arenaId === undefined ? undefined : bound(ids.arenaId);
    // A meeting invitation is named by its meeting.
    case 'arena-meetings': case 'meeting-invitations': return ids.arenaMeetingId === undefined ? undefined : bound(ids.arenaMeetingId);
    // The feed's token with its `.ics`: the parameter and the suffix share the segment.
    case 'calendar-feeds': return ids.calendarFeedToken === undefined ? undefined : { value: ids.calendarFeedToken, orgBound: false };
    case 'notifications': return ids.notificationId === undefined ? undefined : bound(ids.notificationId);
    case 'change-processes': return bound(ids.changeProcessId);
    case 'change-activities': return ids.changeActivityId === undefined ? undefined : bound(ids.changeActivityId);
    case 'change-questions': return ids.changeQuestionId === undefined ? undefined : bound(ids.changeQuestionId);
    case 'change-messages': return ids.changeMessageId === undefined ? undefined : bound(ids.changeMessageId);
    case 'org-chart-proposals': return ids.orgChartProposalId === undefined ? undefined : bound(ids.orgChartProposalId);
    case 'org-chart-comment-rounds': return ids.orgChartCommentRoundId === undefined ? undefined : bound(ids.orgChartCommentRoundId);
    case 'tripartite-agreements': return ids.tripartiteAgreementId === undefined ? undefined : bound(ids.tripartiteAgreementId);
    // A version of an agreement is numbered within it: the first, which every agreement has.
    case 'versions': return { value: '1', orgBound: false };
    case 'news': return ids.newsItemId === undefined ? undefined : bound(ids.newsItemId);
    case 'competence-measures': return ids.competenceMeasureId === undefined ? undefined : bound(ids.competenceMeasureId);
    case 'competence-sessions': return ids.competenceSessionId === undefined ? undefined : bound(ids.competenceSessionId);
    case 'competence-enrolments': return ids.competenceEnrolmentId === undefined ? undefined : bound(ids.competenceEnrolmentId);
    // Public pages name an organisation by its number; there is no caller's organisation to be bound to.
    case 'organisations': return ids.orgNumber === undefined ? undefined : { value: ids.orgNumber, orgBound: false };
    case 'accounts': return bound(ids.accountId);
    case 'sessions': return bound(ids.sessionId);
    case 'tokens': case 'api-tokens': case 'integration-tokens': return bound(ids.tokenId);
    case 'audit-events': case 'audit': return bound(ids.auditEventId);
    case 'identity-providers': case 'oidc': return bound(ids.identityProviderId);
    // An integration's own key names no row of any organisation: a new one is a new key.
    case 'by-external-id': return { value: `matrix-${key}`, orgBound: false };
    default: return undefined;
  }
}
