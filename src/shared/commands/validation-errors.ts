import type { ValidationError } from 'class-validator';
import type { FieldError } from '../domain/field-problem';

/** class-validator's constraint for a property the DTO does not declare (`forbidNonWhitelisted`). */
const UNKNOWN_PROPERTY = 'whitelistValidation';

/** Where unknown fields at the top level of a body or query string are reported. */
export const UNKNOWN_FIELDS_AT_TOP = '(unknown fields)';

/**
 * Every invalid field by its path. Unknown fields are counted under the known object that holds them (or
 * `UNKNOWN_FIELDS_AT_TOP`), not named: their names are the caller's text, and there may be thousands of them.
 */
export function flattenValidationErrors(errors: readonly ValidationError[], prefix = ''): FieldError[] {
  const unknown = errors.filter((error) => error.constraints?.[UNKNOWN_PROPERTY] !== undefined).length;
  const own: FieldError[] =
    unknown > 0
      ? [{ field: prefix === '' ? UNKNOWN_FIELDS_AT_TOP : prefix, messages: [unknownFieldsMessage(unknown)] }]
      : [];
  return [
    ...own,
    ...errors.flatMap((error) => {
      if (error.constraints?.[UNKNOWN_PROPERTY] !== undefined) return [];
      const field =
        prefix === ''
          ? error.property
          : /^\d+$/.test(error.property)
            ? `${prefix}[${error.property}]`
            : `${prefix}.${error.property}`;
      const messages = error.constraints ? Object.values(error.constraints) : [];
      return [
        ...(messages.length > 0 ? [{ field, messages }] : []),
        ...flattenValidationErrors(error.children ?? [], field),
      ];
    }),
  ];
}

export function unknownFieldsMessage(count: number): string {
  return count === 1 ? '1 unknown field is not allowed' : `${count} unknown fields are not allowed`;
}
