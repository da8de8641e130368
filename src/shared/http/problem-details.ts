import { HttpException } from '@nestjs/common';

/** One invalid field of a 400: the path into the request body or query (`address.postcode`, `items[2].type`). */
export interface FieldError {
  readonly field: string;
  readonly messages: readonly string[];
}

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
  readonly errors?: readonly FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemType(code: string): string {
  return `urn:onthaal:problem:${code.toLowerCase().replaceAll('_', '-')}`;
}

/** Throw from anywhere in the HTTP layer to answer with a specific problem. */
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
