import { unitKinds, type UnitListQuery } from '@lagverk/shared';
import type { LocationQuery } from 'vue-router';
import { queryBoolean, queryChoice, queryText } from '../shell/listQuery.ts';
import { sortOptions, type SortOption } from '../shell/sorts.ts';

/** The unit list's filters as the form shows them (strings; empty means "all"). */
export interface UnitFilterValues {
  q: string;
  kind: string;
  active: string;
  sort: string;
}

export const pageSize = 25;

export function unitFiltersFrom(query: LocationQuery): UnitFilterValues {
  return {
    q: queryText(query, 'q'),
    kind: queryChoice(query, 'kind', unitKinds) ?? '',
    active: queryText(query, 'active'),
    sort: queryChoice(query, 'sort', sortOptions) ?? 'name',
  };
}

export function unitListQuery(query: LocationQuery): UnitListQuery {
  const filters = unitFiltersFrom(query);
  return {
    limit: pageSize,
    sort: filters.sort as SortOption,
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.kind ? { kind: filters.kind as UnitListQuery['kind'] } : {}),
    ...(queryBoolean(query, 'active') !== undefined ? { active: queryBoolean(query, 'active') } : {}),
  };
}
