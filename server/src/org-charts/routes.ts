import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  IdempotencyHeaders, IdParams, IfMatchHeaders, OrgChart, OrgChartApply, OrgChartComment, OrgChartCommentCreate, OrgChartCommentListQuery,
  OrgChartCommentPage, OrgChartCommentRound, OrgChartCommentRoundCreate, OrgChartComparison, OrgChartComparisonQuery, OrgChartDecision,
  OrgChartProposal, OrgChartProposalCreate, OrgChartProposalListQuery, OrgChartProposalPage, OrgChartProposalPatch, OrgChartQuery,
  type OrgChartNode,
} from '@lagverk/shared';
import Type from 'typebox';
import type { Kysely } from 'kysely';
import { actorOf } from '../auth/actor.ts';
import type { DB } from '../db/types.ts';
import { keysetPage } from '../http/pagination.ts';
import { notFound } from '../http/problem.ts';
import { ifMatchVersion, setEtag } from '../http/preconditions.ts';
import { json, problemResponses, writeProblems } from '../http/responses.ts';
import { applyProposal } from './apply.ts';
import { compareCharts } from './comparison.ts';
import { findProposal, liveUnits, nodesOf, subtree, toProposal, toProposals, toRound, viewNodes } from './repository.ts';
import {
  addComment, closeCommentRound, createProposal, decideProposal, deleteProposal, liveSubtree, openCommentRound, patchProposal,
} from './service.ts';

// Organisation charts: the current structure for everyone who reads units (politicians
// too), and a change process's proposals, read by everyone, written by those who run the
// process, commented on by all in rounds, and applied by those who keep the unit tree.

const tags = ['Organisation charts'];
const nodeRules = 'Nodes must form one tree: unique keys, every `parentKey` a key of the chart, no cycles, one top node (the root unit itself when `rootUnitId` is set), each existing unit at most once and an active unit inside the root\'s subtree, managers active people of the organisation. A fault is a 422 `org-chart-invalid` whose `errors` point at the node (`/body/nodes/3/parentKey`).';
const EmptyBody = Type.Optional(OrgChartApply);

