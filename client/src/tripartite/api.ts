import type {
  MeetingPage, TripartiteAgreement, TripartiteAgreementCreate, TripartiteAgreementPage, TripartiteAgreementPatch, TripartiteListQuery,
  TripartiteVersion, TripartiteVersionCreate,
} from '@lagverk/shared';
import { request } from '../api/client.ts';

const path = (id: string) => `/tripartite-agreements/${encodeURIComponent(id)}`;

export const listAgreements = (query: TripartiteListQuery) => request<TripartiteAgreementPage>('/tripartite-agreements', { query: { ...query } });
export const getAgreement = (id: string) => request<TripartiteAgreement>(path(id));
export const createAgreement = (body: TripartiteAgreementCreate) => request<TripartiteAgreement>('/tripartite-agreements', { method: 'POST', body });
export const updateAgreement = (agreement: TripartiteAgreement, body: TripartiteAgreementPatch) =>
  request<TripartiteAgreement>(path(agreement.id), { method: 'PATCH', body, ifMatch: agreement.version });
export const addVersion = (agreement: TripartiteAgreement, body: TripartiteVersionCreate) =>
  request<TripartiteAgreement>(`${path(agreement.id)}/versions`, { method: 'POST', body, ifMatch: agreement.version });
export const getVersion = (id: string, number: number) => request<TripartiteVersion>(`${path(id)}/versions/${number}`);

/** Held meetings of the tripartite workshop, the latest first: where a text is agreed. */
export async function workshopMeetings() {
  const page = await request<MeetingPage>('/arena-meetings', { query: { status: 'held', sort: '-startsAt', limit: 200 } });
  return page.items.filter((m) => m.arenaType === 'tripartiteWorkshop');
}

/** The change processes an agreement can belong to (their titles only). */
export async function changeProcessChoices() {
  const page = await request<{ items: { id: string; title: string }[] }>('/change-processes', { query: { limit: 200 } });
  return page.items.map(({ id, title }) => ({ id, title }));
}
