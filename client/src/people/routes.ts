import type { RouteRecordRaw } from 'vue-router';

export const peopleRoutes: RouteRecordRaw[] = [
  { path: '/people', name: 'people', component: () => import('./PersonListPage.vue'), meta: { permission: 'people:read' } },
  { path: '/people/new', name: 'person-new', component: () => import('./PersonFormPage.vue'), meta: { permission: 'people:write' } },
  { path: '/people/:id', name: 'person', component: () => import('./PersonDetailPage.vue'), props: true, meta: { permission: 'people:read' } },
  { path: '/people/:id/edit', name: 'person-edit', component: () => import('./PersonFormPage.vue'), props: true, meta: { permission: 'people:write' } },
];
