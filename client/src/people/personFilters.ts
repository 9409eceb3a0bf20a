import type { PersonListQuery } from '@lagverk/shared';
import type { LocationQuery } from 'vue-router';
import { queryBoolean, queryChoice, queryText } from '../shell/listQuery.ts';
import { sortOptions, type SortOption } from '../shell/sorts.ts';

/** The people list's filters as the form shows them (strings; empty means "all"). */
export interface PersonFilterValues {
  q: string;
  unitId: string;
  profession: string;
  active: string;
  sort: string;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function personFiltersFrom(query: LocationQuery): PersonFilterValues {
  const unitId = queryText(query, 'unitId');
  return {
    q: queryText(query, 'q'),
    unitId: uuid.test(unitId) ? unitId : '',
    profession: queryText(query, 'profession').slice(0, 100),
    active: queryText(query, 'active'),
    sort: queryChoice(query, 'sort', sortOptions) ?? 'name',
  };
}

export function personListQuery(query: LocationQuery): PersonListQuery {
  const filters = personFiltersFrom(query);
  const active = queryBoolean(query, 'active');
  return {
    limit: 25,
    sort: filters.sort as SortOption,
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.unitId ? { unitId: filters.unitId } : {}),
    ...(filters.profession ? { profession: filters.profession } : {}),
    ...(active !== undefined ? { active } : {}),
  };
}
