import type { Kysely } from 'kysely';
import type {
  EffectGoal, GroupResults, HeatmapRow, ResultsGroup, ResultsGroupBy, SurveyHeatmap, SurveyResults, SurveyTrend, WithoutActionsRow,
} from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { conflict, notFound } from '../http/problem.ts';
import { GroupFigures, meanKeys, metricKey, metricsOf } from './figures.ts';
import { Overlaps, type OverlapInput } from './overlaps.ts';
import * as repo from './repository.ts';
import { decideTree, decideWhole, treeOrder, unitTree, type Decision } from './suppression.ts';

// Results of a finished round: counted in SQL (repository.ts), hidden where too few
// answered (suppression.ts), shaped for the API here. Each answer is first loaded (every
// query at once), then built without the database, so `pnpm bench` can hold the route
// against a bare server that runs the same SQL and the same building.

/** Teams whose members can have been counted: those that have started. */
const startedTeamStatuses = new Set(['approved', 'active', 'paused', 'concluded']);

/** The round, when its results may be read: closed, or past its closing time. */
export function assertFinished(round: repo.RoundRow | undefined): repo.RoundRow {
  if (!round) throw notFound('The survey round');
  if (!round.finished) {
    throw conflict('round-not-closed', round.status === 'draft'
      ? 'The round has not been opened, so it has no results.'
      : 'Results are shown once the round has closed: while answers still arrive, watching the figures change would show single answers.');
  }
  return round;
}

export async function finishedRound(db: Kysely<DB>, organisationId: string, roundId: string) {
  return assertFinished(await repo.findRound(db, organisationId, roundId));
}

type GroupingKind = Exclude<ResultsGroupBy, 'none'>;
const groupingOf = { unit: 'unit', team: 'team', membership: 'membership' } as const;

/** Everything one grouping's figures are built from. */
export interface GroupedInput {
  groupBy: GroupingKind;
  aggregates: repo.Aggregates;
  /** The round's frozen unit tree (groupBy unit) or the teams (groupBy team). */
  units?: repo.UnitNode[];
  teams?: { id: string; name: string; status: string }[];
  /**
   * Teams and the members of teams against every other group (groupBy team or
   * membership): units are decided by the tree alone, so the unit breakdown needs none.
   */
  overlaps?: OverlapInput;
}

/** Everything a round's results are built from: what the database holds, nothing decided yet. */
export interface ResultsInput {
  round: repo.RoundRow;
  questions: repo.QuestionRow[];
  whole: repo.Aggregates;
  grouped: GroupedInput | null;
}

/** Splits one pass's rows into the whole's (group `all`) and the groups'. */
export function splitWhole(aggregates: repo.Aggregates): { whole: repo.Aggregates; groups: repo.Aggregates } {
  const part = (whole: boolean) => ({
    distributions: aggregates.distributions.filter((r) => (r.g === 'all') === whole),
    means: aggregates.means.filter((r) => (r.g === 'all') === whole),
    respondents: aggregates.respondents.filter((r) => (r.g === 'all') === whole),
  });
  return { whole: part(true), groups: part(false) };
}

/** Every query of the results (the whole's figures in the same pass as the groups' where it can), all at once once the round is known. */
export async function loadResults(db: Kysely<DB>, organisationId: string, roundId: string, groupBy: ResultsGroupBy): Promise<ResultsInput> {
  const round = await finishedRound(db, organisationId, roundId);
  const overlapping = groupBy === 'team' || groupBy === 'membership';
  const [questions, aggregates, units, teams, overlapRows] = await Promise.all([
    repo.templateQuestions(db, organisationId, round.template_id),
    groupBy === 'none' ? repo.aggregate(db, organisationId, round, 'all') : repo.aggregate(db, organisationId, round, groupingOf[groupBy], { whole: true }),
    groupBy === 'unit' || overlapping ? repo.roundUnits(db, organisationId, round.id) : undefined,
    groupBy === 'team' ? repo.teams(db, organisationId) : undefined,
    overlapping ? repo.overlaps(db, organisationId, round) : undefined,
  ]);
  if (groupBy === 'none') return { round, questions, whole: aggregates, grouped: null };
  const { whole, groups } = splitWhole(aggregates);
  const overlaps = overlapRows && units ? { rows: overlapRows, units } : undefined;
  return {
    round, questions, whole,
    grouped: { groupBy, aggregates: groups, ...(groupBy === 'unit' && { units }), ...(teams && { teams }), ...(overlaps && { overlaps }) },
  };
}

/** A group's decision for each figure: how one grouping hides what. */
type Decide = (group: string, metric: string) => Decision;

