import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { type FieldError, ProblemException } from './problem-details';

/**
 * The global validation pipe: strips nothing silently (unknown fields are refused), converts types, and answers
 * a 400 that lists every invalid field, nested ones by their dotted path.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = flattenValidationErrors(errors);
      return new ProblemException(
        400,
        'VALIDATION_FAILED',
        'The request is invalid',
        `${fields.length} field(s) are invalid`,
        fields,
      );
    },
  });
}

export function flattenValidationErrors(errors: readonly ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field =
      prefix === ''
        ? error.property
        : /^\d+$/.test(error.property)
          ? `${prefix}[${error.property}]`
          : `${prefix}.${error.property}`;
    const own: FieldError[] = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}
