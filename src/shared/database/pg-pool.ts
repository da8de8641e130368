import { Pool } from 'pg';

export interface PoolOptions {
  /** Most connections the pool opens. With the embedded database, keep the sum of all pools ≤ its `maxConnections`. */
  readonly max: number;
  /** Shown in `pg_stat_activity`, to tell our pools apart. */
  readonly applicationName: string;
  /**
   * Ends a session left idle inside a transaction. A forgotten transaction holds back `pg_snapshot_xmin`, and with it
   * every event-store subscription, so keep this short. Defaults to 60 s; `0` disables it.
   */
  readonly idleInTransactionTimeoutMs?: number;
  /** How long to wait for a connection before failing. Defaults to 10 s. */
  readonly connectionTimeoutMs?: number;
  /** Called with errors of idle connections (a server restart, say); without a listener `pg` would crash the process. */
  readonly onIdleError?: (error: Error) => void;
}

/**
 * A `pg` pool. `int8` and `numeric` stay strings (pg's default): callers convert them to bigint themselves.
 *
 * The session settings travel as startup parameters. Real PostgreSQL applies them; PGlite ignores startup parameters,
 * which is what we want there: its one shared session would hang if the idle-in-transaction timeout fired.
 */
export function createPool(url: string, options: PoolOptions): Pool {
  const pool = new Pool({
    connectionString: url,
    max: options.max,
    application_name: options.applicationName,
    idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? 60_000,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
  });
  const onIdleError = options.onIdleError ?? (() => undefined);
  pool.on('error', onIdleError);
  return pool;
}
