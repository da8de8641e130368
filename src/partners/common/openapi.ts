import { ApiProblemsWith, type Documented } from '../../shared/http/openapi';

/** Which partners resource a route's 404 is about, and the code that says so. */
const NOT_FOUND = {
  organisation: 'No such organisation (`ORGANISATION_NOT_FOUND`).',
  municipality: 'No such municipality (`MUNICIPALITY_NOT_FOUND`).',
  catalogueRight: 'No such right in the catalogue (`CATALOGUE_RIGHT_NOT_FOUND`).',
  ratePeriod: 'No such rate period in the schedule (`RATE_PERIOD_NOT_FOUND`).',
  coFundingAgreement: 'No such co-funding agreement in the schedule (`CO_FUNDING_AGREEMENT_NOT_FOUND`).',
  contributionRate: 'No contribution rate covers the working year (`CONTRIBUTION_RATE_NOT_SET`).',
} as const;

/** The 404 of a partners route, naming its code. */
export function ApiNotFound(resource: keyof typeof NOT_FOUND): Documented {
  return ApiProblemsWith({ problems: { 404: NOT_FOUND[resource] } }, 404);
}
