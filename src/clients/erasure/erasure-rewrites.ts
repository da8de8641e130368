import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { PERSONAL_DATA_KEYS_TABLE, rewriteTables } from '../../shared/crypto';
import { rowsOf, type SqlRunner } from '../../shared/database/sql-runner';
import { ReactionLoop } from '../../shared/projections';
import { IDENTITY_INDEX_TABLE } from '../common/identity-index';

const POLL_MS = 1_000;

/**
 * The tables an erasure changes, rewritten after it so that no old row version stays in their files; false when a
 * transaction older than the erasure was still open (ask for another rewrite: `requestErasureRewrite`).
 */
export function rewriteErasedTables(db: SqlRunner): Promise<boolean> {
  return rewriteTables(db, [PERSONAL_DATA_KEYS_TABLE, IDENTITY_INDEX_TABLE]);
}

/**
 * Asks the loop below for a rewrite: from inside the projection's transaction, where VACUUM cannot run, or after a
 * rewrite that an older transaction kept from being complete.
 */
export async function requestErasureRewrite(tx: SqlRunner): Promise<void> {
  await tx.query(
    `INSERT INTO clients_erasure_rewrites_due (singleton, due_since) VALUES (true, now())
     ON CONFLICT (singleton) DO UPDATE SET due_since = now()`,
  );
}

/**
 * Rewrites the key and look-up tables when the `clients.erasures` projection destroyed something itself, as after a
 * restore of a backup taken before an erasure, or when an erasure's own rewrite found an older transaction still
 * open (ADR 0022). Runs where the projections run; a request made while a
 * rewrite runs is kept for the next round.
 */
@Injectable()
export class ErasureRewrites implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop = new ReactionLoop('Rewriting the tables after an erasure', POLL_MS, () => this.rewriteIfDue());

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.projectionsEnabled) this.loop.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }

  /** Rewrites if asked to; returns whether it did, completely. */
  async rewriteIfDue(): Promise<boolean> {
    const [due] = rowsOf<{ due_since: string }>(
      await this.dataSource.query(`SELECT due_since::text AS due_since FROM clients_erasure_rewrites_due`),
    );
    if (due === undefined) return false;
    // Kept for the next round while a transaction older than the request may still see what it deleted.
    if (!(await rewriteErasedTables(this.dataSource))) return false;
    await this.dataSource.query(`DELETE FROM clients_erasure_rewrites_due WHERE due_since <= $1::timestamptz`, [
      due.due_since,
    ]);
    return true;
  }
}
