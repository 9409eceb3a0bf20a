import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/types.ts';

// All SQL of the results. Every figure is counted in the database: per group, question
// and value; per group and indicator or effect goal; respondents per group. No query
// here returns an answer row, except the text answers (text.ts decides when).
//
// A group is a text key: 'all' (everyone), a unit id (the unit with every unit below it),
// a team id (its members when they answered), or 'members' / 'rest'.

export type Grouping = 'all' | 'unit' | 'team' | 'membership';

export interface RoundRow {
  id: string;
  template_id: string;
  name: string;
  kind: 'baseline' | 'followUp';
  baseline_round_id: string | null;
  status: 'draft' | 'open' | 'closed';
  opens_at: Date;
  closes_at: Date;
  min_respondents: number;
  min_text_respondents: number;
  invited_count: number;
  /** Closed by hand, or its closing time has passed: no answer can arrive any more. */
  finished: boolean;
}

export interface QuestionRow {
  id: string;
  position: number;
  text: string;
  type: 'scale' | 'yesNo' | 'choice' | 'text';
  options: string[];
  effect_goal: string | null;
  indicator: string | null;
  background: boolean;
}

/** How many in group `g` chose `value` on the question (`value` null: non-empty text answers). */
export interface DistributionRow {
  g: string;
  question_id: string;
  value: number | null;
  n: number;
}

/** An effect goal (indicator null) or indicator in group `g`: respondents, and the sum and count of their scale answers. */
export interface MeanRow {
  g: string;
  effect_goal: string | null;
  indicator: string | null;
  respondents: number;
  total: number;
  answers: number;
}

export interface CountRow {
  g: string;
  n: number;
}

export interface Aggregates {
  distributions: DistributionRow[];
  means: MeanRow[];
  respondents: CountRow[];
}

const finished = sql<boolean>`(status = 'closed' or (status = 'open' and closes_at <= now()))`;

export function findRound(db: Kysely<DB>, organisationId: string, id: string): Promise<RoundRow | undefined> {
  return db.selectFrom('survey_rounds')
    .select(['id', 'template_id', 'name', 'kind', 'baseline_round_id', 'status', 'opens_at', 'closes_at',
      'min_respondents', 'min_text_respondents', 'invited_count', finished.as('finished')])
    .where('organisation_id', '=', organisationId).where('id', '=', id)
    .executeTakeFirst();
}

export function templateQuestions(db: Kysely<DB>, organisationId: string, templateId: string): Promise<QuestionRow[]> {
  return db.selectFrom('survey_questions')
    .select(['id', 'position', 'text', 'type', 'options', 'effect_goal', 'indicator', 'background'])
    .where('organisation_id', '=', organisationId).where('template_id', '=', templateId)
    .orderBy('position').execute();
}

export function templateExists(db: Kysely<DB>, organisationId: string, templateId: string) {
  return db.selectFrom('survey_templates').select('id').where('organisation_id', '=', organisationId).where('id', '=', templateId).executeTakeFirst();
}

/** The group key of each response of the round: one row per response and group (a member of two teams is in both). */
function groupedResponses(organisationId: string, roundId: string, grouping: Exclude<Grouping, 'all'>): RawBuilder<unknown> {
  const key = {
    unit: sql`r.unit_id::text`,
    team: sql`unnest(r.team_ids)::text`,
    membership: sql`case when cardinality(r.team_ids) > 0 then 'members' else 'rest' end`,
  }[grouping];
  return sql`(select r.id, ${key} as g from survey_responses r where r.organisation_id = ${organisationId} and r.round_id = ${roundId})`;
}

/**
 * Every unit of the round's frozen tree (survey_round_units: the units as they stood when
 * it opened) with each unit at or below it: `ancestor_id, unit_id`. Never today's units:
 * a unit moved or deactivated since would change the groups, and two readings of the same
 * round could then be subtracted. A response whose unit is not in the frozen tree counts
 * only in the whole.
 */
