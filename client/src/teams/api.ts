import type {
  Assessment, AssessmentPut, Member, MemberCreate, MemberPatch, Team, TeamCreate, TeamDecision, TeamListQuery, TeamPage, TeamPatch,
  TeamTimeline,
} from '@lagverk/shared';
import { request } from '../api/client.ts';
import type { TeamAction } from './lifecycle.ts';

const path = (id: string) => `/teams/${encodeURIComponent(id)}`;

export const listTeams = (query: TeamListQuery) => request<TeamPage>('/teams', { query });
export const getTeam = (id: string) => request<Team>(path(id));
export const createTeam = (body: TeamCreate) => request<Team>('/teams', { method: 'POST', body });
export const updateTeam = (id: string, version: number, body: TeamPatch) =>
  request<Team>(path(id), { method: 'PATCH', body, ifMatch: version });
/** Only a draft can be deleted; anything later is part of the record (409). */
export const deleteTeam = (id: string, version: number) => request<undefined>(path(id), { method: 'DELETE', ifMatch: version });

/** A lifecycle step; approve and reject carry the decision's reason. */
export const runTeamAction = (id: string, version: number, action: TeamAction, decision?: TeamDecision) =>
  request<Team>(`${path(id)}/${action}`, { method: 'POST', ifMatch: version, ...(decision ? { body: decision } : {}) });

export const getAssessment = (id: string) => request<Assessment>(`${path(id)}/assessment`);
export const putAssessment = (id: string, version: number, body: AssessmentPut) =>
  request<Assessment>(`${path(id)}/assessment`, { method: 'PUT', body, ifMatch: version });

export const listMembers = (id: string) => request<{ items: Member[] }>(`${path(id)}/members`);
export const addMember = (id: string, body: MemberCreate) => request<Member>(`${path(id)}/members`, { method: 'POST', body });
export const updateMember = (id: string, member: Member, body: MemberPatch) =>
  request<Member>(`${path(id)}/members/${encodeURIComponent(member.id)}`, { method: 'PATCH', body, ifMatch: member.version });

export const getTimeline = (id: string, cursor?: string) =>
  request<TeamTimeline>(`${path(id)}/timeline`, { query: { limit: 200, cursor } });
