import type { RouteRecordRaw } from 'vue-router';

export const auditRoutes: RouteRecordRaw[] = [
  { path: '/audit', name: 'audit', component: () => import('./AuditPage.vue'), meta: { permission: 'audit:read' } },
];
