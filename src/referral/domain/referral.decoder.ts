import { sealedPersonalData as sealed } from '../../shared/domain/sealed-personal-data';
import { LIFE_DOMAINS } from '../../shared/domain/life-domains';
import {
  boolean,
  eventDecoder,
  integer,
  nullable,
  object,
  oneOf,
  optional,
  string,
  type Upcast,
} from '../../shared/domain/event-decoding';
import type { ReferralEvent } from './referral.events';
import {
  COMPLETION_OUTCOMES,
  DECLINE_REASONS,
  DROP_REASONS,
  DROPPED_BY,
  REFERRAL_CONSENT_BASES,
  REVOCATION_REASONS,
} from './referral.values';

const fact = { referralId: string, occurredOn: string };

/** The service start deadline of every organisation before deadlines were set per organisation (docs/adr/0026). */
export const SERVICE_START_DEADLINE_DAYS_BEFORE_ISSUE_19 = 30;

/** `ReferralSent` stored before 2026-12-07 names no service start deadline: it is read with the default then. */
const withServiceStartDeadline: Upcast = (data) =>
  typeof data === 'object' && data !== null && !('serviceStartDeadlineDays' in data)
    ? { type: 'ReferralSent', data: { ...data, serviceStartDeadlineDays: SERVICE_START_DEADLINE_DAYS_BEFORE_ISSUE_19 } }
    : { type: 'ReferralSent', data };

/**
 * The one way a stored referral event becomes a `ReferralEvent` (docs/adr/0025-command-pipeline.md): for the
 * referral's commands and reads, its projections and subject access, and the capabilities that read its events.
 */
export const decodeReferralEvent = eventDecoder<ReferralEvent>(
  {
    ReferralSent: object({
      ...fact,
      trajectoryId: string,
      clientId: string,
      fromOrganisationId: string,
      toOrganisationId: string,
      service: nullable(string),
      fromMunicipalityId: nullable(string),
      toMunicipalityId: nullable(string),
      lifeDomain: oneOf(...LIFE_DOMAINS),
      needId: nullable(string),
      warm: boolean,
      note: nullable(sealed),
      consentBasis: oneOf(...REFERRAL_CONSENT_BASES),
      consentId: nullable(string),
      responseDeadlineDays: integer,
      dueOn: string,
      serviceStartDeadlineDays: integer,
      previousReferralId: nullable(string),
    }),
    ReferralAccepted: object(fact),
    ReferralDeclined: object({ ...fact, reason: oneOf(...DECLINE_REASONS), explanation: nullable(sealed) }),
    ReferralFirstContactMade: object(fact),
    ReferralServiceStarted: object(fact),
    ReferralCompleted: object({
      ...fact,
      outcome: oneOf(...COMPLETION_OUTCOMES),
      feedback: optional(nullable(sealed)),
    }),
    ReferralDropped: object({ ...fact, droppedBy: oneOf(...DROPPED_BY), reason: oneOf(...DROP_REASONS) }),
    ReferralRevoked: object({ ...fact, reason: oneOf(...REVOCATION_REASONS), revokedByOrganisationId: string }),
  },
  { ReferralSent: withServiceStartDeadline },
);
