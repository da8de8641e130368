import type { RecordedEvent } from '../../shared/event-store';
import { defineRowProjection } from '../../shared/projections';
import { addDays } from '../../shared/domain/calendar';
import { decodeReferralEvent } from '../domain/referral.decoder';
import { REFERRAL_EVENT_TYPES } from '../domain/referral.events';
import { ReferralRow } from './referral.row';

export const REFERRALS_PROJECTION = 'referral.referrals';

export const referralsProjection = defineRowProjection<ReferralRow>({
  name: REFERRALS_PROJECTION,
  // 2: the service start deadline and due date (docs/adr/0026).
  version: 2,
  entity: ReferralRow,
  eventTypes: REFERRAL_EVENT_TYPES,
  keyOf: (event) => decodeReferralEvent(event).data.referralId,
  evolve(row, recorded: RecordedEvent) {
    const event = decodeReferralEvent(recorded);
    if (event.type === 'ReferralSent') {
      const sent = event.data;
      return {
        referralId: sent.referralId,
        trajectoryId: sent.trajectoryId,
        clientId: sent.clientId,
        fromOrganisationId: sent.fromOrganisationId,
        toOrganisationId: sent.toOrganisationId,
        fromMunicipalityId: sent.fromMunicipalityId,
        toMunicipalityId: sent.toMunicipalityId,
        service: sent.service,
        lifeDomain: sent.lifeDomain,
        needId: sent.needId,
        warm: sent.warm,
        consentBasis: sent.consentBasis,
        hasNote: sent.note !== null,
        status: 'sent',
        sentOn: sent.occurredOn,
        dueOn: sent.dueOn,
        responseDeadlineDays: sent.responseDeadlineDays,
        serviceStartDeadlineDays: sent.serviceStartDeadlineDays,
        serviceStartDueOn: null,
        respondedOn: null,
        acceptedOn: null,
        declinedOn: null,
        declineReason: null,
        firstContactOn: null,
        serviceStartedOn: null,
        completedOn: null,
        completionOutcome: null,
        droppedOn: null,
        droppedBy: null,
        dropReason: null,
        revokedOn: null,
        revocationReason: null,
        statusChangedOn: sent.occurredOn,
        previousReferralId: sent.previousReferralId,
        revision: recorded.revision,
      };
    }
    if (!row) return undefined;
    const on = event.data.occurredOn;
    const moved = { statusChangedOn: on, revision: recorded.revision };
    switch (event.type) {
      case 'ReferralAccepted':
        return {
          ...row,
          ...moved,
          status: 'accepted',
          acceptedOn: on,
          respondedOn: on,
          serviceStartDueOn: addDays(on, row.serviceStartDeadlineDays),
        };
      case 'ReferralDeclined':
        // The explanation is sealed free text: it stays in the event.
        return {
          ...row,
          ...moved,
          status: 'declined',
          declinedOn: on,
          respondedOn: on,
          declineReason: event.data.reason,
        };
      case 'ReferralFirstContactMade':
        return { ...row, ...moved, status: 'first_contact_made', firstContactOn: on };
      case 'ReferralServiceStarted':
        return { ...row, ...moved, status: 'service_started', serviceStartedOn: on };
      case 'ReferralCompleted':
        return { ...row, ...moved, status: 'completed', completedOn: on, completionOutcome: event.data.outcome };
      case 'ReferralDropped':
        return {
          ...row,
          ...moved,
          status: 'dropped',
          droppedOn: on,
          droppedBy: event.data.droppedBy,
          dropReason: event.data.reason,
        };
      case 'ReferralRevoked':
        return { ...row, ...moved, status: 'revoked', revokedOn: on, revocationReason: event.data.reason };
    }
  },
});
