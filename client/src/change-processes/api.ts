import type { ChangeProcess, ChangeProcessCreate, ChangeProcessListQuery, ChangeProcessPage, ChangeProcessPatch } from '@lagverk/shared';
import { request } from '../api/client.ts';

const path = (id: string) => `/change-processes/${encodeURIComponent(id)}`;

export const listChangeProcesses = (query: ChangeProcessListQuery) => request<ChangeProcessPage>('/change-processes', { query: { ...query } });
export const getChangeProcess = (id: string) => request<ChangeProcess>(path(id));
export const createChangeProcess = (body: ChangeProcessCreate) => request<ChangeProcess>('/change-processes', { method: 'POST', body });
export const updateChangeProcess = (id: string, version: number, body: ChangeProcessPatch) =>
  request<ChangeProcess>(path(id), { method: 'PATCH', body, ifMatch: version });
