import { HttpException } from '@nestjs/common';
import { InvalidInput } from '../domain/domain-error';
import type { FieldError } from '../domain/field-problem';

export type { FieldError };

/**
 * RFC 9457 problem details with a stable `code` (docs/api.md lists them). `detail` is written for people and
 * never holds personal data; `requestId` ties a response to the log lines of its request.
 */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail?: string;
  readonly instance?: string;
  readonly requestId?: string;
  /** Invalid fields are listed up to `MAX_LISTED_ERRORS`; this many more were found. */
  readonly errors?: readonly FieldError[];
  readonly errorsNotListed?: number;
  /** What a refused rule would have accepted, where that is reference data (docs/adr/0027). */
  readonly validValues?: readonly string[];
}

/** How many invalid fields a 400 lists at most: enough to fix a request, never a response as big as the body. */
export const MAX_LISTED_ERRORS = 20;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemType(code: string): string {
  return `urn:onthaal:problem:${code.toLowerCase().replaceAll('_', '-')}`;
}

/**
 * Throw from the HTTP layer (guards, headers, the framework's own checks) to answer with a specific problem. Below
 * the controllers, throw the domain's errors instead (`shared/domain/domain-error.ts`).
 */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    title: string,
    detail?: string,
    readonly errors?: readonly FieldError[],
  ) {
    super({ title, detail }, status);
  }
}

/** The 400 of an invalid request: `VALIDATION_FAILED`, with its invalid fields (capped when sent). */
export function invalidRequest(fields: readonly FieldError[]): InvalidInput {
  return InvalidInput.fields(fields);
}