export const orgChartRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get('/org-chart', {
    config: { permission: 'units:read' },
    schema: {
      operationId: 'getOrgChart', tags, summary: 'The current organisation chart',
      description: 'The active units as chart nodes (each keyed by its unit id), with the manager\'s name and the number of active people placed directly in each unit, parents before children. `rootUnitId` draws only that unit and the units below it (422 if it is not an active unit). Needs `units:read`, which politicians hold too.',
      querystring: OrgChartQuery,
      response: { 200: json(OrgChart, 'The chart.'), ...problemResponses(422) },
    },
  }, async (request) => {
    const rootUnitId = request.query.rootUnitId ?? null;
    return { rootUnitId, nodes: nodesOf(await liveSubtree(db, actorOf(request).organisationId, rootUnitId, '/query/rootUnitId')) };
  });

  app.get('/change-processes/:id/org-chart-proposals', {
    config: { permission: 'changeProcesses:read' },
    schema: {
      operationId: 'listOrgChartProposals', tags, summary: 'List a change process\'s organisation-chart proposals',
      description: 'The proposals of the process, the oldest first, filtered by `status`. 404 for a process that is not the organisation\'s.',
      params: IdParams, querystring: OrgChartProposalListQuery,
      response: { 200: json(OrgChartProposalPage, 'A page of proposals.'), ...problemResponses(404) },
    },
  }, async (request) => {
    const org = actorOf(request).organisationId;
    const process = await db.selectFrom('change_processes').select('id').where('organisation_id', '=', org).where('id', '=', request.params.id).executeTakeFirst();
    if (!process) throw notFound('The change process');
    const query = db.selectFrom('org_chart_proposals').selectAll().where('organisation_id', '=', org).where('process_id', '=', process.id)
      .$if(request.query.status !== undefined, (qb) => qb.where('status', '=', request.query.status!));
    const page = await keysetPage(query, { sort: 'createdAt', columns: { createdAt: 'created_at' }, cursor: request.query.cursor, limit: request.query.limit });
    return { items: await toProposals(db, org, page.rows), nextCursor: page.nextCursor };
  });

  app.post('/change-processes/:id/org-chart-proposals', {
    config: { permission: 'changeProcesses:write', idempotent: true },
    schema: {
      operationId: 'createOrgChartProposal', tags, summary: 'Propose an organisation chart',
      description: `A draft proposal for the subtree under \`rootUnitId\` (the whole organisation when left out). Without \`nodes\` it starts as a copy of the current structure (\`fromCurrent\`). The current structure is remembered, so applying it later can tell whether the units changed meanwhile. ${nodeRules} Send \`Idempotency-Key\` to retry safely.`,
      params: IdParams, headers: IdempotencyHeaders, body: OrgChartProposalCreate,
      response: { 201: json(OrgChartProposal, 'The proposal; `Location` and `ETag` are set.'), ...problemResponses(404, ...writeProblems) },
    },
  }, async (request, reply) => {
    const org = actorOf(request).organisationId;
    const row = await createProposal(db, org, request.params.id, request.body);
    setEtag(reply, row.version);
    return reply.code(201).header('location', `/api/v1/org-chart-proposals/${row.id}`).send(await toProposal(db, row));
  });

  app.get('/org-chart-proposals/:id', {
    config: { permission: 'changeProcesses:read' },
    schema: {
      operationId: 'getOrgChartProposal', tags, summary: 'Get an organisation-chart proposal',
      description: 'The proposal with its nodes (managers named, people counted as they are placed today), its comment rounds and, once applied, the structure it replaced. Its version is the `ETag`.',
      params: IdParams,
      response: { 200: json(OrgChartProposal, 'The proposal.'), ...problemResponses(404) },
    },
  }, async (request, reply) => {
    const row = await findProposal(db, actorOf(request).organisationId, request.params.id);
    if (!row) throw notFound('The proposal');
    setEtag(reply, row.version);
    return toProposal(db, row);
  });

  app.patch('/org-chart-proposals/:id', {
    config: { permission: 'changeProcesses:write' },
    schema: {
      operationId: 'updateOrgChartProposal', tags, summary: 'Edit an organisation-chart proposal',
      description: `Changes the title, the description or the whole set of nodes of a draft (409 \`proposal-not-draft\` once decided). ${nodeRules} Requires \`If-Match\`.`,
      params: IdParams, headers: IfMatchHeaders, body: OrgChartProposalPatch,
      response: { 200: json(OrgChartProposal, 'The proposal after the edit.'), ...problemResponses(404, 409, 412, 428, ...writeProblems) },
    },
  }, async (request, reply) => {
    const row = await patchProposal(db, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, true)!, request.body);
    setEtag(reply, row.version);
    return toProposal(db, row);
  });

  app.delete('/org-chart-proposals/:id', {
    config: { permission: 'changeProcesses:write' },
    schema: {
      operationId: 'deleteOrgChartProposal', tags, summary: 'Remove an organisation-chart proposal',
      description: 'Removes a proposal that has not been applied (409 `proposal-applied` otherwise), with its comments; the audit trail keeps them. Requires `If-Match`.',
      params: IdParams, headers: IfMatchHeaders,
      response: { 204: { description: 'Removed.', type: 'null' }, ...problemResponses(404, 409, 412, 428) },
    },
  }, async (request, reply) => {
    await deleteProposal(db, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, true)!);
    return reply.code(204).send(null);
  });

  app.get('/org-chart-proposals/:id/comparison', {
    config: { permission: 'changeProcesses:read' },
    schema: {
      operationId: 'compareOrgChartProposal', tags, summary: 'Compare a proposal with the current structure or another proposal',
      description: 'What the proposal (`after`) changes from `against` (`before`): `current` (the default; the live structure of the same subtree) or another proposal of the organisation. Lists the units moved (old parent → new parent), renamed, given another kind or manager, added and removed, and for each side the levels, units per level, and spans: units directly below each unit and people placed directly in it, with their maximum and mean. Existing units are matched by unit id.',
      params: IdParams, querystring: OrgChartComparisonQuery,
      response: { 200: json(OrgChartComparison, 'The comparison.'), ...problemResponses(404, 422) },
    },
  }, async (request) => {
    const org = actorOf(request).organisationId;
    const row = await findProposal(db, org, request.params.id);
    if (!row) throw notFound('The proposal');
    const after = { label: row.title, proposalId: row.id, nodes: await viewNodes(db, org, row.nodes as OrgChartNode[]) };
    const against = request.query.against ?? 'current';
    if (against === 'current') {
      // A root unit deactivated since leaves nothing to compare with: an empty chart.
      const live = subtree(await liveUnits(db, org), row.root_unit_id) ?? [];
      return compareCharts({ label: 'current', proposalId: null, nodes: nodesOf(live) }, after);
    }
    const other = await findProposal(db, org, against.toLowerCase());
    if (!other) throw notFound('The proposal to compare with');
    return compareCharts({ label: other.title, proposalId: other.id, nodes: await viewNodes(db, org, other.nodes as OrgChartNode[]) }, after);
  });

  app.post('/org-chart-proposals/:id/comment-rounds', {
    config: { permission: 'changeProcesses:write' },
    schema: {
      operationId: 'openOrgChartCommentRound', tags, summary: 'Open a comment round on a proposal',
      description: 'Opens the draft for comments from everyone from today until the end of `closesOn` (422 `closes-in-past` for a day gone by). One round at a time: 409 `comment-round-open` while another is open. A decided proposal takes no rounds (409 `proposal-not-draft`).',
      params: IdParams, body: OrgChartCommentRoundCreate,
      response: { 201: json(OrgChartCommentRound, 'The round.'), ...problemResponses(404, 409, ...writeProblems) },
    },
  }, async (request, reply) => {
    const round = await openCommentRound(db, actorOf(request).organisationId, request.params.id, request.body.closesOn);
    return reply.code(201).send(toRound(round));
  });

  app.post('/org-chart-comment-rounds/:id/close', {
    config: { permission: 'changeProcesses:write' },
    schema: {
      operationId: 'closeOrgChartCommentRound', tags, summary: 'Close a comment round early',
      description: 'Ends the round now; comments already given stay. 409 `comment-round-closed` if it was closed already.',
      params: IdParams, body: EmptyBody,
      response: { 200: json(OrgChartCommentRound, 'The round, closed.'), ...problemResponses(404, 409, 415) },
    },
  }, async (request) => toRound(await closeCommentRound(db, actorOf(request).organisationId, request.params.id)));

  app.get('/org-chart-proposals/:id/comments', {
    config: { permission: 'changeProcesses:read' },
    schema: {
      operationId: 'listOrgChartComments', tags, summary: 'List the comments on a proposal',
      description: 'Every comment of every round, the oldest first, each with its author\'s name and the node it is about.',
      params: IdParams, querystring: OrgChartCommentListQuery,
      response: { 200: json(OrgChartCommentPage, 'A page of comments.'), ...problemResponses(404) },
    },
  }, async (request) => {
    const org = actorOf(request).organisationId;
    const row = await findProposal(db, org, request.params.id);
    if (!row) throw notFound('The proposal');
    const query = db.selectFrom('org_chart_comments').selectAll().where('organisation_id', '=', org).where('proposal_id', '=', row.id);
    const page = await keysetPage(query, { sort: 'createdAt', columns: { createdAt: 'created_at' }, cursor: request.query.cursor, limit: request.query.limit });
    const personIds = [...new Set(page.rows.map((c) => c.person_id))];
    const names = new Map(personIds.length === 0 ? [] : (await db.selectFrom('people').select(['id', 'name'])
      .where('organisation_id', '=', org).where('id', 'in', personIds).execute()).map((p) => [p.id, p.name]));
    const nodeNames = new Map((row.nodes as OrgChartNode[]).map((n) => [n.key, n.name]));
    return {
      items: page.rows.map((c) => toComment(c, names.get(c.person_id) ?? '', nodeNames)),
      nextCursor: page.nextCursor,
    };
  });

  app.post('/org-chart-proposals/:id/comments', {
    config: { permission: 'changeProcesses:participate', idempotent: true },
    schema: {
      operationId: 'commentOnOrgChartProposal', tags, summary: 'Comment on a proposal',
      description: 'A named comment, on the whole proposal or on one node (`nodeKey`), while a comment round is open (409 `no-open-comment-round` otherwise). Signed by the signed-in person; an integration cannot comment (422 `comment-needs-person`). Send `Idempotency-Key` to retry safely.',
      params: IdParams, headers: IdempotencyHeaders, body: OrgChartCommentCreate,
      response: { 201: json(OrgChartComment, 'The comment.'), ...problemResponses(404, 409, ...writeProblems) },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const comment = await addComment(db, actor.organisationId, request.params.id, actor.personId, request.body);
    const proposal = (await findProposal(db, actor.organisationId, request.params.id))!;
    const person = await db.selectFrom('people').select('name').where('organisation_id', '=', actor.organisationId).where('id', '=', comment.person_id).executeTakeFirst();
    return reply.code(201).send(toComment(comment, person?.name ?? actor.name, new Map((proposal.nodes as OrgChartNode[]).map((n) => [n.key, n.name]))));
  });

  app.post('/org-chart-proposals/:id/decide', {
    config: { permission: 'changeProcesses:write' },
    schema: {
      operationId: 'decideOrgChartProposal', tags, summary: 'Record the decision on a proposal',
      description: 'Records that the draft was adopted (status `decided`, ready to apply) or rejected, on `decidedOn` with `decisionReference` (for example the case number). An open comment round is closed. 409 `proposal-not-draft` for a proposal decided already. `If-Match` is honoured when sent.',
      params: IdParams, headers: IfMatchHeaders, body: OrgChartDecision,
      response: { 200: json(OrgChartProposal, 'The proposal, decided.'), ...problemResponses(404, 409, 412, ...writeProblems) },
    },
  }, async (request, reply) => {
    const row = await decideProposal(db, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, false), request.body);
    setEtag(reply, row.version);
    return toProposal(db, row);
  });

  app.post('/org-chart-proposals/:id/apply', {
    config: { permission: 'units:write' },
    schema: {
      operationId: 'applyOrgChartProposal', tags, summary: 'Apply a decided proposal to the unit tree',
      description: 'In one transaction: creates the new units, moves, renames, re-kinds and sets managers of the existing ones, and deactivates the units the proposal leaves out, then marks the proposal applied and keeps the structure it replaced (`beforeNodes`). All or nothing. 409 `proposal-not-decided` unless decided; 409 `org-chart-drift` when the units changed since the proposal was made (`errors` name each); 409 `unit-in-use` when a unit to remove still has active people or teams in progress (`errors` name each). Each unit\'s change is in the audit trail. Needs `units:write`. `If-Match` is honoured when sent.',
      params: IdParams, headers: IfMatchHeaders, body: EmptyBody,
      response: { 200: json(OrgChartProposal, 'The proposal, applied.'), ...problemResponses(404, 409, 412, 415) },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const row = await applyProposal(db, actor.organisationId, request.params.id, ifMatchVersion(request, false), actor.personId);
    setEtag(reply, row.version);
    return toProposal(db, row);
  });
};

type CommentRow = { id: string; proposal_id: string; round_id: string; person_id: string; node_key: string | null; body: string; created_at: Date };

function toComment(c: CommentRow, personName: string, nodeNames: Map<string, string>): OrgChartComment {
  return {
    id: c.id, proposalId: c.proposal_id, roundId: c.round_id, personId: c.person_id, personName,
    nodeKey: c.node_key, nodeName: c.node_key ? nodeNames.get(c.node_key) ?? null : null, body: c.body, createdAt: c.created_at.toISOString(),
  };
}
