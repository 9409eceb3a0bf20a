import { effectGoals, teamStatuses, type EffectGoal, type TeamListQuery, type TeamStatus } from '@lagverk/shared';
import type { LocationQuery } from 'vue-router';
import { queryChoice, queryText } from '../shell/listQuery.ts';
import { sortOptions, type SortOption } from '../shell/sorts.ts';

/** The catalogue's filters as the form shows them (strings; empty means "all"). */
export interface TeamFilterValues {
  q: string;
  status: string;
  unitId: string;
  profession: string;
  effectGoal: string;
  sort: string;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function teamFiltersFrom(query: LocationQuery): TeamFilterValues {
  const unitId = queryText(query, 'unitId');
  return {
    q: queryText(query, 'q'),
    status: queryChoice(query, 'status', teamStatuses) ?? '',
    unitId: uuid.test(unitId) ? unitId : '',
    profession: queryText(query, 'profession').slice(0, 100),
    effectGoal: queryChoice(query, 'effectGoal', effectGoals) ?? '',
    sort: queryChoice(query, 'sort', sortOptions) ?? 'name',
  };
}

export function teamListQuery(query: LocationQuery): TeamListQuery {
  const filters = teamFiltersFrom(query);
  return {
    limit: 25,
    sort: filters.sort as SortOption,
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.status ? { status: filters.status as TeamStatus } : {}),
    ...(filters.unitId ? { unitId: filters.unitId } : {}),
    ...(filters.profession ? { profession: filters.profession } : {}),
    ...(filters.effectGoal ? { effectGoal: filters.effectGoal as EffectGoal } : {}),
  };
}
