import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OpenIntakeClaims } from '../common/open-intake-claims';
import { afterClosure } from '../domain/input-rules';
import { IntakeCommands } from '../common/intake-commands';
import type { IntakeChange } from '../common/trajectory-command';
import { ReopenIntake } from './reopen-intake.command';
import { ReopenIntakeRequest } from './reopen-intake.request';

/** A reopening claims (person, organisation) before it is appended: 409 `INTAKE_ALREADY_OPEN` (docs/adr/0014). */
@CommandHandler(ReopenIntake)
export class ReopenIntakeHandler implements ICommandHandler<ReopenIntake> {
  constructor(
    private readonly commands: IntakeCommands,
    private readonly claims: OpenIntakeClaims,
  ) {}

  execute(command: ReopenIntake): Promise<IntakeChange> {
    return this.commands.run(command, {
      requestType: ReopenIntakeRequest,
      dateBounds: afterClosure,
      decided: ({ occurredOn, today }) => ({ type: 'ReopenIntake', occurredOn, today }),
      before: ({ trajectory }) =>
        this.claims.claim(trajectory.clientId, trajectory.organisationId, trajectory.trajectoryId),
    });
  }
}
