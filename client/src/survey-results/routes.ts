import type { RouteRecordRaw } from 'vue-router';

// The round's results and heat map sit under the round (the surveys pages' "Results" tab);
// politicians, who may not open the round itself, reach them from /survey-results.
export const surveyResultRoutes: RouteRecordRaw[] = [
  { path: '/survey-results', name: 'survey-results', component: () => import('./SurveyResultsListPage.vue'), meta: { permission: 'surveyResults:read' } },
  { path: '/survey-results/trend', name: 'survey-results-trend', component: () => import('./TrendPage.vue'), meta: { permission: 'surveyResults:read' } },
  {
    path: '/surveys/rounds/:id/results', name: 'survey-round-results', component: () => import('./RoundResultsPage.vue'), props: true,
    meta: { permission: 'surveyResults:read' },
  },
  {
    path: '/surveys/rounds/:id/results/heatmap', name: 'survey-round-heatmap', component: () => import('./HeatmapPage.vue'), props: true,
    meta: { permission: 'surveyResults:read' },
  },
];
