import type { RouteRecordRaw } from 'vue-router';

export const newsRoutes: RouteRecordRaw[] = [
  { path: '/news', name: 'news', component: () => import('./NewsListPage.vue'), meta: { permission: 'news:read' } },
  { path: '/news/new', name: 'news-new', component: () => import('./NewsFormPage.vue'), meta: { permission: 'news:write' } },
  { path: '/news/:id', name: 'news-item', component: () => import('./NewsItemPage.vue'), props: true, meta: { permission: 'news:read' } },
  { path: '/news/:id/edit', name: 'news-edit', component: () => import('./NewsFormPage.vue'), props: true, meta: { permission: 'news:write' } },
];
