/**
 * The public surface of the notifications capability: its vocabulary, and the shape of a source another capability
 * gives the inbox (docs/adr/0029). It reads the others' events; none reads its own.
 */
export * from './domain/notification.values';
export type {
  Audience,
  About,
  Deadline,
  InboxChange,
  NewNotification,
  NotificationSource,
} from './notification-inbox/notification-sources';
