import type { RouteRecordRaw } from 'vue-router';

// Every signed-in person has notifications: no permission beyond being signed in.
export const notificationRoutes: RouteRecordRaw[] = [
  { path: '/notifications', name: 'notifications', component: () => import('./NotificationsPage.vue') },
  { path: '/notifications/preferences', name: 'notification-preferences', component: () => import('./PreferencesPage.vue') },
];
