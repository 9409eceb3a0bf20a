import type { RouteRecordRaw } from 'vue-router';

export const tokenRoutes: RouteRecordRaw[] = [
  { path: '/tokens', name: 'tokens', component: () => import('./TokenListPage.vue'), meta: { permission: 'tokens:read' } },
  { path: '/tokens/new', name: 'token-new', component: () => import('./TokenFormPage.vue'), meta: { permission: 'tokens:write' } },
];
