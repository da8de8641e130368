import { performance } from 'node:perf_hooks';
import { PostgresEventStore } from '../../src/shared/event-store/postgres';
import { watchCpu } from '../support/child-process';
import { profiled } from '../support/cpu-profile';
import { emptyEventStore, type BenchDatabase } from '../support/databases';
import { formatNumber } from '../support/report';
import { trialsOn } from '../support/options';
import { interleavedTrials, sizesByTarget, type Section, type SectionContext } from '../support/section';
import { median, ratio } from '../support/stats';
import { loadCaseEvents } from '../support/synthetic-events';

type Reader = 'ours' | 'raw';

/**
 * Our subscription's default page (PostgresEventStore's batchSize), and the raw limit's: larger raw pages (5,000 and
 * 10,000 rows) were no faster on this machine (more memory per page), and cost a minute per run.
 */
const PAGE = 500;

/** The same columns, order and horizon as the subscription's scan, by a plain keyset query. */
const RAW_SQL = `
  SELECT e.transaction_id::text AS commit, e.global_position::text AS prepare, e.stream_id,
    e.stream_revision::text AS stream_revision, e.event_id::text AS event_id, e.event_type, e.data, e.metadata, e.created
  FROM es_events e
  WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
    AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
  ORDER BY e.transaction_id, e.global_position
  LIMIT $3`;

const LABELS: Record<Reader, string> = {
  ours: 'ours: subscribeToAll from the start',
  raw: `raw limit: keyset SELECT, pages of ${PAGE}`,
};

export const catchUpSection: Section = {
  name: 'catchup',
  async run(context) {
    for (const db of context.databases) await runOn(context, db);
    context.report.note(
      'Catch-up: synthetic case events loaded by INSERT … SELECT generate_series (see bench/support/synthetic-events.ts), ' +
        'then VACUUM ANALYZE. Ours counts every event delivered by subscribeToAll (no filter, default page of 500) ' +
        'until the last one; the raw limit reads the same columns in the same order with the same horizon by keyset ' +
        'pages of the same size.',
    );
  },
};

async function runOn(context: SectionContext, db: BenchDatabase): Promise<void> {
  const count = context.options.sizes.catchUpEvents[db.target];
  await emptyEventStore(db);
  const loadStart = performance.now();
  await loadCaseEvents(db, count);
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const { rows } = await db.pool.query<{ bytes: string }>(
    'SELECT avg(length(data::text) + length(metadata::text))::int::text AS bytes FROM es_events',
  );
  context.log(
    `catch-up · ${db.target}: ${formatNumber(count, 'events')} events loaded in ${loadSeconds.toFixed(1)} s ` +
      `(${rows[0]?.bytes} bytes of JSON each)`,
  );

  const store = new PostgresEventStore(db.pool);
  const readers: Reader[] = ['ours', 'raw'];
  const results = await interleavedTrials(
    trialsOn(context.options.sizes, db.target),
    readers,
    async (reader, trial) => {
      const stopCpu = watchCpu();
      const started = performance.now();
      const read =
        reader === 'ours'
          ? await profiled(context.options.profile && trial === 1, `CPU profile of the catch-up on ${db.target}`, () =>
              readBySubscription(store, count),
            )
          : await readRaw(db, count);
      const seconds = (performance.now() - started) / 1000;
      const cpu = stopCpu();
      if (read !== count) throw new Error(`${reader} read ${read} events of ${count}`);
      const rate = count / seconds;
      const nodeMicros = (cpu.benchmarkSeconds * 1e6) / count;
      context.log(
        `catch-up · ${db.target} · ${reader} · trial ${trial}: ${formatNumber(rate, 'events/s')} events/s ` +
          `(${seconds.toFixed(1)} s), Node ${nodeMicros.toFixed(1)} µs CPU per event, machine ` +
          `${(cpu.machineBusy * 100).toFixed(0)}% busy`,
      );
      return { rate, nodeMicros, machineBusy: cpu.machineBusy };
    },
  );
  await store.close();

  const measurement = `All of $all: ${sizesByTarget(context, context.options.sizes.catchUpEvents, 'events')}`;
  const rate = (reader: Reader) => median(results[reader].map((trial) => trial.rate));
  for (const reader of readers) {
    const trials = results[reader];
    context.report.set(
      { id: `catchup.${reader}`, section: 'catchup', measurement, system: LABELS[reader], unit: 'events/s' },
      db.target,
      {
        value: rate(reader),
        trials: trials.map((trial) => trial.rate),
        comparisons: reader === 'ours' ? [{ against: 'raw', value: ratio(rate('ours'), rate('raw')) }] : [],
        cpu: {
          value: median(trials.map((trial) => trial.nodeMicros)),
          unit: 'µs/event',
          machineBusy: median(trials.map((trial) => trial.machineBusy)),
        },
        ...(reader === 'ours'
          ? { note: `${formatNumber(count, 'events')} events, loaded in ${loadSeconds.toFixed(1)} s` }
          : {}),
      },
    );
  }
}

/** Every event of `$all` through the port, until `count` have arrived. */
async function readBySubscription(store: PostgresEventStore, count: number): Promise<number> {
  const subscription = store.subscribeToAll({ fromPosition: 'start' });
  let events = 0;
  try {
    for await (const message of subscription) {
      if (message.kind === 'event') {
        events++;
        if (events >= count) break;
      } else if (message.kind === 'caughtUp') {
        break;
      }
    }
  } finally {
    await subscription.close();
  }
  return events;
}

async function readRaw(db: BenchDatabase, count: number, page = PAGE): Promise<number> {
  let commit = '0';
  let prepare = '0';
  let events = 0;
  // Bounded: at most one page more than the events there are.
  for (let pages = 0; pages <= Math.ceil(count / page); pages++) {
    const { rows } = await db.pool.query<{ commit: string; prepare: string }>(RAW_SQL, [commit, prepare, page]);
    events += rows.length;
    const last = rows[rows.length - 1];
    if (last === undefined || rows.length < page) break;
    ({ commit, prepare } = last);
  }
  return events;
}
