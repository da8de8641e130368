import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '../../shared/event-store';
import { ProjectionEventFailed, type ProjectionHandler } from '../../shared/projections';
import {
  FACT_EVENT_TYPES,
  FACT_TABLES,
  factChangesOf,
  type FactChange,
  type FactRow,
  type FactTable,
} from './fact-rows';

export const IMPACT_FACTS_PROJECTION = 'impact.facts';

/**
 * The version of the facts. Raise it when an indicator needs facts these tables do not hold yet (a new column, a new
 * event): the runner then clears the `impact` tables and replays the whole history (docs/analysts.md, "Versions").
 */
export const IMPACT_FACTS_VERSION = 1;

/** `jsonb_to_recordset` turns one JSON parameter into typed rows: a whole batch per table in one statement. */
function recordset(target: FactTable, columns: readonly string[]): string {
  return `jsonb_to_recordset($1::jsonb) AS r(${columns.map((column) => `${column} ${target.columns[column]}`).join(', ')})`;
}

async function insertFacts(tx: EntityManager, target: FactTable, rows: readonly FactRow[]): Promise<void> {
  const columns = Object.keys(target.columns);
  await tx.query(
    `INSERT INTO impact.${target.name} (${columns.join(', ')})
     SELECT ${columns.join(', ')} FROM ${recordset(target, columns)}
     ON CONFLICT (${target.key.join(', ')}) DO NOTHING`,
    [JSON.stringify(rows)],
  );
}

/** Reference data: the row of the latest position wins, whatever order a replay brings them in. */
async function upsertLatest(tx: EntityManager, target: FactTable, rows: readonly FactRow[]): Promise<void> {
  const columns = Object.keys(target.columns);
  const latest = new Map<string, FactRow>();
  for (const row of rows) latest.set(target.key.map((column) => String(row[column])).join('\u0000'), row);
  const updates = columns.filter((column) => !target.key.includes(column));
  await tx.query(
    `INSERT INTO impact.${target.name} AS t (${columns.join(', ')})
     SELECT ${columns.join(', ')} FROM ${recordset(target, columns)}
     ON CONFLICT (${target.key.join(', ')}) DO UPDATE
        SET ${updates.map((column) => `${column} = excluded.${column}`).join(', ')}
      WHERE (excluded.position_commit, excluded.position_prepare) > (t.position_commit, t.position_prepare)`,
    [JSON.stringify([...latest.values()])],
  );
}

/** A withdrawal is kept once; only reporting consents have rows, so other scopes' withdrawals change nothing. */
async function recordWithdrawals(tx: EntityManager, rows: readonly FactRow[]): Promise<void> {
  const first = new Map<string, FactRow>();
  for (const row of rows) if (!first.has(String(row.consent_id))) first.set(String(row.consent_id), row);
  await tx.query(
    `UPDATE impact.reporting_consents c
        SET withdrawn_on = r.withdrawn_on,
            withdrawal_recorded_at = r.withdrawal_recorded_at,
            withdrawal_position_commit = r.withdrawal_position_commit,
            withdrawal_position_prepare = r.withdrawal_position_prepare
       FROM jsonb_to_recordset($1::jsonb) AS r(consent_id text, withdrawn_on date, withdrawal_recorded_at timestamptz,
                                               withdrawal_position_commit numeric, withdrawal_position_prepare numeric)
      WHERE c.consent_id = r.consent_id AND c.withdrawal_recorded_at IS NULL`,
    [JSON.stringify([...first.values()])],
  );
}

/**
 * Set-based: a batch becomes one statement per table. Facts are inserted before withdrawals are applied, so a consent
 * given and withdrawn in one batch ends withdrawn. Idempotent: facts keep their first row, reference data its latest.
 */
export const impactFactsProjection: ProjectionHandler = {
  name: IMPACT_FACTS_PROJECTION,
  version: IMPACT_FACTS_VERSION,
  filter: { on: 'eventType', prefixes: [...FACT_EVENT_TYPES] },

  async handle(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
    const types = new Set<string>(FACT_EVENT_TYPES);
    const changes: FactChange[] = [];
    for (const event of events) {
      if (!types.has(event.type)) continue;
      try {
        changes.push(...factChangesOf(event));
      } catch (error) {
        throw new ProjectionEventFailed(IMPACT_FACTS_PROJECTION, event, error);
      }
    }
    const byTable = (kind: FactChange['kind'], target: FactTable) =>
      changes.flatMap((change) =>
        change.kind === kind && 'table' in change && change.table === target ? [change.row] : [],
      );
    for (const target of Object.values(FACT_TABLES)) {
      const inserts = byTable('insert', target);
      if (inserts.length > 0) await insertFacts(tx, target, inserts);
      const latest = byTable('latest', target);
      if (latest.length > 0) await upsertLatest(tx, target, latest);
    }
    const withdrawals = changes.flatMap((change) => (change.kind === 'withdrawal' ? [change.row] : []));
    if (withdrawals.length > 0) await recordWithdrawals(tx, withdrawals);
  },

  async reset(tx: EntityManager): Promise<void> {
    // DELETE, not TRUNCATE: analysts' queries keep the old rows until the reset commits (shared/projections README).
    for (const target of Object.values(FACT_TABLES)) await tx.query(`DELETE FROM impact.${target.name}`);
  },
};
