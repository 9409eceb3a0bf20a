import type { RouteRecordRaw } from 'vue-router';

export const accountRoutes: RouteRecordRaw[] = [
  { path: '/accounts', name: 'accounts', component: () => import('./AccountListPage.vue'), meta: { permission: 'accounts:read' } },
  { path: '/accounts/new', name: 'account-new', component: () => import('./AccountFormPage.vue'), meta: { permission: 'accounts:write' } },
  { path: '/accounts/:id', name: 'account-detail', component: () => import('./AccountDetailPage.vue'), props: true, meta: { permission: 'accounts:read' } },
  { path: '/accounts/:id/edit', name: 'account-edit', component: () => import('./AccountFormPage.vue'), props: true, meta: { permission: 'accounts:write' } },
];
