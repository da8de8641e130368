/** Identifiers are UUIDs, branded per kind so that one kind cannot be passed where another is expected. */
export type Brand<T, Name extends string> = T & { readonly __brand: Name };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/**
 * Stream names are `<category>-<uuid>` with a one-word camelCase category: EventStoreDB splits categories at the
 * first dash, and a uuid keeps personal data out of the name.
 */
export function streamName(category: string, id: string): string {
  if (!/^[a-z][a-zA-Z0-9]*$/.test(category)) throw new Error(`Stream category must be one camelCase word: ${category}`);
  if (!isUuid(id)) throw new Error(`Stream id must be a lowercase UUID`);
  return `${category}-${id}`;
}
