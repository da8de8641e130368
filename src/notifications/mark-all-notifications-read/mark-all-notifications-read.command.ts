import { Command } from '@nestjs/cqrs';
import type { Caller } from '../../shared/commands/caller';
import type { CommandResult } from '../../shared/commands/command-executor';
import type { ReaderState } from '../domain/notification-reader.decider';

export interface AllRead {
  readonly unreadCount: number;
  readonly result: CommandResult<ReaderState>;
}

/** Mark every notification of the caller's inbox read, up to now. */
export class MarkAllNotificationsRead extends Command<AllRead> {
  constructor(
    readonly caller: Caller,
    readonly body: unknown,
  ) {
    super();
  }
}
