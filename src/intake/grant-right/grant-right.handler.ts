import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { grantedUntilProblems } from '../domain/input-rules';
import { IntakeCommands } from '../common/intake-commands';
import type { IntakeChange } from '../common/trajectory-command';
import { GrantRight } from './grant-right.command';
import { GrantRightRequest } from './grant-right.request';

@CommandHandler(GrantRight)
export class GrantRightHandler implements ICommandHandler<GrantRight> {
  constructor(private readonly commands: IntakeCommands) {}

  execute(command: GrantRight): Promise<IntakeChange> {
    return this.commands.run(command, {
      requestType: GrantRightRequest,
      checks: (request, _invalid, _trajectory, today) =>
        grantedUntilProblems(request.grantedUntil ?? null, request.occurredOn ?? today),
      decided: ({ request, occurredOn, today }) => ({
        type: 'GrantRight',
        rightId: command.rightId,
        amountCents: request.amountCents ?? null,
        grantedUntil: request.grantedUntil ?? null,
        occurredOn,
        today,
      }),
    });
  }
}
