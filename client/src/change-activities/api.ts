import type { ChangeActivity, ChangeActivityCreate, ChangeActivityPatch, ChangeActivitySummary } from '@lagverk/shared';
import { fetchAllPages, request } from '../api/client.ts';

const path = (id: string) => `/change-activities/${encodeURIComponent(id)}`;
const processPath = (id: string) => `/change-processes/${encodeURIComponent(id)}`;

/** Every activity of the process, page after page (a process has tens, not thousands). */
export const listAllActivities = (processId: string) => fetchAllPages<ChangeActivity>(`${processPath(processId)}/activities`);

export const getActivitySummary = (processId: string) => request<ChangeActivitySummary>(`${processPath(processId)}/activity-summary`);
export const getActivity = (id: string) => request<ChangeActivity>(path(id));
export const createActivity = (processId: string, body: ChangeActivityCreate) =>
  request<ChangeActivity>(`${processPath(processId)}/activities`, { method: 'POST', body });
export const updateActivity = (activity: ChangeActivity, body: ChangeActivityPatch) =>
  request<ChangeActivity>(path(activity.id), { method: 'PATCH', body, ifMatch: activity.version });
export const deleteActivity = (activity: ChangeActivity) => request<undefined>(path(activity.id), { method: 'DELETE', ifMatch: activity.version });
