import type { RouteRecordRaw } from 'vue-router';

export const arenaRoutes: RouteRecordRaw[] = [
  { path: '/arenas', name: 'arenas', component: () => import('./ArenaListPage.vue'), meta: { permission: 'arenas:read' } },
  { path: '/arenas/new', name: 'arena-new', component: () => import('./ArenaFormPage.vue'), meta: { permission: 'arenas:write' } },
  { path: '/arenas/calendar', name: 'arena-calendar', component: () => import('./CalendarPage.vue'), meta: { permission: 'arenas:read' } },
  { path: '/arenas/:id', name: 'arena', component: () => import('./ArenaPage.vue'), props: true, meta: { permission: 'arenas:read' } },
  { path: '/arenas/:id/edit', name: 'arena-edit', component: () => import('./ArenaFormPage.vue'), props: true, meta: { permission: 'arenas:write' } },
  { path: '/arenas/:id/meetings/new', name: 'arena-meeting-new', component: () => import('./MeetingFormPage.vue'), props: true, meta: { permission: 'arenas:write' } },
  {
    path: '/arenas/:arenaId/meetings/:meetingId', name: 'arena-meeting', component: () => import('./MeetingPage.vue'), props: true,
    meta: { permission: 'arenas:read' },
  },
  {
    path: '/arenas/:arenaId/meetings/:meetingId/edit', name: 'arena-meeting-edit', component: () => import('./MeetingEditPage.vue'), props: true,
    meta: { permission: 'arenas:write' },
  },
];
