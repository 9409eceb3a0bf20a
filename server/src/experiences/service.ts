import { sql, type Kysely, type Transaction } from 'kysely';
import type { ExperienceCommentInput, ExperienceCreate, ExperiencePatch, ExperienceShare, ProblemFieldError } from '@lagverk/shared';
import { grantOf, type Actor } from '../auth/actor.ts';
import { notOwner } from '../auth/scope.ts';
import type { DB } from '../db/types.ts';
import { HttpProblem, notFound, unprocessable } from '../http/problem.ts';
import { staleVersion } from '../http/preconditions.ts';
import { textArray } from '../db/arrays.ts';
import { findComment, lockExperience, normaliseTag, selectExperience, toComment, toExperience, usefulState } from './repository.ts';

// The library's writes, each in one transaction. Only the author changes or removes an
// experience or a comment; a holder of experiences:publish (moderation) anyone's. An
// integration writes as no person, so only a moderating token may change anything later.

const experienceNotFound = () => notFound('The experience');
const commentNotFound = () => notFound('The comment');

const moderates = (actor: Actor) => grantOf(actor, 'experiences:publish') !== null;

function assertOwner(actor: Actor, authorPersonId: string | null) {
  if (moderates(actor)) return;
  if (authorPersonId === null || authorPersonId !== actor.personId) throw notOwner();
}

function assertVersion(current: number, expected: number | null) {
  if (expected !== null && current !== expected) throw staleVersion(current);
}

const personRequired = () =>
  new HttpProblem(422, 'person-required', 'Unprocessable request', 'A "useful" mark is one person\'s: sign in as a person to mark an experience.');

/** Tags trimmed, lower-cased and without duplicates, in the order given. */
const tagsOf = (tags: readonly string[]) => [...new Set(tags.map(normaliseTag))];

interface References {
  teamId: string | null;
  resultId: string | null;
  arenaMeetingId: string | null;
}

/**
 * Every reference names a row of the organisation (422 `unknown-reference`); a result
 * belongs to the team (422 `result-not-in-team`). A result without a team brings its team.
 */
async function resolveReferences(trx: Transaction<DB>, organisationId: string, refs: References): Promise<References> {
  const errors: ProblemFieldError[] = [];
  const missing = (field: string, what: string) => errors.push({ path: `/body/${field}`, message: `no such ${what}`, code: 'reference' });
  if (refs.teamId !== null && !(await trx.selectFrom('teams').select('id').where('organisation_id', '=', organisationId).where('id', '=', refs.teamId).executeTakeFirst())) {
    missing('teamId', 'team');
  }
  const result = refs.resultId === null ? undefined
    : await trx.selectFrom('team_results').select('team_id').where('organisation_id', '=', organisationId).where('id', '=', refs.resultId).executeTakeFirst();
  if (refs.resultId !== null && !result) missing('resultId', 'result');
  if (refs.arenaMeetingId !== null && !(await trx.selectFrom('arena_meetings').select('id')
    .where('organisation_id', '=', organisationId).where('id', '=', refs.arenaMeetingId).executeTakeFirst())) {
    missing('arenaMeetingId', 'arena meeting');
  }
  if (errors.length > 0) throw unprocessable('unknown-reference', 'The request refers to something that does not exist.', errors);
  if (result && refs.teamId !== null && result.team_id !== refs.teamId) {
    throw unprocessable('result-not-in-team', 'The result is not one of the team\'s.', [{ path: '/body/resultId', message: 'is not a result of the team', code: 'reference' }]);
  }
  return { ...refs, teamId: refs.teamId ?? result?.team_id ?? null };
}

async function detail(trx: Transaction<DB>, organisationId: string, id: string, personId: string | null) {
  return toExperience((await selectExperience(trx, organisationId, id, personId))!);
}

