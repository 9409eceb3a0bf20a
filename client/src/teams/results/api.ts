import type { ResultAttachment, ResultAttachmentList, TeamResult, TeamResultCreate, TeamResultPage, TeamResultPatch } from '@lagverk/shared';
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

const attachments = (teamId: string, resultId: string) => `${result(teamId, resultId)}/attachments`;

export const listAttachments = (teamId: string, resultId: string) => request<ResultAttachmentList>(attachments(teamId, resultId));
export function uploadAttachment(teamId: string, resultId: string, file: File) {
  const body = new FormData();
  body.append('file', file);
  return request<ResultAttachment>(attachments(teamId, resultId), { method: 'POST', body });
}
export const deleteAttachment = (teamId: string, resultId: string, attachment: ResultAttachment) =>
  request<undefined>(`${attachments(teamId, resultId)}/${encodeURIComponent(attachment.id)}`, { method: 'DELETE' });
/** Where the browser downloads the file (the session cookie goes with a plain link). */
export const attachmentContentUrl = (teamId: string, resultId: string, attachment: ResultAttachment) =>
  `/api/v1${attachments(teamId, resultId)}/${encodeURIComponent(attachment.id)}/content`;
