import type { Decider } from '../../shared/domain/decider';
import type { CoFundingAgreement, ContributionScheduleEvent, RatePeriod } from './contribution-schedule.events';
import type { Cents } from './money';
import { FIRST_YEAR, isYear, LAST_YEAR } from './reference-values';
import { refuse } from '../../shared/domain/domain-error';
import { noSuch, requireName } from './rules';
import { describeSpan, spansOverlap, type WorkingYearSpan } from './working-years';

export interface AddRatePeriod {
  readonly type: 'AddRatePeriod';
  readonly scheduleId: string;
  readonly period: RatePeriod;
}

export interface EndRatePeriod {
  readonly type: 'EndRatePeriod';
  readonly scheduleId: string;
  readonly ratePeriodId: string;
  readonly lastWorkingYear: number;
}

export interface WithdrawRatePeriod {
  readonly type: 'WithdrawRatePeriod';
  readonly scheduleId: string;
  readonly ratePeriodId: string;
}

export interface AddCoFundingAgreement {
  readonly type: 'AddCoFundingAgreement';
  readonly scheduleId: string;
  readonly agreement: CoFundingAgreement;
  /** Whether `agreement.municipalityId` names a registered municipality (looked up by the handler). */
  readonly municipalityRegistered: boolean;
}

export interface EndCoFundingAgreement {
  readonly type: 'EndCoFundingAgreement';
  readonly scheduleId: string;
  readonly agreementId: string;
  readonly lastWorkingYear: number;
}

export interface WithdrawCoFundingAgreement {
  readonly type: 'WithdrawCoFundingAgreement';
  readonly scheduleId: string;
  readonly agreementId: string;
}

export type ContributionScheduleCommand =
  | AddRatePeriod
  | EndRatePeriod
  | WithdrawRatePeriod
  | AddCoFundingAgreement
  | EndCoFundingAgreement
  | WithdrawCoFundingAgreement;

export interface ContributionScheduleState {
  /** Periods in force (withdrawn ones left out), in the order they were added. */
  readonly ratePeriods: readonly RatePeriod[];
  readonly coFundingAgreements: readonly CoFundingAgreement[];
}

/** Far above any rate the statutes could set (€1.00 today); a higher one is a typing error. */
export const MAX_RATE_CENTS = 100_00;

/**
 * The region's contribution schedule: rates per span of working years, which never overlap (a working year has one
 * rate), and co-funding agreements per municipality, which never overlap for one municipality either.
 */
export const contributionScheduleDecider: Decider<
  ContributionScheduleCommand,
  ContributionScheduleEvent,
  ContributionScheduleState
