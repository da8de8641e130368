import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { newResourceId } from '../../shared/commands/command-executor';
import { needProblems } from '../domain/input-rules';
import { IntakeCommands } from '../common/intake-commands';
import type { IntakeChange } from '../common/trajectory-command';
import { SignalUnmetNeed } from './signal-unmet-need.command';
import { SignalUnmetNeedRequest } from './signal-unmet-need.request';

@CommandHandler(SignalUnmetNeed)
export class SignalUnmetNeedHandler implements ICommandHandler<SignalUnmetNeed> {
  constructor(private readonly commands: IntakeCommands) {}

  execute(command: SignalUnmetNeed): Promise<IntakeChange> {
    return this.commands.run(command, {
      requestType: SignalUnmetNeedRequest,
      checks: (request, _invalid, trajectory) => needProblems(trajectory, request.needId ?? null),
      decided: ({ request, occurredOn, today, context }) => ({
        type: 'SignalUnmetNeed',
        unmetNeedId: newResourceId(context, `intakeUnmetNeed:${command.trajectoryId}`),
        lifeDomain: request.lifeDomain,
        reason: request.reason,
        needId: request.needId ?? null,
        occurredOn,
        today,
      }),
      created: ({ unmetNeedId }) => ({ unmetNeedId }),
    });
  }
}
