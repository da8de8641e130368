import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { IntakeCommands } from '../common/intake-commands';
import type { IntakeChange } from '../common/trajectory-command';
import { AssignCaseworker } from './assign-caseworker.command';
import { AssignCaseworkerRequest } from './assign-caseworker.request';

@CommandHandler(AssignCaseworker)
export class AssignCaseworkerHandler implements ICommandHandler<AssignCaseworker> {
  constructor(private readonly commands: IntakeCommands) {}

  execute(command: AssignCaseworker): Promise<IntakeChange> {
    return this.commands.run(command, {
      requestType: AssignCaseworkerRequest,
      decided: ({ request, occurredOn, today }) => ({
        type: 'AssignCaseworker',
        caseworkerId: request.caseworkerId,
        occurredOn,
        today,
      }),
    });
  }
}
