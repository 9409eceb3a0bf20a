import type { Unit, UnitCreate, UnitListQuery, UnitPage, UnitPatch } from '@lagverk/shared';
import { fetchAllPages, request } from '../api/client.ts';

export const listUnits = (query: UnitListQuery) => request<UnitPage>('/units', { query });
export const listAllUnits = () => fetchAllPages<Unit>('/units');
export const getUnit = (id: string) => request<Unit>(`/units/${encodeURIComponent(id)}`);
export const createUnit = (body: UnitCreate) => request<Unit>('/units', { method: 'POST', body });
export const updateUnit = (id: string, version: number, body: UnitPatch) =>
  request<Unit>(`/units/${encodeURIComponent(id)}`, { method: 'PATCH', body, ifMatch: version });
