import type { RouteRecordRaw } from 'vue-router';

// Tripartite agreements: read by everyone, written by the administration and the representatives.
export const tripartiteRoutes: RouteRecordRaw[] = [
  { path: '/tripartite-agreements', name: 'tripartite-agreements', component: () => import('./TripartiteListPage.vue'), meta: { permission: 'tripartite:read' } },
  { path: '/tripartite-agreements/new', name: 'tripartite-agreement-new', component: () => import('./TripartiteCreatePage.vue'), meta: { permission: 'tripartite:write' } },
  { path: '/tripartite-agreements/:id', name: 'tripartite-agreement', component: () => import('./TripartiteAgreementPage.vue'), props: true, meta: { permission: 'tripartite:read' } },
  { path: '/tripartite-agreements/:id/versions/new', name: 'tripartite-version-new', component: () => import('./TripartiteVersionPage.vue'), props: true, meta: { permission: 'tripartite:write' } },
  { path: '/tripartite-agreements/:id/compare', name: 'tripartite-compare', component: () => import('./TripartiteComparePage.vue'), props: true, meta: { permission: 'tripartite:read' } },
];
