import type {
  ResultsGroupBy, SurveyHeatmap, SurveyResults, SurveyRound, SurveyTemplate, SurveyTemplatePage,
  SurveyTextAnswers, SurveyTrend,
} from '@lagverk/shared';
import { fetchAllPages, request } from '../api/client.ts';

const round = (id: string) => `/survey-rounds/${encodeURIComponent(id)}`;

export const getResults = (roundId: string, groupBy: ResultsGroupBy) =>
  request<SurveyResults>(`${round(roundId)}/results`, { query: { groupBy } });
export const getHeatmap = (roundId: string) => request<SurveyHeatmap>(`${round(roundId)}/results/heatmap`);
export const getTrend = (templateId: string) => request<SurveyTrend>('/survey-results/trend', { query: { templateId } });
export const getTextAnswers = (roundId: string, questionId: string, cursor?: string) =>
  request<SurveyTextAnswers>(`${round(roundId)}/results/text`, { query: { questionId, limit: 50, cursor } });
/** Where the browser downloads the CSV (the session cookie goes with a plain link). */
export const resultsCsvUrl = (roundId: string, groupBy: ResultsGroupBy) =>
  `/api/v1${round(roundId)}/results.csv${groupBy === 'none' ? '' : `?groupBy=${groupBy}`}`;
/** The same lines as an Excel workbook. */
export const resultsXlsxUrl = (roundId: string, groupBy: ResultsGroupBy) =>
  `/api/v1${round(roundId)}/results.xlsx${groupBy === 'none' ? '' : `?groupBy=${groupBy}`}`;

// Rounds and templates are read with surveys:read (staff and politicians).
export const getRound = (id: string) => request<SurveyRound>(round(id));
export const listAllRounds = () => fetchAllPages<SurveyRound>('/survey-rounds');
export const getTemplate = (id: string) => request<SurveyTemplate>(`/survey-templates/${encodeURIComponent(id)}`);
export const listTemplates = () => request<SurveyTemplatePage>('/survey-templates', { query: { limit: 200 } });
