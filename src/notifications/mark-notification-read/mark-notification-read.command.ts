import { Command } from '@nestjs/cqrs';
import type { Caller } from '../../shared/commands/caller';
import type { CommandResult } from '../../shared/commands/command-executor';
import type { ReaderState } from '../domain/notification-reader.decider';
import type { NotificationView } from '../notification-inbox/notification.view';

export interface ReadNotification {
  readonly notification: NotificationView;
  readonly result: CommandResult<ReaderState>;
}

/** Mark one notification of the caller's inbox read. */
export class MarkNotificationRead extends Command<ReadNotification> {
  constructor(
    readonly caller: Caller,
    readonly notificationId: string,
    readonly body: unknown,
  ) {
    super();
  }
}
