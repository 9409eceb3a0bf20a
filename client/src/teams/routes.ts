import type { RouteRecordRaw } from 'vue-router';

export const teamRoutes: RouteRecordRaw[] = [
  { path: '/teams', name: 'teams', component: () => import('./TeamListPage.vue'), meta: { permission: 'teams:read' } },
  { path: '/teams/inbox', name: 'team-inbox', component: () => import('./inbox/TeamInboxPage.vue'), meta: { permission: 'teams:decide' } },
  { path: '/teams/new', name: 'team-new', component: () => import('./TeamFormPage.vue'), meta: { permission: 'teams:create' } },
  { path: '/teams/:id', name: 'team', component: () => import('./TeamPage.vue'), props: true, meta: { permission: 'teams:read' } },
  { path: '/teams/:id/edit', name: 'team-edit', component: () => import('./TeamFormPage.vue'), props: true, meta: { permission: 'teams:write' } },
  { path: '/teams/:id/assessment', name: 'team-assessment', component: () => import('./TeamAssessmentPage.vue'), props: true, meta: { permission: 'teams:write' } },
];
