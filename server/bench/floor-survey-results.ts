import type { FastifyInstance } from 'fastify';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type CompiledQuery } from 'kysely';
import * as repo from '../src/survey-results/repository.ts';
import { assertFinished, buildResults, splitWhole } from '../src/survey-results/service.ts';
import type { RunInTransaction, RunQuery } from './floor.ts';

// The floor's survey results: GET /api/v1/survey-rounds/:id/results?groupBy=unit with the
// queries the real route runs (compiled from its repository once, at start, so they cannot
// drift), sent through the same driver at the same moments, and the same building of the
// answer from the rows (buildResults: the counting is SQL, the hiding is the point). What
// the floor leaves out is Fastify's hooks, validation and schema serialisation, and Kysely.

/** Stand-ins for the values each request binds; the compiled queries carry them as parameters. */
const stand = {
  organisation: '00000000-0000-4000-8000-00000000000a',
  round: '00000000-0000-4000-8000-00000000000b',
  template: '00000000-0000-4000-8000-00000000000c',
};

async function compileQueries() {
  const compiled: CompiledQuery[] = [];
  const capture = new Kysely<any>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    log: (event) => void compiled.push(event.query),
  });
  const one = async (run: () => Promise<unknown>) => {
    compiled.length = 0;
    await run();
    if (compiled.length !== 1) throw new Error(`expected one query, got ${compiled.length}`);
    return compiled[0]!;
  };
  // The figures' statement runs in a transaction after its settings (repository.figureSettings).
  const last = async (run: () => Promise<unknown>) => {
    compiled.length = 0;
    await run();
    const statements = compiled.map((q) => q.sql).filter((q) => !['begin', 'commit'].includes(q.toLowerCase()));
    if (JSON.stringify(statements.slice(0, -1)) !== JSON.stringify(repo.figureSettings)) throw new Error(`unexpected statements: ${statements.join('; ')}`);
    return compiled.at(-1)!.sql.toLowerCase() === 'commit' ? compiled.at(-2)! : compiled.at(-1)!;
  };
  const { organisation: o, round: r, template } = stand;
  return {
    round: await one(() => repo.findRound(capture, o, r)),
    questions: await one(() => repo.templateQuestions(capture, o, template)),
    figures: await last(() => repo.figures(capture, o, template, { kind: 'round', roundId: r, grouping: 'unit' }, true)),
    respondents: await one(() => repo.respondents(capture, o, r, 'unit')),
    wholeRespondents: await one(() => repo.respondents(capture, o, r, 'all')),
    units: await one(() => repo.roundUnits(capture, o, r)),
  };
}

export function addSurveyResultsRoute(app: FastifyInstance, query: RunQuery, inTransaction: RunInTransaction, organisationId: string) {
  const queries = compileQueries();
  app.get<{ Params: { id: string } }>('/api/v1/survey-rounds/:id/results', async (request) => {
    const sql = await queries;
    const values = new Map([[stand.organisation, organisationId], [stand.round, request.params.id]]);
    const bind = (q: CompiledQuery) => q.parameters.map((p) => values.get(p as string) ?? p);
    const run = async <T>(q: CompiledQuery) => (await query(q.sql, bind(q))) as unknown as T[];
    const round = assertFinished((await run<repo.RoundRow>(sql.round))[0]);
    values.set(stand.template, round.template_id);
    const [questions, figureRows, respondents, wholeRespondents, units] = await Promise.all([
      run<repo.QuestionRow>(sql.questions), inTransaction(repo.figureSettings, sql.figures.sql, bind(sql.figures)) as Promise<unknown[]> as Promise<repo.FigureRow[]>,
      run<repo.CountRow>(sql.respondents), run<repo.CountRow>(sql.wholeRespondents), run<repo.UnitNode>(sql.units),
    ]);
    const { whole, groups } = splitWhole({ ...repo.shape(figureRows), respondents: [...respondents, ...wholeRespondents] });
    return buildResults({ round, questions, whole, grouped: { groupBy: 'unit', aggregates: groups, units } });
  });
}
