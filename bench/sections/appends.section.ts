import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { watchCpu } from '../support/child-process';
import type { BenchDatabase, TargetName } from '../support/databases';
import { formatNumber } from '../support/report';
import { trialsOn } from '../support/options';
import { interleavedTrials, type Section, type SectionContext } from '../support/section';
import { median, ratio, summariseLatencies } from '../support/stats';
import type { AppendSystem, AppendTrialRequest, AppendTrialResult } from './appends.worker';

interface AppendCase {
  readonly eventsPerAppend: number;
  readonly writers: number;
}

/** PGlite is one session: concurrent writers queue behind each other, so 32 of them say nothing 8 do not. */
const CASES: Record<TargetName, readonly AppendCase[]> = {
  postgres: [
    { eventsPerAppend: 1, writers: 1 },
    { eventsPerAppend: 1, writers: 8 },
    { eventsPerAppend: 1, writers: 32 },
    { eventsPerAppend: 100, writers: 1 },
    { eventsPerAppend: 100, writers: 8 },
  ],
  pglite: [
    { eventsPerAppend: 1, writers: 1 },
    { eventsPerAppend: 1, writers: 8 },
    { eventsPerAppend: 100, writers: 1 },
  ],
};

const SYSTEMS: readonly AppendSystem[] = ['raw', 'ours', 'emmett'];

const SYSTEM_LABELS: Record<AppendSystem, (eventsPerAppend: number) => string> = {
  raw: (events) => (events === 1 ? 'raw limit: one INSERT per event' : 'raw limit: one multi-row INSERT'),
  ours: () => 'ours: PostgresEventStore.appendToStream',
  emmett: () => 'Emmett 0.42 appendToStream',
};

/** A long-lived worker thread per system; each trial opens and closes its own pool there. */
class AppendWorker {
  private readonly worker: Worker;

  constructor(readonly system: AppendSystem) {
    this.worker = new Worker(join(__dirname, 'appends.worker.js'));
    this.worker.unref();
  }

  run(request: AppendTrialRequest): Promise<AppendTrialResult> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.worker.once('error', onError);
      this.worker.once('message', (message: { ok: true; result: AppendTrialResult } | { ok: false; error: string }) => {
        this.worker.off('error', onError);
        if (message.ok) resolve(message.result);
        else reject(new Error(`${this.system} append trial failed: ${message.error}`));
      });
      this.worker.postMessage(request);
    });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

export const appendsSection: Section = {
  name: 'appends',
  async run(context) {
    for (const db of context.databases) await runOn(context, db);
    context.report.note(
      'Appends: each system runs in a worker thread of its own with a pool of one connection per writer; ' +
        'single-event appends go to streams of ten events with an exact expected revision, 100-event appends each ' +
        'start a new stream. The raw limit inserts the same rows into a copy of es_events (same indexes) by plain SQL.',
    );
  },
};

async function runOn(context: SectionContext, db: BenchDatabase): Promise<void> {
  const { sizes } = context.options;
  await db.pool.query('CREATE TABLE IF NOT EXISTS bench_raw_events (LIKE es_events INCLUDING ALL)');
  const workers = new Map(SYSTEMS.map((system) => [system, new AppendWorker(system)]));
  const stopWorkers = context.onCleanup(async () => {
    await Promise.all([...workers.values()].map((worker) => worker.terminate()));
  });
  try {
    const request = (system: AppendSystem, appendCase: AppendCase, warmupMs: number, durationMs: number) =>
      workers.get(system)!.run({
        system,
        url: db.url,
        writers: appendCase.writers,
        eventsPerAppend: appendCase.eventsPerAppend,
        warmupMs,
        durationMs,
        maxAppends: 2_000_000,
      });
    // Untimed: Emmett creates its schema on first use, and every worker loads its code and plans.
    for (const system of SYSTEMS) await request(system, { eventsPerAppend: 1, writers: 1 }, 0, 100);

    for (const appendCase of CASES[db.target]) {
      const name = `${appendCase.eventsPerAppend === 1 ? 'Single-event' : `${appendCase.eventsPerAppend}-event`} appends, ${appendCase.writers} writer${appendCase.writers === 1 ? '' : 's'}`;
      const results = await interleavedTrials(trialsOn(sizes, db.target), SYSTEMS, async (system, trial) => {
        const stopCpu = watchCpu();
        const result = await request(system, appendCase, sizes.appendWarmupMs, sizes.appendDurationMs);
        const cpu = stopCpu();
        const rate = result.events / (result.elapsedMs / 1000);
        const latency = summariseLatencies(result.latenciesMs);
        // Warm-up included on both sides of the division: the whole trial's CPU over the whole trial's events.
        const eventsInTrial = rate * cpu.wallSeconds;
        const nodeMicros = (cpu.benchmarkSeconds * 1e6) / Math.max(1, eventsInTrial);
        context.log(
          `appends · ${db.target} · ${name} · ${system} · trial ${trial}: ${formatNumber(rate, 'events/s')} events/s, ` +
            `p50 ${latency.p50.toFixed(2)} ms, p99 ${latency.p99.toFixed(2)} ms, Node ${nodeMicros.toFixed(0)} µs CPU ` +
            `per event, machine ${(cpu.machineBusy * 100).toFixed(0)}% busy` +
            (result.errors > 0 ? `, ${result.errors} errors (${result.firstError ?? ''})` : ''),
        );
        return { rate, latency, errors: result.errors, nodeMicros, machineBusy: cpu.machineBusy };
      });
      const rate = (system: AppendSystem) => median(results[system].map((trial) => trial.rate));
      const id = `appends.${appendCase.eventsPerAppend === 1 ? 'single' : `batch${appendCase.eventsPerAppend}`}.${appendCase.writers}`;
      for (const system of SYSTEMS) {
        const trials = results[system];
        const comparisons =
          system === 'ours'
            ? [
                { against: 'raw', value: ratio(rate('ours'), rate('raw')) },
                { against: 'Emmett', value: ratio(rate('ours'), rate('emmett')) },
              ]
            : system === 'emmett'
              ? [{ against: 'raw', value: ratio(rate('emmett'), rate('raw')) }]
              : [];
        context.report.set(
          {
            id: `${id}.${system}`,
            section: 'appends',
            measurement: name,
            system: SYSTEM_LABELS[system](appendCase.eventsPerAppend),
            unit: 'events/s',
          },
          db.target,
          {
            value: rate(system),
            p50Ms: median(trials.map((trial) => trial.latency.p50)),
            p99Ms: median(trials.map((trial) => trial.latency.p99)),
            errors: trials.reduce((sum, trial) => sum + trial.errors, 0),
            comparisons,
            trials: trials.map((trial) => trial.rate),
            cpu: {
              value: median(trials.map((trial) => trial.nodeMicros)),
              unit: 'µs/event',
              machineBusy: median(trials.map((trial) => trial.machineBusy)),
            },
          },
        );
      }
    }
  } finally {
    stopWorkers();
    await Promise.all([...workers.values()].map((worker) => worker.terminate()));
  }
}
