import type {
  FollowUpAction, FollowUpActionCreate, FollowUpActionPage, FollowUpActionPatch, FollowUpReviewCreate,
  FollowUpReviewPage, FollowUpReviewResult, WithoutActionsList,
} from '@lagverk/shared';
import { request } from '../api/client.ts';
import type { ActionListQuery } from './actionFilters.ts';

const path = (id: string) => `/follow-up-actions/${encodeURIComponent(id)}`;

export const listActions = (query: ActionListQuery) => request<FollowUpActionPage>('/follow-up-actions', { query });
export const getAction = (id: string) => request<FollowUpAction>(path(id));
export const createAction = (body: FollowUpActionCreate) => request<FollowUpAction>('/follow-up-actions', { method: 'POST', body });
export const updateAction = (id: string, version: number, body: FollowUpActionPatch) =>
  request<FollowUpAction>(path(id), { method: 'PATCH', body, ifMatch: version });
export const deleteAction = (action: FollowUpAction) => request<undefined>(path(action.id), { method: 'DELETE', ifMatch: action.version });

export const listReviews = (id: string, cursor?: string) => request<FollowUpReviewPage>(`${path(id)}/reviews`, { query: { limit: 50, cursor } });
export const recordReview = (action: FollowUpAction, body: FollowUpReviewCreate) =>
  request<FollowUpReviewResult>(`${path(action.id)}/reviews`, { method: 'POST', body, ifMatch: action.version });

export const listWithoutActions = (roundId: string) =>
  request<WithoutActionsList>(`/survey-rounds/${encodeURIComponent(roundId)}/without-actions`);
