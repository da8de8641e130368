import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { capabilities } from '../../src/capabilities';
import { INDICATORS } from '../../src/impact';
import { FACT_EVENT_TYPES } from '../../src/impact/facts/fact-rows';
import { mintDevelopmentToken } from '../../src/shared/auth/development-tokens';
import { createDataSource, runMigrations, sharedMigrations } from '../../src/shared/database';
import type { RecordedEvent } from '../../src/shared/event-store';
import { startChild, watchCpu } from '../support/child-process';
import { profiled } from '../support/cpu-profile';
import { emptyEventStore, type BenchDatabase } from '../support/databases';
import { serviceFlags } from '../support/options';
import { formatNumber } from '../support/report';
import type { Section, SectionContext } from '../support/section';
import { summariseLatencies } from '../support/stats';
import { HISTORY_BATCH, loadHistory } from '../support/synthetic-events';
import { W13_SCALE, w13History } from '../support/w13-history';
import type { ImpactFactsMessage, ImpactFactsReply, ImpactFactsWorkerData } from './impact-facts.worker';

const SECRET = 'onthaal-benchmark-development-secret-0123456789abcdef';
/** The history has about 16.8 events per trajectory; transaction ids are reserved for this many. */
const EVENTS_PER_TRAJECTORY_BOUND = 18;
/** The realistic request: the last full year of the history by month, every municipality and the region. */
const YEAR = W13_SCALE.firstYear + W13_SCALE.years - 1;
const QUERY = `period=month&from=${YEAR}-01-01&to=${YEAR}-12-31`;
const UNTIMED_RUNS = 1;

interface IndicatorAnswer {
  readonly cells: readonly { readonly municipalityId: string | null; readonly value: number | null }[];
}

/**
 * Issue 9 item 6: the impact indicators over a seeded W13-scale history (ten years, 200,000 trajectories, about 3.3
 * million events): the history loaded into the event store while the impact facts projection's handler writes its
 * facts batch by batch, then each indicator read through the HTTP API as an analyst reads it, one request at a time.
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
        'person in ten without a reporting consent) copied into es_events in recording order, 5,000 events per ' +
        'COPY, while a worker thread writes the same batches with the impact.facts handler and its checkpoint ' +
        '(as a rebuild would, without reading the events back). Each indicator is then read through the ' +
        `HTTP API with an analyst's token (GET /impact/indicators/{code}?${QUERY}: every municipality and the region, ` +
        'suppression included) from the service in a child process with its projections off, one request at a ' +
        'time, one untimed run first. PostgreSQL only.',
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

    // The facts are written by the projection's own handler and checkpoint, batch by batch, in a worker thread while
    // the events are loaded: what a rebuild would write, without reading the 3.3 million events back
    // (docs/performance.md, 6).
    const factsWorker = new ImpactFactsWorker(db.url);
    const forgetWorker = context.onCleanup(() => factsWorker.terminate());
    const factTypes = new Set<string>(FACT_EVENT_TYPES);
    const writeFacts = (batch: readonly RecordedEvent[]): Promise<void> =>
      factsWorker.send({
        kind: 'batch',
        events: batch.filter((event) => factTypes.has(event.type)),
        last: batch[batch.length - 1]!,
      });

    const stopCpu = watchCpu();
    const loadStarted = performance.now();
    // A bulk load's usual move, as for es_events' unique constraints: the facts' secondary indexes are built once at
    // the end instead of row by row (the primary keys stay: the handler's ON CONFLICT needs them).
    const { rows: secondaryIndexes } = await db.pool.query<{ name: string; definition: string }>(
      `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
        WHERE schemaname = 'impact' AND indexname NOT IN (
          SELECT conname FROM pg_constraint WHERE connamespace = 'impact'::regnamespace)`,
    );
    for (const index of secondaryIndexes) await db.pool.query(`DROP INDEX impact.${index.name}`);
    const events = await profiled(context.options.profile, 'CPU profile of the history load and its facts', () =>
      loadHistory(db, w13History(options), options.trajectories * EVENTS_PER_TRAJECTORY_BOUND + 1000, writeFacts),
    );
    await factsWorker.send({ kind: 'end' });
    for (const index of secondaryIndexes) await db.pool.query(index.definition);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const cpu = stopCpu();
    forgetWorker();
    await factsWorker.terminate();
    // As the tables would be a minute after a rebuild on a live server (autovacuum): statistics known to the planner.
    await db.pool.query('ANALYZE');
    const facts = await checkFacts(db);
    context.log(
      `impact: ${formatNumber(events, 'events')} events of ${formatNumber(options.trajectories, 'trajectories')} ` +
        `trajectories generated, loaded and projected into impact.facts in ${loadSeconds.toFixed(1)} s ` +
        `(${formatNumber(events / loadSeconds, 'events/s')} events/s, Node ` +
        `${((cpu.benchmarkSeconds * 1e6) / events).toFixed(0)} µs CPU per event, machine ` +
        `${(cpu.machineBusy * 100).toFixed(0)}% busy); ${facts}`,
    );
    context.report.set(
      {
        id: 'impact.facts',
        section: 'impact',
        measurement: `W13 history: ${formatNumber(events, 'events')} events into es_events and impact.facts`,
        system: `generator → load (${formatNumber(HISTORY_BATCH, 'events')} per COPY) + the projection's batches`,
        unit: 'events/s',
      },
      db.target,
      {
        value: events / loadSeconds,
        trials: [events / loadSeconds],
        cpu: { value: (cpu.benchmarkSeconds * 1e6) / events, unit: 'µs/event', machineBusy: cpu.machineBusy },
        note:
          `${formatNumber(options.trajectories, 'trajectories')} trajectories over ${options.years} years: ` +
          `generated, loaded and projected in ${loadSeconds.toFixed(0)} s; ${facts}`,
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
  const service = await startChild(
    join(__dirname, 'service.process.js'),
    {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'info',
      AUTH_DEV_SECRET: SECRET,
      DATABASE_URL: db.url,
      PROJECTIONS_ENABLED: 'false',
      RATE_LIMIT_WINDOW_SECONDS: '1',
      RATE_LIMIT_PER_IP: '1000000',
      RATE_LIMIT_PER_USER: '1000000',
    },
    serviceFlags(context),
  );
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

/** The facts writer's thread: each message is answered once applied, in order. */
class ImpactFactsWorker {
  private readonly worker: Worker;
  private readonly waiting: { resolve: () => void; reject: (error: Error) => void }[] = [];

  constructor(url: string) {
    this.worker = new Worker(join(__dirname, 'impact-facts.worker.js'), {
      workerData: { url } satisfies ImpactFactsWorkerData,
    });
    this.worker.on('message', (reply: ImpactFactsReply) => {
      const waiter = this.waiting.shift();
      if (reply.ok) waiter?.resolve();
      else waiter?.reject(new Error(`impact facts worker: ${reply.error}`));
    });
    this.worker.on('error', (error) => {
      for (const waiter of this.waiting.splice(0)) waiter.reject(error);
    });
  }

  send(message: ImpactFactsMessage): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker.postMessage(message);
    });
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }
}
