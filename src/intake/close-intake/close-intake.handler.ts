import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OpenIntakeClaims } from '../common/open-intake-claims';
import { IntakeCommands } from '../common/intake-commands';
import type { IntakeChange } from '../common/trajectory-command';
import { CloseIntake } from './close-intake.command';
import { CloseIntakeRequest } from './close-intake.request';

/** A closure releases the (person, organisation) claim after it is appended (docs/adr/0014). */
@CommandHandler(CloseIntake)
export class CloseIntakeHandler implements ICommandHandler<CloseIntake> {
  constructor(
    private readonly commands: IntakeCommands,
    private readonly claims: OpenIntakeClaims,
  ) {}

  execute(command: CloseIntake): Promise<IntakeChange> {
    return this.commands.run(command, {
      requestType: CloseIntakeRequest,
      decided: ({ request, occurredOn, today }) => ({
        type: 'CloseIntake',
        outcome: request.outcome,
        occurredOn,
        today,
      }),
      after: ({ trajectory }) =>
        this.claims.release(trajectory.clientId, trajectory.organisationId, trajectory.trajectoryId),
    });
  }
}