function unitClosure(organisationId: string, roundId: string) {
  return sql`tree(ancestor_id, unit_id) as (
    select unit_id, unit_id from survey_round_units where organisation_id = ${organisationId} and round_id = ${roundId}
    union all
    select tree.ancestor_id, u.unit_id from tree join survey_round_units u
      on u.organisation_id = ${organisationId} and u.round_id = ${roundId} and u.parent_id = tree.unit_id)`;
}

/** Where the answers come from, and what groups them. */
export type Source =
  | { kind: 'round'; roundId: string; grouping: Grouping }
  /** Several rounds of one template, each round a group (the trend). */
  | { kind: 'rounds'; roundIds: string[] };

/** A question's bit among the template's (positions 1–100, in two bigints), for a scale question that counts towards a goal or indicator. */
const counted = sql`q.type = 'scale' and not q.background and (q.effect_goal is not null or q.indicator is not null)`;
const bitLo = sql`case when q.position <= 63 then 1::bigint << (q.position - 1) else 0::bigint end`;
const bitHi = sql`case when q.position > 63 then 1::bigint << (q.position - 64) else 0::bigint end`;

/** The answers that count (a value, or a text with words in it), with the group of their response and their question's bit. */
function answersOf(organisationId: string, source: Source): RawBuilder<unknown> {
  const bits = sql`case when ${counted} and a.number_value is not null then ${bitLo} else 0::bigint end as lo,
    case when ${counted} and a.number_value is not null then ${bitHi} else 0::bigint end as hi`;
  const answered = sql`(a.number_value is not null or btrim(coalesce(a.text_value, '')) <> '')`;
  const question = sql`join survey_questions q on q.organisation_id = a.organisation_id and q.id = a.question_id`;
  if (source.kind === 'rounds') {
    return sql`(select a.round_id::text as g, a.response_id, a.question_id, a.number_value as value, ${bits}
      from survey_answers a ${question}
      where a.organisation_id = ${organisationId} and a.round_id in (${sql.join(source.roundIds)}) and ${answered})`;
  }
  if (source.grouping === 'all') {
    return sql`(select 'all' as g, a.response_id, a.question_id, a.number_value as value, ${bits}
      from survey_answers a ${question}
      where a.organisation_id = ${organisationId} and a.round_id = ${source.roundId} and ${answered})`;
  }
  return sql`(select r.g, a.response_id, a.question_id, a.number_value as value, ${bits}
    from survey_answers a ${question} join ${groupedResponses(organisationId, source.roundId, source.grouping)} r on r.id = a.response_id
    where a.organisation_id = ${organisationId} and a.round_id = ${source.roundId} and ${answered})`;
}

/** A counted figure before it is shaped: a value's count (`d`), a key's respondents (`r`) or a key's answers (`t`). */
export interface FigureRow {
  g: string;
  kind: 'd' | 'r' | 't';
  question_id: string | null;
  value: number | null;
  effect_goal: string | null;
  indicator: string | null;
  goal_level: boolean | null;
  n: number;
  total: number;
}

const figureColumns = ['kind', 'question_id', 'value', 'effect_goal', 'indicator', 'goal_level'];

/**
 * Set for the figures' statement only. The planner cannot tell how many respondents a
 * group has (it guesses one per answer), so under the default 4 MB it sorts every answer
 * on disk to count them; 64 MB lets it hash them (20,000 respondents take about 20 MB).
 * JIT compiling the statement costs more than it saves at these sizes.
 */
export const figureSettings = ["set local work_mem = '64MB'", 'set local jit = off'];

/**
 * Every figure of the source in one statement, reading the answers once. The answers are
 * counted per group, question and value, and (a grouping set of the same pass) per
 * respondent as a bitmask of the scale questions they answered: a goal's or indicator's
 * respondents are then the masks sharing a bit with the key's, counted without
 * count(distinct), which would sort every answer. Per unit the counts are summed up the
 * tree (each response has one unit, so no one is counted twice); and where the groups
 * split everyone (units, members and the rest) the whole is their sum, as group `all`.
 */
