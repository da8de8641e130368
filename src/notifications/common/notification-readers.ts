import { Injectable } from '@nestjs/common';
import type { Caller } from '../../shared/commands/caller';
import { CommandExecutor, type CommandResult } from '../../shared/commands/command-executor';
import { streamName } from '../../shared/domain/ids';
import {
  notificationReaderDecider,
  type NotificationReaderCommand,
  type ReaderState,
} from '../domain/notification-reader.decider';
import { decodeNotificationReaderEvent } from '../domain/notification-reader.decoder';
import { NOTIFICATION_READER_CATEGORY } from '../domain/notification-reader.events';

/** A user's reading stream, `notificationReader-<readerId>` (docs/adr/0029). */
export function notificationReaderStream(readerId: string): string {
  return streamName(NOTIFICATION_READER_CATEGORY, readerId);
}

/** Decides and appends a reading command on the caller's own reading stream. */
@Injectable()
export class NotificationReaders {
  constructor(private readonly executor: CommandExecutor) {}

  execute(command: NotificationReaderCommand, caller: Caller): Promise<CommandResult<ReaderState>> {
    return this.executor.execute(
      notificationReaderStream(command.readerId),
      notificationReaderDecider,
      command,
      caller.envelope,
      decodeNotificationReaderEvent,
    );
  }
}
