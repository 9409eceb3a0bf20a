import type { RouteRecordRaw } from 'vue-router';

export const unitRoutes: RouteRecordRaw[] = [
  { path: '/units', name: 'units', component: () => import('./UnitListPage.vue'), meta: { permission: 'units:read' } },
  { path: '/units/tree', name: 'unit-tree', component: () => import('./UnitTreePage.vue'), meta: { permission: 'units:read' } },
  { path: '/units/new', name: 'unit-new', component: () => import('./UnitFormPage.vue'), meta: { permission: 'units:write' } },
  { path: '/units/:id', name: 'unit', component: () => import('./UnitDetailPage.vue'), props: true, meta: { permission: 'units:read' } },
  { path: '/units/:id/edit', name: 'unit-edit', component: () => import('./UnitFormPage.vue'), props: true, meta: { permission: 'units:write' } },
];
