import type { ChangeQuestion, ChangeQuestionCreate } from '@lagverk/shared';
import { fetchAllPages, request } from '../api/client.ts';

const path = (id: string) => `/change-questions/${encodeURIComponent(id)}`;
const processPath = (id: string) => `/change-processes/${encodeURIComponent(id)}/questions`;

/** Every question the caller may see, page after page (a process has tens or hundreds). */
export const listAllQuestions = (processId: string) => fetchAllPages<ChangeQuestion>(processPath(processId));

export const askQuestion = (processId: string, body: ChangeQuestionCreate) => request<ChangeQuestion>(processPath(processId), { method: 'POST', body });
/** Publishes an answer; changing one sends the version it was made from. */
export const answerQuestion = (question: ChangeQuestion, answer: string) =>
  request<ChangeQuestion>(`${path(question.id)}/answer`, { method: 'POST', body: { answer }, ifMatch: question.version });
export const hideQuestion = (question: ChangeQuestion, reason: string) =>
  request<ChangeQuestion>(`${path(question.id)}/hide`, { method: 'POST', body: { reason }, ifMatch: question.version });
export const deleteQuestion = (question: ChangeQuestion) => request<undefined>(path(question.id), { method: 'DELETE', ifMatch: question.version });
