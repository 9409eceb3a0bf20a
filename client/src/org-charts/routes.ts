import type { RouteRecordRaw } from 'vue-router';

// A proposal's own page; the list of a process's proposals is its tab
// ('change-process-org-charts', in change-processes/routes.ts).
export const orgChartRoutes: RouteRecordRaw[] = [
  {
    path: '/change-processes/:id/org-charts/:proposalId', name: 'org-chart-proposal',
    component: () => import('./OrgChartProposalPage.vue'), props: true, meta: { permission: 'changeProcesses:read' },
  },
];
