import type { RouteRecordRaw } from 'vue-router';

export const competenceRoutes: RouteRecordRaw[] = [
  { path: '/competence', name: 'competence', component: () => import('./CompetencePage.vue'), meta: { permission: 'competence:read' } },
  { path: '/competence/me', name: 'competence-me', component: () => import('./MyCompetencePage.vue') },
  { path: '/competence/overview', name: 'competence-overview', component: () => import('./OverviewPage.vue'), meta: { permission: 'competence:read' } },
  { path: '/competence/import', name: 'competence-import', component: () => import('./ImportPage.vue'), meta: { permission: 'competence:write' } },
  { path: '/competence/measures/new', name: 'competence-measure-new', component: () => import('./MeasureFormPage.vue'), meta: { permission: 'competence:write' } },
  {
    path: '/competence/measures/:id/edit', name: 'competence-measure-edit', component: () => import('./MeasureFormPage.vue'), props: true,
    meta: { permission: 'competence:write' },
  },
  { path: '/competence/measures/:id', name: 'competence-measure', component: () => import('./MeasurePage.vue'), props: true, meta: { permission: 'competence:read' } },
];
