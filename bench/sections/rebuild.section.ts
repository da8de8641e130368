import { performance } from 'node:perf_hooks';
import { organisationDirectoryProjection } from '../../src/partners/organisation-directory/organisation-directory.projection';
import { PostgresEventStore } from '../../src/shared/event-store/postgres';
import { rebuildProjection, type ProjectionLogger } from '../../src/shared/projections';
import { watchCpu, type CpuUse } from '../support/child-process';
import { profiled } from '../support/cpu-profile';
import { emptyEventStore, type BenchDatabase } from '../support/databases';
import { formatNumber } from '../support/report';
import { trialsOn } from '../support/options';
import { interleavedTrials, sizesByTarget, type Section, type SectionContext } from '../support/section';
import { median } from '../support/stats';
import { loadOrganisationEvents } from '../support/synthetic-events';

/** The runner's batch size, and the raw limit's rows per statement. */
const BATCH = 500;

interface OrganisationRowValues {
  organisation_id: string;
  name: string;
  type: string;
  municipality_id: string | null;
  services: unknown;
  response_deadline_days: number | null;
  active: boolean;
  revision: string;
  last_applied_commit: string;
  last_applied_prepare: string;
}

const RAW_INSERT = `
  INSERT INTO partners_organisations (organisation_id, name, type, municipality_id, services, response_deadline_days,
    active, revision, last_applied_commit, last_applied_prepare)
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::jsonb[], $6::int[], $7::boolean[],
    $8::bigint[], $9::numeric[], $10::numeric[])`;

export const rebuildSection: Section = {
  name: 'rebuild',
  async run(context) {
    for (const db of context.databases) await runOn(context, db);
    context.report.note(
      'Rebuild: the partners organisation directory (a row projection: 40% of organisations changed, 10% deactivated ' +
        'after registering) rebuilt by rebuildProjection from the first event, timed until the runner reports it ' +
        'caught up. The raw limit inserts the rows that rebuild produced, 500 per INSERT … SELECT unnest, into the ' +
        'emptied table; "compared" is the raw time divided by ours.',
    );
  },
};

