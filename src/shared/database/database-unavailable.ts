/**
 * Whether an error says the database cannot be reached or cannot take work now (docs/adr/0021), as opposed to a
 * fault of ours or a refused statement: such a request is answered with 503 and `Retry-After`, not 500. Looks through
 * the wrappers (`QueryFailedError.driverError`, `cause`) for a connection-class SQLSTATE or a socket error.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current = error; isObject(current) && !seen.has(current);) {
    seen.add(current);
    const code = current.code;
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.test(code) || SOCKET_ERRORS.has(code))) return true;
    const message = current.message;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((known) => message.startsWith(known))) return true;
    current = current.driverError ?? current.cause;
  }
  return false;
}

/**
 * Class 08 (connection exception), 57P01 to 57P03 (administrator or crash shutdown, cannot connect now) and 53300
 * (too many connections): what a later retry can cure with no change on our side.
 */
const UNAVAILABLE_SQLSTATES = /^(?:08[0-9A-Z]{3}|57P0[123]|53300)$/;

const SOCKET_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);

/** What `pg`, `pg-pool` and PGlite say when a connection is gone or cannot be had; they set no code. */
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end on the pool',
  'timeout exceeded when trying to connect',
  'PGlite is closed',
];

function isObject(
  value: unknown,
): value is { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown } {
  return typeof value === 'object' && value !== null;
}
