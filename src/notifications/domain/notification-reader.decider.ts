import type { Decider } from '../../shared/domain/decider';
import type { NotificationReaderEvent } from './notification-reader.events';

export interface MarkNotificationRead {
  readonly type: 'MarkNotificationRead';
  readonly readerId: string;
  readonly notificationId: string;
  /** When the notification was made (ISO-8601 UTC), as the inbox shows it. */
  readonly createdAt: string;
}

export interface MarkAllNotificationsRead {
  readonly type: 'MarkAllNotificationsRead';
  readonly readerId: string;
  /** Now (ISO-8601 UTC): everything made until now is read. */
  readonly at: string;
}

export type NotificationReaderCommand = MarkNotificationRead | MarkAllNotificationsRead;

export interface ReaderState {
  readonly read: readonly string[];
  readonly allReadAt: string | null;
}

/** Whether a notification made at `createdAt` is read already. */
export function isRead(state: ReaderState, notificationId: string, createdAt: string): boolean {
  return state.read.includes(notificationId) || (state.allReadAt !== null && createdAt <= state.allReadAt);
}

/**
 * One user's reading of their inbox (docs/adr/0029): a notification read once stays read; "all read" covers what
 * was made until then. Reading what is read already records nothing, so a retry or a double click is harmless.
 */
export const notificationReaderDecider: Decider<NotificationReaderCommand, NotificationReaderEvent, ReaderState> = {
  initialState: { read: [], allReadAt: null },

  decide(command, state) {
    switch (command.type) {
      case 'MarkNotificationRead':
        if (isRead(state, command.notificationId, command.createdAt)) return [];
        return [
          { type: 'NotificationRead', data: { readerId: command.readerId, notificationId: command.notificationId } },
        ];
      case 'MarkAllNotificationsRead':
        if (state.allReadAt !== null && command.at <= state.allReadAt) return [];
        return [{ type: 'NotificationsAllRead', data: { readerId: command.readerId, readAt: command.at } }];
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'NotificationRead':
        return { ...state, read: [...state.read, event.data.notificationId] };
      case 'NotificationsAllRead':
        return { ...state, allReadAt: event.data.readAt };
    }
  },
};
