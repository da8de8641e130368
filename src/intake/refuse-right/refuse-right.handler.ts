import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { IntakeCommands } from '../common/intake-commands';
import type { IntakeChange } from '../common/trajectory-command';
import { RefuseRight } from './refuse-right.command';
import { RefuseRightRequest } from './refuse-right.request';

@CommandHandler(RefuseRight)
export class RefuseRightHandler implements ICommandHandler<RefuseRight> {
  constructor(private readonly commands: IntakeCommands) {}

  execute(command: RefuseRight): Promise<IntakeChange> {
    return this.commands.run(command, {
      requestType: RefuseRightRequest,
      decided: ({ request, occurredOn, today }) => ({
        type: 'RefuseRight',
        rightId: command.rightId,
        reason: request.reason,
        occurredOn,
        today,
      }),
    });
  }
}
