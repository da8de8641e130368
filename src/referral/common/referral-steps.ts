import { Inject, Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { IsOptional, IsString, Matches } from 'class-validator';
import type { PendingAccessLogEntry } from '../../shared/auth';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { commandContext } from '../../shared/commands/command-context';
import { CommandExecutor } from '../../shared/commands/command-executor';
import { isCalendarDate, type CalendarDate } from '../../shared/domain/calendar';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import type { FieldProblem } from '../../shared/domain/field-problem';
import { today } from '../../shared/domain/today';
import { type CommandHeaders, setEtag } from '../../shared/http/command-headers';
import { type RequestChecks, validateRequest } from '../../shared/http/request-validation';
import { ReadYourWrites } from '../../shared/projections/read-your-writes';
import type { ClassConstructor } from 'class-transformer';
import { referralDecider, type ReferralCommand, type KnownReferral } from '../domain/referral.decider';
import { REFERRALS_PROJECTION } from '../referral-register/referrals.projection';
import { rethrowAsProblem } from './problems';
import { ReferralAccess } from './referral-access';
import { referralStream, ReferralStreams } from './referral-streams';
import type { ReferralView } from './referral.view';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The body every step takes: when it happened (facts arrive late), today when omitted. */
export class StepRequest {
  @ApiPropertyOptional({ format: 'date', description: 'When it happened; defaults to today, never in the future.' })
  @IsOptional()
  @IsString()
  @Matches(DATE, { message: 'occurredOn must be a date (YYYY-MM-DD)' })
  occurredOn?: string;
}

/** What the step handler gives a step to build its command from. */
export interface StepContext {
  readonly state: KnownReferral;
  readonly actorOrganisationId: string;
  readonly occurredOn: CalendarDate;
  readonly today: CalendarDate;
  readonly asCoordinator: boolean;
}

/**
 * Runs one step of a referral's lifecycle for an endpoint: lets only the two organisations (and, for a revocation,
 * a coordinator) through, validates the body (one 400 for every invalid field, a future `occurredOn` included),
 * decides and appends, waits for the read model, and answers with the referral as the caller may see it.
 */
@Injectable()
export class ReferralSteps {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly streams: ReferralStreams,
    private readonly access: ReferralAccess,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run<Request extends StepRequest>(step: {
    readonly referralId: string;
    readonly body: unknown;
    readonly request: ClassConstructor<Request>;
    readonly command: (request: Request, context: StepContext) => ReferralCommand | Promise<ReferralCommand>;
    readonly user: AuthenticatedUser;
    readonly headers: CommandHeaders;
    readonly reply: FastifyReply;
    readonly entry: PendingAccessLogEntry;
    readonly coordinatorAdmitted?: boolean;
  }): Promise<ReferralView> {
    // Who may act comes first: a caller of another organisation learns nothing from a 400 about the body.
    const { state } = await this.streams.existing(step.referralId);
    const party = this.access.partyOf(step.user, state, step.entry, step.coordinatorAdmitted ?? false);
    const date = today(this.clock);
    const request = await validateRequest(step.request, step.body, occurredOnChecks(date));
    const command = await step.command(request, {
      state,
      actorOrganisationId: step.user.organisationId,
      occurredOn: request.occurredOn ?? date,
      today: date,
      asCoordinator: party === 'coordinator',
    });
    const result = await this.executor
      .execute(referralStream(step.referralId), referralDecider, command, commandContext(step.user, step.headers))
      .catch(rethrowAsProblem);
    await this.readYourWrites.waitFor(result, [REFERRALS_PROJECTION]);
    if (result.state.status === 'none') throw new Error('A referral step left no referral');
    setEtag(step.reply, result.revision);
    return this.access.view(result.state, result.revision, party);
  }
}

/** `occurredOn`: a real date, not after today in Belgium. */
export function occurredOnChecks(date: CalendarDate): RequestChecks<StepRequest> {
  return (request, invalid) => {
    const problems: FieldProblem[] = [];
    if (invalid.ok('occurredOn') && request.occurredOn !== undefined) {
      if (!isCalendarDate(request.occurredOn)) {
        problems.push({ field: 'occurredOn', message: 'occurredOn must be a date (YYYY-MM-DD)' });
      } else if (request.occurredOn > date) {
        problems.push({ field: 'occurredOn', message: 'occurredOn must not be in the future' });
      }
    }
    return problems;
  };
}
