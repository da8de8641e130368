import { Inject, Injectable } from '@nestjs/common';
import { forbidden } from '../../shared/auth/access-problems';
import type { PendingAccessLogEntry } from '../../shared/auth/access-log/pending-entry';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { today } from '../../shared/domain/today';
import { isOverdue, type KnownReferral, reachedSteps } from '../domain/referral.decider';
import {
  COMPLETION_FEEDBACK_CONTEXT,
  DECLINE_EXPLANATION_CONTEXT,
  REFERRAL_NOTE_CONTEXT,
} from '../domain/referral.events';
import { ReferralConsents } from './referral-consents';
import { ReferralNames } from './referral-names';
import { ReferralNotes } from './referral-notes';
import type { ReferralView } from './referral.view';

/** How the caller stands to a referral: which organisation of the two, or a coordinator (region-wide). */
export type ReferralParty = 'sender' | 'receiver' | 'coordinator';

/**
 * Who sees a referral, and what of it (docs/adr/0015): social workers of the sending and of the receiving
 * organisation; coordinators only where an endpoint admits them, and never anything personal. Others get the same
 * 403 as a wrong role, whether the referral exists or not for them.
 */
@Injectable()
export class ReferralAccess {
  constructor(
    private readonly consents: ReferralConsents,
    private readonly notes: ReferralNotes,
    private readonly names: ReferralNames,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The caller's party; 403 for anyone else, logged with the person (`accessLog`) whose referral it is. A social
   * worker's organisation wins over a coordinator role. The person is logged for the two parties too; not for a
   * coordinator, who sees nothing personal.
   */
  partyOf(
    user: AuthenticatedUser,
    state: KnownReferral,
    accessLog: PendingAccessLogEntry,
    coordinatorAdmitted = false,
  ): ReferralParty {
    const party = this.standingOf(user, state, coordinatorAdmitted);
    if (party !== 'coordinator') accessLog.addPerson(state.sent.clientId);
    if (party === undefined) throw forbidden();
    return party;
  }

  private standingOf(user: AuthenticatedUser, state: KnownReferral, coordinatorAdmitted: boolean) {
    if (user.roles.includes('social_worker')) {
      if (user.organisationId === state.sent.fromOrganisationId) return 'sender';
      if (user.organisationId === state.sent.toOrganisationId) return 'receiver';
    }
    if (coordinatorAdmitted && user.roles.includes('coordinator')) return 'coordinator';
    return undefined;
  }

  /** The referral for one party, free text opened for this answer only. */
  async view(state: KnownReferral, revision: bigint, party: ReferralParty): Promise<ReferralView> {
    const { sent } = state;
    const now = this.clock.now();
    const shared = party === 'sender' || (party === 'receiver' && (await this.consents.stillShared(sent, now)));
    const partyToIt = party !== 'coordinator';
    const steps = reachedSteps(state);
    // The person is in the access log already (`partyOf`): a party's read of the referral is logged with them.
    const viewer = shared ? (party === 'sender' ? sent.fromOrganisationId : sent.toOrganisationId) : null;
    const names = await this.names.seenBy(viewer, [{ ...sent, status: state.status }], today(this.clock), null);
    return {
      referralId: sent.referralId,
      trajectoryId: party === 'sender' ? sent.trajectoryId : null,
      clientId: shared ? sent.clientId : null,
      clientName: viewer === null ? null : names.clientName(sent.clientId),
      personalDataShared: shared,
      fromOrganisationId: sent.fromOrganisationId,
      fromOrganisationName: names.organisationName(sent.fromOrganisationId),
      toOrganisationId: sent.toOrganisationId,
      toOrganisationName: names.organisationName(sent.toOrganisationId),
      fromMunicipalityId: sent.fromMunicipalityId,
      toMunicipalityId: sent.toMunicipalityId,
      service: sent.service,
      lifeDomain: sent.lifeDomain,
      needId: party === 'sender' ? sent.needId : null,
      warm: sent.warm,
      consentBasis: sent.consentBasis,
      consentId: party === 'sender' ? sent.consentId : null,
      note: shared ? await this.notes.open(sent.clientId, REFERRAL_NOTE_CONTEXT, sent.note) : null,
      status: state.status,
      overdue: isOverdue(state.status, sent.dueOn, today(this.clock)),
      sentOn: sent.occurredOn,
      dueOn: sent.dueOn,
      responseDeadlineDays: sent.responseDeadlineDays,
      acceptedOn: steps.acceptedOn,
      declined:
        state.status === 'declined'
          ? {
              on: state.declined.on,
              reason: state.declined.reason,
              // Written by the receiver for the sender: both parties read it, coordinators never.
              explanation: partyToIt
                ? await this.notes.open(sent.clientId, DECLINE_EXPLANATION_CONTEXT, state.declined.explanation)
                : null,
            }
          : null,
      firstContactOn: steps.firstContactOn,
      serviceStartedOn: steps.serviceStartedOn,
      completed:
        state.status === 'completed'
          ? {
              on: state.completed.on,
              outcome: state.completed.outcome,
              // Written by the receiver for the sender, as a decline's explanation.
              feedback: partyToIt
                ? await this.notes.open(sent.clientId, COMPLETION_FEEDBACK_CONTEXT, state.completed.feedback)
                : null,
            }
          : null,
      dropped: state.status === 'dropped' ? { ...state.dropped } : null,
      revoked: state.status === 'revoked' ? { ...state.revoked } : null,
      previousReferralId: sent.previousReferralId,
      revision: Number(revision),
    };
  }
}
