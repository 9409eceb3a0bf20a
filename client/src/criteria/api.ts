import type { CriteriaSet, CriteriaSetCreate, CriteriaSetListQuery, CriteriaSetPage, CriteriaSetPatch } from '@lagverk/shared';
import { request } from '../api/client.ts';

const path = (id: string) => `/criteria-sets/${encodeURIComponent(id)}`;

export const listCriteriaSets = (query: CriteriaSetListQuery) => request<CriteriaSetPage>('/criteria-sets', { query });
export const getCriteriaSet = (id: string) => request<CriteriaSet>(path(id));
export const createCriteriaSet = (body: CriteriaSetCreate) => request<CriteriaSet>('/criteria-sets', { method: 'POST', body });
export const updateCriteriaSet = (id: string, version: number, body: CriteriaSetPatch) =>
  request<CriteriaSet>(path(id), { method: 'PATCH', body, ifMatch: version });
/** Makes the draft the published version; from then on it cannot change. */
export const publishCriteriaSet = (id: string, version: number) =>
  request<CriteriaSet>(`${path(id)}/publish`, { method: 'POST', ifMatch: version });
/** Starts the next version's draft in the same series, as a copy of this one. */
export const reviseCriteriaSet = (id: string) => request<CriteriaSet>(`${path(id)}/revise`, { method: 'POST' });

/** The newest published establishment set: the one a new proposal is assessed against. */
export async function currentEstablishmentSet(): Promise<CriteriaSet | null> {
  const page = await listCriteriaSets({ kind: 'establishment', status: 'published', limit: 1 });
  return page.items[0] ?? null;
}
