import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  Experience, ExperienceComment, ExperienceCommentInput, ExperienceCommentListQuery, ExperienceCommentPage, ExperienceCommentParams, ExperienceCreate,
  ExperienceListQuery, ExperiencePage, ExperiencePatch, ExperienceShare, IdempotencyHeaders, IdParams, IfMatchHeaders, LibrarySearchPage,
  LibrarySearchQuery, SharedExperienceListQuery, SharedExperiencePage, UsefulState,
} from '@lagverk/shared';
import type { Kysely } from 'kysely';
import { actorOf } from '../auth/actor.ts';
import type { DB } from '../db/types.ts';
import { badRequest, notFound } from '../http/problem.ts';
import { ifMatchVersion, setEtag } from '../http/preconditions.ts';
import { json, problemResponses, writeProblems } from '../http/responses.ts';
import { listComments, listExperiences, listSharedExperiences, selectExperience, toExperience } from './repository.ts';
import { searchExperiences, searchLibrary } from './search.ts';
import {
  addComment, createExperience, deleteComment, deleteExperience, editComment, patchExperience, setUseful, shareExperience,
} from './service.ts';

// The experience library. Reading is for the whole staff; writing too, but only the author
// changes or removes their experience or comment (`owner: true`: 403 `not-owner` for
// anyone else), and a holder of experiences:publish moderates anyone's and shares good
// examples with the other organisations on the installation.

const tags = ['Experiences'];
const owner = 'Only the author may do this, or someone holding `experiences:publish` (moderators); anyone else gets 403 `not-owner`. An integration token writes as no person, so it needs `experiences:publish` to change anything.';
const OptionalIfMatch = Type.Object(
  { 'if-match': Type.Optional(Type.String({ maxLength: 100, description: 'The ETag of the version you edited; honoured when sent (412 if stale).' })) },
  { additionalProperties: true },
);

