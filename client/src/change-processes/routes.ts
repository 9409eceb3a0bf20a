import type { RouteRecordRaw } from 'vue-router';

// A change process and its pages. The tabs (ChangeProcessTabs.vue) link to these by name;
// each tab's page belongs to its own feature folder.
const read = { permission: 'changeProcesses:read' } as const;
const write = { permission: 'changeProcesses:write' } as const;

export const changeProcessRoutes: RouteRecordRaw[] = [
  { path: '/change-processes', name: 'change-processes', component: () => import('./ChangeProcessListPage.vue'), meta: read },
  { path: '/change-processes/new', name: 'change-process-new', component: () => import('./ChangeProcessFormPage.vue'), meta: write },
  { path: '/change-processes/:id/edit', name: 'change-process-edit', component: () => import('./ChangeProcessFormPage.vue'), props: true, meta: write },
  { path: '/change-processes/:id', name: 'change-process', component: () => import('./ChangeProcessPage.vue'), props: true, meta: read },
  { path: '/change-processes/:id/activities', name: 'change-process-activities', component: () => import('../change-activities/ChangeActivitiesPage.vue'), props: true, meta: read },
  { path: '/change-processes/:id/questions', name: 'change-process-questions', component: () => import('../change-questions/ChangeQuestionsPage.vue'), props: true, meta: read },
  { path: '/change-processes/:id/communication', name: 'change-process-communication', component: () => import('../communication-plan/CommunicationPlanPage.vue'), props: true, meta: read },
  { path: '/change-processes/:id/org-charts', name: 'change-process-org-charts', component: () => import('../org-charts/OrgChartsPage.vue'), props: true, meta: read },
];
