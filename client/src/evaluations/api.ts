import type {
  AssessmentAnswersPut, Evaluation, EvaluationAssessment, EvaluationClose, EvaluationCreate, EvaluationListQuery, EvaluationPage,
  EvaluationPart, EvaluationScheduleQuery, EvaluationSchedulePage,
} from '@lagverk/shared';
import { request } from '../api/client.ts';

const evaluations = (teamId: string) => `/teams/${encodeURIComponent(teamId)}/evaluations`;
const evaluation = (teamId: string, evaluationId: string) => `${evaluations(teamId)}/${encodeURIComponent(evaluationId)}`;
const assessment = (teamId: string, evaluationId: string, part: EvaluationPart) => `${evaluation(teamId, evaluationId)}/assessments/${part}`;

export const listEvaluations = (teamId: string, query: EvaluationListQuery = {}) => request<EvaluationPage>(evaluations(teamId), { query });
export const getEvaluation = (teamId: string, evaluationId: string) => request<Evaluation>(evaluation(teamId, evaluationId));
export const startEvaluation = (teamId: string, body: EvaluationCreate) => request<Evaluation>(evaluations(teamId), { method: 'POST', body });
/** Only an open evaluation with no part submitted can be deleted. */
export const deleteEvaluation = (teamId: string, current: Evaluation) =>
  request<undefined>(evaluation(teamId, current.id), { method: 'DELETE', ifMatch: current.version });

/** Saves one part's answers, from the version of that part the user loaded. */
export const saveAssessment = (teamId: string, evaluationId: string, part: EvaluationAssessment, body: AssessmentAnswersPut) =>
  request<EvaluationAssessment>(assessment(teamId, evaluationId, part.part), { method: 'PUT', body, ifMatch: part.version });
export const submitAssessment = (teamId: string, evaluationId: string, part: EvaluationAssessment) =>
  request<EvaluationAssessment>(`${assessment(teamId, evaluationId, part.part)}/submit`, { method: 'POST', ifMatch: part.version });

export const closeEvaluation = (teamId: string, current: Evaluation, body: EvaluationClose) =>
  request<Evaluation>(`${evaluation(teamId, current.id)}/close`, { method: 'POST', body, ifMatch: current.version });

export const listSchedule = (query: EvaluationScheduleQuery) => request<EvaluationSchedulePage>('/evaluation-schedule', { query });
