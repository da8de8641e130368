import { Inject, Injectable } from '@nestjs/common';
import { ClientAccessList } from '../../clients';
import { forbidden } from '../../shared/auth/access-problems';
import {
  type CommandContext,
  CommandExecutor,
  type CommandResult,
  newResourceId,
} from '../../shared/commands/command-executor';
import type { CalendarDate } from '../../shared/domain/calendar';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { intakeStream } from '../common/intake-streams';
import { OpenIntakeClaims } from '../common/open-intake-claims';
import { clientErased, rethrowAsProblem } from '../common/problems';
import { intakeDecider, type IntakeState } from '../domain/intake.decider';
import { INTAKE_CATEGORY } from '../domain/intake.events';
import type { IntakeOrigin, ProactiveSignalSource } from '../domain/intake.values';

export interface OpenIntakeInput {
  /** A registered person (the request was validated). */
  readonly clientId: string;
  readonly caseworkerId: string;
  readonly origin: IntakeOrigin;
  readonly referringOrganisationId: string | null;
  readonly signalSource: ProactiveSignalSource | null;
  readonly occurredOn: CalendarDate;
  readonly today: CalendarDate;
}

/**
 * Opens a trajectory for a person the caller's organisation may see (403 otherwise; 409 `CLIENT_ERASED` for an
 * erased person). The (person, organisation) claim is taken first: a second open intake is refused with 409
 * `INTAKE_ALREADY_OPEN` (docs/adr/0014). The trajectory id derives from the idempotency key, so a retry lands on the
 * same claim and the same stream and is answered from there.
 */
@Injectable()
export class OpenIntakeHandler {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly clients: ClientAccessList,
    private readonly claims: OpenIntakeClaims,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: OpenIntakeInput, context: CommandContext): Promise<CommandResult<IntakeState>> {
    const organisationId = context.user.organisationId;
    const person = await this.clients.of(input.clientId);
    if (!person.maySee(organisationId, this.clock.now())) throw forbidden();
    if (person.status === 'erased') throw clientErased();
    const trajectoryId = newResourceId(context, INTAKE_CATEGORY);
    await this.claims.claim(input.clientId, organisationId, trajectoryId);
    return this.executor
      .execute(
        intakeStream(trajectoryId),
        intakeDecider,
        {
          type: 'OpenIntake',
          trajectoryId,
          clientId: input.clientId,
          organisationId,
          caseworkerId: input.caseworkerId,
          origin: input.origin,
          referringOrganisationId: input.referringOrganisationId,
          referringOrganisationKnown: true,
          signalSource: input.signalSource,
          occurredOn: input.occurredOn,
          today: input.today,
        },
        context,
      )
      .catch(rethrowAsProblem);
  }
}
