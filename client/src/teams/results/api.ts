import type { TeamResult, TeamResultCreate, TeamResultPage, TeamResultPatch } from '@lagverk/shared';
import { request } from '../../api/client.ts';

const results = (teamId: string) => `/teams/${encodeURIComponent(teamId)}/results`;
const result = (teamId: string, resultId: string) => `${results(teamId)}/${encodeURIComponent(resultId)}`;

export const listResults = (teamId: string, cursor?: string) => request<TeamResultPage>(results(teamId), { query: { limit: 200, cursor } });
export const getResult = (teamId: string, resultId: string) => request<TeamResult>(result(teamId, resultId));
export const createResult = (teamId: string, body: TeamResultCreate) => request<TeamResult>(results(teamId), { method: 'POST', body });
export const updateResult = (teamId: string, current: TeamResult, body: TeamResultPatch) =>
  request<TeamResult>(result(teamId, current.id), { method: 'PATCH', body, ifMatch: current.version });
export const deleteResult = (teamId: string, current: TeamResult) =>
  request<undefined>(result(teamId, current.id), { method: 'DELETE', ifMatch: current.version });
