import type { RouteRecordRaw } from 'vue-router';

export const surveyRoutes: RouteRecordRaw[] = [
  { path: '/surveys', name: 'surveys', component: () => import('./RoundListPage.vue'), meta: { permission: 'surveys:read' } },
  { path: '/surveys/templates', name: 'survey-templates', component: () => import('./TemplateListPage.vue'), meta: { permission: 'surveys:read' } },
  { path: '/surveys/templates/new', name: 'survey-template-new', component: () => import('./TemplateEditorPage.vue'), meta: { permission: 'surveys:write' } },
  { path: '/surveys/templates/:id', name: 'survey-template', component: () => import('./TemplatePage.vue'), props: true, meta: { permission: 'surveys:read' } },
  { path: '/surveys/templates/:id/edit', name: 'survey-template-edit', component: () => import('./TemplateEditorPage.vue'), props: true, meta: { permission: 'surveys:write' } },
  { path: '/surveys/rounds/new', name: 'survey-round-new', component: () => import('./RoundEditorPage.vue'), meta: { permission: 'surveys:write' } },
  { path: '/surveys/rounds/:id', name: 'survey-round', component: () => import('./RoundPage.vue'), props: true, meta: { permission: 'surveys:read' } },
  { path: '/surveys/rounds/:id/edit', name: 'survey-round-edit', component: () => import('./RoundEditorPage.vue'), props: true, meta: { permission: 'surveys:write' } },
  // The round's results (`survey-round-results`, /surveys/rounds/:id/results): client/src/survey-results/routes.ts.
  // Anyone signed in: the rounds they are invited to.
  { path: '/my-surveys', name: 'my-surveys', component: () => import('./MySurveysPage.vue') },
  // The answer page: no session, nothing about the person (see RouteMeta.anonymous).
  { path: '/svar', name: 'survey-answer', component: () => import('./AnswerPage.vue'), meta: { public: true, anonymous: true } },
];