export function createExperience(db: Kysely<DB>, actor: Actor, input: ExperienceCreate) {
  return db.transaction().execute(async (trx) => {
    const refs = await resolveReferences(trx, actor.organisationId, {
      teamId: input.teamId ?? null, resultId: input.resultId ?? null, arenaMeetingId: input.arenaMeetingId ?? null,
    });
    const row = await trx.insertInto('experiences').values({
      organisation_id: actor.organisationId, title: input.title, tried: input.tried, worked: input.worked ?? null,
      did_not_work: input.didNotWork ?? null, advice: input.advice ?? null, author_person_id: actor.personId,
      team_id: refs.teamId, result_id: refs.resultId, arena_meeting_id: refs.arenaMeetingId,
      effect_goals: textArray(input.effectGoals ?? []), tags: textArray(tagsOf(input.tags ?? [])),
    }).returning('id').executeTakeFirstOrThrow();
    return detail(trx, actor.organisationId, row.id, actor.personId);
  });
}

/** What GET /shared-experiences shows of an experience. */
const sharedFields = ['title', 'tried', 'worked', 'didNotWork', 'advice', 'effectGoals', 'tags'] as const;

async function lockOwned(trx: Transaction<DB>, actor: Actor, id: string, expected: number | null) {
  const current = await lockExperience(trx, actor.organisationId, id);
  if (!current) throw experienceNotFound();
  assertOwner(actor, current.author_person_id);
  assertVersion(current.version, expected);
  return current;
}

const bump = { version: sql<number>`version + 1`, updated_at: sql<Date>`now()` };

export function patchExperience(db: Kysely<DB>, actor: Actor, id: string, expected: number | null, patch: ExperiencePatch) {
  return db.transaction().execute(async (trx) => {
    const current = await lockOwned(trx, actor, id, expected);
    const touchesRefs = patch.teamId !== undefined || patch.resultId !== undefined || patch.arenaMeetingId !== undefined;
    const refs = touchesRefs ? await resolveReferences(trx, actor.organisationId, {
      teamId: patch.teamId !== undefined ? patch.teamId : current.team_id,
      // A new team without a result of its own leaves the old result behind.
      resultId: patch.resultId !== undefined ? patch.resultId : patch.teamId !== undefined && patch.teamId !== current.team_id ? null : current.result_id,
      arenaMeetingId: patch.arenaMeetingId !== undefined ? patch.arenaMeetingId : current.arena_meeting_id,
    }) : null;
    // A moderator shared what they read: an author's later change to what the other
    // organisations see withdraws the sharing until a moderator shares it again.
    const changesShared = sharedFields.some((field) => patch[field] !== undefined);
    const withdraw = current.shared_at !== null && changesShared && !moderates(actor);
    await trx.updateTable('experiences').set({
      ...bump,
      ...(withdraw && { shared_at: null, share_author: false, share_organisation: false }),
      ...(patch.title !== undefined && { title: patch.title }),
      ...(patch.tried !== undefined && { tried: patch.tried }),
      ...(patch.worked !== undefined && { worked: patch.worked }),
      ...(patch.didNotWork !== undefined && { did_not_work: patch.didNotWork }),
      ...(patch.advice !== undefined && { advice: patch.advice }),
      ...(refs && { team_id: refs.teamId, result_id: refs.resultId, arena_meeting_id: refs.arenaMeetingId }),
      ...(patch.effectGoals !== undefined && { effect_goals: textArray(patch.effectGoals) }),
      ...(patch.tags !== undefined && { tags: textArray(tagsOf(patch.tags)) }),
    }).where('organisation_id', '=', actor.organisationId).where('id', '=', id).execute();
    return detail(trx, actor.organisationId, id, actor.personId);
  });
}

export function deleteExperience(db: Kysely<DB>, actor: Actor, id: string, expected: number | null) {
  return db.transaction().execute(async (trx) => {
    await lockOwned(trx, actor, id, expected);
    await trx.deleteFrom('experiences').where('organisation_id', '=', actor.organisationId).where('id', '=', id).execute();
  });
}

