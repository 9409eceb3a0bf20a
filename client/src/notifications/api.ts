import type {
  Notification, NotificationListQuery, NotificationPage, NotificationPreferences, NotificationPreferencesUpdate, NotificationReadAllResult,
} from '@lagverk/shared';
import { request } from '../api/client.ts';

export const listNotifications = (query: NotificationListQuery) => request<NotificationPage>('/me/notifications', { query: { ...query } });
export const markNotificationRead = (id: string) =>
  request<Notification>(`/me/notifications/${encodeURIComponent(id)}/read`, { method: 'POST', body: {} });
export const markAllNotificationsRead = () => request<NotificationReadAllResult>('/me/notifications/read-all', { method: 'POST', body: {} });
export const getNotificationPreferences = () => request<NotificationPreferences>('/me/notification-preferences');
export const updateNotificationPreferences = (version: number, body: NotificationPreferencesUpdate) =>
  request<NotificationPreferences>('/me/notification-preferences', { method: 'PUT', body, ifMatch: version });