interface Grouped {
  /** The groups in the order they are listed, with what the API says about each. */
  groups: { key: string; group: ResultsGroup; depth: number }[];
  figures: GroupFigures;
  decide: Decide;
}

/**
 * One grouping's groups and decisions. `metrics` are the figures reported per group; each
 * is decided over all the groups at once (the unit tree's differencing needs them all).
 */
function decideGroups(input: GroupedInput, min: number, whole: GroupFigures, metrics: string[]): Grouped {
  const figures = new GroupFigures(input.aggregates);
  const total = (metric: string) => whole.n('all', metric);

  if (input.groupBy === 'unit') {
    const nodes = input.units ?? [];
    const tree = unitTree(nodes.map((u) => ({ id: u.id, parentId: u.parent_id })));
    const byMetric = new Map(metrics.map((m) => [m, decideTree(tree, total(m), (id) => figures.n(id, m), min)]));
    const byId = new Map(nodes.map((u) => [u.id, u]));
    // An inactive unit is listed only when its respondents would be shown anyway, so its
    // presence in the list says nothing about whether anyone in it answered.
    const groups = treeOrder(tree)
      .filter(({ id }) => byId.get(id)!.active || figures.n(id, metricKey.respondents) >= min)
      .map(({ id, depth }) => {
        const unit = byId.get(id)!;
        return { key: id, depth, group: { kind: 'unit' as const, id, name: unit.name, parentId: unit.parent_id } };
      });
    // A unit the tree has no decision for (there is none) is hidden, never shown by default.
    const decide: Decide = (group, metric) => {
      const decisions = byMetric.get(metric);
      return decisions?.has(group) ? (decisions.get(group) as Decision) : 'belowMinimum';
    };
    return { groups, figures, decide };
  }

  if (!input.overlaps) throw new Error(`groupBy ${input.groupBy} is decided with the overlaps of every group`);
  const overlaps = new Overlaps(input.overlaps, min, total);
  if (input.groupBy === 'membership') {
    const decide: Decide = (group, metric) => overlaps.membership(group as 'members' | 'rest', metric);
    return {
      figures, decide,
      groups: (['members', 'rest'] as const).map((kind) => ({ key: kind, depth: 0, group: { kind, id: null, name: null, parentId: null } })),
    };
  }
  const decide: Decide = (group, metric) => overlaps.team(group, metric);
  const teams = (input.teams ?? []).filter((t) => startedTeamStatuses.has(t.status) || figures.n(t.id, metricKey.respondents) >= min);
  return { figures, decide, groups: teams.map((t) => ({ key: t.id, depth: 0, group: { kind: 'team' as const, id: t.id, name: t.name, parentId: null } })) };
}

function groupResults(group: ResultsGroup, key: string, figures: GroupFigures, decide: Decide, questions: repo.QuestionRow[], whole: boolean): GroupResults {
  const { goals, indicators } = meanKeys(questions);
  return {
    group,
    respondents: figures.respondents(key, decide(key, metricKey.respondents)),
    // Background questions (profession, years employed) describe the whole only: broken
    // down they would narrow each group to the few with a given background.
    questions: questions.filter((q) => whole || !q.background)
      .map((q) => figures.question(key, q, decide(key, metricKey.question(q.id)))),
    indicators: indicators.map((i) => figures.indicator(key, i, decide(key, metricKey.indicator(i.effectGoal, i.indicator)))),
    effectGoals: goals.map((g) => figures.goal(key, g, decide(key, metricKey.goal(g)))),
  };
}

const organisationGroup: ResultsGroup = { kind: 'organisation', id: null, name: null, parentId: null };

/** The results as the API gives them, from what was loaded: no database here. */
export function buildResults({ round, questions, whole: wholeRows, grouped }: ResultsInput): SurveyResults {
  const min = round.min_respondents;
  const whole = new GroupFigures(wholeRows);
  const wholeDecide: Decide = (group, metric) => decideWhole(whole.n(group, metric), min);
  const responses = whole.n('all', metricKey.respondents);
  let groups: GroupResults[] = [];
  if (grouped) {
    const g = decideGroups(grouped, min, whole, metricsOf(questions, false));
    groups = g.groups.map(({ key, group }) => groupResults(group, key, g.figures, g.decide, questions, false));
  }
  return {
    roundId: round.id,
    roundName: round.name,
    kind: round.kind,
    groupBy: grouped?.groupBy ?? 'none',
    thresholds: { minRespondents: min, minTextRespondents: round.min_text_respondents },
    responseRate: {
      invited: round.invited_count,
      responses,
      rate: round.invited_count > 0 ? Math.round((responses / round.invited_count) * 1000) / 1000 : null,
    },
    questions: questions.map((q) => ({
      id: q.id, position: q.position, text: q.text, type: q.type, options: q.options,
      effectGoal: q.effect_goal as EffectGoal | null, indicator: q.indicator, background: q.background,
    })),
    organisation: groupResults(organisationGroup, 'all', whole, wholeDecide, questions, true),
    groups,
  };
}