/** Shares the experience as a good example (or changes what is shown); experiences:publish only, by the route. */
export function shareExperience(db: Kysely<DB>, actor: Actor, id: string, expected: number | null, input: ExperienceShare | null) {
  return db.transaction().execute(async (trx) => {
    const current = await lockExperience(trx, actor.organisationId, id);
    if (!current) throw experienceNotFound();
    assertVersion(current.version, expected);
    await trx.updateTable('experiences').set({
      ...bump,
      shared_at: input ? sql<Date>`coalesce(shared_at, now())` : null,
      share_author: input?.showAuthor ?? false,
      share_organisation: input?.showOrganisation ?? false,
    }).where('organisation_id', '=', actor.organisationId).where('id', '=', id).execute();
    return detail(trx, actor.organisationId, id, actor.personId);
  });
}

export function addComment(db: Kysely<DB>, actor: Actor, experienceId: string, input: ExperienceCommentInput) {
  return db.transaction().execute(async (trx) => {
    // Locked (shared) so the experience cannot go away under the new comment.
    const experience = await trx.selectFrom('experiences').select('id')
      .where('organisation_id', '=', actor.organisationId).where('id', '=', experienceId).forShare().executeTakeFirst();
    if (!experience) throw experienceNotFound();
    const row = await trx.insertInto('experience_comments').values({
      organisation_id: actor.organisationId, experience_id: experienceId, author_person_id: actor.personId, body: input.body,
    }).returning('id').executeTakeFirstOrThrow();
    return toComment((await findComment(trx, actor.organisationId, experienceId, row.id))!);
  });
}

async function lockComment(trx: Transaction<DB>, actor: Actor, experienceId: string, id: string, expected: number | null) {
  const current = await trx.selectFrom('experience_comments').select(['author_person_id', 'version'])
    .where('organisation_id', '=', actor.organisationId).where('experience_id', '=', experienceId).where('id', '=', id)
    .forUpdate().executeTakeFirst();
  if (!current) throw commentNotFound();
  assertOwner(actor, current.author_person_id);
  assertVersion(current.version, expected);
}

export function editComment(db: Kysely<DB>, actor: Actor, experienceId: string, id: string, expected: number | null, input: ExperienceCommentInput) {
  return db.transaction().execute(async (trx) => {
    await lockComment(trx, actor, experienceId, id, expected);
    await trx.updateTable('experience_comments').set({ ...bump, body: input.body })
      .where('organisation_id', '=', actor.organisationId).where('id', '=', id).execute();
    return toComment((await findComment(trx, actor.organisationId, experienceId, id))!);
  });
}

export function deleteComment(db: Kysely<DB>, actor: Actor, experienceId: string, id: string, expected: number | null) {
  return db.transaction().execute(async (trx) => {
    await lockComment(trx, actor, experienceId, id, expected);
    await trx.deleteFrom('experience_comments').where('organisation_id', '=', actor.organisationId).where('id', '=', id).execute();
  });
}

/** Marks (or unmarks) the experience useful for the caller; each person counts once. */
export function setUseful(db: Kysely<DB>, actor: Actor, experienceId: string, useful: boolean) {
  return db.transaction().execute(async (trx) => {
    const experience = await trx.selectFrom('experiences').select('id')
      .where('organisation_id', '=', actor.organisationId).where('id', '=', experienceId).forShare().executeTakeFirst();
    if (!experience) throw experienceNotFound();
    const personId = actor.personId;
    if (personId === null) throw personRequired();
    if (useful) {
      await trx.insertInto('experience_useful_marks').values({ organisation_id: actor.organisationId, experience_id: experienceId, person_id: personId })
        .onConflict((oc) => oc.doNothing()).execute();
    } else {
      await trx.deleteFrom('experience_useful_marks')
        .where('organisation_id', '=', actor.organisationId).where('experience_id', '=', experienceId).where('person_id', '=', personId).execute();
    }
    return usefulState(trx, actor.organisationId, experienceId, personId);
  });
}