async function runOn(context: SectionContext, db: BenchDatabase): Promise<void> {
  const count = context.options.sizes.rebuildEvents[db.target];
  await emptyEventStore(db);
  const loadStart = performance.now();
  await loadOrganisationEvents(db, count);
  const { rows } = await db.pool.query<{ organisations: string }>(
    `SELECT count(DISTINCT stream_id)::text AS organisations FROM es_events`,
  );
  const organisations = Number(rows[0]?.organisations);
  context.log(
    `rebuild · ${db.target}: ${formatNumber(count, 'events')} organisation events (${formatNumber(organisations, 'rows')} ` +
      `organisations) loaded in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`,
  );

  const store = new PostgresEventStore(db.pool);
  const logger: ProjectionLogger = {
    log: () => undefined,
    warn: (message) => context.log(`rebuild warning: ${message}`),
    error: (message) => context.log(`rebuild error: ${message}`),
  };
  let finalRows: OrganisationRowValues[] = [];
  const results = await interleavedTrials(
    trialsOn(context.options.sizes, db.target),
    ['ours', 'raw'] as const,
    async (system, trial) => {
      let seconds: number;
      let cpu: CpuUse;
      let stopCpu: () => CpuUse;
      if (system === 'ours') {
        // Untimed: the rebuild's own reset then has nothing to delete, as the raw limit starts from an empty table.
        await db.pool.query('DELETE FROM partners_organisations');
        stopCpu = watchCpu();
        const started = performance.now();
        const summary = await profiled(
          context.options.profile && trial === 1,
          `CPU profile of the rebuild on ${db.target}`,
          () =>
            rebuildProjection(organisationDirectoryProjection, {
              eventStore: store,
              dataSource: db.dataSource,
              logger,
              pollMs: 25,
              batchSize: BATCH,
            }),
        );
        seconds = (performance.now() - started) / 1000;
        cpu = stopCpu();
        if (summary.eventsApplied !== count)
          throw new Error(`rebuild applied ${summary.eventsApplied} of ${count} events`);
        ({ rows: finalRows } = await db.pool.query<OrganisationRowValues>(
          `SELECT organisation_id, name, type, municipality_id, services::text AS services, response_deadline_days, active,
           revision::text AS revision, last_applied_commit::text AS last_applied_commit,
           last_applied_prepare::text AS last_applied_prepare
         FROM partners_organisations`,
        ));
      } else {
        await db.pool.query('DELETE FROM partners_organisations');
        stopCpu = watchCpu();
        const started = performance.now();
        for (let offset = 0; offset < finalRows.length; offset += BATCH) {
          const batch = finalRows.slice(offset, offset + BATCH);
          await db.pool.query(RAW_INSERT, [
            batch.map((row) => row.organisation_id),
            batch.map((row) => row.name),
            batch.map((row) => row.type),
            batch.map((row) => row.municipality_id),
            batch.map((row) => row.services),
            batch.map((row) => row.response_deadline_days),
            batch.map((row) => row.active),
            batch.map((row) => row.revision),
            batch.map((row) => row.last_applied_commit),
            batch.map((row) => row.last_applied_prepare),
          ]);
        }
        seconds = (performance.now() - started) / 1000;
        cpu = stopCpu();
      }
      const { rows: counted } = await db.pool.query<{ rows: string }>(
        'SELECT count(*)::text AS rows FROM partners_organisations',
      );
      if (Number(counted[0]?.rows) !== organisations) {
        throw new Error(`${system} left ${counted[0]?.rows} rows instead of ${organisations}`);
      }
      // Per event for ours, per row for the raw limit: each side's own unit of work.
      const units = system === 'ours' ? count : organisations;
      const nodeMicros = (cpu.benchmarkSeconds * 1e6) / units;
      context.log(
        `rebuild · ${db.target} · ${system} · trial ${trial}: ${seconds.toFixed(2)} s, Node ${nodeMicros.toFixed(0)} µs ` +
          `CPU per ${system === 'ours' ? 'event' : 'row'}, machine ${(cpu.machineBusy * 100).toFixed(0)}% busy`,
      );
      return { seconds, nodeMicros, machineBusy: cpu.machineBusy };
    },
  );
  await store.close();

  const ours = median(results.ours.map((trial) => trial.seconds));
  const raw = median(results.raw.map((trial) => trial.seconds));
  const cpuOf = (system: 'ours' | 'raw', unit: 'µs/event' | 'µs/row') => ({
    value: median(results[system].map((trial) => trial.nodeMicros)),
    unit,
    machineBusy: median(results[system].map((trial) => trial.machineBusy)),
  });
  const measurement = `partners.organisations from ${sizesByTarget(context, context.options.sizes.rebuildEvents, 'events')}`;
  context.report.set(
    {
      id: 'rebuild.ours',
      section: 'rebuild',
      measurement,
      system: `ours: rebuildProjection, batches of ${BATCH}`,
      unit: 'events/s',
    },
    db.target,
    {
      value: count / ours,
      trials: results.ours.map((trial) => count / trial.seconds),
      comparisons: [{ against: 'raw (time)', value: raw / ours }],
      cpu: cpuOf('ours', 'µs/event'),
      note: `${formatNumber(count, 'events')} events to ${formatNumber(organisations, 'rows')} rows in ${ours.toFixed(2)} s`,
    },
  );
  context.report.set(
    {
      id: 'rebuild.raw',
      section: 'rebuild',
      measurement,
      system: `raw limit: the final rows, ${BATCH} per INSERT`,
      unit: 'rows/s',
    },
    db.target,
    {
      value: organisations / raw,
      trials: results.raw.map((trial) => organisations / trial.seconds),
      cpu: cpuOf('raw', 'µs/row'),
      note: `${formatNumber(organisations, 'rows')} rows in ${raw.toFixed(2)} s`,
    },
  );
}
