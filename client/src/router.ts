import { createRouter, createWebHistory } from 'vue-router';
import { notFoundRoute, shellRoutes } from './shell/routes.ts';
import { unitRoutes } from './units/routes.ts';
import { peopleRoutes } from './people/routes.ts';
import { teamRoutes } from './teams/routes.ts';
import { evaluationRoutes } from './evaluations/routes.ts';
import { criteriaRoutes } from './criteria/routes.ts';
import { surveyRoutes } from './surveys/routes.ts';
import { surveyResultRoutes } from './survey-results/routes.ts';
import { followUpRoutes } from './follow-up/routes.ts';
import { competenceRoutes } from './competence/routes.ts';
import { experienceRoutes } from './experiences/routes.ts';
import { arenaRoutes } from './arenas/routes.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { newsRoutes } from './news/routes.ts';
import { changeProcessRoutes } from './change-processes/routes.ts';
import { orgChartRoutes } from './org-charts/routes.ts';
import { changeActivityRoutes } from './change-activities/routes.ts';
import { tripartiteRoutes } from './tripartite/routes.ts';
import { accountRoutes } from './accounts/routes.ts';
import { tokenRoutes } from './tokens/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { dashboardRoutes } from './dashboard/routes.ts';
import { ssoRoutes } from './sso/routes.ts';
import { moveFocusOnNavigation } from './shell/focus.ts';
import { authRoutes } from './auth/routes.ts';
import { installSessionGuard } from './auth/guard.ts';

export const router = createRouter({
  history: createWebHistory(),
  routes: [...authRoutes, ...shellRoutes, ...unitRoutes, ...peopleRoutes, ...teamRoutes, ...evaluationRoutes, ...criteriaRoutes, ...surveyRoutes, ...surveyResultRoutes, ...followUpRoutes, ...competenceRoutes, ...experienceRoutes, ...arenaRoutes, ...notificationRoutes, ...newsRoutes, ...changeProcessRoutes, ...orgChartRoutes, ...changeActivityRoutes, ...tripartiteRoutes, ...accountRoutes, ...tokenRoutes, ...auditRoutes, ...dashboardRoutes, ...ssoRoutes, notFoundRoute],
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
});

installSessionGuard(router);
moveFocusOnNavigation(router);
