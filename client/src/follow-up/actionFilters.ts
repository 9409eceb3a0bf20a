import { followUpSortOptions, followUpStatuses, type FollowUpActionListQuery, type FollowUpStatus } from '@lagverk/shared';
import type { LocationQuery } from 'vue-router';
import { queryChoice, queryText } from '../shell/listQuery.ts';

/**
 * The list query. `sort` is typed here from the shared list of options: the shared schema
 * builds its union from a mapped array, which TypeBox cannot type.
 */
export type ActionListQuery = Omit<FollowUpActionListQuery, 'sort'> & { sort?: (typeof followUpSortOptions)[number] };

/** The list's filters as the form shows them (strings; empty means "all"). */
export interface ActionFilterValues {
  roundId: string;
  unitId: string;
  teamId: string;
  status: string;
  reviewDue: string;
  sort: string;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const id = (query: LocationQuery, key: string) => {
  const value = queryText(query, key);
  return uuid.test(value) ? value : '';
};

export function actionFiltersFrom(query: LocationQuery): ActionFilterValues {
  return {
    roundId: id(query, 'roundId'),
    unitId: id(query, 'unitId'),
    teamId: id(query, 'teamId'),
    status: queryChoice(query, 'status', followUpStatuses) ?? '',
    reviewDue: queryText(query, 'reviewDue') === 'true' ? 'true' : '',
    sort: queryChoice(query, 'sort', followUpSortOptions) ?? 'nextReviewOn',
  };
}

export function actionListQuery(query: LocationQuery): ActionListQuery {
  const filters = actionFiltersFrom(query);
  return {
    limit: 25,
    sort: filters.sort as ActionListQuery['sort'],
    ...(filters.roundId ? { roundId: filters.roundId } : {}),
    ...(filters.unitId ? { unitId: filters.unitId } : {}),
    ...(filters.teamId ? { teamId: filters.teamId } : {}),
    ...(filters.status ? { status: filters.status as FollowUpStatus } : {}),
    ...(filters.reviewDue ? { reviewDue: true } : {}),
  };
}