export async function figures(db: Kysely<DB>, organisationId: string, templateId: string, source: Source, withWhole: boolean): Promise<FigureRow[]> {
  const grouping = source.kind === 'round' ? source.grouping : 'rounds';
  const sums = sql`sum(p.n)::int as n, sum(p.total)::int as total`;
  const columns = sql.join(figureColumns.map((c) => sql.ref(`p.${c}`)));
  const parts = [
    grouping === 'unit'
      ? sql`select tree.ancestor_id::text as g, ${columns}, ${sums} from per_group p join tree on tree.unit_id::text = p.g group by tree.ancestor_id, ${columns}`
      : sql`select p.g, ${columns}, ${sums} from per_group p where p.g is not null group by p.g, ${columns}`,
    ...(withWhole ? [sql`select 'all' as g, ${columns}, ${sums} from per_group p group by ${columns}`] : []),
  ];
  const statement = sql<FigureRow>`with recursive ${source.kind === 'round' && source.grouping === 'unit' ? sql`${unitClosure(organisationId, source.roundId)},` : sql``}
    keys as (
      select q.effect_goal, case when grouping(q.indicator) = 1 then null else q.indicator end as indicator,
        grouping(q.indicator) = 1 as goal_level, bit_or(${bitLo}) as lo, bit_or(${bitHi}) as hi
      from survey_questions q
      where q.organisation_id = ${organisationId} and q.template_id = ${templateId} and ${counted}
      group by grouping sets ((q.effect_goal), (q.effect_goal, q.indicator))),
    wanted as materialized (
      select * from keys where (goal_level and effect_goal is not null) or (not goal_level and indicator is not null)),
    base as materialized (
      select x.g, x.question_id, x.value, count(*)::int as n, coalesce(sum(x.value), 0)::int as total,
        bit_or(x.lo) as lo, bit_or(x.hi) as hi, grouping(x.response_id) = 0 as per_response
      from ${answersOf(organisationId, source)} x
      group by grouping sets ((x.g, x.question_id, x.value), (x.g, x.response_id))),
    per_group as (
      select g, 'd' as kind, question_id, value, null::text as effect_goal, null::text as indicator, null::boolean as goal_level, n, 0 as total
        from base where not per_response
      union all
      select b.g, 'r', null, null, k.effect_goal, k.indicator, k.goal_level, count(*)::int, 0
        from base b join wanted k on (b.lo & k.lo) <> 0 or (b.hi & k.hi) <> 0
        where b.per_response group by b.g, k.effect_goal, k.indicator, k.goal_level
      union all
      select b.g, 't', null, null, k.effect_goal, k.indicator, k.goal_level, sum(b.n)::int, sum(b.total)::int
        from base b join wanted k on (b.lo & k.lo) <> 0 or (b.hi & k.hi) <> 0
        where not b.per_response and b.value is not null group by b.g, k.effect_goal, k.indicator, k.goal_level)
    ${sql.join(parts, sql` union all `)}`;
  return db.transaction().execute(async (trx) => {
    for (const setting of figureSettings) await sql.raw(setting).execute(trx);
    return (await statement.execute(trx)).rows;
  });
}

/** The counted rows shaped as distributions and goal and indicator figures. */
export function shape(rows: FigureRow[]): Omit<Aggregates, 'respondents'> {
  const distributions: DistributionRow[] = [];
  const means = new Map<string, MeanRow>();
  for (const row of rows) {
    if (row.kind === 'd') {
      distributions.push({ g: row.g, question_id: row.question_id!, value: row.value, n: row.n });
      continue;
    }
    const indicator = row.goal_level ? null : row.indicator;
    const key = `${row.g}|${row.goal_level}|${row.effect_goal}|${indicator}`;
    const mean = means.get(key) ?? { g: row.g, effect_goal: row.effect_goal, indicator, respondents: 0, total: 0, answers: 0 };
    if (row.kind === 'r') mean.respondents = row.n;
    else Object.assign(mean, { total: row.total, answers: row.n });
    means.set(key, mean);
  }
  return { distributions, means: [...means.values()] };
}

