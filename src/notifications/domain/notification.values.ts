/**
 * What a notification tells its reader (docs/notifications.md). Stored ones come from another capability's event;
 * `referral_overdue` is derived from a deadline against the clock where it is read, never stored (docs/adr/0029).
 */
export const NOTIFICATION_KINDS = [
  'referral_received',
  'referral_accepted',
  'referral_declined',
  'referral_message',
  'referral_completed',
  'referral_overdue',
  'responsibility_transferred',
  'task_due',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
