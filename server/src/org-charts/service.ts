import { sql, type Kysely, type Transaction } from 'kysely';
import type { OrgChartCommentCreate, OrgChartDecision, OrgChartNode, OrgChartProposalCreate, OrgChartProposalPatch } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { conflict, notFound, unprocessable } from '../http/problem.ts';
import { staleVersion } from '../http/preconditions.ts';
import { osloDate } from '../time.ts';
import { findProposal, liveUnits, nodesOf, plainNode, subtree, type ProposalRow } from './repository.ts';
import { assertValidChart } from './validation.ts';

// Writing proposals, comment rounds and comments. Each write locks the proposal, checks the
// version it was made from, and bumps it, in one transaction. Applying lives in apply.ts.

const json = (value: unknown) => JSON.stringify(value);

/** The live subtree under the root (the whole organisation for null); 422 when the root is not an active unit. */
export async function liveSubtree(trx: Kysely<DB> | Transaction<DB>, organisationId: string, rootUnitId: string | null, path = '/body/rootUnitId') {
  const units = subtree(await liveUnits(trx, organisationId), rootUnitId);
  if (!units) {
    throw unprocessable('unknown-reference', 'The root unit is not an active unit of the organisation.',
      [{ path, message: 'no such active unit', code: 'reference' }]);
  }
  return units;
}

export function createProposal(db: Kysely<DB>, organisationId: string, processId: string, input: OrgChartProposalCreate) {
  return db.transaction().execute(async (trx) => {
    const process = await trx.selectFrom('change_processes').select('id')
      .where('organisation_id', '=', organisationId).where('id', '=', processId).executeTakeFirst();
    if (!process) throw notFound('The change process');
    if (input.nodes !== undefined && input.fromCurrent === true) {
      throw unprocessable('org-chart-invalid', 'Send nodes or fromCurrent, not both.', [{ path: '/body/fromCurrent', message: 'cannot be combined with nodes', code: 'conflict' }]);
    }
    const rootUnitId = input.rootUnitId ?? null;
    const units = await liveSubtree(trx, organisationId, rootUnitId);
    const current = nodesOf(units).map(plainNode);
    const nodes = input.nodes ?? current;
    await assertValidChart(trx, organisationId, nodes, rootUnitId, units);
    const row = await trx.insertInto('org_chart_proposals').values({
      organisation_id: organisationId, process_id: processId, title: input.title, description: input.description ?? null,
      root_unit_id: rootUnitId, nodes: json(nodes), base_nodes: json(current),
    }).returningAll().executeTakeFirstOrThrow();
    return row as ProposalRow;
  });
}

/** Locks the proposal and checks the version the caller edited (null: any). */
export async function lockedProposal(trx: Transaction<DB>, organisationId: string, id: string, expected: number | null) {
  const row = await findProposal(trx, organisationId, id, { forUpdate: true });
  if (!row) throw notFound('The proposal');
  if (expected !== null && row.version !== expected) throw staleVersion(row.version);
  return row;
}

function assertDraft(row: ProposalRow) {
  if (row.status !== 'draft') {
    throw conflict('proposal-not-draft', `The proposal is ${row.status}; only a draft can be changed, commented on or decided.`);
  }
}

export async function updateProposal(trx: Transaction<DB>, organisationId: string, id: string, values: Record<string, unknown>) {
  return (await trx.updateTable('org_chart_proposals').set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
    .where('organisation_id', '=', organisationId).where('id', '=', id).returningAll().executeTakeFirstOrThrow()) as ProposalRow;
}

export function patchProposal(db: Kysely<DB>, organisationId: string, id: string, expected: number, patch: OrgChartProposalPatch) {
  return db.transaction().execute(async (trx) => {
    const row = await lockedProposal(trx, organisationId, id, expected);
    assertDraft(row);
    if (patch.nodes !== undefined) {
      const units = await liveSubtree(trx, organisationId, row.root_unit_id, '/body/nodes');
      await assertValidChart(trx, organisationId, patch.nodes, row.root_unit_id, units);
    }
    return updateProposal(trx, organisationId, id, {
      ...(patch.title !== undefined && { title: patch.title }),
      ...(patch.description !== undefined && { description: patch.description }),
      ...(patch.nodes !== undefined && { nodes: json(patch.nodes.map(plainNode)) }),
    });
  });
}

export function deleteProposal(db: Kysely<DB>, organisationId: string, id: string, expected: number) {
  return db.transaction().execute(async (trx) => {
    const row = await lockedProposal(trx, organisationId, id, expected);
    // What was applied is the record of why the unit tree looks as it does.
    if (row.status === 'applied') throw conflict('proposal-applied', 'An applied proposal is kept as the record of the change; it cannot be removed.');
    await trx.deleteFrom('org_chart_proposals').where('organisation_id', '=', organisationId).where('id', '=', id).execute();
  });
}

