import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

/** RFC 9457 problem details as this API sends them (`application/problem+json`). */
export class ClientProblemResponse {
  @ApiProperty({ example: 'urn:onthaal:problem:client-erased' }) type!: string;
  @ApiProperty() title!: string;
  @ApiProperty() status!: number;
  @ApiProperty({ description: 'Stable code: docs/clients.md lists the ones of this capability.' }) code!: string;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional() instance?: string;
  @ApiPropertyOptional() requestId?: string;
  @ApiPropertyOptional({ description: 'Every invalid field of a 400 (values are never quoted).' }) errors?: {
    field: string;
    messages: string[];
  }[];
}

// 401 and 429 are documented by `@Roles`; 403 too, which here also means "your organisation may not see this person".
const PROBLEMS = {
  400: 'Invalid input: `VALIDATION_FAILED` lists every invalid field (never their values); nothing is stored.',
  404: 'No such person (or consent).',
  409: 'Refused by a rule (the `code` says which); nothing was stored.',
  410: "`CLIENT_ERASED`: the person's personal data has been erased.",
  412: '`If-Match` names a revision the person has moved past (`REVISION_MISMATCH`).',
} as const;

export function ApiClientProblems(...statuses: (keyof typeof PROBLEMS)[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: PROBLEMS[status], type: ClientProblemResponse })),
  );
}

/** A command endpoint: `Idempotency-Key` and `If-Match`, and the problems every command can answer. */
export function ApiClientCommand(summary: string, description: string): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiOperation({ summary, description }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'A retry with the same key answers like the first call and stores nothing twice.',
    }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: "The person's ETag when you read them; refused with 412 if it has changed since.",
    }),
    ApiClientProblems(400, 404, 409, 412),
  );
}
