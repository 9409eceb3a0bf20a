import type { RouteRecordRaw } from 'vue-router';

export const evaluationRoutes: RouteRecordRaw[] = [
  { path: '/evaluations', name: 'evaluations', component: () => import('./EvaluationSchedulePage.vue'), meta: { permission: 'evaluations:read' } },
  {
    path: '/teams/:id/evaluations/:evaluationId', name: 'evaluation', component: () => import('./EvaluationPage.vue'), props: true,
    meta: { permission: 'evaluations:read' },
  },
];
