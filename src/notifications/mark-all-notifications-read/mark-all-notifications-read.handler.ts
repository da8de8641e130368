import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { readerIdOf } from '../common/derived-id';
import { expectNoFields } from '../common/empty.request';
import { NotificationReaders } from '../common/notification-readers';
import { type AllRead, MarkAllNotificationsRead } from './mark-all-notifications-read.command';

@CommandHandler(MarkAllNotificationsRead)
export class MarkAllNotificationsReadHandler implements ICommandHandler<MarkAllNotificationsRead> {
  constructor(
    private readonly readers: NotificationReaders,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, body }: MarkAllNotificationsRead): Promise<AllRead> {
    expectNoFields(body);
    const result = await this.readers.execute(
      {
        type: 'MarkAllNotificationsRead',
        readerId: readerIdOf(caller.user.userId),
        at: this.clock.now().toISOString(),
      },
      caller,
    );
    return { unreadCount: 0, result };
  }
}