/** Rounds whose closing day has passed count as closed; this records it, so a new one may open. */
async function closeExpiredRounds(trx: Transaction<DB>, organisationId: string, proposalId: string, today: string) {
  await trx.updateTable('org_chart_comment_rounds').set({ closed_at: sql`now()` })
    .where('organisation_id', '=', organisationId).where('proposal_id', '=', proposalId)
    .where('closed_at', 'is', null).where('closes_on', '<', today).execute();
}

export function openCommentRound(db: Kysely<DB>, organisationId: string, proposalId: string, closesOn: string) {
  return db.transaction().execute(async (trx) => {
    const row = await lockedProposal(trx, organisationId, proposalId, null);
    assertDraft(row);
    const today = osloDate();
    if (closesOn < today) {
      throw unprocessable('closes-in-past', 'A comment round closes today or later.', [{ path: '/body/closesOn', message: 'is in the past', code: 'date' }]);
    }
    await closeExpiredRounds(trx, organisationId, proposalId, today);
    const open = await trx.selectFrom('org_chart_comment_rounds').select('closes_on')
      .where('organisation_id', '=', organisationId).where('proposal_id', '=', proposalId).where('closed_at', 'is', null).executeTakeFirst();
    if (open) throw conflict('comment-round-open', `A comment round is open until ${open.closes_on}; close it before opening another.`);
    return trx.insertInto('org_chart_comment_rounds')
      .values({ organisation_id: organisationId, proposal_id: proposalId, opens_on: today, closes_on: closesOn })
      .returningAll().executeTakeFirstOrThrow();
  });
}

export function closeCommentRound(db: Kysely<DB>, organisationId: string, roundId: string) {
  return db.transaction().execute(async (trx) => {
    const round = await trx.selectFrom('org_chart_comment_rounds').selectAll()
      .where('organisation_id', '=', organisationId).where('id', '=', roundId).forUpdate().executeTakeFirst();
    if (!round) throw notFound('The comment round');
    if (round.closed_at !== null) throw conflict('comment-round-closed', 'The comment round is closed already.');
    return trx.updateTable('org_chart_comment_rounds').set({ closed_at: sql`now()` })
      .where('organisation_id', '=', organisationId).where('id', '=', roundId).returningAll().executeTakeFirstOrThrow();
  });
}

export function addComment(db: Kysely<DB>, organisationId: string, proposalId: string, personId: string | null, input: OrgChartCommentCreate) {
  return db.transaction().execute(async (trx) => {
    // FOR SHARE: the round cannot be opened or closed under the comment, nor the proposal decided.
    const row = await trx.selectFrom('org_chart_proposals').selectAll()
      .where('organisation_id', '=', organisationId).where('id', '=', proposalId).forShare().executeTakeFirst();
    if (!row) throw notFound('The proposal');
    // Comments are named, as at an open meeting: an integration has no name to sign with.
    if (personId === null) {
      throw unprocessable('comment-needs-person', 'A comment is signed by a person; an integration cannot comment.');
    }
    const today = osloDate();
    const round = await trx.selectFrom('org_chart_comment_rounds').select('id')
      .where('organisation_id', '=', organisationId).where('proposal_id', '=', proposalId).where('closed_at', 'is', null)
      .where('opens_on', '<=', today).where('closes_on', '>=', today).executeTakeFirst();
    if (!round) throw conflict('no-open-comment-round', 'The proposal is not open for comments now.');
    const nodeKey = input.nodeKey ?? null;
    if (nodeKey !== null && !(row.nodes as OrgChartNode[]).some((n) => n.key === nodeKey)) {
      throw unprocessable('unknown-reference', 'The proposal has no node with this key.', [{ path: '/body/nodeKey', message: 'no such node', code: 'reference' }]);
    }
    return trx.insertInto('org_chart_comments')
      .values({ organisation_id: organisationId, proposal_id: proposalId, round_id: round.id, person_id: personId, node_key: nodeKey, body: input.body })
      .returningAll().executeTakeFirstOrThrow();
  });
}

export function decideProposal(db: Kysely<DB>, organisationId: string, id: string, expected: number | null, input: OrgChartDecision) {
  return db.transaction().execute(async (trx) => {
    const row = await lockedProposal(trx, organisationId, id, expected);
    assertDraft(row);
    // A decision ends the comment round.
    await trx.updateTable('org_chart_comment_rounds').set({ closed_at: sql`now()` })
      .where('organisation_id', '=', organisationId).where('proposal_id', '=', id).where('closed_at', 'is', null).execute();
    return updateProposal(trx, organisationId, id, {
      status: input.outcome === 'rejected' ? 'rejected' : 'decided', decided_on: input.decidedOn, decision_reference: input.decisionReference,
    });
  });
}
