import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiOkResponse } from '@nestjs/swagger';
import { ApiCommandEndpoint, ApiProblemsWith } from '../../shared/http/openapi';
import { ReferralView } from './referral.view';

/** A step of a referral's lifecycle: its body, the referral it answers with, and the problems it can give. */
export function ApiReferralStep(summary: string, description: string, body: abstract new () => object) {
  return applyDecorators(
    ApiCommandEndpoint(summary, `${description} Refusals: docs/referrals.md.`),
    ApiBody({ type: body }),
    ApiOkResponse({ type: ReferralView, description: 'The referral after the step; `ETag` is its new revision.' }),
    ApiProblemsWith({ problems: { 404: 'No such referral (`REFERRAL_NOT_FOUND`).' } }, 404),
  );
}
