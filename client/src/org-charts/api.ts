import type {
  OrgChart, OrgChartComment, OrgChartCommentCreate, OrgChartCommentPage, OrgChartCommentRound, OrgChartComparison, OrgChartDecision,
  OrgChartProposal, OrgChartProposalCreate, OrgChartProposalPage, OrgChartProposalPatch,
} from '@lagverk/shared';
import { request } from '../api/client.ts';

const path = (id: string) => `/org-chart-proposals/${encodeURIComponent(id)}`;

export const getOrgChart = (rootUnitId?: string) => request<OrgChart>('/org-chart', { query: { rootUnitId } });
export const listProposals = (processId: string) =>
  request<OrgChartProposalPage>(`/change-processes/${encodeURIComponent(processId)}/org-chart-proposals`, { query: { limit: 200 } });
export const createProposal = (processId: string, body: OrgChartProposalCreate) =>
  request<OrgChartProposal>(`/change-processes/${encodeURIComponent(processId)}/org-chart-proposals`, { method: 'POST', body });
export const getProposal = (id: string) => request<OrgChartProposal>(path(id));
export const updateProposal = (p: OrgChartProposal, body: OrgChartProposalPatch) =>
  request<OrgChartProposal>(path(p.id), { method: 'PATCH', body, ifMatch: p.version });
export const deleteProposal = (p: OrgChartProposal) => request<undefined>(path(p.id), { method: 'DELETE', ifMatch: p.version });
export const compareProposal = (id: string, against: string) => request<OrgChartComparison>(`${path(id)}/comparison`, { query: { against } });
export const openRound = (id: string, closesOn: string) =>
  request<OrgChartCommentRound>(`${path(id)}/comment-rounds`, { method: 'POST', body: { closesOn } });
export const closeRound = (roundId: string) =>
  request<OrgChartCommentRound>(`/org-chart-comment-rounds/${encodeURIComponent(roundId)}/close`, { method: 'POST', body: {} });
export const listComments = (id: string) => request<OrgChartCommentPage>(`${path(id)}/comments`, { query: { limit: 200 } });
export const addComment = (id: string, body: OrgChartCommentCreate) => request<OrgChartComment>(`${path(id)}/comments`, { method: 'POST', body });
export const decideProposal = (p: OrgChartProposal, body: OrgChartDecision) =>
  request<OrgChartProposal>(`${path(p.id)}/decide`, { method: 'POST', body, ifMatch: p.version });
export const applyProposal = (p: OrgChartProposal) => request<OrgChartProposal>(`${path(p.id)}/apply`, { method: 'POST', body: {}, ifMatch: p.version });
