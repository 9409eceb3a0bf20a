import type { AuditQuery } from '@lagverk/shared';
import type { LocationQuery } from 'vue-router';
import { queryChoice, queryText } from '../shell/listQuery.ts';
import { auditEntities } from './auditEntities.ts';

/** The trail's filters as the form shows them (strings; empty means "all"); dates are YYYY-MM-DD. */
export interface AuditFilterValues {
  entity: string;
  personId: string;
  tokenId: string;
  from: string;
  to: string;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

const idFrom = (query: LocationQuery, key: string) => {
  const value = queryText(query, key);
  return uuid.test(value) ? value : '';
};
const dateFrom = (query: LocationQuery, key: string) => {
  const value = queryText(query, key);
  return isoDate.test(value) && startOfDay(value, 0) ? value : '';
};

/** Midnight at the start of `date` plus `days`, in the user's time zone, as the API's timestamp. */
function startOfDay(date: string, days: number): string | null {
  const start = new Date(`${date}T00:00:00`);
  if (Number.isNaN(start.getTime())) return null;
  start.setDate(start.getDate() + days);
  return start.toISOString();
}

export function auditFiltersFrom(query: LocationQuery): AuditFilterValues {
  return {
    entity: queryChoice(query, 'entity', auditEntities) ?? '',
    personId: idFrom(query, 'personId'),
    tokenId: idFrom(query, 'tokenId'),
    from: dateFrom(query, 'from'),
    to: dateFrom(query, 'to'),
  };
}

/** "From" and "to" are whole days: to 3 March includes all of 3 March. */
export function auditListQuery(query: LocationQuery): AuditQuery {
  const filters = auditFiltersFrom(query);
  const from = filters.from ? startOfDay(filters.from, 0) : null;
  const to = filters.to ? startOfDay(filters.to, 1) : null;
  return {
    limit: 50,
    ...(filters.entity ? { entity: filters.entity } : {}),
    ...(filters.personId ? { personId: filters.personId } : {}),
    ...(filters.tokenId ? { tokenId: filters.tokenId } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}
