import {
  type AddCoFundingAgreement,
  type AddRatePeriod,
  contributionScheduleDecider,
} from './contribution-schedule.decider';
import type { CoFundingAgreement, ContributionScheduleEvent, RatePeriod } from './contribution-schedule.events';
import { given } from '../../shared/domain/decider-specification';

const scheduleId = '6f1c2a1e-0000-4000-8000-000000000200';
const city = '6f1c2a1e-0000-4000-8000-0000000000aa';
const otherCity = '6f1c2a1e-0000-4000-8000-0000000000bb';
const id = (n: number) => `6f1c2a1e-0000-4000-8000-${String(n).padStart(12, '0')}`;

const period = (n: number, rate: number, first: number, last: number | null): RatePeriod => ({
  ratePeriodId: id(n),
  rateCentsPerInhabitant: rate,
  firstWorkingYear: first,
  lastWorkingYear: last,
  basis: null,
});
const addRate = (p: RatePeriod): AddRatePeriod => ({ type: 'AddRatePeriod', scheduleId, period: p });
const rateAdded = (p: RatePeriod): ContributionScheduleEvent => ({
  type: 'ContributionRatePeriodAdded',
  data: { scheduleId, ...p },
});

const agreement = (n: number, municipalityId: string, first: number, last: number | null): CoFundingAgreement => ({
  agreementId: id(n),
  municipalityId,
  coFunderName: 'Zorgbedrijf',
  baseRateCentsPerInhabitant: 53,
  firstWorkingYear: first,
  lastWorkingYear: last,
});
const addAgreement = (a: CoFundingAgreement, municipalityRegistered = true): AddCoFundingAgreement => ({
  type: 'AddCoFundingAgreement',
  scheduleId,
  agreement: a,
  municipalityRegistered,
});
const agreementAdded = (a: CoFundingAgreement): ContributionScheduleEvent => ({
  type: 'CoFundingAgreementAdded',
  data: { scheduleId, ...a },
});

const initial = period(1, 50, 2015, 2017);
const indexed = period(2, 53, 2018, 2020);
const statutes = period(3, 100, 2021, null);
const history = [rateAdded(initial), rateAdded(indexed), rateAdded(statutes)];

