import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

/** RFC 9457 problem details as this API sends them (`application/problem+json`). */
export class ProblemResponse {
  @ApiProperty({ example: 'urn:onthaal:problem:rate-period-overlap' }) type!: string;
  @ApiProperty() title!: string;
  @ApiProperty() status!: number;
  @ApiProperty({ description: "Stable code: docs/api.md and each capability's page list them." }) code!: string;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional() instance?: string;
  @ApiPropertyOptional() requestId?: string;
  @ApiPropertyOptional({ description: 'Every invalid field of a 400.' }) errors?: {
    field: string;
    messages: string[];
  }[];
}

// 401, 403 and 429 are documented by `@Roles`.
const PROBLEMS = {
  400: 'Invalid input (`VALIDATION_FAILED` lists every field), or a malformed header or cursor.',
  404: 'No such resource.',
  409: 'Refused by a business rule (the `code` says which); nothing was stored.',
  412: '`If-Match` names a revision the resource has moved past (`REVISION_MISMATCH`).',
} as const;

/** The problem answers an endpoint can give, documented once. */
export function ApiProblems(...statuses: (keyof typeof PROBLEMS)[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: PROBLEMS[status], type: ProblemResponse })),
  );
}

/** A reading endpoint. */
export function ApiQueryEndpoint(summary: string, description?: string): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiOperation({ summary, ...(description ? { description } : {}) }), ApiProblems(400));
}

/** A command endpoint: `Idempotency-Key` and `If-Match`, and the problems every command can answer. */
export function ApiCommandEndpoint(summary: string, description?: string): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiOperation({ summary, ...(description ? { description } : {}) }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'A retry with the same key answers like the first call and stores nothing twice.',
    }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'The ETag the resource had when you read it; refused with 412 if it has changed since.',
    }),
    ApiProblems(400, 409, 412),
  );
}
