import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

/** One invalid field of a 400 `VALIDATION_FAILED`. */
export class ProblemFieldError {
  @ApiProperty({ example: 'name' }) field!: string;
  @ApiProperty({ type: [String], example: ['name must be a string'] }) messages!: string[];
}

/** RFC 9457 problem details as this API sends them (`application/problem+json`). */
export class ProblemResponse {
  @ApiProperty({ example: 'urn:onthaal:problem:rate-period-overlap' }) type!: string;
  @ApiProperty({ example: 'Refused by a business rule' }) title!: string;
  @ApiProperty({ type: 'integer', example: 409 }) status!: number;
  @ApiProperty({
    description: "Stable code: docs/api.md and each capability's page list them.",
    example: 'RATE_PERIOD_OVERLAP',
  })
  code!: string;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional() instance?: string;
  @ApiPropertyOptional() requestId?: string;
  @ApiPropertyOptional({
    description: 'The invalid fields of a 400, the first 20 (values and unknown field names are never quoted).',
    type: [ProblemFieldError],
  })
  errors?: { field: string; messages: string[] }[];
  @ApiPropertyOptional({ type: 'integer', description: 'How many more invalid fields there are than `errors` lists.' })
  errorsNotListed?: number;
  @ApiPropertyOptional({
    type: [String],
    description: 'What a refused rule would have accepted, where that is reference data (an organisation’s services).',
    example: ['eviction prevention', 'integrated broad intake'],
  })
  validValues?: string[];
}

/** The problem answers documented here; 401, 403 and 429 are documented by `@Roles`. */
export type ProblemStatus = 400 | 404 | 409 | 410 | 412 | 422 | 503;

/**
 * How a capability words the problem answers of its endpoints where the generic texts say less: `resource` names
 * what the endpoints act on ("person" gives "No such person."), `problems` replaces a status's text whole.
 */
export interface ApiTexts {
  readonly resource?: string;
  readonly problems?: Partial<Record<ProblemStatus, string>>;
}

/** What these helpers return: decorators for a handler or a whole controller. */
export type Documented = MethodDecorator & ClassDecorator;

function problemText(status: ProblemStatus, texts: ApiTexts): string {
  const resource = texts.resource ?? 'resource';
  const generic: Record<ProblemStatus, string> = {
    400: 'Invalid input (`VALIDATION_FAILED` lists each invalid field, not its value), or a bad header or cursor.',
    404: `No such ${resource}.`,
    409: 'Refused by a business rule (the `code` says which); nothing was stored.',
    410: `The ${resource} is gone (the \`code\` says why).`,
    412: `\`If-Match\` names a revision the ${resource} has moved past (\`REVISION_MISMATCH\`).`,
    422: '`IDEMPOTENCY_KEY_REUSED`: the `Idempotency-Key` was first sent with another request; nothing was stored.',
    503: 'The database is unavailable (`DATABASE_UNAVAILABLE`, `Retry-After`); a retry with the same `Idempotency-Key` is safe.',
  };
  return texts.problems?.[status] ?? generic[status];
}

/** The problem answers an endpoint can give, documented once. */
export function ApiProblems(...statuses: ProblemStatus[]): Documented {
  return ApiProblemsWith({}, ...statuses);
}

/** `ApiProblems` in a capability's words. */
export function ApiProblemsWith(texts: ApiTexts, ...statuses: ProblemStatus[]): Documented {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: problemText(status, texts), type: ProblemResponse }),
    ),
  );
}

function operation(summary: string, description: string | undefined): MethodDecorator {
  return ApiOperation({ summary, ...(description ? { description } : {}) });
}

/** A reading endpoint. */
export function ApiQueryEndpoint(summary: string, description?: string, texts: ApiTexts = {}): Documented {
  return applyDecorators(operation(summary, description), ApiProblemsWith(texts, 400));
}

/** A command endpoint: `Idempotency-Key` and `If-Match`, and the problems every command can answer. */
export function ApiCommandEndpoint(summary: string, description?: string, texts: ApiTexts = {}): Documented {
  const resource = texts.resource ?? 'resource';
  return applyDecorators(
    operation(summary, description),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'A retry with the same key answers like the first call and stores nothing twice. The key answers only for ' +
        'the request it was first sent with: another body or endpoint with it is refused with 422.',
    }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: `The ETag the ${resource} had when you read it; refused with 412 if it has changed since.`,
    }),
    ApiProblemsWith(texts, 400, 409, 412, 422, 503),
  );
}
