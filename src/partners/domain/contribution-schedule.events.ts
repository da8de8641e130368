import type { DomainEvent } from '../../shared/domain/domain-event';
import type { Cents } from './money';
import type { WorkingYearSpan } from './working-years';
import { eventDecoder, integer, nullable, object, string } from '../../shared/domain/event-decoding';

/** The rate every member municipality pays per inhabitant during a span of working years. */
export interface RatePeriod extends WorkingYearSpan {
  readonly ratePeriodId: string;
  readonly rateCentsPerInhabitant: Cents;
  /** What sets the rate ("statutes", "indexed rate"), for people reading the history; null when unknown. */
  readonly basis: string | null;
}

/**
 * A co-funder (such as a city's care company, *zorgbedrijf*) pays back to one municipality the part of its
 * contribution above `baseRateCentsPerInhabitant`, in whole euros.
 */
export interface CoFundingAgreement extends WorkingYearSpan {
  readonly agreementId: string;
  readonly municipalityId: string;
  /** The co-funding organisation's name (an organisation, never a person). */
  readonly coFunderName: string;
  readonly baseRateCentsPerInhabitant: Cents;
}

type ScheduleData<T> = T & { readonly scheduleId: string };

export type ContributionRatePeriodAdded = DomainEvent<'ContributionRatePeriodAdded', ScheduleData<RatePeriod>>;
export type ContributionRatePeriodEnded = DomainEvent<
  'ContributionRatePeriodEnded',
  ScheduleData<{ readonly ratePeriodId: string; readonly lastWorkingYear: number }>
>;
/** A period entered by mistake: it no longer counts, but stays in the history. */
export type ContributionRatePeriodWithdrawn = DomainEvent<
  'ContributionRatePeriodWithdrawn',
  ScheduleData<{ readonly ratePeriodId: string }>
>;
export type CoFundingAgreementAdded = DomainEvent<'CoFundingAgreementAdded', ScheduleData<CoFundingAgreement>>;
export type CoFundingAgreementEnded = DomainEvent<
  'CoFundingAgreementEnded',
  ScheduleData<{ readonly agreementId: string; readonly lastWorkingYear: number }>
>;
export type CoFundingAgreementWithdrawn = DomainEvent<
  'CoFundingAgreementWithdrawn',
  ScheduleData<{ readonly agreementId: string }>
>;

export type ContributionScheduleEvent =
  | ContributionRatePeriodAdded
  | ContributionRatePeriodEnded
  | ContributionRatePeriodWithdrawn
  | CoFundingAgreementAdded
  | CoFundingAgreementEnded
  | CoFundingAgreementWithdrawn;

export const CONTRIBUTION_SCHEDULE_EVENT_TYPES = [
  'ContributionRatePeriodAdded',
  'ContributionRatePeriodEnded',
  'ContributionRatePeriodWithdrawn',
  'CoFundingAgreementAdded',
  'CoFundingAgreementEnded',
  'CoFundingAgreementWithdrawn',
] as const satisfies readonly ContributionScheduleEvent['type'][];

/** Stream category: `contributionSchedule-<scheduleId>`; the region has one schedule. */
export const CONTRIBUTION_SCHEDULE_CATEGORY = 'contributionSchedule';

const span = { firstWorkingYear: integer, lastWorkingYear: nullable(integer) };

/** The contribution schedule's stored events, checked against their shapes (docs/adr/0025-command-pipeline.md). */
export const decodeContributionScheduleEvent = eventDecoder<ContributionScheduleEvent>({
  ContributionRatePeriodAdded: object({
    scheduleId: string,
    ratePeriodId: string,
    rateCentsPerInhabitant: integer,
    ...span,
    basis: nullable(string),
  }),
  ContributionRatePeriodEnded: object({ scheduleId: string, ratePeriodId: string, lastWorkingYear: integer }),
  ContributionRatePeriodWithdrawn: object({ scheduleId: string, ratePeriodId: string }),
  CoFundingAgreementAdded: object({
    scheduleId: string,
    agreementId: string,
    municipalityId: string,
    coFunderName: string,
    baseRateCentsPerInhabitant: integer,
    ...span,
  }),
  CoFundingAgreementEnded: object({ scheduleId: string, agreementId: string, lastWorkingYear: integer }),
  CoFundingAgreementWithdrawn: object({ scheduleId: string, agreementId: string }),
});
