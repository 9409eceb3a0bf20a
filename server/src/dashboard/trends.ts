import { sql, type Kysely } from 'kysely';
import { effectGoals, type DashboardEffectGoalTrend, type DashboardSurveyFigure, type DashboardTrendPoint, type EffectGoal } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { decideTree, unitTree, type Decision, type TreeNode, type UnitTree } from '../survey-results/suppression.ts';

// Effect-goal trends from the closed survey rounds: per round, the mean of every answer to
// the scale questions marked with a goal (and per indicator). Counted in SQL per round,
// goal, indicator and the respondent's unit; a unit's group is its subtree in the round's
// frozen unit tree (survey_round_units: the units when the round opened, never today's, so
// a unit moved or deactivated since cannot be subtracted out), so its figure is the sum
// over the units below it. Every figure goes through the anonymity rules the
// survey results use, so the dashboard never shows what the results would hide.

interface Bucket {
  round_id: string;
  effect_goal: EffectGoal;
  /** Null on the goal's own rows. */
  indicator: string | null;
  unit_id: string | null;
  n: number;
  total: number;
  answers: number;
}

interface RoundRow {
  id: string;
  name: string;
  kind: 'baseline' | 'followUp';
  closed_on: string;
  min_respondents: number;
  closed_at: Date;
}

/**
 * Closed rounds (closed by hand, or their closing time passed) that closed on or before
 * `to`: the latest 100, oldest first.
 */
async function closedRounds(db: Kysely<DB>, organisationId: string, to: string) {
  const rows = await sql<RoundRow>`
    select * from (
      select r.id, r.name, r.kind, to_char(cast(least(r.closed_at, r.closes_at) as date), 'YYYY-MM-DD') as closed_on,
        r.min_respondents, least(r.closed_at, r.closes_at) as closed_at
      from survey_rounds r
      where r.organisation_id = ${organisationId} and r.status <> 'draft' and (r.status = 'closed' or r.closes_at <= now())
        and cast(least(r.closed_at, r.closes_at) as date) <= ${to}
      order by least(r.closed_at, r.closes_at) desc, r.id desc
      limit 100
    ) latest
    order by closed_at, id`.execute(db);
  return rows.rows;
}

interface Topic {
  round_id: string;
  effect_goal: EffectGoal;
  indicator: string | null;
}

/** The goals and indicators each round's template asks about (scale questions that are no background variable). */
async function roundTopics(db: Kysely<DB>, organisationId: string, roundIds: string[]) {
  if (roundIds.length === 0) return [];
  const rows = await sql<Topic>`
    select distinct r.id as round_id, q.effect_goal, q.indicator
    from survey_rounds r
    join survey_questions q on q.organisation_id = r.organisation_id and q.template_id = r.template_id
    where r.organisation_id = ${organisationId} and r.id in (${sql.join(roundIds)})
      and q.type = 'scale' and q.effect_goal is not null and not q.background`.execute(db);
  return rows.rows;
}

async function buckets(db: Kysely<DB>, organisationId: string, roundIds: string[]) {
  if (roundIds.length === 0) return [];
  const rows = await sql<Bucket>`
    select a.round_id, q.effect_goal, case when grouping(q.indicator) = 0 then q.indicator end as indicator, s.unit_id,
      count(distinct a.response_id)::int as n, sum(a.number_value)::int as total, count(a.number_value)::int as answers
    from survey_answers a
    join survey_questions q on q.organisation_id = a.organisation_id and q.id = a.question_id
    join survey_responses s on s.organisation_id = a.organisation_id and s.id = a.response_id
    where a.organisation_id = ${organisationId} and a.round_id in (${sql.join(roundIds)})
      and q.type = 'scale' and q.effect_goal is not null and not q.background and a.number_value is not null
    group by grouping sets ((a.round_id, q.effect_goal, s.unit_id), (a.round_id, q.effect_goal, q.indicator, s.unit_id))
    having grouping(q.indicator) = 1 or q.indicator is not null`.execute(db);
  return rows.rows;
}

/** Each round's frozen unit tree (the active units when it opened), siblings by name. */
async function roundUnits(db: Kysely<DB>, organisationId: string, roundIds: string[]) {
  const byRound = new Map<string, TreeNode[]>();
  if (roundIds.length === 0) return byRound;
  const rows = await db.selectFrom('survey_round_units').select(['round_id', 'unit_id', 'parent_id'])
    .where('organisation_id', '=', organisationId).where('round_id', 'in', roundIds)
    .orderBy('round_id').orderBy('name').orderBy('unit_id').execute();
  for (const row of rows) {
    const nodes = byRound.get(row.round_id) ?? [];
    nodes.push({ id: row.unit_id, parentId: row.parent_id });
    byRound.set(row.round_id, nodes);
  }
  return byRound;
}

// A closed round's counts never change: answers are refused once it closes, and its
// template (questions, goals, indicators) is fixed from the moment it opened. So each
// process keeps them, per organisation and round, and counts a round's 600,000 answers
// once rather than on every dashboard view; so is its unit tree, frozen when it opened.
// A round is kept only from a few minutes after it closed, past any answer still on its way in.
const cacheLimit = 500;
const settleMs = 5 * 60 * 1000;
interface RoundCounts { topics: Topic[]; buckets: Bucket[]; tree: UnitTree }
const roundCache = new Map<string, RoundCounts>();

