import type {
  MySurveyInvitationList, SurveyAnswersReceived, SurveyAnswersSubmit, SurveyForm, SurveyQuestionsReplace, SurveyRound, SurveyRoundCreate,
  SurveyRoundListQuery, SurveyRoundPage, SurveyRoundPatch, SurveyTemplate, SurveyTemplateCreate, SurveyTemplateListQuery, SurveyTemplatePage,
  SurveyTemplatePatch,
} from '@lagverk/shared';
import { fetchAllPages, request } from '../api/client.ts';

const templatePath = (id: string) => `/survey-templates/${encodeURIComponent(id)}`;
const roundPath = (id: string) => `/survey-rounds/${encodeURIComponent(id)}`;

export const listTemplates = (query: SurveyTemplateListQuery) => request<SurveyTemplatePage>('/survey-templates', { query });
export const listAllTemplates = () => fetchAllPages<SurveyTemplate>('/survey-templates');
export const getTemplate = (id: string) => request<SurveyTemplate>(templatePath(id));
export const createTemplate = (body: SurveyTemplateCreate) => request<SurveyTemplate>('/survey-templates', { method: 'POST', body });
export const updateTemplate = (id: string, version: number, body: SurveyTemplatePatch) =>
  request<SurveyTemplate>(templatePath(id), { method: 'PATCH', body, ifMatch: version });
/** The whole question list at once, in order; questions that keep their id keep their answers' meaning. */
export const replaceQuestions = (id: string, version: number, body: SurveyQuestionsReplace) =>
  request<SurveyTemplate>(`${templatePath(id)}/questions`, { method: 'PUT', body, ifMatch: version });
/** An editable duplicate of a template, for changing one that a round has already used. */
export const copyTemplate = (id: string) => request<SurveyTemplate>(`${templatePath(id)}/copy`, { method: 'POST' });
export const deleteTemplate = (id: string, version: number) => request<undefined>(templatePath(id), { method: 'DELETE', ifMatch: version });

export const listRounds = (query: SurveyRoundListQuery) => request<SurveyRoundPage>('/survey-rounds', { query });
export const listAllRounds = (query: Omit<SurveyRoundListQuery, 'limit' | 'cursor'> = {}) => fetchAllPages<SurveyRound>('/survey-rounds', query);
export const getRound = (id: string) => request<SurveyRound>(roundPath(id));
export const createRound = (body: SurveyRoundCreate) => request<SurveyRound>('/survey-rounds', { method: 'POST', body });
export const updateRound = (id: string, version: number, body: SurveyRoundPatch) =>
  request<SurveyRound>(roundPath(id), { method: 'PATCH', body, ifMatch: version });
export const deleteRound = (id: string, version: number) => request<undefined>(roundPath(id), { method: 'DELETE', ifMatch: version });
/** Opening makes the invitations (or the shared link) and fixes template, audience and thresholds. */
export const openRound = (id: string, version: number) => request<SurveyRound>(`${roundPath(id)}/open`, { method: 'POST', ifMatch: version });
export const closeRound = (id: string, version: number) => request<SurveyRound>(`${roundPath(id)}/close`, { method: 'POST', ifMatch: version });
/** The QR code of a service-user round's shared link, as an image the browser fetches with the session. */
export const qrCodeUrl = (id: string) => `/api/v1${roundPath(id)}/qr.svg`;

export const listMyInvitations = () => request<MySurveyInvitationList>('/me/survey-invitations');

// Answering: anonymous calls (no cookie, no CSRF token), the token in the body, never in a URL.
export const getAnswerForm = (token: string) =>
  request<SurveyForm>('/survey-answering/form', { method: 'POST', body: { token }, anonymous: true });
export const submitAnswers = (body: SurveyAnswersSubmit) =>
  request<SurveyAnswersReceived>('/survey-answering/answers', { method: 'POST', body, anonymous: true });
