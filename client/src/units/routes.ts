import type { RouteRecordRaw } from 'vue-router';

export const unitRoutes: RouteRecordRaw[] = [
  { path: '/units', name: 'units', component: () => import('./UnitListPage.vue') },
  { path: '/units/tree', name: 'unit-tree', component: () => import('./UnitTreePage.vue') },
  { path: '/units/new', name: 'unit-new', component: () => import('./UnitFormPage.vue') },
  { path: '/units/:id', name: 'unit', component: () => import('./UnitDetailPage.vue'), props: true },
  { path: '/units/:id/edit', name: 'unit-edit', component: () => import('./UnitFormPage.vue'), props: true },
];
