import type { RouteRecordRaw } from 'vue-router';

// Recording an activity, and one activity's page. The list of a process's activities is
// its tab (`change-process-activities`, in change-processes/routes.ts).
const read = { permission: 'changeProcesses:read' } as const;
const write = { permission: 'changeProcesses:write' } as const;

export const changeActivityRoutes: RouteRecordRaw[] = [
  { path: '/change-processes/:id/activities/new', name: 'change-activity-new', component: () => import('./ChangeActivityFormPage.vue'), props: true, meta: write },
  { path: '/change-activities/:activityId', name: 'change-activity', component: () => import('./ChangeActivityPage.vue'), props: true, meta: read },
  { path: '/change-activities/:activityId/edit', name: 'change-activity-edit', component: () => import('./ChangeActivityFormPage.vue'), props: true, meta: write },
];