describe('the contribution schedule', () => {
  it('keeps a history of rates over spans of working years', () => {
    expect(given(contributionScheduleDecider).when(addRate(initial))).toEqual([rateAdded(initial)]);
    expect(given(contributionScheduleDecider, history).state.ratePeriods.map((p) => p.rateCentsPerInhabitant)).toEqual([
      50, 53, 100,
    ]);
  });

  it('refuses a rate period that overlaps another, naming the one it overlaps', () => {
    expect(given(contributionScheduleDecider, history).refusalOf(addRate(period(4, 60, 2020, 2020)))).toBe(
      'RATE_PERIOD_OVERLAP',
    );
    expect(given(contributionScheduleDecider, history).refusalOf(addRate(period(4, 60, 2030, null)))).toBe(
      'RATE_PERIOD_OVERLAP',
    );
    expect(given(contributionScheduleDecider, history).refusalOf(addRate(period(4, 60, 2010, 2015)))).toBe(
      'RATE_PERIOD_OVERLAP',
    );
    expect(() =>
      contributionScheduleDecider.decide(
        addRate(period(4, 60, 2016, 2016)),
        given(contributionScheduleDecider, history).state,
      ),
    ).toThrow(/2015–2017/);
    expect(given(contributionScheduleDecider, history).refusalOf(addRate(period(4, 45, 2010, 2014)))).toBeUndefined();
  });

  it('refuses a period that ends before it starts, a zero or fractional rate, and the same period twice', () => {
    expect(given(contributionScheduleDecider).refusalOf(addRate(period(4, 60, 2020, 2019)))).toBe('INVALID_PERIOD');
    expect(given(contributionScheduleDecider).refusalOf(addRate(period(4, 0, 2020, null)))).toBe('INVALID_RATE');
    expect(given(contributionScheduleDecider).refusalOf(addRate(period(4, 52.5, 2020, null)))).toBe('INVALID_RATE');
    expect(given(contributionScheduleDecider).refusalOf(addRate(period(4, 50, 1800, null)))).toBe('INVALID_YEAR');
    expect(given(contributionScheduleDecider, history).refusalOf(addRate(initial))).toBe('RATE_PERIOD_ALREADY_ADDED');
  });

  it('ends an open period, after which a new rate can follow', () => {
    const end = {
      type: 'EndRatePeriod',
      scheduleId,
      ratePeriodId: statutes.ratePeriodId,
      lastWorkingYear: 2026,
    } as const;
    const ended: ContributionScheduleEvent = {
      type: 'ContributionRatePeriodEnded',
      data: { scheduleId, ratePeriodId: statutes.ratePeriodId, lastWorkingYear: 2026 },
    };
    expect(given(contributionScheduleDecider, history).when(end)).toEqual([ended]);
    expect(given(contributionScheduleDecider, [...history, ended]).when(end)).toEqual([]);
    expect(
      given(contributionScheduleDecider, [...history, ended]).refusalOf(addRate(period(5, 110, 2027, null))),
    ).toBeUndefined();
  });

  it('refuses to end a period before it starts, into another period, or one that does not exist', () => {
    const end = (ratePeriodId: string, lastWorkingYear: number) =>
      ({ type: 'EndRatePeriod', scheduleId, ratePeriodId, lastWorkingYear }) as const;
    expect(given(contributionScheduleDecider, history).refusalOf(end(statutes.ratePeriodId, 2020))).toBe(
      'INVALID_PERIOD',
    );
    expect(given(contributionScheduleDecider, history).refusalOf(end(initial.ratePeriodId, 2018))).toBe(
      'RATE_PERIOD_OVERLAP',
    );
    expect(given(contributionScheduleDecider, history).refusalOf(end(id(99), 2030))).toBe('RATE_PERIOD_NOT_FOUND');
  });

  it('withdraws a period entered by mistake, which frees its working years', () => {
    const withdraw = { type: 'WithdrawRatePeriod', scheduleId, ratePeriodId: indexed.ratePeriodId } as const;
    const withdrawn = given(contributionScheduleDecider, history).when(withdraw);
    expect(withdrawn).toEqual([
      { type: 'ContributionRatePeriodWithdrawn', data: { scheduleId, ratePeriodId: indexed.ratePeriodId } },
    ]);
    expect(
      given(contributionScheduleDecider, [...history, ...withdrawn]).refusalOf(addRate(period(6, 55, 2018, 2020))),
    ).toBeUndefined();
    expect(given(contributionScheduleDecider, [...history, ...withdrawn]).refusalOf(withdraw)).toBe(
      'RATE_PERIOD_NOT_FOUND',
    );
  });

  it('adds a co-funding agreement for a registered municipality', () => {
    const zorgbedrijf = agreement(10, city, 2021, null);
    expect(given(contributionScheduleDecider, history).when(addAgreement(zorgbedrijf))).toEqual([
      agreementAdded(zorgbedrijf),
    ]);
    expect(given(contributionScheduleDecider, history).refusalOf(addAgreement(zorgbedrijf, false))).toBe(
      'UNKNOWN_MUNICIPALITY',
    );
  });

  it('refuses overlapping co-funding agreements for one municipality, not for different ones', () => {
    const first = agreementAdded(agreement(10, city, 2021, null));
    expect(given(contributionScheduleDecider, [first]).refusalOf(addAgreement(agreement(11, city, 2025, 2026)))).toBe(
      'CO_FUNDING_OVERLAP',
    );
    expect(
      given(contributionScheduleDecider, [first]).refusalOf(addAgreement(agreement(11, otherCity, 2025, 2026))),
    ).toBeUndefined();
  });

  it('refuses a negative base rate and a blank co-funder', () => {
    expect(
      given(contributionScheduleDecider).refusalOf(
        addAgreement({ ...agreement(10, city, 2021, null), baseRateCentsPerInhabitant: -1 }),
      ),
    ).toBe('INVALID_RATE');
    expect(
      given(contributionScheduleDecider).refusalOf(
        addAgreement({ ...agreement(10, city, 2021, null), coFunderName: ' ' }),
      ),
    ).toBe('INVALID_CO_FUNDER_NAME');
  });

  it('ends and withdraws co-funding agreements', () => {
    const first = agreementAdded(agreement(10, city, 2021, null));
    const end = { type: 'EndCoFundingAgreement', scheduleId, agreementId: id(10), lastWorkingYear: 2024 } as const;
    const ended = given(contributionScheduleDecider, [first]).when(end);
    expect(ended).toEqual([
      { type: 'CoFundingAgreementEnded', data: { scheduleId, agreementId: id(10), lastWorkingYear: 2024 } },
    ]);
    expect(
      given(contributionScheduleDecider, [first, ...ended]).refusalOf(addAgreement(agreement(11, city, 2025, null))),
    ).toBeUndefined();
    expect(given(contributionScheduleDecider, [first]).refusalOf({ ...end, lastWorkingYear: 2020 })).toBe(
      'INVALID_PERIOD',
    );
    const withdraw = { type: 'WithdrawCoFundingAgreement', scheduleId, agreementId: id(10) } as const;
    expect(given(contributionScheduleDecider, [first]).when(withdraw)).toHaveLength(1);
    expect(given(contributionScheduleDecider).refusalOf(withdraw)).toBe('CO_FUNDING_AGREEMENT_NOT_FOUND');
    expect(given(contributionScheduleDecider).refusalOf(end)).toBe('CO_FUNDING_AGREEMENT_NOT_FOUND');
  });
});
