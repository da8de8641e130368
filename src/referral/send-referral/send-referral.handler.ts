import { Inject, Injectable } from '@nestjs/common';
import { ClientAccessList } from '../../clients';
import { OrganisationDirectory } from '../../partners';
import type { PendingAccessLogEntry } from '../../shared/auth/access-log/pending-entry';
import { forbidden } from '../../shared/auth/access-problems';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import {
  type CommandContext,
  CommandExecutor,
  type CommandResult,
  newResourceId,
} from '../../shared/commands/command-executor';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { today } from '../../shared/domain/today';
import type { LifeDomain } from '../../partners';
import { IntakeTrajectories } from '../common/intake-trajectories';
import { clientErased, rethrowAsProblem, trajectoryNotFound } from '../common/problems';
import { consentFor } from '../common/referral-consents';
import { ReferralNotes } from '../common/referral-notes';
import { referralStream } from '../common/referral-streams';
import { type PreviousReferral, referralDecider, type ReferralState } from '../domain/referral.decider';
import { REFERRAL_CATEGORY, REFERRAL_NOTE_CONTEXT } from '../domain/referral.events';
import type { ReferralConsentBasis } from '../domain/referral.values';

export interface SendReferralInput {
  readonly trajectoryId: string;
  readonly toOrganisationId: string;
  readonly service: string | null;
  readonly lifeDomain: LifeDomain;
  readonly needId: string | null;
  readonly warm: boolean;
  readonly note: string | null;
  readonly consentBasis: ReferralConsentBasis | undefined;
  readonly previous: PreviousReferral | null;
}

/**
 * Sends a referral (new or again): gathers what the decider needs from the other capabilities (the trajectory,
 * the receiver, the person's consent), seals the note, and appends `ReferralSent` to a new stream. Only a social
 * worker of the organisation responsible for the trajectory may send from it (403 otherwise).
 */
@Injectable()
export class SendReferralHandler {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly trajectories: IntakeTrajectories,
    private readonly organisations: OrganisationDirectory,
    private readonly clients: ClientAccessList,
    private readonly notes: ReferralNotes,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * `accessLog` is given the person as soon as the trajectory names them, so that a refusal (403, consent, erasure)
   * is logged with them, and the referral before it is appended.
   */
  async execute(
    input: SendReferralInput,
    user: AuthenticatedUser,
    context: CommandContext,
    accessLog: PendingAccessLogEntry,
  ): Promise<{ referralId: string; clientId: string; result: CommandResult<ReferralState> }> {
    const trajectory = await this.trajectories.find(input.trajectoryId);
    if (!trajectory) throw trajectoryNotFound();
    accessLog.addPerson(trajectory.clientId);
    if (trajectory.organisationId !== user.organisationId) throw forbidden();
    const now = this.clock.now();
    const [receiver, sender, person] = await Promise.all([
      this.organisations.find(input.toOrganisationId),
      this.organisations.find(user.organisationId),
      this.clients.of(trajectory.clientId),
    ]);
    if (person.status === 'erased') throw clientErased();
    const consent = consentFor(person, input.toOrganisationId, input.consentBasis, now);
    // Sealed only when the person may be shared: a refused referral creates nothing for them.
    const note =
      consent !== 'missing' && consent.basis !== 'none'
        ? await this.notes.seal(trajectory.clientId, REFERRAL_NOTE_CONTEXT, input.note)
        : null;
    const referralId = newResourceId(context, REFERRAL_CATEGORY);
    accessLog.setResourceId(referralId);
    const result = await this.executor
      .execute(
        referralStream(referralId),
        referralDecider,
        {
          type: 'SendReferral',
          referralId,
          fromOrganisationId: user.organisationId,
          fromMunicipalityId: sender?.municipalityId ?? null,
          trajectory,
          toOrganisationId: input.toOrganisationId,
          receiver: receiver && {
            organisationId: receiver.organisationId,
            active: receiver.active,
            municipalityId: receiver.municipalityId,
            services: receiver.services,
            responseDeadlineDays: receiver.responseDeadlineDays,
          },
          service: input.service,
          lifeDomain: input.lifeDomain,
          needId: input.needId,
          warm: input.warm,
          note,
          consent,
          previous: input.previous,
          today: today(this.clock),
        },
        context,
      )
      .catch(rethrowAsProblem);
    return { referralId, clientId: trajectory.clientId, result };
  }
}
