import type { RouteRecordRaw } from 'vue-router';

// Setting up single sign-on decides who can sign in as whom: for those who manage accounts.
export const ssoRoutes: RouteRecordRaw[] = [
  { path: '/single-sign-on', name: 'identity-providers', component: () => import('./IdentityProviderListPage.vue'), meta: { permission: 'accounts:write' } },
  { path: '/single-sign-on/new', name: 'identity-provider-new', component: () => import('./IdentityProviderFormPage.vue'), meta: { permission: 'accounts:write' } },
  { path: '/single-sign-on/:id', name: 'identity-provider-edit', component: () => import('./IdentityProviderFormPage.vue'), props: true, meta: { permission: 'accounts:write' } },
];
