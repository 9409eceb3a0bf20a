import type { RouteRecordRaw } from 'vue-router';

export const peopleRoutes: RouteRecordRaw[] = [
  { path: '/people', name: 'people', component: () => import('./PersonListPage.vue') },
  { path: '/people/new', name: 'person-new', component: () => import('./PersonFormPage.vue') },
  { path: '/people/:id', name: 'person', component: () => import('./PersonDetailPage.vue'), props: true },
  { path: '/people/:id/edit', name: 'person-edit', component: () => import('./PersonFormPage.vue'), props: true },
];