/**
 * A count behind the overlap check (suppression.decideOverlaps), per figure `m` (the keys
 * of figures.metricKey): a group's respondents (`n`: a unit with the units below it, a
 * team, 'members' or 'rest'), a unit's respondents in teams (`um`), or the respondents a
 * team shares with a unit or another team (`p`, `b` the other).
 */
export interface OverlapRow {
  kind: 'n' | 'um' | 'p';
  a: string;
  b: string | null;
  m: string;
  n: number;
}

/**
 * The counts of every group of every breakdown at once, and of the pairs that overlap.
 * Respondents in the same unit with the same teams are in exactly the same groups, so the
 * answers are counted once per such cell (unit, teams) and figure, and every group and
 * pair is a sum of cells. Pairs are those of a team and a unit (every unit above its
 * people) or another team that share at least one respondent: any overlap can give a few
 * away (suppression.reveals), and a pair not listed shares nobody. There are as many as
 * teams times the depth of the tree their people sit in, not teams times units. With `respondentsOnly`, only the respondent counts (`m` 'r'), from the responses alone:
 * no answer is read.
 */
export async function overlaps(
  db: Kysely<DB>, organisationId: string, round: { id: string; template_id: string }, options: { respondentsOnly?: boolean } = {},
): Promise<OverlapRow[]> {
  const metric = sql`case when k.goal_level then 'g:' || k.effect_goal else 'i:' || coalesce(k.effect_goal, '') || ':' || k.indicator end`;
  const answerCells = options.respondentsOnly ? sql`` : sql`
      select unit_id, team_ids, 'q:' || question_id::text as m, n from base where not per_response
      union all
      select b.unit_id, b.team_ids, ${metric}, count(*)::int from base b join wanted k on (b.lo & k.lo) <> 0 or (b.hi & k.hi) <> 0
        where b.per_response group by b.unit_id, b.team_ids, k.effect_goal, k.indicator, k.goal_level
      union all`;
  const answerCtes = options.respondentsOnly ? sql`` : sql`
    keys as (
      select q.effect_goal, case when grouping(q.indicator) = 1 then null else q.indicator end as indicator,
        grouping(q.indicator) = 1 as goal_level, bit_or(${bitLo}) as lo, bit_or(${bitHi}) as hi
      from survey_questions q
      where q.organisation_id = ${organisationId} and q.template_id = ${round.template_id} and ${counted}
      group by grouping sets ((q.effect_goal), (q.effect_goal, q.indicator))),
    wanted as materialized (
      select * from keys where (goal_level and effect_goal is not null) or (not goal_level and indicator is not null)),
    base as materialized (
      select r.unit_id, r.team_ids, x.question_id, count(*)::int as n, bit_or(x.lo) as lo, bit_or(x.hi) as hi, grouping(x.response_id) = 0 as per_response
      from ${answersOf(organisationId, { kind: 'round', roundId: round.id, grouping: 'all' })} x join resp r on r.id = x.response_id
      group by grouping sets ((r.unit_id, r.team_ids, x.question_id), (r.unit_id, r.team_ids, x.response_id))),`;
  const statement = sql<OverlapRow>`with recursive ${unitClosure(organisationId, round.id)},
    resp as materialized (
      select r.id, r.unit_id, r.team_ids from survey_responses r where r.organisation_id = ${organisationId} and r.round_id = ${round.id}),${answerCtes}
    cells as materialized (${answerCells}
      select unit_id, team_ids, 'r' as m, count(*)::int as n from resp group by unit_id, team_ids),
    per_unit as (
      select unit_id, m, sum(n)::int as n, sum(case when cardinality(team_ids) > 0 then n else 0 end)::int as members
      from cells where unit_id is not null group by unit_id, m),
    -- A cell once per team of it. Materialized, and joined to the tree by unit alone, so
    -- every pair of a team and a unit above its people is one hash join away from the cells:
    -- inlined, the planner (which cannot tell how few teams a cell has) matched every cell
    -- with every unit first and only then looked at the team, tens of millions of rows.
    cell_teams as materialized (
      select c.unit_id, t.id as team_id, c.m, c.n from cells c cross join unnest(c.team_ids) as t(id)),
    team_units as materialized (
      select c.team_id, tree.ancestor_id as unit_id, c.m, sum(c.n)::int as n from cell_teams c join tree on tree.unit_id = c.unit_id
      group by c.team_id, tree.ancestor_id, c.m)
    select 'n' as kind, tree.ancestor_id::text as a, null::text as b, u.m, sum(u.n)::int as n
      from per_unit u join tree on tree.unit_id = u.unit_id group by tree.ancestor_id, u.m
    union all
    select 'um', tree.ancestor_id::text, null, u.m, sum(u.members)::int from per_unit u join tree on tree.unit_id = u.unit_id group by tree.ancestor_id, u.m
    union all
    select 'n', g, null, m, sum(n)::int from (
      select case when cardinality(team_ids) > 0 then 'members' else 'rest' end as g, m, n from cells) c group by g, m
    union all
    select 'n', c.team_id::text, null, c.m, sum(c.n)::int from cell_teams c group by c.team_id, c.m
    union all
    select 'p', team_id::text, unit_id::text, m, n from team_units
    union all
    select 'p', t1.id::text, t2.id::text, c.m, sum(c.n)::int from cells c cross join unnest(c.team_ids) as t1(id) cross join unnest(c.team_ids) as t2(id)
      where cardinality(c.team_ids) > 1 and t1.id < t2.id group by t1.id, t2.id, c.m`;
  return db.transaction().execute(async (trx) => {
    for (const setting of figureSettings) await sql.raw(setting).execute(trx);
    return (await statement.execute(trx)).rows;
  });
}

