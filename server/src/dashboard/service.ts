import type { Kysely } from 'kysely';
import type { Dashboard, DashboardQuery } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { notFound } from '../http/problem.ts';
import { arenaFigures, competenceFigures, experienceFigures } from './activity.ts';
import { resolvePeriod } from './period.ts';
import { evaluationFigures, findUnitName, followUpFigures, resultCounts, teamFigures, type Scope } from './repository.ts';
import { effectGoalTrends } from './trends.ts';

/** The effect dashboard for the organisation, or for one unit and the units below it. */
export async function buildDashboard(db: Kysely<DB>, organisationId: string, query: DashboardQuery): Promise<Dashboard> {
  const period = resolvePeriod(query);
  const unitId = query.unitId ?? null;
  const unitName = unitId === null ? null : await findUnitName(db, organisationId, unitId);
  if (unitId !== null && unitName === null) throw notFound('The unit');
  const scope: Scope = { organisationId, unitId };
  const [teams, byCategory, evaluations, followUpActions, effectGoals, competence, arenas, experiences] = await Promise.all([
    teamFigures(db, scope),
    resultCounts(db, scope, period),
    evaluationFigures(db, scope, period),
    followUpFigures(db, scope),
    effectGoalTrends(db, organisationId, unitId, period.to),
    competenceFigures(db, scope, period),
    // Arenas belong to the whole organisation: not narrowed to the unit.
    arenaFigures(db, organisationId, period),
    experienceFigures(db, scope, period),
  ]);
  return {
    period,
    unit: unitId === null ? null : { id: unitId, name: unitName! },
    effectGoals,
    teams,
    results: { total: Object.values(byCategory).reduce((a, b) => a + b, 0), byCategory },
    evaluations,
    followUpActions,
    competence,
    arenas,
    experiences,
  };
}
