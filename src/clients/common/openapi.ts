import type { ApiTexts } from '../../shared/http/openapi';

/** How the OpenAPI document words this capability's problem answers (`ApiCommandEndpoint`, `ApiProblemsWith`). */
export const CLIENT_API_TEXTS: ApiTexts = {
  resource: 'person',
  problems: {
    404: 'No such person (`CLIENT_NOT_FOUND`), or consent (`CONSENT_NOT_FOUND`).',
    410: "`CLIENT_ERASED`: the person's personal data has been erased.",
  },
};
