import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type ClientAccess, ClientAccessList } from '../../clients';
import { OrganisationDirectory } from '../../partners';
import { CommandExecutor, newResourceId } from '../../shared/commands/command-executor';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { AccessDenied } from '../../shared/domain/domain-error';
import type { FieldProblem } from '../../shared/domain/field-problem';
import { today } from '../../shared/domain/today';
import { validateRequest } from '../../shared/commands/request-validation';
import { clientErased } from '../common/intake-refusals';
import { intakeStream } from '../common/intake-streams';
import { OpenIntakeClaims } from '../common/open-intake-claims';
import { ReferralHandOffs } from '../common/referral-hand-offs';
import type { IntakeChange } from '../common/trajectory-command';
import { occurredOnProblems, originDetailProblems } from '../domain/input-rules';
import { intakeDecider } from '../domain/intake.decider';
import { decodeIntakeEvent } from '../domain/intake.decoder';
import { INTAKE_CATEGORY } from '../domain/intake.events';
import { OpenIntake } from './open-intake.command';
import { OpenIntakeRequest } from './open-intake.request';

/**
 * Opens a trajectory for a person the caller's organisation may see, or is handed off to by an open referral it
 * names (`referralId`, docs/adr/0028); 403 otherwise; 409 `CLIENT_ERASED` for an erased person. The (person, organisation) claim is taken first: a second open intake is refused with 409
 * `INTAKE_ALREADY_OPEN` (docs/adr/0014). The trajectory id derives from the idempotency key, so a retry lands on the
 * same claim and the same stream and is answered from there.
 */
@CommandHandler(OpenIntake)
export class OpenIntakeHandler implements ICommandHandler<OpenIntake> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly clients: ClientAccessList,
    private readonly organisations: OrganisationDirectory,
    private readonly claims: OpenIntakeClaims,
    private readonly handOffs: ReferralHandOffs,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, body }: OpenIntake): Promise<IntakeChange> {
    const { user, envelope, accessLog } = caller;
    const date = today(this.clock);
    const request = await validateRequest(OpenIntakeRequest, body, async (candidate, invalid) => {
      const problems: FieldProblem[] = occurredOnProblems(candidate.occurredOn ?? date, { today: date });
      if (invalid.ok('origin') && invalid.ok('referringOrganisationId') && invalid.ok('signalSource')) {
        const referringOrganisationId = candidate.referringOrganisationId ?? null;
        problems.push(
          ...originDetailProblems({
            origin: candidate.origin,
            referringOrganisationId,
            referringOrganisationKnown:
              referringOrganisationId !== null && !!(await this.organisations.find(referringOrganisationId)),
            signalSource: candidate.signalSource ?? null,
          }),
        );
      }
      if (invalid.ok('referralId') && candidate.referralId && candidate.origin !== 'referred_by_partner') {
        problems.push({ field: 'referralId', message: 'referralId is only for origin referred_by_partner' });
      }
      if (invalid.ok('clientId') && (await this.clients.of(candidate.clientId)).status === 'unregistered') {
        problems.push({ field: 'clientId', message: 'clientId must be a registered person' });
      }
      return problems.filter((problem) => invalid.ok(problem.field));
    });
    accessLog.addPerson(request.clientId);

    const organisationId = user.organisationId;
    const person = await this.clients.of(request.clientId);
    const now = this.clock.now();
    if (!person.maySee(organisationId, now) && !(await this.handedOff(request, organisationId, person, now))) {
      throw new AccessDenied();
    }
    if (person.status === 'erased') throw clientErased();
    const trajectoryId = newResourceId(envelope, INTAKE_CATEGORY);
    await this.claims.claim(request.clientId, organisationId, trajectoryId);
    const result = await this.executor.execute(
      intakeStream(trajectoryId),
      intakeDecider,
      {
        type: 'OpenIntake',
        trajectoryId,
        clientId: request.clientId,
        organisationId,
        caseworkerId: request.caseworkerId ?? user.userId,
        origin: request.origin,
        referringOrganisationId: request.referringOrganisationId ?? null,
        referringOrganisationKnown: true,
        signalSource: request.signalSource ?? null,
        occurredOn: request.occurredOn ?? date,
        today: date,
      },
      envelope,
      decodeIntakeEvent,
    );
    accessLog.setResourceId(trajectoryId);
    return { result, created: {} };
  }

  /** Whether the request's referral hands the person off to the caller's organisation (docs/adr/0028). */
  private async handedOff(request: OpenIntakeRequest, organisationId: string, person: ClientAccess, now: Date) {
    if (!request.referralId) return false;
    const claim = {
      clientId: request.clientId,
      organisationId,
      referringOrganisationId: request.referringOrganisationId ?? null,
    };
    return this.handOffs.admit(request.referralId, claim, person, now);
  }
}
