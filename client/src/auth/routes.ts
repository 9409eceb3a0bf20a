import type { RouteRecordRaw } from 'vue-router';
import './routeMeta.ts';

export const authRoutes: RouteRecordRaw[] = [
  { path: '/sign-in', name: 'sign-in', component: () => import('./SignInPage.vue'), meta: { public: true } },
  { path: '/account', name: 'account', component: () => import('./AccountPage.vue') },
];
