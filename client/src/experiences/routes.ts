import type { RouteRecordRaw } from 'vue-router';

export const experienceRoutes: RouteRecordRaw[] = [
  { path: '/experiences', name: 'experiences', component: () => import('./ExperienceListPage.vue'), meta: { permission: 'experiences:read' } },
  { path: '/experiences/shared', name: 'experiences-shared', component: () => import('./SharedExperiencesPage.vue'), meta: { permission: 'experiences:read' } },
  { path: '/experiences/new', name: 'experience-new', component: () => import('./ExperienceFormPage.vue'), meta: { permission: 'experiences:write' } },
  { path: '/experiences/:id', name: 'experience', component: () => import('./ExperiencePage.vue'), props: true, meta: { permission: 'experiences:read' } },
  {
    path: '/experiences/:id/edit', name: 'experience-edit', component: () => import('./ExperienceFormPage.vue'), props: true,
    meta: { permission: 'experiences:write' },
  },
];
