import type { RouteRecordRaw } from 'vue-router';

export const followUpRoutes: RouteRecordRaw[] = [
  { path: '/follow-up-actions', name: 'follow-up-actions', component: () => import('./ActionListPage.vue'), meta: { permission: 'actions:read' } },
  { path: '/follow-up-actions/new', name: 'follow-up-action-new', component: () => import('./ActionFormPage.vue'), meta: { permission: 'actions:write' } },
  {
    path: '/follow-up-actions/without-actions', name: 'follow-up-without-actions', component: () => import('./WithoutActionsPage.vue'),
    meta: { permission: 'actions:read' },
  },
  { path: '/follow-up-actions/:id', name: 'follow-up-action', component: () => import('./ActionPage.vue'), props: true, meta: { permission: 'actions:read' } },
  {
    path: '/follow-up-actions/:id/edit', name: 'follow-up-action-edit', component: () => import('./ActionFormPage.vue'), props: true,
    meta: { permission: 'actions:write' },
  },
];
