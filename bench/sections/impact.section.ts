import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { capabilities } from '../../src/capabilities';
import { INDICATORS } from '../../src/impact';
import { impactFactsProjection } from '../../src/impact/facts/impact-facts.projection';
import { mintDevelopmentToken } from '../../src/shared/auth/development-tokens';
import { createDataSource, runMigrations, sharedMigrations } from '../../src/shared/database';
import { PostgresEventStore } from '../../src/shared/event-store/postgres';
import { rebuildProjection, type ProjectionLogger } from '../../src/shared/projections';
import { startChild, watchCpu } from '../support/child-process';
import { profiled } from '../support/cpu-profile';
import { emptyEventStore, type BenchDatabase } from '../support/databases';
import { formatNumber } from '../support/report';
import type { Section, SectionContext } from '../support/section';
import { summariseLatencies } from '../support/stats';
import { loadHistory } from '../support/synthetic-events';
import { W13_SCALE, w13History } from '../support/w13-history';

const SECRET = 'onthaal-benchmark-development-secret-0123456789abcdef';
/** The runner's batch size, as the service runs it. */
const BATCH = 500;
/** The history has about 16.8 events per trajectory; transaction ids are reserved for this many. */
const EVENTS_PER_TRAJECTORY_BOUND = 18;
/** The realistic request: the last full year of the history by month, every municipality and the region. */
const YEAR = W13_SCALE.firstYear + W13_SCALE.years - 1;
const QUERY = `period=month&from=${YEAR}-01-01&to=${YEAR}-12-31`;
const UNTIMED_RUNS = 2;

interface IndicatorAnswer {
  readonly cells: readonly { readonly municipalityId: string | null; readonly value: number | null }[];
}

/**
 * Issue 9 item 6: the impact indicators over a seeded W13-scale history (ten years, 200,000 trajectories, about 3.3
 * million events): the history loaded into the event store, the impact facts projection rebuilt over all of it
 * (its rate), then each indicator read through the HTTP API as an analyst reads it, one request at a time.
 * PostgreSQL only: the impact schema is for the server deployment, and PGlite would take minutes to load the history.
 */
export const impactSection: Section = {
  name: 'impact',
  async run(context) {
    const db = context.databases.find((candidate) => candidate.target === 'postgres');
    if (db === undefined) return;
    await runOn(context, db);
    context.report.note(
      'Impact: the seeded W13 history (bench/support/w13-history.ts: 14 municipalities, ten years, late facts, one ' +
        'person in ten without a reporting consent) loaded into es_events in recording order, then ' +
        'rebuildProjection of impact.facts over all of it (batches of 500). Each indicator is then read through the ' +
        `HTTP API with an analyst's token (GET /impact/indicators/{code}?${QUERY}: every municipality and the region, ` +
        'suppression included) from the service in a child process with its projections off, one request at a ' +
        'time, two untimed runs first. PostgreSQL only.',
    );
  },
};

async function runOn(context: SectionContext, db: BenchDatabase): Promise<void> {
  const { sizes } = context.options;
  const options = { ...W13_SCALE, trajectories: sizes.impactTrajectories };
  await emptyEventStore(db);
  // The whole service's schema (the benchmark's own data source has the partners read models only).
  const dataSource = createDataSource({
    url: db.url,
    migrations: [...sharedMigrations, ...capabilities.flatMap((capability) => capability.migrations)],
    entities: capabilities.flatMap((capability) => capability.entities),
    poolSize: 2,
    applicationName: 'onthaal-bench-impact',
  });
  await dataSource.initialize();
  const forgetDataSource = context.onCleanup(() => dataSource.destroy());
  try {
    await runMigrations(dataSource);
    await emptyEventStore(db);

    const loadStarted = performance.now();
    const events = await loadHistory(
      db,
      w13History(options),
      options.trajectories * EVENTS_PER_TRAJECTORY_BOUND + 1000,
    );
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    context.log(
      `impact: ${formatNumber(events, 'events')} events of ${formatNumber(options.trajectories, 'trajectories')} ` +
        `trajectories generated and loaded in ${loadSeconds.toFixed(1)} s`,
    );

    const store = new PostgresEventStore(db.pool);
    const logger: ProjectionLogger = {
      log: () => undefined,
      warn: (message) => context.log(`impact rebuild warning: ${message}`),
      error: (message) => context.log(`impact rebuild error: ${message}`),
    };
    const stopCpu = watchCpu();
    const rebuildStarted = performance.now();
    const summary = await profiled(context.options.profile, 'CPU profile of the impact facts rebuild', () =>
      rebuildProjection(impactFactsProjection, {
        eventStore: store,
        dataSource,
        logger,
        pollMs: 25,
        batchSize: BATCH,
      }),
    );
    const rebuildSeconds = (performance.now() - rebuildStarted) / 1000;
    const cpu = stopCpu();
    await store.close();
    // As the tables would be a minute after a rebuild on a live server (autovacuum): statistics known to the planner.
    await db.pool.query('ANALYZE');
    const facts = await checkFacts(db);
    context.log(
      `impact: impact.facts rebuilt from ${formatNumber(summary.eventsApplied, 'events')} events in ` +
        `${rebuildSeconds.toFixed(1)} s (${formatNumber(events / rebuildSeconds, 'events/s')} events/s, Node ` +
        `${((cpu.benchmarkSeconds * 1e6) / events).toFixed(0)} µs CPU per event, machine ` +
        `${(cpu.machineBusy * 100).toFixed(0)}% busy); ${facts}`,
    );
    context.report.set(
      {
        id: 'impact.rebuild',
        section: 'impact',
        measurement: `impact.facts from the W13 history: ${formatNumber(events, 'events')} events`,
        system: `rebuildProjection, batches of ${BATCH}`,
        unit: 'events/s',
      },
      db.target,
      {
        value: events / rebuildSeconds,
        trials: [events / rebuildSeconds],
        cpu: { value: (cpu.benchmarkSeconds * 1e6) / events, unit: 'µs/event', machineBusy: cpu.machineBusy },
        note:
          `${formatNumber(options.trajectories, 'trajectories')} trajectories over ${options.years} years: loaded in ` +
          `${loadSeconds.toFixed(0)} s (generated on the fly), rebuilt in ${rebuildSeconds.toFixed(0)} s; ${facts}`,
      },
    );
    await queryIndicators(context, db);
  } finally {
    forgetDataSource();
    await dataSource.destroy();
  }
}