> = {
  initialState: { ratePeriods: [], coFundingAgreements: [] },

  decide(command, state) {
    const { scheduleId } = command;
    switch (command.type) {
      case 'AddRatePeriod': {
        const { period } = command;
        if (state.ratePeriods.some((known) => known.ratePeriodId === period.ratePeriodId)) {
          refuse('RATE_PERIOD_ALREADY_ADDED', 'This rate period is already in the schedule');
        }
        validSpan(period);
        validRate(period.rateCentsPerInhabitant, 1, 'A rate');
        const basis = period.basis === null ? null : requireName(period.basis, 'INVALID_BASIS', 'A basis', 200);
        refuseRateOverlap(state, period);
        return [{ type: 'ContributionRatePeriodAdded', data: { scheduleId, ...period, basis } }];
      }
      case 'EndRatePeriod': {
        const period = state.ratePeriods.find((known) => known.ratePeriodId === command.ratePeriodId);
        if (!period) throw noSuch.ratePeriod();
        if (period.lastWorkingYear === command.lastWorkingYear) return [];
        const ended = { ...period, lastWorkingYear: command.lastWorkingYear };
        validSpan(ended);
        refuseRateOverlap(state, ended);
        const { ratePeriodId, lastWorkingYear } = command;
        return [{ type: 'ContributionRatePeriodEnded', data: { scheduleId, ratePeriodId, lastWorkingYear } }];
      }
      case 'WithdrawRatePeriod': {
        if (!state.ratePeriods.some((known) => known.ratePeriodId === command.ratePeriodId)) {
          throw noSuch.ratePeriod();
        }
        return [{ type: 'ContributionRatePeriodWithdrawn', data: { scheduleId, ratePeriodId: command.ratePeriodId } }];
      }
      case 'AddCoFundingAgreement': {
        const { agreement } = command;
        if (state.coFundingAgreements.some((known) => known.agreementId === agreement.agreementId)) {
          refuse('CO_FUNDING_AGREEMENT_ALREADY_ADDED', 'This co-funding agreement is already in the schedule');
        }
        if (!command.municipalityRegistered) refuse('UNKNOWN_MUNICIPALITY', 'The municipality is not registered');
        validSpan(agreement);
        validRate(agreement.baseRateCentsPerInhabitant, 0, 'A base rate');
        const coFunderName = requireName(agreement.coFunderName, 'INVALID_CO_FUNDER_NAME', "A co-funder's name");
        refuseCoFundingOverlap(state, agreement);
        return [{ type: 'CoFundingAgreementAdded', data: { scheduleId, ...agreement, coFunderName } }];
      }
      case 'EndCoFundingAgreement': {
        const agreement = state.coFundingAgreements.find((known) => known.agreementId === command.agreementId);
        if (!agreement) throw noSuch.coFundingAgreement();
        if (agreement.lastWorkingYear === command.lastWorkingYear) return [];
        const ended = { ...agreement, lastWorkingYear: command.lastWorkingYear };
        validSpan(ended);
        refuseCoFundingOverlap(state, ended);
        const { agreementId, lastWorkingYear } = command;
        return [{ type: 'CoFundingAgreementEnded', data: { scheduleId, agreementId, lastWorkingYear } }];
      }
      case 'WithdrawCoFundingAgreement': {
        if (!state.coFundingAgreements.some((known) => known.agreementId === command.agreementId)) {
          throw noSuch.coFundingAgreement();
        }
        return [{ type: 'CoFundingAgreementWithdrawn', data: { scheduleId, agreementId: command.agreementId } }];
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ContributionRatePeriodAdded': {
        const { scheduleId: _scheduleId, ...period } = event.data;
        return { ...state, ratePeriods: [...state.ratePeriods, period] };
      }
      case 'ContributionRatePeriodEnded': {
        const { ratePeriodId, lastWorkingYear } = event.data;
        return {
          ...state,
          ratePeriods: state.ratePeriods.map((period) =>
            period.ratePeriodId === ratePeriodId ? { ...period, lastWorkingYear } : period,
          ),
        };
      }
      case 'ContributionRatePeriodWithdrawn':
        return {
          ...state,
          ratePeriods: state.ratePeriods.filter((period) => period.ratePeriodId !== event.data.ratePeriodId),
        };
      case 'CoFundingAgreementAdded': {
        const { scheduleId: _scheduleId, ...agreement } = event.data;
        return { ...state, coFundingAgreements: [...state.coFundingAgreements, agreement] };
      }
      case 'CoFundingAgreementEnded': {
        const { agreementId, lastWorkingYear } = event.data;
        return {
          ...state,
          coFundingAgreements: state.coFundingAgreements.map((agreement) =>
            agreement.agreementId === agreementId ? { ...agreement, lastWorkingYear } : agreement,
          ),
        };
      }
      case 'CoFundingAgreementWithdrawn':
        return {
          ...state,
          coFundingAgreements: state.coFundingAgreements.filter(
            (agreement) => agreement.agreementId !== event.data.agreementId,
          ),
        };
    }
  },
};

function validSpan(span: WorkingYearSpan): void {
  if (!isYear(span.firstWorkingYear) || (span.lastWorkingYear !== null && !isYear(span.lastWorkingYear))) {
    refuse('INVALID_YEAR', `A working year is from ${FIRST_YEAR} to ${LAST_YEAR}`);
  }
  if (span.lastWorkingYear !== null && span.lastWorkingYear < span.firstWorkingYear) {
    refuse('INVALID_PERIOD', 'A period ends in or after the working year it starts');
  }
}

function validRate(cents: Cents, minimum: number, what: string): void {
  if (!Number.isInteger(cents) || cents < minimum || cents > MAX_RATE_CENTS) {
    refuse('INVALID_RATE', `${what} is from ${minimum} to ${MAX_RATE_CENTS} cents per inhabitant`);
  }
}

function refuseRateOverlap(state: ContributionScheduleState, period: RatePeriod): void {
  const clash = state.ratePeriods.find(
    (known) => known.ratePeriodId !== period.ratePeriodId && spansOverlap(known, period),
  );
  if (clash) {
    refuse(
      'RATE_PERIOD_OVERLAP',
      `Working years ${describeSpan(period)} overlap the rate period ${describeSpan(clash)}; end that one first`,
    );
  }
}

function refuseCoFundingOverlap(state: ContributionScheduleState, agreement: CoFundingAgreement): void {
  const clash = state.coFundingAgreements.find(
    (known) =>
      known.agreementId !== agreement.agreementId &&
      known.municipalityId === agreement.municipalityId &&
      spansOverlap(known, agreement),
  );
  if (clash) {
    refuse(
      'CO_FUNDING_OVERLAP',
      `Working years ${describeSpan(agreement)} overlap this municipality's co-funding agreement ` +
        `${describeSpan(clash)}; end that one first`,
    );
  }
}
