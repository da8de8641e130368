import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { IntakeCommands } from '../common/intake-commands';
import type { IntakeChange } from '../common/trajectory-command';
import { ApplyForRight } from './apply-for-right.command';
import { ApplyForRightRequest } from './apply-for-right.request';

@CommandHandler(ApplyForRight)
export class ApplyForRightHandler implements ICommandHandler<ApplyForRight> {
  constructor(private readonly commands: IntakeCommands) {}

  execute(command: ApplyForRight): Promise<IntakeChange> {
    return this.commands.run(command, {
      requestType: ApplyForRightRequest,
      decided: ({ occurredOn, today }) => ({ type: 'ApplyForRight', rightId: command.rightId, occurredOn, today }),
    });
  }
}
