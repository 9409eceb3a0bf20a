import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  IdempotencyHeaders, IdParams, IfMatchHeaders, NewsItem, NewsItemCreate, NewsItemPatch, NewsListQuery, NewsPage, NewsPublish,
  ShowcaseQuery, TeamShowcase,
} from '@lagverk/shared';
import type { Kysely } from 'kysely';
import { actorOf, grantOf, type Actor } from '../auth/actor.ts';
import type { DB } from '../db/types.ts';
import { HttpProblem, notFound } from '../http/problem.ts';
import { ifMatchVersion, setEtag } from '../http/preconditions.ts';
import { json, problemResponses, writeProblems } from '../http/responses.ts';
import { findVisibleNews, listNews, toNewsItem, type Reader } from './repository.ts';
import { createNews, deleteNews, patchNews, publishNews, unpublishNews } from './service.ts';
import { teamShowcase } from './showcase.ts';

// News and announcements, and the team showcase, for the home page. Everyone reads
// published news (politicians too); administrators, the chief executive and HR write it.

const tags = ['News'];
const audienceRule = 'A reader sees items for everyone and those whose audience includes their unit, a unit they lead, or a unit above either; an editor (`news:write`) and an integration see every audience.';

/** What the caller may see: editors drafts too; editors and integrations every audience. */
function readerOf(actor: Actor): Reader {
  const editor = grantOf(actor, 'news:write') === 'all';
  return { drafts: editor, audience: editor || actor.via === 'token' ? 'all' : { personId: actor.personId } };
}

const emptyOrPublish = Type.Optional(NewsPublish);

export const newsRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get('/news', {
    config: { permission: 'news:read' },
    schema: {
      operationId: 'listNews', tags, summary: 'List news and announcements',
      description: `Published items that have not expired, pinned first, then the newest. \`status=draft\`, \`scheduled\` or \`expired\` lists the others, for \`news:write\` only (403 otherwise). Filter by \`kind\` and \`pinned\`. ${audienceRule}`,
      querystring: NewsListQuery,
      response: { 200: json(NewsPage, 'A page of news items.'), ...problemResponses() },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const reader = readerOf(actor);
    if ((request.query.status ?? 'published') !== 'published' && !reader.drafts) {
      throw new HttpProblem(403, 'forbidden', 'Forbidden', 'Drafts, scheduled and expired items are listed for news:write only.');
    }
    return listNews(db, actor.organisationId, request.query, reader);
  });

  app.post('/news', {
    config: { permission: 'news:write', idempotent: true },
    schema: {
      operationId: 'createNews', tags, summary: 'Write a news item or an announcement',
      description: 'Saves a draft; nobody but editors sees it until it is published (POST /news/{id}/publish). The signed-in person is its author. Audience units that do not exist are a 422 `unknown-reference`. Send `Idempotency-Key` to retry safely.',
      headers: IdempotencyHeaders, body: NewsItemCreate,
      response: { 201: json(NewsItem, 'The draft as saved; `Location` and `ETag` are set.'), ...problemResponses(...writeProblems) },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const row = await createNews(db, actor.organisationId, request.body, actor.personId);
    setEtag(reply, row.version);
    return reply.code(201).header('location', `/api/v1/news/${row.id}`).send(toNewsItem(row));
  });

  app.get('/news/:id', {
    config: { permission: 'news:read' },
    schema: {
      operationId: 'getNews', tags, summary: 'Get a news item',
      description: `One item; its version is the \`ETag\`. A draft, a scheduled item, or one outside the caller's audience is a 404 for a reader; an expired one stays readable by its address (its \`status\` says so). ${audienceRule}`,
      params: IdParams,
      response: { 200: json(NewsItem, 'The item.'), ...problemResponses(404) },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const row = await findVisibleNews(db, actor.organisationId, request.params.id, readerOf(actor));
    if (!row) throw notFound('The news item');
    setEtag(reply, row.version);
    return toNewsItem(row);
  });

  app.patch('/news/:id', {
    config: { permission: 'news:write' },
    schema: {
      operationId: 'updateNews', tags, summary: 'Edit a news item',
      description: 'Changes the fields sent, published or not (publishing is its own action). Requires `If-Match`.',
      params: IdParams, headers: IfMatchHeaders, body: NewsItemPatch,
      response: { 200: json(NewsItem, 'The item after the edit.'), ...problemResponses(404, 412, 428, ...writeProblems) },
    },
  }, async (request, reply) => {
    const row = await patchNews(db, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, true)!, request.body);
    setEtag(reply, row.version);
    return toNewsItem(row);
  });

  app.delete('/news/:id', {
    config: { permission: 'news:write' },
    schema: {
      operationId: 'deleteNews', tags, summary: 'Remove a news item',
      description: 'Removes the item (the audit trail keeps it). Requires `If-Match`.',
      params: IdParams, headers: IfMatchHeaders,
      response: { 204: { description: 'Removed.', type: 'null' }, ...problemResponses(404, 412, 428) },
    },
  }, async (request, reply) => {
    await deleteNews(db, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, true)!);
    return reply.code(204).send(null);
  });

  app.post('/news/:id/publish', {
    config: { permission: 'news:write' },
    schema: {
      operationId: 'publishNews', tags, summary: 'Publish or schedule a news item',
      description: 'Publishes a draft (or a scheduled item) now, or schedules it for `publishAt` (422 `publish-at-in-past` for a time gone by). An item already published is a 409 `already-published`. `If-Match` is honoured when sent.',
      params: IdParams, headers: IfMatchHeaders, body: emptyOrPublish,
      response: { 200: json(NewsItem, 'The item, published or scheduled.'), ...problemResponses(404, 409, 412, ...writeProblems) },
    },
  }, async (request, reply) => {
    const row = await publishNews(db, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, false), request.body?.publishAt);
    setEtag(reply, row.version);
    return toNewsItem(row);
  });

  app.post('/news/:id/unpublish', {
    config: { permission: 'news:write' },
    schema: {
      operationId: 'unpublishNews', tags, summary: 'Take a news item back to draft',
      description: 'A published, expired or scheduled item becomes a draft again; a draft is a 409 `not-published`. `If-Match` is honoured when sent.',
      params: IdParams, headers: IfMatchHeaders, body: Type.Optional(Type.Object({}, { additionalProperties: false })),
      response: { 200: json(NewsItem, 'The item as a draft.'), ...problemResponses(404, 409, 412, 415) },
    },
  }, async (request, reply) => {
    const row = await unpublishNews(db, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, false));
    setEtag(reply, row.version);
    return toNewsItem(row);
  });

  app.get('/team-showcase', {
    config: { permission: 'teams:read' },
    schema: {
      operationId: 'getTeamShowcase', tags, summary: 'Teams and their latest results',
      description: "The home page's showcase: active teams that have at least one result, each with its latest result (the latest `achievedOn`, then the latest recorded), its units and its members' professions; the team with the newest result first. Not paged: `limit` (6 unless given, at most 50) says how many. Needs `teams:read`, as the teams themselves do (politicians read results through the dashboard instead).",
      querystring: ShowcaseQuery,
      response: { 200: json(TeamShowcase, 'The teams.'), ...problemResponses() },
    },
  }, async (request) => ({ items: await teamShowcase(db, actorOf(request).organisationId, request.query.limit ?? 6), nextCursor: null }));
};
