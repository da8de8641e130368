import { Inject, Injectable } from '@nestjs/common';
import type { ClassConstructor } from 'class-transformer';
import { CommandExecutor } from '../../shared/commands/command-executor';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { today } from '../../shared/domain/today';
import { validateRequest } from '../../shared/commands/request-validation';
import type { ReceiverStep, ReferralCommand } from '../domain/referral.commands';
import { type KnownReferral, referralDecider } from '../domain/referral.decider';
import { decodeReferralEvent } from '../domain/referral.decoder';
import { ReferralAccess } from './referral-access';
import type { ReferralStepCommand, WrittenReferral } from './referral-step.command';
import { referralStream, ReferralStreams } from './referral-streams';
import { occurredOnChecks, type StepRequest } from './step.request';

/** What a step's handler builds its decider command from. */
export interface StepContext {
  readonly state: KnownReferral;
  /** Who acts and when: the fields every step command has. */
  readonly dated: ReceiverStep;
  readonly asCoordinator: boolean;
}

/**
 * One step of a referral's lifecycle, for the step handlers: lets only the two organisations (and, for a revocation,
 * a coordinator) through, validates the body (one 400 for every invalid field, a future `occurredOn` included),
 * decides and appends, and answers with the referral as the caller may see it.
 */
@Injectable()
export class ReferralSteps {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly streams: ReferralStreams,
    private readonly access: ReferralAccess,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async take<Request extends StepRequest>(
    command: ReferralStepCommand,
    request: ClassConstructor<Request>,
    decide: (request: Request, context: StepContext) => ReferralCommand | Promise<ReferralCommand>,
    options: { readonly coordinatorAdmitted?: boolean } = {},
  ): Promise<WrittenReferral> {
    const { caller, referralId } = command;
    // Who may act comes first: a caller of another organisation learns nothing from a 400 about the body.
    const { state } = await this.streams.existing(referralId);
    const party = this.access.partyOf(caller.user, state, caller.accessLog, options.coordinatorAdmitted ?? false);
    const date = today(this.clock);
    const valid = await validateRequest(request, command.body, occurredOnChecks(date));
    const decided = await decide(valid, {
      state,
      dated: { actorOrganisationId: caller.user.organisationId, occurredOn: valid.occurredOn ?? date, today: date },
      asCoordinator: party === 'coordinator',
    });
    const result = await this.executor.execute(
      referralStream(referralId),
      referralDecider,
      decided,
      caller.envelope,
      decodeReferralEvent,
    );
    if (result.state.status === 'none') throw new Error('A referral step left no referral');
    return { referral: await this.access.view(result.state, result.revision, party), result };
  }
}