async function roundCounts(db: Kysely<DB>, organisationId: string, rounds: RoundRow[]) {
  const key = (roundId: string) => `${organisationId}/${roundId}`;
  const counted = new Map<string, RoundCounts>();
  const missing = rounds.filter((r) => !roundCache.has(key(r.id))).map((r) => r.id);
  if (missing.length > 0) {
    const [topics, rows, units] = await Promise.all([
      roundTopics(db, organisationId, missing), buckets(db, organisationId, missing), roundUnits(db, organisationId, missing),
    ]);
    for (const id of missing) {
      counted.set(id, {
        topics: topics.filter((t) => t.round_id === id), buckets: rows.filter((b) => b.round_id === id), tree: unitTree(units.get(id) ?? []),
      });
    }
  }
  const topics: Topic[] = [];
  const rows: Bucket[] = [];
  const trees = new Map<string, UnitTree>();
  for (const round of rounds) {
    const entry = counted.get(round.id) ?? roundCache.get(key(round.id))!;
    // Kept (again) at the back of the queue, so the least recently used round leaves first.
    roundCache.delete(key(round.id));
    if (Date.now() - round.closed_at.getTime() > settleMs) roundCache.set(key(round.id), entry);
    topics.push(...entry.topics);
    rows.push(...entry.buckets);
    trees.set(round.id, entry.tree);
  }
  while (roundCache.size > cacheLimit) roundCache.delete(roundCache.keys().next().value!);
  return { topics, rows, trees };
}

/** Sums buckets over a set of units (null: every respondent, units or not). */
function sumOver(rows: Bucket[], units: Set<string | null> | null) {
  let n = 0;
  let total = 0;
  let answers = 0;
  for (const row of rows) {
    if (units && !units.has(row.unit_id)) continue;
    n += row.n;
    total += row.total;
    answers += row.answers;
  }
  return { n, total, answers };
}

const rounded = (value: number) => Math.round(value * 100) / 100;

function figureOf(sum: { n: number; total: number; answers: number }, minimum: number): DashboardSurveyFigure {
  if (sum.n < minimum || sum.answers === 0) return { suppressed: true, reason: 'belowMinimum' };
  return { suppressed: false, mean: rounded(sum.total / sum.answers), n: sum.n };
}

/**
 * The figure of `unitId`'s group (the unit and every unit below it), decided by the survey
 * results' own rules (survey-results/suppression.ts): hidden below the round's minimum,
 * and hidden where, shown beside its parent and siblings, it would let someone subtract
 * their way to a group below the minimum. So the dashboard hides exactly what the results do.
 */
function unitFigure(rows: Bucket[], tree: UnitTree, unitId: string, minimum: number): DashboardSurveyFigure {
  const direct = new Map<string | null, number>();
  for (const row of rows) direct.set(row.unit_id, (direct.get(row.unit_id) ?? 0) + row.n);
  const subtreeN = new Map<string, number>();
  const n = (id: string): number => {
    const known = subtreeN.get(id);
    if (known !== undefined) return known;
    const value = (direct.get(id) ?? 0) + (tree.children.get(id) ?? []).reduce((sum, child) => sum + n(child), 0);
    subtreeN.set(id, value);
    return value;
  };
  const total = [...direct.values()].reduce((a, b) => a + b, 0);
  const decisions = decideTree(tree, total, n, minimum);
  // null is "shown"; a unit the tree does not know is hidden.
  const decision: Decision = decisions.has(unitId) ? decisions.get(unitId) ?? null : 'belowMinimum';
  if (decision !== null) return { suppressed: true, reason: decision };
  return figureOf(sumOver(rows, below(tree, unitId)), minimum);
}

/** The unit and every unit below it. */
function below(tree: UnitTree, unitId: string) {
  const out = new Set<string | null>();
  const stack = [unitId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    out.add(id);
    stack.push(...(tree.children.get(id) ?? []));
  }
  return out;
}

/**
 * Every effect goal with its trend over the closed rounds up to `to`: for the whole
 * organisation, or for one unit's subtree.
 */
export async function effectGoalTrends(db: Kysely<DB>, organisationId: string, unitId: string | null, to: string): Promise<DashboardEffectGoalTrend[]> {
  const rounds = await closedRounds(db, organisationId, to);
  const { topics, rows, trees } = await roundCounts(db, organisationId, rounds);

  // A round is in a goal's (or indicator's) trend when its template asks about it, answered or not.
  const asks = (roundId: string, goal: EffectGoal, indicator: string | null) =>
    topics.some((t) => t.round_id === roundId && t.effect_goal === goal && (indicator === null || t.indicator === indicator));
  const pointsOf = (goal: EffectGoal, indicator: string | null): DashboardTrendPoint[] => rounds.flatMap((round) => {
    if (!asks(round.id, goal, indicator)) return [];
    const own = rows.filter((r) => r.round_id === round.id && r.effect_goal === goal && r.indicator === indicator);
    const figure = unitId === null
      ? figureOf(sumOver(own, null), round.min_respondents)
      : unitFigure(own, trees.get(round.id)!, unitId, round.min_respondents);
    return [{ roundId: round.id, roundName: round.name, kind: round.kind, closedOn: round.closed_on, figure }];
  });

  return effectGoals.map((goal) => {
    const indicators = [...new Set(topics.filter((t) => t.effect_goal === goal && t.indicator !== null).map((t) => t.indicator!))]
      .sort((a, b) => a.localeCompare(b, 'nb'));
    return {
      effectGoal: goal,
      rounds: pointsOf(goal, null),
      indicators: indicators.map((indicator) => ({ indicator, rounds: pointsOf(goal, indicator) })),
    };
  });
}
