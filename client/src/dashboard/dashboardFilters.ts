import type { DashboardQuery } from '@lagverk/shared';
import type { LocationQuery } from 'vue-router';
import { queryText } from '../shell/listQuery.ts';

// The dashboard's unit and period live in the address, so a shared link shows the same figures.

export interface DashboardFilterValues {
  unitId: string;
  from: string;
  to: string;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isoDay = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

export function dashboardFiltersFrom(query: LocationQuery): DashboardFilterValues {
  const unitId = queryText(query, 'unitId');
  const from = queryText(query, 'from');
  const to = queryText(query, 'to');
  return { unitId: uuid.test(unitId) ? unitId : '', from: isoDay.test(from) ? from : '', to: isoDay.test(to) ? to : '' };
}

/** The API query: empty filters left out, so the server's defaults (the last year) apply. */
export function dashboardQuery(filters: DashboardFilterValues): DashboardQuery {
  return {
    ...(filters.unitId ? { unitId: filters.unitId } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
  };
}