/** The facts the rebuild wrote, checked against the events they come from (intakes and referrals, one row each). */
async function checkFacts(db: BenchDatabase): Promise<string> {
  const { rows } = await db.pool.query<{ opened: string; intakes: string; sent: string; referrals: string }>(
    `SELECT (SELECT count(*) FROM es_events WHERE event_type = 'IntakeOpened')::text AS opened,
            (SELECT count(*) FROM impact.intakes)::text AS intakes,
            (SELECT count(*) FROM es_events WHERE event_type = 'ReferralSent')::text AS sent,
            (SELECT count(*) FROM impact.referrals)::text AS referrals`,
  );
  const row = rows[0]!;
  if (row.opened !== row.intakes || row.sent !== row.referrals) {
    throw new Error(
      `the impact facts do not match the events: ${row.intakes} intakes for ${row.opened} IntakeOpened, ` +
        `${row.referrals} referrals for ${row.sent} ReferralSent`,
    );
  }
  return (
    `${formatNumber(Number(row.intakes), 'rows')} intakes and ${formatNumber(Number(row.referrals), 'rows')} ` +
    'referrals, as many as their events'
  );
}

/** Every indicator through the API, from a service that serves HTTP only (its projections off, as a replica runs). */
async function queryIndicators(context: SectionContext, db: BenchDatabase): Promise<void> {
  const runs = context.options.sizes.impactQueryRuns;
  const service = await startChild(join(__dirname, 'service.process.js'), {
    PATH: process.env.PATH ?? '',
    LOG_LEVEL: 'info',
    AUTH_DEV_SECRET: SECRET,
    DATABASE_URL: db.url,
    PROJECTIONS_ENABLED: 'false',
    RATE_LIMIT_WINDOW_SECONDS: '1',
    RATE_LIMIT_PER_IP: '1000000',
    RATE_LIMIT_PER_USER: '1000000',
  });
  const forget = context.onCleanup(() => service.stop());
  try {
    const headers = {
      authorization: `Bearer ${await mintDevelopmentToken(SECRET, { organisationId: randomUUID(), roles: ['analyst'] })}`,
    };
    const read = async (code: string): Promise<{ ms: number; answer: IndicatorAnswer }> => {
      const started = performance.now();
      const response = await fetch(`http://127.0.0.1:${service.ready.port}/impact/indicators/${code}?${QUERY}`, {
        headers,
        signal: AbortSignal.timeout(60_000),
      });
      const text = await response.text();
      const ms = performance.now() - started;
      if (response.status !== 200) throw new Error(`${code} answered ${response.status}: ${text.slice(0, 300)}`);
      return { ms, answer: JSON.parse(text) as IndicatorAnswer };
    };
    for (const indicator of INDICATORS) {
      let answer: IndicatorAnswer | undefined;
      for (let run = 0; run < UNTIMED_RUNS; run++) ({ answer } = await read(indicator.code));
      const stopCpu = watchCpu(service.pid);
      const latencies: number[] = [];
      for (let run = 0; run < runs; run++) latencies.push((await read(indicator.code)).ms);
      const cpu = stopCpu();
      const cells = answer!.cells;
      const shown = cells.filter((cell) => cell.value !== null).length;
      const municipalities = new Set(cells.map((cell) => cell.municipalityId)).size;
      if (cells.length === 0) throw new Error(`${indicator.code}: no cells for ${YEAR}`);
      const latency = summariseLatencies(latencies);
      context.log(
        `impact · ${indicator.code}: p50 ${latency.p50.toFixed(1)} ms, p95 ${latency.p95.toFixed(1)} ms, max ` +
          `${latency.max.toFixed(1)} ms over ${runs} runs; ${cells.length} cells (${municipalities - 1} ` +
          `municipalities + the region), ${shown} with a value`,
      );
      context.report.set(
        {
          id: `impact.query.${indicator.code}`,
          section: 'impact',
          measurement: `GET /impact/indicators/{code}, ${YEAR} by month, every municipality + the region`,
          system: indicator.code,
          unit: 'ms p95',
        },
        db.target,
        {
          value: latency.p95,
          p50Ms: latency.p50,
          trials: latencies,
          cpu: {
            value: ((cpu.processSeconds ?? Number.NaN) * 1000) / runs,
            unit: 'ms/request',
            machineBusy: cpu.machineBusy,
          },
          detail: `${runs} runs, max ${latency.max.toFixed(1)} ms; ${cells.length} cells, ${shown} with a value`,
        },
      );
    }
  } finally {
    forget();
    await service.stop();
  }
}
