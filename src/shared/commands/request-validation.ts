import { type ClassConstructor, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { InvalidInput } from '../domain/domain-error';
import type { FieldError, FieldProblem } from '../domain/field-problem';
import { flattenValidationErrors } from './validation-errors';

/** Which fields already failed, so that later checks leave them (and what is inside them) alone. */
export class InvalidFields {
  constructor(private readonly fields: ReadonlySet<string>) {}

  /** True when neither the field nor anything containing it or inside it failed. */
  ok(field: string): boolean {
    for (const invalid of this.fields) {
      if (invalid === field || invalid.startsWith(`${field}.`) || field.startsWith(`${invalid}.`)) return false;
    }
    return true;
  }
}

export type RequestChecks<T> = (request: T, invalid: InvalidFields) => Promise<FieldProblem[]> | FieldProblem[];

/**
 * Validates a request body in one pass and answers one 400 listing **every** invalid field: the DTO's shape
 * (class-validator, unknown fields refused as the global pipe does), then the checks that need the clock or a
 * look-up (a birth date in the future, an unknown municipality), which the global pipe cannot run. Endpoints using it
 * declare their body as `unknown`, so the global pipe passes it through untouched. Messages never quote values.
 */
export async function validateRequest<T extends object>(
  type: ClassConstructor<T>,
  body: unknown,
  checks?: RequestChecks<T>,
): Promise<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw InvalidInput.fields([{ field: 'body', messages: ['the body must be a JSON object'] }]);
  }
  const request = plainToInstance(type, body);
  const errors = await validate(request, {
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: false, value: false },
  });
  const fields = flattenValidationErrors(errors);
  const more = checks ? await checks(request, new InvalidFields(new Set(fields.map((field) => field.field)))) : [];
  const all = mergeProblems(fields, more);
  if (all.length > 0) throw InvalidInput.fields(all);
  return request;
}

function mergeProblems(fields: readonly FieldError[], problems: readonly FieldProblem[]): FieldError[] {
  const merged = new Map<string, string[]>(fields.map((field) => [field.field, [...field.messages]]));
  for (const problem of problems) {
    const messages = merged.get(problem.field) ?? [];
    if (!messages.includes(problem.message)) messages.push(problem.message);
    merged.set(problem.field, messages);
  }
  return [...merged].map(([field, messages]) => ({ field, messages }));
}
