import type { CriteriaKind, CriteriaSetListQuery, CriteriaSetStatus } from '@lagverk/shared';
import type { LocationQuery } from 'vue-router';
import { queryChoice, queryText } from '../shell/listQuery.ts';

export const criteriaKinds: CriteriaKind[] = ['establishment', 'evaluation'];
export const criteriaSetStatuses: CriteriaSetStatus[] = ['draft', 'published', 'superseded'];

/** The criteria list's filters as the form shows them (strings; empty means "all"). */
export interface CriteriaFilterValues {
  q: string;
  kind: string;
  status: string;
}

export function criteriaFiltersFrom(query: LocationQuery): CriteriaFilterValues {
  return {
    q: queryText(query, 'q'),
    kind: queryChoice(query, 'kind', criteriaKinds) ?? '',
    status: queryChoice(query, 'status', criteriaSetStatuses) ?? '',
  };
}

export function criteriaListQuery(query: LocationQuery): CriteriaSetListQuery {
  const filters = criteriaFiltersFrom(query);
  return {
    limit: 25,
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.kind ? { kind: filters.kind as CriteriaKind } : {}),
    ...(filters.status ? { status: filters.status as CriteriaSetStatus } : {}),
  };
}
