import type { RouteRecordRaw } from 'vue-router';

export const criteriaRoutes: RouteRecordRaw[] = [
  { path: '/criteria', name: 'criteria', component: () => import('./CriteriaSetListPage.vue'), meta: { permission: 'criteria:read' } },
  { path: '/criteria/new', name: 'criteria-new', component: () => import('./CriteriaSetEditorPage.vue'), meta: { permission: 'criteria:write' } },
  { path: '/criteria/:id', name: 'criteria-set', component: () => import('./CriteriaSetPage.vue'), props: true, meta: { permission: 'criteria:read' } },
  { path: '/criteria/:id/edit', name: 'criteria-edit', component: () => import('./CriteriaSetEditorPage.vue'), props: true, meta: { permission: 'criteria:write' } },
];
