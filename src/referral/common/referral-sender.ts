import { Inject, Injectable } from '@nestjs/common';
import { ClientAccessList } from '../../clients';
import type { LifeDomain } from '../../shared/domain/life-domains';
import { OrganisationDirectory } from '../../partners';
import { forbidden } from '../../shared/auth/access-problems';
import type { Caller } from '../../shared/commands/caller';
import { CommandExecutor, newResourceId } from '../../shared/commands/command-executor';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import type { CalendarDate } from '../../shared/domain/calendar';
import { InvalidInput } from '../../shared/domain/domain-error';
import { today } from '../../shared/domain/today';
import type { PreviousReferral } from '../domain/referral.commands';
import { referralDecider } from '../domain/referral.decider';
import { decodeReferralEvent } from '../domain/referral.decoder';
import { REFERRAL_CATEGORY, REFERRAL_NOTE_CONTEXT } from '../domain/referral.events';
import type { ReferralConsentBasis } from '../domain/referral.values';
import { IntakeTrajectories } from './intake-trajectories';
import { clientErased, intakeTrajectoryNotFound } from './problems';
import { ReferralAccess } from './referral-access';
import { consentFor } from './referral-consents';
import { ReferralNotes } from './referral-notes';
import type { WrittenReferral } from './referral-step.command';
import { referralStream } from './referral-streams';

/** A referral to send, from a validated request: first time, or again after a decline or a drop. */
export interface Sending {
  readonly trajectoryId: string;
  readonly toOrganisationId: string;
  readonly service: string | null;
  readonly lifeDomain: LifeDomain;
  readonly needId: string | null;
  readonly warm: boolean;
  readonly note: string | null;
  readonly consentBasis: ReferralConsentBasis | undefined;
  /** The day it was sent (a late registration); null: today. Validated against today already. */
  readonly occurredOn: CalendarDate | null;
  readonly previous: PreviousReferral | null;
}

/**
 * Sends a referral (new or again), for the send and refer-again handlers: gathers what the decider needs from the
 * other capabilities (the trajectory, the receiver, the person's consent), seals the note, appends `ReferralSent` to
 * a new stream and answers with the referral as its sender sees it. Only a social worker of the organisation
 * responsible for the trajectory may send from it (403 otherwise).
 */
@Injectable()
export class ReferralSender {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly trajectories: IntakeTrajectories,
    private readonly organisations: OrganisationDirectory,
    private readonly clients: ClientAccessList,
    private readonly notes: ReferralNotes,
    private readonly access: ReferralAccess,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The access log is given the person as soon as the trajectory names them, so that a refusal (403, consent,
   * erasure) is logged with them, and the referral before it is appended.
   */
  async send(input: Sending, caller: Caller): Promise<WrittenReferral> {
    const { user, envelope, accessLog } = caller;
    const trajectory = await this.trajectories.find(input.trajectoryId);
    if (!trajectory) throw intakeTrajectoryNotFound();
    accessLog.addPerson(trajectory.clientId);
    if (trajectory.organisationId !== user.organisationId) throw forbidden();
    const date = today(this.clock);
    const occurredOn = input.occurredOn ?? date;
    if (occurredOn < trajectory.openedOn) {
      throw InvalidInput.fields([
        { field: 'occurredOn', messages: ['occurredOn must not be before the trajectory was opened'] },
      ]);
    }
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
    const referralId = newResourceId(envelope, REFERRAL_CATEGORY);
    accessLog.setResourceId(referralId);
    const result = await this.executor.execute(
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
          serviceStartDeadlineDays: receiver.serviceStartDeadlineDays,
        },
        service: input.service,
        lifeDomain: input.lifeDomain,
        needId: input.needId,
        warm: input.warm,
        note,
        consent,
        previous: input.previous,
        occurredOn,
        today: date,
      },
      envelope,
      decodeReferralEvent,
    );
    if (result.state.status === 'none') throw new Error('A sent referral left no referral');
    return { referral: await this.access.view(result.state, result.revision, 'sender'), result };
  }
}
