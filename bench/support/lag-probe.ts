import type { Pool } from 'pg';
import { createPool } from '../../src/shared/database/pg-pool';
import { summariseLatencies, type LatencySummary } from './stats';

interface Sample {
  /** Database clock, ms since the epoch. */
  readonly at: number;
  readonly commit: bigint;
  readonly prepare: bigint;
}

/**
 * Measures projection lag from outside the service: from the moment an event was appended (its `created`, the
 * append transaction's start on the database clock) to the first moment the projection's committed checkpoint
 * covers it (polled every `intervalMs` on the same clock). So it is append → read model committed, including the
 * subscription's polling, the batch transaction and the probe's own resolution.
 */
export class LagProbe {
  private readonly pool: Pool;
  private readonly samples: Sample[] = [];
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    databaseUrl: string,
    private readonly projection: string,
    private readonly intervalMs = 10,
  ) {
    this.pool = createPool(databaseUrl, { max: 1, applicationName: 'onthaal-bench-lag-probe' });
  }

  /** The database clock now, ms since the epoch. */
  async now(): Promise<number> {
    const { rows } = await this.pool.query<{ at: number }>(
      'SELECT extract(epoch FROM clock_timestamp())::float8 * 1000 AS at',
    );
    return rows[0]!.at;
  }

  start(): void {
    this.stopped = false;
    this.samples.length = 0;
    this.running = (async () => {
      // Bounded by `stop()`, and by an hour of samples whatever happens.
      for (let polls = 0; !this.stopped && polls < 360_000; polls++) {
        const { rows } = await this.pool.query<{ at: number; commit: string | null; prepare: string | null }>(
          `SELECT extract(epoch FROM clock_timestamp())::float8 * 1000 AS at,
             commit_position::text AS commit, prepare_position::text AS prepare
           FROM projection_checkpoints WHERE name = $1 ORDER BY version DESC LIMIT 1`,
          [this.projection],
        );
        const row = rows[0];
        if (row?.commit != null && row.prepare != null) {
          this.samples.push({ at: row.at, commit: BigInt(row.commit), prepare: BigInt(row.prepare) });
        }
        await new Promise((resolve) => setTimeout(resolve, this.intervalMs));
      }
    })();
  }

  /**
   * Stops sampling once the checkpoint covers every event of `types` recorded in [from, to] (database clock), or
   * after `settleMs`; then returns each such event's lag. Events never covered count as lagging until the end.
   */
  async finish(types: readonly string[], from: number, to: number, settleMs = 10_000): Promise<LagResult> {
    const { rows } = await this.pool.query<{ created: number; commit: string; prepare: string }>(
      `SELECT extract(epoch FROM created)::float8 * 1000 AS created, transaction_id::text AS commit,
         global_position::text AS prepare
       FROM es_events
       WHERE event_type = ANY ($1::text[]) AND created >= to_timestamp($2 / 1000.0) AND created <= to_timestamp($3 / 1000.0)
       ORDER BY transaction_id, global_position`,
      [types, from, to],
    );
    const events = rows.map((row) => ({
      created: row.created,
      commit: BigInt(row.commit),
      prepare: BigInt(row.prepare),
    }));
    const last = events[events.length - 1];
    const deadline = Date.now() + settleMs;
    while (last !== undefined && Date.now() < deadline && !this.covered(last)) {
      await new Promise((resolve) => setTimeout(resolve, this.intervalMs));
    }
    this.stopped = true;
    await this.running;
    await this.pool.end();

    const end = this.samples[this.samples.length - 1]?.at ?? to;
    const lags = events.map((event) => {
      const sample = this.samples.find(
        (candidate) =>
          candidate.commit > event.commit || (candidate.commit === event.commit && candidate.prepare >= event.prepare),
      );
      return (sample?.at ?? end) - event.created;
    });
    return {
      events: events.length,
      uncovered: events.filter((event) => !this.covered(event)).length,
      lag: summariseLatencies(lags),
    };
  }

  private covered(event: { commit: bigint; prepare: bigint }): boolean {
    const latest = this.samples[this.samples.length - 1];
    return (
      latest !== undefined &&
      (latest.commit > event.commit || (latest.commit === event.commit && latest.prepare >= event.prepare))
    );
  }
}

export interface LagResult {
  readonly events: number;
  /** Events the checkpoint had not reached when the probe gave up. */
  readonly uncovered: number;
  readonly lag: LatencySummary;
}
