import { LIFE_DOMAINS, type LifeDomain } from '../../shared/domain/life-domains';

export { LIFE_DOMAINS, type LifeDomain };

/**
 * The closed vocabularies of the reference data. Codes are stable forever: they are stored in events and read models.
 */

/** What kind of partner an organisation is (docs/domain.md: the OCMWs, the CAW, the DMWs, W13's own services, others). */
export const ORGANISATION_TYPES = ['ocmw', 'caw', 'dmw', 'w13_service', 'external'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** Who grants a right. Flemish and federal rights apply in every municipality; a local right in one. */
export const RIGHT_LEVELS = ['local', 'flemish', 'federal'] as const;
export type RightLevel = (typeof RIGHT_LEVELS)[number];

/** Years as reference data uses them (population on 1 January, working years): a plausible calendar year. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2999;

export function isYear(value: number): boolean {
  return Number.isInteger(value) && value >= FIRST_YEAR && value <= LAST_YEAR;
}
