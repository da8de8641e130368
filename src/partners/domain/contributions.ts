import type { CoFundingAgreement, RatePeriod } from './contribution-schedule.events';
import { type Cents, wholeEurosDown } from './money';
import { spanCovers } from './working-years';

/**
 * Member contributions (docs/domain.md, capability 8): each member municipality pays W13, for a working year, its
 * population on 1 January of the year before times the rate of that working year. A co-funder pays back the part
 * above its agreement's base rate, rounded down to whole euros; the municipality pays the rest.
 *
 * All arithmetic is on integer cents: population × rate in cents is exact, and rounding happens once, on the
 * repayment, as the statutes' example does (28,144 × €0.47 = €13,227.68 → €13,227).
 */
export interface Contribution {
  readonly amountCents: Cents;
  readonly repaymentCents: Cents;
  readonly netAmountCents: Cents;
}

export function contributionOf(
  population: number,
  rateCentsPerInhabitant: Cents,
  baseRateCentsPerInhabitant: Cents | null,
): Contribution {
  const amountCents = population * rateCentsPerInhabitant;
  const aboveBase =
    baseRateCentsPerInhabitant === null ? 0 : Math.max(0, rateCentsPerInhabitant - baseRateCentsPerInhabitant);
  const repaymentCents = wholeEurosDown(population * aboveBase);
  if (!Number.isSafeInteger(amountCents)) throw new RangeError('Contribution out of range');
  return { amountCents, repaymentCents, netAmountCents: amountCents - repaymentCents };
}

/** A member municipality and its population on 1 January of the year before the working year, when recorded. */
export interface MemberPopulation {
  readonly municipalityId: string;
  readonly name: string;
  readonly population: number | null;
  readonly approximate: boolean;
}

export interface ContributionLine {
  readonly municipalityId: string;
  readonly name: string;
  readonly population: number | null;
  readonly populationApproximate: boolean;
  /** Null when the population is not recorded: nothing can be computed for this municipality. */
  readonly contribution: Contribution | null;
  readonly coFunding: Pick<CoFundingAgreement, 'agreementId' | 'coFunderName' | 'baseRateCentsPerInhabitant'> | null;
}

export type ContributionReport =
  | { readonly kind: 'no_rate'; readonly workingYear: number }
  | {
      readonly kind: 'report';
      readonly workingYear: number;
      /** The population counted is the one on 1 January of this year (the year before the working year). */
      readonly populationYear: number;
      readonly ratePeriod: RatePeriod;
      readonly lines: readonly ContributionLine[];
      /** Sums over the lines that could be computed. */
      readonly totals: Contribution & { readonly population: number };
      /** False when a member's population is missing: the totals then leave it out. */
      readonly complete: boolean;
    };

export function populationYearOf(workingYear: number): number {
  return workingYear - 1;
}

export function computeContributions(input: {
  readonly workingYear: number;
  readonly members: readonly MemberPopulation[];
  readonly ratePeriods: readonly RatePeriod[];
  readonly coFundingAgreements: readonly CoFundingAgreement[];
}): ContributionReport {
  const { workingYear } = input;
  const ratePeriod = input.ratePeriods.find((period) => spanCovers(period, workingYear));
  if (!ratePeriod) return { kind: 'no_rate', workingYear };

  const lines = input.members.map((member): ContributionLine => {
    const agreement = input.coFundingAgreements.find(
      (candidate) => candidate.municipalityId === member.municipalityId && spanCovers(candidate, workingYear),
    );
    const coFunding = agreement
      ? {
          agreementId: agreement.agreementId,
          coFunderName: agreement.coFunderName,
          baseRateCentsPerInhabitant: agreement.baseRateCentsPerInhabitant,
        }
      : null;
    const contribution =
      member.population === null
        ? null
        : contributionOf(
            member.population,
            ratePeriod.rateCentsPerInhabitant,
            agreement?.baseRateCentsPerInhabitant ?? null,
          );
    return {
      municipalityId: member.municipalityId,
      name: member.name,
      population: member.population,
      populationApproximate: member.approximate,
      contribution,
      coFunding,
    };
  });

  const totals = { population: 0, amountCents: 0, repaymentCents: 0, netAmountCents: 0 };
  for (const line of lines) {
    if (line.contribution === null || line.population === null) continue;
    totals.population += line.population;
    totals.amountCents += line.contribution.amountCents;
    totals.repaymentCents += line.contribution.repaymentCents;
    totals.netAmountCents += line.contribution.netAmountCents;
  }
  return {
    kind: 'report',
    workingYear,
    populationYear: populationYearOf(workingYear),
    ratePeriod,
    lines,
    totals,
    complete: lines.every((line) => line.contribution !== null),
  };
}
