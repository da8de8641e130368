import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { newResourceId } from '../../shared/commands/command-executor';
import { NeedDescriptions } from '../common/need-descriptions';
import { IntakeCommands } from '../common/intake-commands';
import type { IntakeChange } from '../common/trajectory-command';
import { RecordNeed } from './record-need.command';
import { RecordNeedRequest, descriptionProblems } from './record-need.request';

/** The description is sealed with the person's key: 409 `CLIENT_ERASED` once the person is erased. */
@CommandHandler(RecordNeed)
export class RecordNeedHandler implements ICommandHandler<RecordNeed> {
  constructor(
    private readonly commands: IntakeCommands,
    private readonly descriptions: NeedDescriptions,
  ) {}

  execute(command: RecordNeed): Promise<IntakeChange> {
    return this.commands.run(command, {
      requestType: RecordNeedRequest,
      checks: (request) => descriptionProblems(request.description),
      decided: async ({ request, trajectory, occurredOn, today, context }) => ({
        type: 'RecordNeed',
        needId: newResourceId(context, `intakeNeed:${command.trajectoryId}`),
        lifeDomain: request.lifeDomain,
        description:
          typeof request.description === 'string'
            ? await this.descriptions.seal(trajectory.clientId, request.description.trim())
            : null,
        occurredOn,
        today,
      }),
      created: ({ needId }) => ({ needId }),
    });
  }
}
