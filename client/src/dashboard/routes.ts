import type { RouteRecordRaw } from 'vue-router';

export const dashboardRoutes: RouteRecordRaw[] = [
  { path: '/effect', name: 'effect', component: () => import('./DashboardPage.vue'), meta: { permission: 'dashboard:read' } },
  { path: '/effect/management-review', name: 'management-review', component: () => import('./ManagementReviewPage.vue'), meta: { permission: 'dashboard:read' } },
  { path: '/public-dashboard', name: 'public-dashboard-settings', component: () => import('./PublicDashboardSettingsPage.vue'), meta: { permission: 'organisation:write' } },
  // Open to anyone, signed in or not: what it shows is what the organisation published.
  { path: '/offentlig/:orgNumber(\\d{9})', name: 'public-dashboard', component: () => import('./PublicDashboardPage.vue'), props: true, meta: { public: true } },
];
