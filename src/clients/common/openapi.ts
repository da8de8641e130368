import type { ApiTexts } from '../../shared/http/openapi';

/** How the OpenAPI document words this capability's problem answers (`ApiCommandEndpoint`, `ApiProblemsWith`). */
export const CLIENT_API_TEXTS: ApiTexts = {
  resource: 'person',
  problems: {
    404: 'No such person (or consent).',
    410: "`CLIENT_ERASED`: the person's personal data has been erased.",
  },
};
