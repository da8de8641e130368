import type { Pool } from 'pg';

/**
 * Who holds the transaction horizon back (docs/adr/0002-ordering-by-transaction-id.md, docs/adr/0023-…).
 *
 * Subscriptions deliver only events of transactions older than the oldest transaction still running, and transaction
 * ids are the server's: one write transaction left open in any database of the server stops every subscription until
 * it ends. Only transactions that hold a transaction id count (`backend_xid`, and prepared transactions); read-only
 * ones have none and hold nothing back, so `xact_start` of every session would raise false alarms.
 */
/** Nest token of the monitor: null unless events are in PostgreSQL on a real server (PGlite has one session). */
export const TRANSACTION_HORIZON = Symbol('TransactionHorizon');

export interface HorizonHolder {
  /** Null for a prepared transaction, which has no session. */
  readonly pid: number | null;
  readonly database: string | null;
  readonly applicationName: string | null;
  /** `active`, `idle in transaction`, … or `prepared`; null when the monitoring role may not see it. */
  readonly state: string | null;
  /** How long it has held a transaction id, as far as can be seen (see `TransactionHorizonMonitor`). */
  readonly heldSeconds: number;
}

export interface HorizonLogger {
  warn(message: string): void;
}

export interface TransactionHorizonOptions {
  /** Readiness fails while a transaction has held the horizon longer than this; 0 never fails it. */
  readonly notReadyAfterSeconds: number;
  /** A warning names each transaction that holds the horizon longer than this (once per transaction). */
  readonly warnAfterSeconds: number;
  /** How often the monitor looks on its own, for the warning (readiness and metrics look when asked). */
  readonly intervalMs: number;
  readonly logger: HorizonLogger;
  /** Milliseconds now; the age of a transaction whose start the role may not see counts from when it was first seen. */
  readonly now?: () => number;
}

interface HolderRow {
  pid: number | null;
  database: string | null;
  application_name: string | null;
  state: string | null;
  xid: string;
  seconds: number | null;
}

/** The transactions holding an id, oldest first. Sessions of other users show no `state`/`xact_start` without
 * pg_read_all_stats; their `backend_xid`, database and application name are visible to everyone. */
const HOLDERS_SQL = `
  SELECT h.pid, h.database, h.application_name, h.state, h.xid, h.seconds FROM (
    SELECT a.pid, a.datname::text AS database, a.application_name, a.state, a.backend_xid::text AS xid,
           extract(epoch FROM clock_timestamp() - a.xact_start)::float8 AS seconds
      FROM pg_stat_activity a
     WHERE a.backend_xid IS NOT NULL AND a.pid <> pg_backend_pid()
    UNION ALL
    SELECT NULL, p.database::text, NULL, 'prepared', p.transaction::text,
           extract(epoch FROM clock_timestamp() - p.prepared)::float8
      FROM pg_prepared_xacts p
  ) h
  ORDER BY h.seconds DESC NULLS LAST
  LIMIT 20`;

/**
 * Watches the server's transactions that hold the horizon: the oldest one's age for the metric
 * `onthaal_event_store_horizon_held_seconds`, a warning naming each one past `warnAfterSeconds` (pid, database,
 * application name, state, age: never a query), and a readiness reason past `notReadyAfterSeconds`.
 */
export class TransactionHorizonMonitor {
  private readonly now: () => number;
  /** When each (pid, xid) was first seen: the age of a transaction whose start we may not see. */
  private readonly firstSeen = new Map<string, number>();
  private readonly warned = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private holders: readonly HorizonHolder[] = [];

  constructor(
    private readonly pool: Pool,
    private readonly options: TransactionHorizonOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  start(): void {
    if (this.timer) return;
    const tick = () => {
      this.inspect().then(
        () => undefined,
        () => undefined,
      );
    };
    this.timer = setInterval(tick, this.options.intervalMs);
    this.timer.unref();
    tick();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Looks now: the transactions holding an id, oldest first, after logging a warning for any newly past the bound. */
  async inspect(): Promise<readonly HorizonHolder[]> {
    const { rows } = await this.pool.query<HolderRow>(HOLDERS_SQL);
    const now = this.now();
    const seen = new Set<string>();
    const holders = rows.map((row): HorizonHolder => {
      const key = `${row.pid ?? 'prepared'}:${row.xid}`;
      seen.add(key);
      const first = this.firstSeen.get(key) ?? now;
      this.firstSeen.set(key, first);
      const heldSeconds = Math.max(row.seconds ?? 0, (now - first) / 1000);
      const holder = {
        pid: row.pid,
        database: row.database,
        applicationName: row.application_name,
        state: row.state,
        heldSeconds,
      };
      if (heldSeconds >= this.options.warnAfterSeconds && !this.warned.has(key)) {
        this.warned.add(key);
        this.options.logger.warn(
          `A transaction holds back every event subscription on this server: ${describeHolder(holder)}. ` +
            'Events committed after it began are delivered (and read models updated) only when it ends ' +
            '(docs/operations.md, "Projection lag and long transactions").',
        );
      }
      return holder;
    });
    for (const key of this.firstSeen.keys()) if (!seen.has(key)) this.firstSeen.delete(key);
    for (const key of this.warned) if (!seen.has(key)) this.warned.delete(key);
    holders.sort((a, b) => b.heldSeconds - a.heldSeconds);
    this.holders = holders;
    return holders;
  }

  /** The oldest holder's age at the last look, 0 when none. */
  heldSeconds(): number {
    return this.holders[0]?.heldSeconds ?? 0;
  }

  /** Looks now; rejects naming the holders past the readiness bound, if any. */
  async assertNotHeldTooLong(): Promise<void> {
    const bound = this.options.notReadyAfterSeconds;
    if (bound <= 0) return;
    const tooLong = (await this.inspect()).filter((holder) => holder.heldSeconds >= bound);
    if (tooLong.length > 0) {
      throw new Error(
        `transaction ids held for more than ${bound} s, so no event is delivered: ${tooLong.map(describeHolder).join('; ')}`,
      );
    }
  }
}

export function describeHolder(holder: HorizonHolder): string {
  return [
    holder.pid === null ? 'a prepared transaction' : `pid ${holder.pid}`,
    `database ${holder.database ?? 'unknown'}`,
    `application_name ${JSON.stringify(holder.applicationName ?? '')}`,
    `state ${holder.state ?? 'not visible to this role'}`,
    `held ${Math.round(holder.heldSeconds)} s`,
  ].join(', ');
}
