import type {
  CompetenceEnrolment, CompetenceEnrolmentList, CompetenceEnrolmentPatch, CompetenceImportReport, CompetenceMeasure, CompetenceMeasureCreate,
  CompetenceMeasurePage, CompetenceMeasurePatch, CompetenceOverview, CompetencePlan, CompetenceSession, CompetenceSessionCreate, CompetenceSessionList,
  CompetenceSessionPatch,
  OpenCompetenceSessionList, PersonCompetence, Problem,
} from '@lagverk/shared';
import { ApiError, queryString, request, type QueryValue } from '../api/client.ts';
import { useSessionStore } from '../auth/sessionStore.ts';

const measurePath = (id: string) => `/competence-measures/${encodeURIComponent(id)}`;

export const listMeasures = (query: Record<string, QueryValue>) => request<CompetenceMeasurePage>('/competence-measures', { query });
export const getMeasure = (id: string) => request<CompetenceMeasure>(measurePath(id));
export const createMeasure = (body: CompetenceMeasureCreate) => request<CompetenceMeasure>('/competence-measures', { method: 'POST', body });
export const updateMeasure = (id: string, version: number, body: CompetenceMeasurePatch) =>
  request<CompetenceMeasure>(measurePath(id), { method: 'PATCH', body, ifMatch: version });
export const deleteMeasure = (measure: CompetenceMeasure) => request<undefined>(measurePath(measure.id), { method: 'DELETE', ifMatch: measure.version });
export const listSessions = (measureId: string) => request<CompetenceSessionList>(`${measurePath(measureId)}/sessions`);
export const createSession = (measureId: string, body: CompetenceSessionCreate) =>
  request<CompetenceSession>(`${measurePath(measureId)}/sessions`, { method: 'POST', body });
const sessionPath = (id: string) => `/competence-sessions/${encodeURIComponent(id)}`;
export const getSession = (id: string) => request<CompetenceSession>(sessionPath(id));
export const updateSession = (session: Pick<CompetenceSession, 'id' | 'version'>, body: CompetenceSessionPatch) =>
  request<CompetenceSession>(sessionPath(session.id), { method: 'PATCH', body, ifMatch: session.version });
export const deleteSession = (session: CompetenceSession) => request<undefined>(sessionPath(session.id), { method: 'DELETE', ifMatch: session.version });
export const enrolPerson = (sessionId: string, personId: string) =>
  request<CompetenceEnrolment>(`${sessionPath(sessionId)}/enrolments`, { method: 'POST', body: { personId } });
export const listEnrolments = (sessionId: string) => request<CompetenceEnrolmentList>(`/competence-sessions/${encodeURIComponent(sessionId)}/enrolments`);
export const recordAttendance = (enrolment: CompetenceEnrolment, body: CompetenceEnrolmentPatch) =>
  request<CompetenceEnrolment>(`/competence-enrolments/${encodeURIComponent(enrolment.id)}`, { method: 'PATCH', body, ifMatch: enrolment.version });

export const getPlan = (year: number) => request<CompetencePlan>('/competence-plan', { query: { year } });
export const getOverview = (year: number, by: 'unit' | 'team') => request<CompetenceOverview>('/competence-overview', { query: { year, by } });

export const getMyCompetence = (year?: number) => request<PersonCompetence>('/me/competence', { query: { year } });
export const listOpenSessions = () => request<OpenCompetenceSessionList>('/me/competence-sessions');
export const enrolMyself = (sessionId: string) => request<CompetenceEnrolment>('/me/competence-enrolments', { method: 'POST', body: { sessionId } });
export const cancelMyEnrolment = (id: string) => request<CompetenceEnrolment>(`/me/competence-enrolments/${encodeURIComponent(id)}/cancel`, { method: 'POST' });

/**
 * Uploads a CSV file of completions. The shared `request` speaks JSON only, so this one
 * call sends the file as text/csv itself, with the session's CSRF token like every write.
 */
export async function importCompletions(file: Blob, dryRun: boolean): Promise<CompetenceImportReport> {
  const csrfToken = useSessionStore().session?.csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api/v1/competence-imports${queryString({ dryRun })}`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'text/csv; charset=utf-8', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
      body: file,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached.');
  }
  if (response.ok) return (await response.json()) as CompetenceImportReport;
  const problem = (await response.json().catch(() => ({}))) as Partial<Problem>;
  throw new ApiError(response.status, problem.code ?? 'unknown', problem.detail ?? response.statusText, problem);
}
