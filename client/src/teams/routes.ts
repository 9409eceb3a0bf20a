import type { RouteRecordRaw } from 'vue-router';

export const teamRoutes: RouteRecordRaw[] = [
  { path: '/teams', name: 'teams', component: () => import('./TeamListPage.vue') },
  { path: '/teams/inbox', name: 'team-inbox', component: () => import('./inbox/TeamInboxPage.vue') },
  { path: '/teams/new', name: 'team-new', component: () => import('./TeamFormPage.vue') },
  { path: '/teams/:id', name: 'team', component: () => import('./TeamPage.vue'), props: true },
  { path: '/teams/:id/edit', name: 'team-edit', component: () => import('./TeamFormPage.vue'), props: true },
  { path: '/teams/:id/assessment', name: 'team-assessment', component: () => import('./TeamAssessmentPage.vue'), props: true },
];
