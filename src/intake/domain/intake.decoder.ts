import { sealedPersonalData as sealed } from '../../shared/domain/sealed-personal-data';
import { LIFE_DOMAINS } from '../../shared/domain/life-domains';
import {
  array,
  type EventDecoder,
  eventDecoder,
  integer,
  nullable,
  object,
  oneOf,
  partialRecord,
  string,
  type Upcast,
} from '../../shared/domain/event-decoding';
import type { IntakeEvent } from './intake.events';
import {
  INTAKE_ORIGINS,
  INTAKE_OUTCOMES,
  PROACTIVE_SIGNAL_SOURCES,
  PROBLEM_FLAGS,
  RIGHT_REFUSAL_REASONS,
  TRANSFER_REASONS,
  UNMET_NEED_REASONS,
} from './intake.values';

const fact = { trajectoryId: string, occurredOn: string };
const lifeDomain = oneOf(...LIFE_DOMAINS);
/**
 * `ResponsibilityTransferred` named the receiving organisation's caseworker `caseworkerId` until 2026-12-07: beside
 * `fromOrganisationId`/`toOrganisationId` it read as the caseworker handing over. Events stored then are read with
 * the current name.
 */
const receivingCaseworkerRenamed: Upcast = (data) => {
  if (typeof data !== 'object' || data === null || 'receivingCaseworkerId' in data || !('caseworkerId' in data)) {
    return { type: 'ResponsibilityTransferred', data };
  }
  const { caseworkerId, ...rest } = data as Record<string, unknown>;
  return { type: 'ResponsibilityTransferred', data: { ...rest, receivingCaseworkerId: caseworkerId } };
};

/** The one way intake events are read from the store (docs/adr/0025-command-pipeline.md): checked and upcast. */
export const decodeIntakeEvent: EventDecoder<IntakeEvent> = eventDecoder<IntakeEvent>(
  {
    IntakeOpened: object({
      ...fact,
      clientId: string,
      organisationId: string,
      caseworkerId: string,
      origin: oneOf(...INTAKE_ORIGINS),
      referringOrganisationId: nullable(string),
      signalSource: nullable(oneOf(...PROACTIVE_SIGNAL_SOURCES)),
    }),
    LifeDomainsAssessed: object({
      ...fact,
      assessmentId: string,
      scores: partialRecord(LIFE_DOMAINS, integer),
      problemFlags: array(oneOf(...PROBLEM_FLAGS)),
    }),
    NeedRecorded: object({ ...fact, needId: string, lifeDomain, description: nullable(sealed) }),
    RightExplored: object({ ...fact, rightId: string, lifeDomain, needId: nullable(string) }),
    RightApplied: object({ ...fact, rightId: string }),
    RightGranted: object({ ...fact, rightId: string, amountCents: nullable(integer), grantedUntil: nullable(string) }),
    RightRefused: object({ ...fact, rightId: string, reason: oneOf(...RIGHT_REFUSAL_REASONS) }),
    UnmetNeedSignalled: object({
      ...fact,
      unmetNeedId: string,
      lifeDomain,
      reason: oneOf(...UNMET_NEED_REASONS),
      needId: nullable(string),
    }),
    CaseworkerAssigned: object({ ...fact, caseworkerId: string, previousCaseworkerId: nullable(string) }),
    ResponsibilityTransferred: object({
      ...fact,
      fromOrganisationId: string,
      toOrganisationId: string,
      reason: oneOf(...TRANSFER_REASONS),
      receivingCaseworkerId: nullable(string),
    }),
    IntakeClosed: object({ ...fact, outcome: oneOf(...INTAKE_OUTCOMES) }),
    IntakeReopened: object(fact),
  },
  { ResponsibilityTransferred: receivingCaseworkerRenamed },
);
