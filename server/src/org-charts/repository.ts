import { sql, type Kysely, type Transaction } from 'kysely';
import type { OrgChartCommentRound, OrgChartNode, OrgChartNodeView, OrgChartProposal } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { osloDate } from '../time.ts';

type Executor = Kysely<DB> | Transaction<DB>;

// Reading the live unit tree as chart nodes, and proposals as the API shows them. A
// municipality has at most a few hundred units, so the tree is read whole and walked here,
// which runs the same on PostgreSQL and PGlite.

export interface LiveUnit {
  id: string;
  parentId: string | null;
  name: string;
  kind: OrgChartNode['kind'];
  managerId: string | null;
  managerName: string | null;
  people: number;
}

/** The organisation's active units with their managers' names and their active people. */
export async function liveUnits(db: Executor, organisationId: string, options: { forUpdate?: boolean } = {}): Promise<LiveUnit[]> {
  if (options.forUpdate) {
    // Lock the rows the apply reads, so nothing moves between the check and the write.
    await db.selectFrom('units').select('id').where('organisation_id', '=', organisationId).where('active', '=', true).forUpdate().execute();
  }
  const rows = await db.selectFrom('units as u')
    .leftJoin('people as m', (j) => j.onRef('m.organisation_id', '=', 'u.organisation_id').onRef('m.id', '=', 'u.manager_id'))
    .select(['u.id', 'u.parent_id', 'u.name', 'u.kind', 'u.manager_id', 'm.name as manager_name'])
    .select((eb) => eb.selectFrom('people as p').select(sql<number>`count(*)::int`.as('n'))
      .whereRef('p.organisation_id', '=', 'u.organisation_id').whereRef('p.unit_id', '=', 'u.id').where('p.active', '=', true).as('people'))
    .where('u.organisation_id', '=', organisationId).where('u.active', '=', true)
    .orderBy('u.name').orderBy('u.id')
    .execute();
  return rows.map((r) => ({
    id: r.id, parentId: r.parent_id, name: r.name, kind: r.kind, managerId: r.manager_id, managerName: r.manager_name, people: Number(r.people ?? 0),
  }));
}

/**
 * The active units under `rootUnitId` (itself included), parents before children; the whole
 * organisation for null. Undefined when the root is not an active unit of the organisation.
 * A unit whose parent is inactive is cut off from the tree and left out.
 */