export const experienceRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get('/experiences', {
    config: { permission: 'experiences:read' },
    schema: {
      operationId: 'listExperiences', tags, summary: 'Search or list experiences',
      description: 'With `q`: a Norwegian full-text search (bokmål and nynorsk words are stemmed, so "lærlinger" finds "lærling"; "phrases", -excluded words and `or` work), best match first (title and tags weigh most), with the title and the best passages in `highlight` as plain segments (`match: true` for a found word). Without `q`: newest first (or `sort=createdAt`). Filters: `tag`, `teamId`, `unitId` (teams in the unit or below), `profession` (teams with a current member of that profession), `effectGoal`, and `from`/`to` (days written, Norwegian time). Pages by `cursor`; with `q` the cursor carries the rank, so new experiences do not shift the pages.',
      querystring: ExperienceListQuery,
      response: { 200: json(ExperiencePage, 'A page of experiences.'), ...problemResponses() },
    },
  }, async (request) => {
    const { organisationId } = actorOf(request);
    const { q, sort } = request.query;
    if (q === undefined) {
      if (sort === 'relevance') throw badRequest('relevance-needs-q', 'Sorting by relevance needs a search (`q`).', [{ path: '/query/sort', message: 'relevance needs q', code: 'dependencies' }]);
      return listExperiences(db, organisationId, request.query);
    }
    if (sort !== undefined && sort !== 'relevance') {
      throw badRequest('search-sorts-by-relevance', 'A search (`q`) is ordered by relevance.', [{ path: '/query/sort', message: 'must be relevance with q', code: 'enum' }]);
    }
    return searchExperiences(db, organisationId, { ...request.query, q });
  });

  app.post('/experiences', {
    config: { permission: 'experiences:write', idempotent: true },
    schema: {
      operationId: 'createExperience', tags, summary: 'Share an experience',
      description: 'Writes an experience, authored by the signed-in person (no person for an integration). `teamId`, `resultId` and `arenaMeetingId` must name rows of the organisation (422 `unknown-reference`); a result must be the team\'s (422 `result-not-in-team`), and a result without a team brings its team. Tags are trimmed and lower-cased, duplicates merged. Send `Idempotency-Key` to retry safely.',
      headers: IdempotencyHeaders, body: ExperienceCreate,
      response: { 201: json(Experience, 'The experience; `Location` and `ETag` are set.'), ...problemResponses(...writeProblems) },
    },
  }, async (request, reply) => {
    const experience = await createExperience(db, actorOf(request), request.body);
    setEtag(reply, experience.version);
    return reply.code(201).header('location', `/api/v1/experiences/${experience.id}`).send(experience);
  });

  app.get('/experiences/:id', {
    config: { permission: 'experiences:read' },
    schema: {
      operationId: 'getExperience', tags, summary: 'Get an experience',
      description: 'One experience with its team, result, author, how many found it useful (and whether the caller did), its number of comments and whether it is shared with the other organisations. Its version is the `ETag`.',
      params: IdParams,
      response: { 200: json(Experience, 'The experience.'), ...problemResponses(404) },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const row = await selectExperience(db, actor.organisationId, request.params.id, actor.personId);
    if (!row) throw notFound('The experience');
    setEtag(reply, row.version);
    return toExperience(row);
  });

  app.patch('/experiences/:id', {
    config: { permission: 'experiences:write', owner: true },
    schema: {
      operationId: 'updateExperience', tags, summary: 'Edit an experience',
      description: `Changes the fields sent; references are checked as on create (a new team without a result drops the old result). An author who is no moderator changing what a shared good example shows (title, texts, effect goals, tags) withdraws the sharing, until a moderator shares it again. ${owner} Requires \`If-Match\`.`,
      params: IdParams, headers: IfMatchHeaders, body: ExperiencePatch,
      response: { 200: json(Experience, 'The experience after the edit.'), ...problemResponses(404, 412, 428, ...writeProblems) },
    },
  }, async (request, reply) => {
    const expected = ifMatchVersion(request, true);
    const experience = await patchExperience(db, actorOf(request), request.params.id, expected, request.body);
    setEtag(reply, experience.version);
    return experience;
  });

  app.delete('/experiences/:id', {
    config: { permission: 'experiences:write', owner: true },
    schema: {
      operationId: 'deleteExperience', tags, summary: 'Remove an experience',
      description: `Removes the experience with its comments and marks (the audit trail keeps them). ${owner} Requires \`If-Match\`.`,
      params: IdParams, headers: IfMatchHeaders,
      response: { 204: { description: 'Removed.', type: 'null' }, ...problemResponses(404, 412, 428) },
    },
  }, async (request, reply) => {
    const expected = ifMatchVersion(request, true);
    await deleteExperience(db, actorOf(request), request.params.id, expected);
    return reply.code(204).send(null);
  });

  app.get('/experiences/:id/comments', {
    config: { permission: 'experiences:read' },
    schema: {
      operationId: 'listExperienceComments', tags, summary: "An experience's comments",
      description: 'The comments, oldest first.',
      params: IdParams, querystring: ExperienceCommentListQuery,
      response: { 200: json(ExperienceCommentPage, 'A page of comments.'), ...problemResponses(404) },
    },
  }, async (request) => {
    const { organisationId } = actorOf(request);
    if (!(await db.selectFrom('experiences').select('id').where('organisation_id', '=', organisationId).where('id', '=', request.params.id).executeTakeFirst())) {
      throw notFound('The experience');
    }
    return listComments(db, organisationId, request.params.id, request.query);
  });

  app.post('/experiences/:id/comments', {
    config: { permission: 'experiences:write', idempotent: true },
    schema: {
      operationId: 'commentOnExperience', tags, summary: 'Comment on an experience',
      description: 'Adds a comment by the signed-in person (no person for an integration). Send `Idempotency-Key` to retry safely.',
      params: IdParams, headers: IdempotencyHeaders, body: ExperienceCommentInput,
      response: { 201: json(ExperienceComment, 'The comment; `ETag` is set.'), ...problemResponses(404, ...writeProblems) },
    },
  }, async (request, reply) => {
    const comment = await addComment(db, actorOf(request), request.params.id, request.body);
    setEtag(reply, comment.version);
    return reply.code(201).send(comment);
  });

  app.patch('/experiences/:id/comments/:commentId', {
    config: { permission: 'experiences:write', owner: true },
    schema: {
      operationId: 'updateExperienceComment', tags, summary: 'Edit a comment',
      description: `Replaces the comment's text. ${owner} Requires \`If-Match\`.`,
      params: ExperienceCommentParams, headers: IfMatchHeaders, body: ExperienceCommentInput,
      response: { 200: json(ExperienceComment, 'The comment after the edit.'), ...problemResponses(404, 412, 428, ...writeProblems) },
    },
  }, async (request, reply) => {
    const expected = ifMatchVersion(request, true);
    const comment = await editComment(db, actorOf(request), request.params.id, request.params.commentId, expected, request.body);
    setEtag(reply, comment.version);
    return comment;
  });

  app.delete('/experiences/:id/comments/:commentId', {
    config: { permission: 'experiences:write', owner: true },
    schema: {
      operationId: 'deleteExperienceComment', tags, summary: 'Remove a comment',
      description: `Removes the comment. ${owner} Requires \`If-Match\`.`,
      params: ExperienceCommentParams, headers: IfMatchHeaders,
      response: { 204: { description: 'Removed.', type: 'null' }, ...problemResponses(404, 412, 428) },
    },
  }, async (request, reply) => {
    const expected = ifMatchVersion(request, true);
    await deleteComment(db, actorOf(request), request.params.id, request.params.commentId, expected);
    return reply.code(204).send(null);
  });

  const usefulDescription = 'A mark is the caller\'s own and carries no version, so no `If-Match`: repeating the request changes nothing. For a signed-in person only (422 `person-required` for an integration token, which is no person).';
  app.put('/experiences/:id/useful', {
    config: { permission: 'experiences:write' },
    schema: {
      operationId: 'markExperienceUseful', tags, summary: 'Mark an experience useful',
      description: `Counts the caller once among those who found the experience useful. ${usefulDescription}`,
      params: IdParams,
      response: { 200: json(UsefulState, 'How many found it useful, the caller included.'), ...problemResponses(404, 422) },
    },
  }, async (request) => setUseful(db, actorOf(request), request.params.id, true));

  app.delete('/experiences/:id/useful', {
    config: { permission: 'experiences:write' },
    schema: {
      operationId: 'unmarkExperienceUseful', tags, summary: 'Take back a useful mark',
      description: `Removes the caller's mark, if any. ${usefulDescription}`,
      params: IdParams,
      response: { 200: json(UsefulState, 'How many found it useful now.'), ...problemResponses(404, 422) },
    },
  }, async (request) => setUseful(db, actorOf(request), request.params.id, false));

  app.post('/experiences/:id/share', {
    config: { permission: 'experiences:publish' },
    schema: {
      operationId: 'shareExperience', tags, summary: 'Share as a good example',
      description: 'Shares the experience with every other organisation on this installation (GET /shared-experiences): its title, texts, effect goals and tags, and the author\'s and this organisation\'s names only if `showAuthor` / `showOrganisation` say so. Never its team, result, comments or marks. Sharing again changes what is shown and keeps the first sharing time. `If-Match` is honoured when sent.',
      params: IdParams, headers: OptionalIfMatch, body: ExperienceShare,
      response: { 200: json(Experience, 'The experience, now shared.'), ...problemResponses(404, 412, ...writeProblems) },
    },
  }, async (request, reply) => {
    const experience = await shareExperience(db, actorOf(request), request.params.id, ifMatchVersion(request, false), request.body);
    setEtag(reply, experience.version);
    return experience;
  });

  app.post('/experiences/:id/unshare', {
    config: { permission: 'experiences:publish' },
    schema: {
      operationId: 'unshareExperience', tags, summary: 'Stop sharing',
      description: 'Takes the experience out of the other organisations\' list at once. `If-Match` is honoured when sent.',
      params: IdParams, headers: OptionalIfMatch,
      response: { 200: json(Experience, 'The experience, no longer shared.'), ...problemResponses(404, 412) },
    },
  }, async (request, reply) => {
    const experience = await shareExperience(db, actorOf(request), request.params.id, ifMatchVersion(request, false), null);
    setEtag(reply, experience.version);
    return experience;
  });

  app.get('/shared-experiences', {
    config: { permission: 'experiences:read' },
    schema: {
      operationId: 'listSharedExperiences', tags, summary: 'Good examples from other organisations',
      description: 'The experiences that organisations on this installation (this one included, `own: true`) chose to share, the most recently shared first; `q` searches them in Norwegian. Only the shared fields: the author\'s and organisation\'s names are null unless the sharing organisation chose to show them. This is the one list that reads across organisations (see docs/security.md).',
      querystring: SharedExperienceListQuery,
      response: { 200: json(SharedExperiencePage, 'A page of good examples.'), ...problemResponses() },
    },
  }, async (request) => listSharedExperiences(db, actorOf(request).organisationId, request.query));

  app.get('/library/search', {
    config: { permission: 'experiences:read' },
    schema: {
      operationId: 'searchLibrary', tags, summary: 'Search experiences, teams and results',
      description: 'One Norwegian full-text search over the organisation\'s experiences (title, tags, texts), teams (name, purpose, mandate) and results (title, description), best match first, each hit with its kind, its title and best passage as plain segments (`match: true` for a found word) and its API path in `link`. Teams and results are shown to the same staff roles that read them elsewhere.',
      querystring: LibrarySearchQuery,
      response: { 200: json(LibrarySearchPage, 'A page of hits.'), ...problemResponses() },
    },
  }, async (request) => searchLibrary(db, actorOf(request).organisationId, request.query));
};