export async function roundResults(db: Kysely<DB>, organisationId: string, roundId: string, groupBy: ResultsGroupBy): Promise<SurveyResults> {
  return buildResults(await loadResults(db, organisationId, roundId, groupBy));
}

export async function roundHeatmap(db: Kysely<DB>, organisationId: string, roundId: string): Promise<SurveyHeatmap> {
  const { round, questions, whole: wholeRows, grouped } = await loadResults(db, organisationId, roundId, 'unit');
  const { goals } = meanKeys(questions);
  const whole = new GroupFigures(wholeRows);
  const g = decideGroups(grouped!, round.min_respondents, whole, [metricKey.respondents, ...goals.map(metricKey.goal)]);
  const rows: HeatmapRow[] = g.groups.map(({ key, group, depth }) => ({
    unitId: key, name: group.name!, parentId: group.parentId, depth,
    cells: goals.map((goal) => g.figures.goal(key, goal, g.decide(key, metricKey.goal(goal)))),
  }));
  return {
    roundId: round.id, roundName: round.name, kind: round.kind, effectGoals: goals,
    organisation: goals.map((goal) => whole.goal('all', goal, decideWhole(whole.n('all', metricKey.goal(goal)), round.min_respondents))),
    rows,
  };
}

export async function templateTrend(db: Kysely<DB>, organisationId: string, templateId: string): Promise<SurveyTrend> {
  if (!(await repo.templateExists(db, organisationId, templateId))) throw notFound('The survey template');
  const [rounds, questions] = await Promise.all([
    repo.finishedRounds(db, organisationId, templateId),
    repo.templateQuestions(db, organisationId, templateId),
  ]);
  const { goals, indicators } = meanKeys(questions);
  // Each round's rows are keyed by the round's id in place of a group.
  const figures = new GroupFigures({ distributions: [], means: await repo.meansByRound(db, organisationId, templateId, rounds.map((r) => r.id)), respondents: [] });
  return {
    templateId,
    rounds: rounds.map((r) => {
      const decide = (metric: string) => decideWhole(figures.n(r.id, metric), r.min_respondents);
      return {
        roundId: r.id, roundName: r.name, kind: r.kind, baselineRoundId: r.baseline_round_id,
        opensAt: r.opens_at.toISOString(), closesAt: r.closes_at.toISOString(), responses: r.responses,
        effectGoals: goals.map((goal) => figures.goal(r.id, goal, decide(metricKey.goal(goal)))),
        indicators: indicators.map((i) => figures.indicator(r.id, i, decide(metricKey.indicator(i.effectGoal, i.indicator)))),
      };
    }),
  };
}

/** Units (in tree order) and teams (by name) whose respondents are shown and that have no action for the round. */
export async function withoutActions(db: Kysely<DB>, organisationId: string, roundId: string): Promise<WithoutActionsRow[]> {
  const round = await finishedRound(db, organisationId, roundId);
  // Only the respondents decide here: counted from the responses, no answer is read.
  const [wholeCounts, unitCounts, teamCounts, units, teams, targets, overlapRows] = await Promise.all([
    repo.respondents(db, organisationId, round.id, 'all'),
    repo.respondents(db, organisationId, round.id, 'unit'),
    repo.respondents(db, organisationId, round.id, 'team'),
    repo.roundUnits(db, organisationId, round.id),
    repo.teams(db, organisationId),
    repo.actionTargets(db, organisationId, round.id),
    repo.overlaps(db, organisationId, round, { respondentsOnly: true }),
  ]);
  const counts = (respondents: repo.CountRow[]): repo.Aggregates => ({ distributions: [], means: [], respondents });
  const whole = new GroupFigures(counts(wholeCounts));
  const rows = (g: Grouped, kind: 'unit' | 'team', has: Set<string>) => g.groups
    .filter(({ key }) => g.decide(key, metricKey.respondents) === null && !has.has(key))
    .map(({ key, group }) => ({ kind, id: key, name: group.name!, parentId: group.parentId, respondents: g.figures.n(key, metricKey.respondents) }));
  const decide = (input: GroupedInput) => decideGroups(input, round.min_respondents, whole, [metricKey.respondents]);
  return [
    ...rows(decide({ groupBy: 'unit', aggregates: counts(unitCounts), units }), 'unit', targets.units),
    ...rows(decide({ groupBy: 'team', aggregates: counts(teamCounts), teams, overlaps: { rows: overlapRows, units } }), 'team', targets.teams),
  ];
}
