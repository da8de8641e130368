import type { Pool } from 'pg';
import {
  fixUpAfterLogicalRestore,
  hasEventStore,
  type PositionsAhead,
  type RestoreFixUpReport,
} from '../shared/event-store/postgres/logical-restore';

export interface RestoreFixUpOutput {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/**
 * `npm run restore:fixup`: after a logical restore (`pg_dump`/`pg_restore` onto another PostgreSQL cluster), makes
 * every `$all` position consistent with the new server's transaction ids, in one transaction, and says what it did.
 * Run it before the service starts (the service refuses to start until then); a second run changes nothing.
 */
export async function runRestoreFixUp(pool: Pool, output: RestoreFixUpOutput = process): Promise<number> {
  let report: RestoreFixUpReport;
  try {
    if (!(await hasEventStore(pool))) {
      output.stderr.write('This database has no event store (no table es_events): is DATABASE_URL the restored one?\n');
      return EXIT_USAGE;
    }
    report = await fixUpAfterLogicalRestore(pool);
  } catch (error) {
    // The database's own message (no data in it: a lock timeout, a missing table, a refused connection).
    output.stderr.write(
      `Fix-up failed, nothing was changed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return EXIT_FAILED;
  }
  const { before } = report;
  const newest =
    before.newestTransactionId === null ? 'no events' : `newest event's transaction id ${before.newestTransactionId}`;
  output.stdout.write(`Server's next transaction id: ${before.nextTransactionId}; ${newest}.\n`);
  if (!before.eventsAhead && before.positionsAhead.length === 0) {
    output.stdout.write('Nothing to do: every position is behind the server. The service may start.\n');
    return EXIT_OK;
  }
  if (report.eventsRewritten > 0) {
    output.stdout.write(
      `Events: ${report.eventsRewritten} given transaction id 1, in their $all order ` +
        `(${report.renumbered ? 'global positions renumbered to keep it' : 'global positions unchanged'}).\n`,
    );
  }
  output.stdout.write(`Stored positions rewritten:${report.positionsRewritten.length === 0 ? ' none' : ''}\n`);
  for (const columns of report.positionsRewritten) output.stdout.write(`  ${describe(columns)}\n`);
  output.stdout.write('Committed in one transaction. The service may start.\n');
  return EXIT_OK;
}

function describe(columns: PositionsAhead): string {
  return `${columns.table} (${columns.commit}, ${columns.prepare}): ${columns.rows} row(s)`;
}

/**
 * Entry point: the database of `DATABASE_URL`, as the service would use it; the service must not be running. Only
 * the two variables that say where events are are read: the rest of the service's configuration is not needed.
 */
async function main(): Promise<void> {
  const { createPool } = await import('../shared/database/pg-pool');
  const databaseUrl = process.env.DATABASE_URL?.trim();
  if (!databaseUrl || !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    process.stderr.write(
      'restore:fixup needs DATABASE_URL (postgres://…): the PostgreSQL database that was restored.\n',
    );
    process.exit(EXIT_USAGE);
  }
  if (process.env.EVENTSTORE_CONNECTION_STRING?.trim()) {
    process.stdout.write('Events are in EventStoreDB, whose positions a restore keeps: nothing to do.\n');
    process.exit(EXIT_OK);
  }
  const pool = createPool(databaseUrl, { max: 1, applicationName: 'onthaal-restore-fixup' });
  let code: number;
  try {
    code = await runRestoreFixUp(pool);
  } finally {
    await pool.end();
  }
  process.exit(code);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`restore:fixup failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(EXIT_FAILED);
  });
}
