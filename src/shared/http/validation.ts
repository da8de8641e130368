import { ValidationPipe } from '@nestjs/common';
import { flattenValidationErrors } from '../commands/validation-errors';
import { invalidRequest } from './problem-details';

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
      return invalidRequest(flattenValidationErrors(errors));
    },
  });
}
