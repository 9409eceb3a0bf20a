import type { RouteRecordRaw } from 'vue-router';
import { sections } from './sections.ts';

export const shellRoutes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('./HomePage.vue') },
  ...sections
    .filter((section) => !section.built)
    .map((section): RouteRecordRaw => ({
      path: section.path,
      name: section.key,
      component: () => import('./NotBuiltPage.vue'),
      props: { section: section.key },
    })),
];

/** Last, so every unknown address gets the not-found page. */
export const notFoundRoute: RouteRecordRaw = {
  path: '/:pathMatch(.*)*',
  name: 'not-found',
  component: () => import('./NotFoundPage.vue'),
};
