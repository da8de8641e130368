import type { CoFundingAgreement, RatePeriod } from './contribution-schedule.events';
import { computeContributions, contributionOf } from './contributions';
import { formatEuros, parseEuros, wholeEurosDown } from './money';

const city = '6f1c2a1e-0000-4000-8000-0000000000aa';
const village = '6f1c2a1e-0000-4000-8000-0000000000bb';
const unrecorded = '6f1c2a1e-0000-4000-8000-0000000000cc';

const ratePeriods: RatePeriod[] = [
  { ratePeriodId: 'r1', rateCentsPerInhabitant: 50, firstWorkingYear: 2015, lastWorkingYear: 2017, basis: null },
  { ratePeriodId: 'r2', rateCentsPerInhabitant: 53, firstWorkingYear: 2018, lastWorkingYear: 2020, basis: null },
  { ratePeriodId: 'r3', rateCentsPerInhabitant: 100, firstWorkingYear: 2021, lastWorkingYear: null, basis: null },
];
const careCompany: CoFundingAgreement = {
  agreementId: 'a1',
  municipalityId: city,
  coFunderName: 'Zorgbedrijf',
  baseRateCentsPerInhabitant: 53,
  firstWorkingYear: 2021,
  lastWorkingYear: null,
};

describe('member contributions', () => {
  it("reproduces the statutes' example: 28,144 inhabitants at €1 give €28,144, of which the care company pays back €13,227", () => {
    const contribution = contributionOf(28_144, 100, 53);
    expect(contribution).toEqual({ amountCents: 2_814_400, repaymentCents: 1_322_700, netAmountCents: 1_491_700 });
    expect(formatEuros(contribution.amountCents)).toBe('28144.00');
    expect(formatEuros(contribution.repaymentCents)).toBe('13227.00');
  });

  it('rounds only the repayment, down to whole euros, and keeps the amount exact to the cent', () => {
    expect(contributionOf(28_144, 53, null)).toEqual({
      amountCents: 1_491_632,
      repaymentCents: 0,
      netAmountCents: 1_491_632,
    });
    expect(contributionOf(3, 100, 53)).toEqual({ amountCents: 300, repaymentCents: 100, netAmountCents: 200 });
    expect(contributionOf(2, 100, 53)).toEqual({ amountCents: 200, repaymentCents: 0, netAmountCents: 200 });
  });

  it('has the co-funder pay nothing when the rate is not above its base rate', () => {
    expect(contributionOf(28_144, 50, 53)).toEqual({
      amountCents: 1_407_200,
      repaymentCents: 0,
      netAmountCents: 1_407_200,
    });
  });

  it('counts the population of 1 January of the year before the working year, at the rate of the working year', () => {
    const report = computeContributions({
      workingYear: 2025,
      members: [
        { municipalityId: city, name: 'City', population: 28_144, approximate: false },
        { municipalityId: village, name: 'Village', population: 2_201, approximate: true },
      ],
      ratePeriods,
      coFundingAgreements: [careCompany],
    });
    expect(report).toMatchObject({
      kind: 'report',
      workingYear: 2025,
      populationYear: 2024,
      ratePeriod: { ratePeriodId: 'r3' },
      complete: true,
      totals: { population: 30_345, amountCents: 3_034_500, repaymentCents: 1_322_700, netAmountCents: 1_711_800 },
    });
    if (report.kind !== 'report') throw new Error('expected a report');
    expect(report.lines[0]).toMatchObject({
      coFunding: { agreementId: 'a1' },
      contribution: { repaymentCents: 1_322_700 },
    });
    expect(report.lines[1]).toMatchObject({
      coFunding: null,
      populationApproximate: true,
      contribution: { amountCents: 220_100 },
    });
  });

  it('applies a co-funding agreement only in its working years', () => {
    const report = computeContributions({
      workingYear: 2019,
      members: [{ municipalityId: city, name: 'City', population: 28_144, approximate: false }],
      ratePeriods,
      coFundingAgreements: [careCompany],
    });
    expect(report).toMatchObject({ ratePeriod: { ratePeriodId: 'r2' }, lines: [{ coFunding: null }] });
  });

  it('leaves a member without a recorded population out of the totals and says the report is incomplete', () => {
    const report = computeContributions({
      workingYear: 2025,
      members: [
        { municipalityId: city, name: 'City', population: 28_144, approximate: false },
        { municipalityId: unrecorded, name: 'Unrecorded', population: null, approximate: false },
      ],
      ratePeriods,
      coFundingAgreements: [],
    });
    expect(report).toMatchObject({ complete: false, totals: { population: 28_144, amountCents: 2_814_400 } });
    if (report.kind !== 'report') throw new Error('expected a report');
    expect(report.lines[1]!.contribution).toBeNull();
  });

  it('reports that no rate covers a working year before the first period', () => {
    expect(computeContributions({ workingYear: 2014, members: [], ratePeriods, coFundingAgreements: [] })).toEqual({
      kind: 'no_rate',
      workingYear: 2014,
    });
  });
});

describe('money', () => {
  it('parses euro amounts exactly and refuses what is not one', () => {
    expect(parseEuros('0.53')).toBe(53);
    expect(parseEuros('1')).toBe(100);
    expect(parseEuros('1.5')).toBe(150);
    for (const text of ['-1', '0.535', '1,00', 'abc', '', '1e3']) expect(parseEuros(text)).toBeUndefined();
  });

  it('formats cents as a decimal with two places', () => {
    expect(formatEuros(0)).toBe('0.00');
    expect(formatEuros(5)).toBe('0.05');
    expect(formatEuros(1_491_632)).toBe('14916.32');
    expect(formatEuros(-5)).toBe('-0.05');
  });

  it('rounds down to whole euros in integer arithmetic', () => {
    expect(wholeEurosDown(1_322_768)).toBe(1_322_700);
    expect(wholeEurosDown(100)).toBe(100);
    expect(() => wholeEurosDown(-1)).toThrow(RangeError);
  });
});