export async function respondents(db: Kysely<DB>, organisationId: string, roundId: string, grouping: Grouping) {
  if (grouping === 'all') {
    return (await sql<CountRow>`select 'all' as g, count(*)::int as n from survey_responses
      where organisation_id = ${organisationId} and round_id = ${roundId}`.execute(db)).rows;
  }
  const per = sql`(select r.g, count(*)::int as n from ${groupedResponses(organisationId, roundId, grouping)} r where r.g is not null group by r.g)`;
  const query = grouping === 'unit'
    ? sql`with recursive ${unitClosure(organisationId, roundId)} select tree.ancestor_id::text as g, sum(b.n)::int as n from ${per} b
        join tree on tree.unit_id::text = b.g group by tree.ancestor_id`
    : sql`select g, n from ${per} b`;
  return (await sql<CountRow>`${query}`.execute(db)).rows;
}

/** Whether the groups of a grouping split the respondents, so the whole is their sum. */
export const splitsEveryone = (grouping: Grouping) => grouping === 'unit' || grouping === 'membership';

/**
 * Everything counted for one grouping of the round. With `whole`, the organisation's
 * figures too (group `all`): from the same pass where the groups split everyone, else
 * from a pass of their own.
 */
export async function aggregate(
  db: Kysely<DB>, organisationId: string, round: { id: string; template_id: string }, grouping: Grouping, options: { whole: boolean } = { whole: false },
): Promise<Aggregates> {
  const source: Source = { kind: 'round', roundId: round.id, grouping };
  const together = grouping === 'all' || (options.whole && splitsEveryone(grouping));
  const [rows, wholeRows, counts, wholeCounts] = await Promise.all([
    figures(db, organisationId, round.template_id, source, together && grouping !== 'all'),
    options.whole && !together ? figures(db, organisationId, round.template_id, { ...source, grouping: 'all' }, false) : [],
    respondents(db, organisationId, round.id, grouping),
    options.whole && grouping !== 'all' ? respondents(db, organisationId, round.id, 'all') : [],
  ]);
  const shaped = shape([...rows, ...wholeRows]);
  return { ...shaped, respondents: [...counts, ...wholeCounts] };
}

export interface UnitNode {
  id: string;
  name: string;
  parent_id: string | null;
  active: boolean;
}

