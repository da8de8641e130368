import { InvalidInput } from '../../shared/domain/domain-error';

/** The body of a command that takes none, for the OpenAPI document: an empty object, or nothing. */
export class EmptyRequest {}

/** Nothing, or `{}`; anything else is a 400 on `body` that names none of what was sent (docs/adr/0020). */
export function expectNoFields(body: unknown): void {
  if (body === undefined || body === null) return;
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw InvalidInput.fields([{ field: 'body', messages: ['the body must be a JSON object'] }]);
  }
  if (Object.keys(body).length > 0) {
    throw InvalidInput.fields([{ field: 'body', messages: ['this command takes no fields'] }]);
  }
}
