import { grantableRoles, type AccountListQuery } from '@lagverk/shared';
import type { LocationQuery } from 'vue-router';
import { queryBoolean, queryChoice, queryText } from '../shell/listQuery.ts';

/** The account list's filters as the form shows them (strings; empty means "all"). */
export interface AccountFilterValues {
  q: string;
  role: string;
  active: string;
}

export function accountFiltersFrom(query: LocationQuery): AccountFilterValues {
  const active = queryBoolean(query, 'active');
  return {
    q: queryText(query, 'q').slice(0, 200),
    role: queryChoice(query, 'role', grantableRoles) ?? '',
    active: active === undefined ? '' : String(active),
  };
}

export function accountListQuery(query: LocationQuery): AccountListQuery {
  const filters = accountFiltersFrom(query);
  const active = queryBoolean(query, 'active');
  return {
    limit: 25,
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.role ? { role: filters.role as AccountListQuery['role'] } : {}),
    ...(active !== undefined ? { active } : {}),
  };
}