/** The round's frozen unit tree (the active units when it opened, as they stood then), by name. */
export async function roundUnits(db: Kysely<DB>, organisationId: string, roundId: string): Promise<UnitNode[]> {
  return db.selectFrom('survey_round_units').select(['unit_id as id', 'name', 'parent_id', sql<boolean>`true`.as('active')])
    .where('organisation_id', '=', organisationId).where('round_id', '=', roundId)
    .orderBy('name').orderBy('unit_id').execute();
}

/** Teams that have started (only their members are counted in a team), by name. */
export function teams(db: Kysely<DB>, organisationId: string) {
  return db.selectFrom('teams').select(['id', 'name', 'status']).where('organisation_id', '=', organisationId)
    .orderBy('name').orderBy('id').execute();
}

export interface TrendRoundRow extends Omit<RoundRow, 'template_id' | 'status' | 'invited_count' | 'min_text_respondents' | 'finished'> {
  responses: number;
}

/** The template's finished rounds, baselines first, each by when it opened. */
export async function finishedRounds(db: Kysely<DB>, organisationId: string, templateId: string): Promise<TrendRoundRow[]> {
  return db.selectFrom('survey_rounds as r')
    .select(['r.id', 'r.name', 'r.kind', 'r.baseline_round_id', 'r.opens_at', 'r.closes_at', 'r.min_respondents'])
    .select(sql<number>`(select count(*)::int from survey_responses s where s.organisation_id = r.organisation_id and s.round_id = r.id)`.as('responses'))
    .where('r.organisation_id', '=', organisationId).where('r.template_id', '=', templateId)
    .where(sql<boolean>`(r.status = 'closed' or (r.status = 'open' and r.closes_at <= now()))`)
    .orderBy(sql`case when r.kind = 'baseline' then 0 else 1 end`).orderBy('r.opens_at').orderBy('r.id')
    .execute();
}

/** Effect goal and indicator figures of several rounds of one template at once, keyed by round id. */
export async function meansByRound(db: Kysely<DB>, organisationId: string, templateId: string, roundIds: string[]): Promise<MeanRow[]> {
  if (roundIds.length === 0) return [];
  return shape(await figures(db, organisationId, templateId, { kind: 'rounds', roundIds }, false)).means;
}

/** Non-empty text answers to the question: how many. */
export async function countTextAnswers(db: Kysely<DB>, organisationId: string, roundId: string, questionId: string) {
  const row = await sql<{ n: number }>`select count(*)::int as n from survey_answers
    where organisation_id = ${organisationId} and round_id = ${roundId} and question_id = ${questionId}
      and btrim(coalesce(text_value, '')) <> ''`.execute(db);
  return row.rows[0]?.n ?? 0;
}

/**
 * A page of the text answers, in an order that says nothing about when they were given:
 * by a hash of the response id salted with the question id, so two questions' answers
 * come in different orders and cannot be lined up to find one respondent's answers.
 */
export async function textAnswerPage(db: Kysely<DB>, organisationId: string, roundId: string, questionId: string, after: string | null, limit: number) {
  const rows = await sql<{ text: string; k: string }>`select * from (
      select text_value as text, md5(response_id::text || ${questionId}::text) as k from survey_answers
      where organisation_id = ${organisationId} and round_id = ${roundId} and question_id = ${questionId}
        and btrim(coalesce(text_value, '')) <> '') t
    ${after === null ? sql`` : sql`where t.k > ${after}`}
    order by t.k limit ${limit + 1}`.execute(db);
  return rows.rows;
}

/** Units and teams that have an action for the round. */
export async function actionTargets(db: Kysely<DB>, organisationId: string, roundId: string) {
  const rows = await db.selectFrom('follow_up_actions').select(['unit_id', 'team_id'])
    .where('organisation_id', '=', organisationId).where('round_id', '=', roundId).execute();
  return {
    units: new Set(rows.flatMap((r) => (r.unit_id ? [r.unit_id] : []))),
    teams: new Set(rows.flatMap((r) => (r.team_id ? [r.team_id] : []))),
  };
}
