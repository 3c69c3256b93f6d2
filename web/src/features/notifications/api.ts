import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { QueryOf, ResponseOf } from '../../api/types';

export type Notification = ResponseOf<'notifications-list'>['items'][number];
export type NotificationsQuery = QueryOf<'notifications-list'>;
export type NotificationKind = Notification['kind'];
export type Preference = ResponseOf<'users-me-notification-preferences'>['items'][number];

export const notificationKeys = {
  all: ['notifications'] as const,
  list: () => [...notificationKeys.all, 'list'] as const,
  recent: () => [...notificationKeys.all, 'recent'] as const,
  unread: () => [...notificationKeys.all, 'unread-count'] as const,
  preferences: () => [...notificationKeys.all, 'preferences'] as const,
};

export const KIND_LABELS: Record<NotificationKind, string> = {
  task_assigned: 'A task is assigned to me',
  task_due: 'A task of mine is due tomorrow',
  result_review: 'A result awaits approval',
  quote_accepted: 'A quote was accepted',
  ncr_action_due: 'An NCR action is due',
  calibration_due: 'A calibration is due',
  certificate_expiring: 'A certificate is expiring',
};

/** How often the bell asks for the unread count (and refetches when the tab regains focus). */
export const POLL_MS = 60_000;

export const listNotifications = (query: NotificationsQuery) =>
  unwrap(api.GET('/api/v1/notifications', { params: { query } }));

export const useUnreadCount = () =>
  useQuery({
    queryKey: notificationKeys.unread(),
    queryFn: () => unwrap(api.GET('/api/v1/notifications/unread-count')),
    refetchInterval: POLL_MS,
    refetchOnWindowFocus: true,
  });

export const useRecentNotifications = (enabled: boolean) =>
  useQuery({
    queryKey: notificationKeys.recent(),
    queryFn: () => listNotifications({ limit: 8 }),
    enabled,
  });

export const markRead = (id: string) =>
  unwrap(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } }));
export const markAllRead = () => unwrap(api.POST('/api/v1/notifications/read-all'));
export const dismissNotification = (id: string) =>
  unwrap(api.DELETE('/api/v1/notifications/{id}', { params: { path: { id } } }));

export const usePreferences = () =>
  useQuery({
    queryKey: notificationKeys.preferences(),
    queryFn: () => unwrap(api.GET('/api/v1/users/me/notification-preferences')),
  });

export const savePreferences = (items: Preference[]) =>
  unwrap(api.PUT('/api/v1/users/me/notification-preferences', { body: { items } }));