export function subtree(units: LiveUnit[], rootUnitId: string | null): LiveUnit[] | undefined {
  const children = new Map<string | null, LiveUnit[]>();
  const byId = new Map(units.map((u) => [u.id, u]));
  for (const u of units) {
    const parent = u.parentId !== null && byId.has(u.parentId) ? u.parentId : u.parentId === null ? null : undefined;
    if (parent === undefined) continue;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const out: LiveUnit[] = [];
  const visit = (u: LiveUnit) => {
    out.push(u);
    for (const c of children.get(u.id) ?? []) visit(c);
  };
  if (rootUnitId === null) {
    for (const top of children.get(null) ?? []) visit(top);
    return out;
  }
  const root = byId.get(rootUnitId);
  if (!root) return undefined;
  visit(root);
  return out;
}

/** Live units as chart nodes keyed by unit id; the top node's parent is null. */
export function nodesOf(units: LiveUnit[]): OrgChartNodeView[] {
  const inside = new Set(units.map((u) => u.id));
  return units.map((u) => ({
    key: u.id, unitId: u.id, name: u.name, kind: u.kind,
    parentKey: u.parentId !== null && inside.has(u.parentId) ? u.parentId : null,
    managerPersonId: u.managerId, managerName: u.managerName, people: u.people,
  }));
}

export const plainNode = ({ key, unitId, name, kind, parentKey, managerPersonId }: OrgChartNode): OrgChartNode =>
  ({ key, unitId, name, kind, parentKey, managerPersonId });

/**
 * Managers' names and the people of the units, looked up once for all of `nodes` (of one
 * proposal or of a page of them): gives each node its view.
 */
async function nodeViewer(db: Executor, organisationId: string, nodes: OrgChartNode[]): Promise<(n: OrgChartNode) => OrgChartNodeView> {
  const personIds = [...new Set(nodes.flatMap((n) => (n.managerPersonId ? [n.managerPersonId] : [])))];
  const unitIds = [...new Set(nodes.flatMap((n) => (n.unitId ? [n.unitId] : [])))];
  const names = new Map(personIds.length === 0 ? [] : (await db.selectFrom('people').select(['id', 'name'])
    .where('organisation_id', '=', organisationId).where('id', 'in', personIds).execute()).map((p) => [p.id, p.name]));
  const people = new Map(unitIds.length === 0 ? [] : (await db.selectFrom('people').select(['unit_id', sql<number>`count(*)::int`.as('n')])
    .where('organisation_id', '=', organisationId).where('unit_id', 'in', unitIds).where('active', '=', true)
    .groupBy('unit_id').execute()).map((r) => [r.unit_id!, Number(r.n)]));
  return (n) => ({
    ...plainNode(n),
    managerName: n.managerPersonId ? names.get(n.managerPersonId) ?? null : null,
    people: n.unitId ? people.get(n.unitId) ?? 0 : 0,
  });
}

/** Proposal nodes with managers' names and the people of the units they are. */
export async function viewNodes(db: Executor, organisationId: string, nodes: OrgChartNode[]): Promise<OrgChartNodeView[]> {
  return nodes.map(await nodeViewer(db, organisationId, nodes));
}

export function findProposal(db: Executor, organisationId: string, id: string, options: { forUpdate?: boolean } = {}) {
  return db.selectFrom('org_chart_proposals').selectAll()
    .where('organisation_id', '=', organisationId).where('id', '=', id)
    .$if(options.forUpdate === true, (qb) => qb.forUpdate())
    .executeTakeFirst();
}
export type ProposalRow = NonNullable<Awaited<ReturnType<typeof findProposal>>>;

type RoundRow = { id: string; proposal_id: string; opens_on: string; closes_on: string; closed_at: Date | null; created_at: Date };

export function toRound(row: RoundRow, today = osloDate()): OrgChartCommentRound {
  return {
    id: row.id, proposalId: row.proposal_id, opensOn: row.opens_on, closesOn: row.closes_on,
    closedAt: row.closed_at?.toISOString() ?? null, open: row.closed_at === null && row.opens_on <= today && row.closes_on >= today,
    createdAt: row.created_at.toISOString(),
  };
}

export async function toProposal(db: Executor, row: ProposalRow): Promise<OrgChartProposal> {
  return (await toProposals(db, row.organisation_id, [row]))[0]!;
}

/** Proposals as the API shows them, a page at a time: one query per part, not per proposal. */
export async function toProposals(db: Executor, organisationId: string, rows: ProposalRow[]): Promise<OrgChartProposal[]> {
  if (rows.length === 0) return [];
  const org = organisationId;
  const ids = rows.map((r) => r.id);
  const rootIds = [...new Set(rows.flatMap((r) => (r.root_unit_id ? [r.root_unit_id] : [])))];
  const applierIds = [...new Set(rows.flatMap((r) => (r.applied_by_person_id ? [r.applied_by_person_id] : [])))];
  // One after another: inside a transaction the queries share one connection anyway.
  const rounds = await db.selectFrom('org_chart_comment_rounds').selectAll().where('organisation_id', '=', org).where('proposal_id', 'in', ids)
    .orderBy('created_at', 'desc').orderBy('id').execute();
  const comments = new Map((await db.selectFrom('org_chart_comments').select(['proposal_id', sql<number>`count(*)::int`.as('n')])
    .where('organisation_id', '=', org).where('proposal_id', 'in', ids).groupBy('proposal_id').execute()).map((c) => [c.proposal_id, Number(c.n)]));
  const roots = new Map(rootIds.length === 0 ? [] : (await db.selectFrom('units').select(['id', 'name'])
    .where('organisation_id', '=', org).where('id', 'in', rootIds).execute()).map((u) => [u.id, u.name]));
  const appliers = new Map(applierIds.length === 0 ? [] : (await db.selectFrom('people').select(['id', 'name'])
    .where('organisation_id', '=', org).where('id', 'in', applierIds).execute()).map((p) => [p.id, p.name]));
  const view = await nodeViewer(db, org, rows.flatMap((r) => r.nodes as OrgChartNode[]));
  const today = osloDate();
  return rows.map((row) => ({
    id: row.id, processId: row.process_id, title: row.title, description: row.description,
    rootUnitId: row.root_unit_id, rootUnitName: (row.root_unit_id && roots.get(row.root_unit_id)) || null,
    nodes: (row.nodes as OrgChartNode[]).map(view),
    status: row.status, decidedOn: row.decided_on, decisionReference: row.decision_reference,
    appliedAt: row.applied_at?.toISOString() ?? null,
    appliedByName: (row.applied_by_person_id && appliers.get(row.applied_by_person_id)) || null,
    beforeNodes: (row.before_nodes as OrgChartNode[] | null) ?? null,
    rounds: rounds.filter((r) => r.proposal_id === row.id).map((r) => toRound(r, today)), comments: comments.get(row.id) ?? 0,
    version: row.version, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
  }));
}
