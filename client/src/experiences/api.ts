import type {
  Experience, ExperienceComment, ExperienceCommentPage, ExperienceCreate, ExperienceListQuery, ExperiencePage, ExperiencePatch, ExperienceShare,
  LibrarySearchPage, SharedExperiencePage, UsefulState,
} from '@lagverk/shared';
import { request } from '../api/client.ts';

const path = (id: string) => `/experiences/${encodeURIComponent(id)}`;

export const listExperiences = (query: ExperienceListQuery) => request<ExperiencePage>('/experiences', { query: { ...query } });
export const searchLibrary = (query: { q: string; limit?: number; cursor?: string }) => request<LibrarySearchPage>('/library/search', { query });
export const listSharedExperiences = (query: { q?: string; limit?: number; cursor?: string }) => request<SharedExperiencePage>('/shared-experiences', { query });

export const getExperience = (id: string) => request<Experience>(path(id));
export const createExperience = (body: ExperienceCreate) => request<Experience>('/experiences', { method: 'POST', body });
export const updateExperience = (id: string, version: number, body: ExperiencePatch) =>
  request<Experience>(path(id), { method: 'PATCH', body, ifMatch: version });
export const deleteExperience = (experience: Experience) => request<undefined>(path(experience.id), { method: 'DELETE', ifMatch: experience.version });

export const setUseful = (id: string, useful: boolean) => request<UsefulState>(`${path(id)}/useful`, { method: useful ? 'PUT' : 'DELETE' });
export const shareExperience = (experience: Experience, body: ExperienceShare) =>
  request<Experience>(`${path(experience.id)}/share`, { method: 'POST', body, ifMatch: experience.version });
export const unshareExperience = (experience: Experience) => request<Experience>(`${path(experience.id)}/unshare`, { method: 'POST', ifMatch: experience.version });

export const listComments = (id: string, cursor?: string) => request<ExperienceCommentPage>(`${path(id)}/comments`, { query: { limit: 50, cursor } });
export const addComment = (id: string, body: string) => request<ExperienceComment>(`${path(id)}/comments`, { method: 'POST', body: { body } });
export const deleteComment = (comment: ExperienceComment) =>
  request<undefined>(`${path(comment.experienceId)}/comments/${encodeURIComponent(comment.id)}`, { method: 'DELETE', ifMatch: comment.version });
