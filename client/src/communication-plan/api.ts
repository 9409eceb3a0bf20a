import type { ChangeMessage, ChangeMessageCreate, ChangeMessagePatch, CommunicationTimeline } from '@lagverk/shared';
import { fetchAllPages, request } from '../api/client.ts';

const path = (id: string) => `/change-messages/${encodeURIComponent(id)}`;
const processPath = (id: string) => `/change-processes/${encodeURIComponent(id)}`;

/** The whole plan, page after page, by planned date. */
export const listAllMessages = (processId: string) => fetchAllPages<ChangeMessage>(`${processPath(processId)}/messages`);

export const getTimeline = (processId: string) => request<CommunicationTimeline>(`${processPath(processId)}/communication-timeline`, { query: { limit: 200 } });
export const createMessage = (processId: string, body: ChangeMessageCreate) =>
  request<ChangeMessage>(`${processPath(processId)}/messages`, { method: 'POST', body });
export const updateMessage = (message: ChangeMessage, body: ChangeMessagePatch) =>
  request<ChangeMessage>(path(message.id), { method: 'PATCH', body, ifMatch: message.version });
export const deleteMessage = (message: ChangeMessage) => request<undefined>(path(message.id), { method: 'DELETE', ifMatch: message.version });
