import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INTAKE_TRAJECTORIES_PROJECTION } from '../../src/intake/intake-trajectories/intake-trajectories.projection';
import { mintDevelopmentToken } from '../../src/shared/auth/development-tokens';
import { createPool } from '../../src/shared/database/pg-pool';
import { BARE_ROUTE } from '../support/child-messages';
import { renderProfile, summariseProfileFile } from '../support/cpu-profile';
import { residentMemory, startChild, watchCpu, type CpuUse } from '../support/child-process';
import { emptyEventStore, type BenchDatabase, type TargetName } from '../support/databases';
import { runLoad, type LoadOptions, type LoadResult } from '../support/http-load';
import { CommandSupply, prepareCommandData } from '../support/command-supply';
import { LagProbe, type LagResult } from '../support/lag-probe';
import { formatNumber, type Comparison, type Figure } from '../support/report';
import { meanAppendMs, readServiceMetrics } from '../support/service-metrics';
import { serviceFlags, trialsOn } from '../support/options';
import { interleavedTrials, type Section, type SectionContext } from '../support/section';
import { median, ratio } from '../support/stats';

/** The rate of the issue's target: p99 at most 25 ms at 200 requests/s with no errors. */
const TARGET_RATE = 200;
const CONNECTIONS = 32;
const SECRET = 'onthaal-benchmark-development-secret-0123456789abcdef';
const INTAKE_EVENTS = ['IntakeOpened'];
/** Requests of the untimed warm-up of each command step (one second at the target rate). */
const WARM_UP_REQUESTS = TARGET_RATE;

type Step = 'bare' | 'health' | 'intakeAtRate' | 'intakeSaturated' | 'referralAtRate' | 'referralSaturated';
const STEPS: readonly Step[] = [
  'bare',
  'health',
  'intakeAtRate',
  'intakeSaturated',
  'referralAtRate',
  'referralSaturated',
];
const AT_RATE: readonly Step[] = ['intakeAtRate', 'referralAtRate'];
/**
 * Embedded mode answers about half the target rate at saturation (docs/performance.md, 4): a 200 requests/s run there
 * measures only how its queue grows, so PGlite's column has the ceilings, saturation and memory.
 */
const stepsOn = (target: TargetName): readonly Step[] =>
  target === 'pglite' ? STEPS.filter((step) => !AT_RATE.includes(step)) : STEPS;
const COMMANDS: readonly Step[] = ['intakeAtRate', 'intakeSaturated', 'referralAtRate', 'referralSaturated'];

interface StepResult {
  readonly load: LoadResult;
  readonly cpu: CpuUse;
  /** Mean append round trip inside the service during the step (its own metrics). */
  readonly appendMs: number;
  readonly lag?: LagResult;
}

export const httpSection: Section = {
  name: 'http',
  async run(context) {
    await runBareFastify(context);
    for (const db of context.databases) await runOn(context, db);
    context.report.note(
      'HTTP: the service runs as `npm start` would (LOG_LEVEL info, logs to /dev/null, rate limits raised out of the ' +
        'way with a one-second window) in a child process, driven over 127.0.0.1 from the benchmark process: the ' +
        '200 requests/s runs send evenly spaced requests whatever the answers and time each from the moment it was ' +
        'due; saturation runs are autocannon with 32 connections (per-response timings), each command run bounded by a ' +
        'number of requests (one prepared person or trajectory each). Open intake (POST /intake-trajectories) takes a ' +
        'person registered with a share_for_referrals consent before the timed runs (their two events appended to the ' +
        'store, as the API would), one per request; ' +
        'send referral (POST /referrals) takes a trajectory opened by the open-intake runs, one per request, to another ' +
        'OCMW. Both wait for their read model before answering (intake.trajectories, referral register). PGlite ' +
        '(embedded mode) answers about half the target rate at saturation: its column has no 200 requests/s runs ' +
        'and so no projection lag.',
    );
    context.report.note(
      'Projection lag: append (the event’s `created`, database clock) to the first poll (every 10 ms) that finds ' +
        'intake.trajectories’ committed checkpoint at or past the event, during the open-intake 200 requests/s run.',
    );
    context.report.note(
      'Memory: VmHWM (the kernel’s peak resident set) of the service process at the end of all its HTTP runs, ' +
        'start-up included; on PGlite the embedded database runs inside that process.',
    );
  },
};

/** Fastify alone in its own process: the ceiling without the app's hooks, and the floor of a Node service's memory. */
async function runBareFastify(context: SectionContext): Promise<void> {
  const { sizes } = context.options;
  const child = await startChild(join(__dirname, 'bare-fastify.process.js'), { PATH: process.env.PATH ?? '' });
  const forget = context.onCleanup(() => child.stop());
  try {
    // Untimed: JIT warm-up.
    await runLoad({ port: child.ready.port, method: 'GET', path: BARE_ROUTE, connections: CONNECTIONS, seconds: 1 });
    const results: StepResult[] = [];
    for (let trial = 1; trial <= sizes.trials; trial++) {
      const stopCpu = watchCpu(child.pid);
      const load = await runLoad({
        port: child.ready.port,
        method: 'GET',
        path: BARE_ROUTE,
        connections: CONNECTIONS,
        seconds: sizes.httpSaturationSeconds,
      });
      const result: StepResult = { load, cpu: stopCpu(), appendMs: Number.NaN };
      context.log(
        `http · Fastify alone · trial ${trial}: ${formatNumber(load.throughput, 'req/s')} req/s, ${describeCpu(result)}`,
      );
      results.push(result);
    }
    const memory = residentMemory(child.pid);
    for (const db of context.databases) {
      context.report.set(
        {
          id: 'http.fastify',
          section: 'http',
          measurement: `GET, saturation (${CONNECTIONS} connections)`,
          system: 'Fastify alone, own process (same for both columns)',
          unit: 'req/s',
        },
        db.target,
        {
          ...loadFigure(results.map((result) => result.load)),
          cpu: {
            value: median(results.map(serviceCpuMsPerRequest)),
            unit: 'ms/request',
            machineBusy: median(results.map((result) => result.cpu.machineBusy)),
          },
        },
      );
      if (memory) {
        context.report.set(
          {
            id: 'http.memory.fastify',
            section: 'http',
            measurement: 'Peak resident memory (VmHWM)',
            system: 'Fastify alone after its saturation runs (floor)',
            unit: 'MB',
          },
          db.target,
          { value: memory.peakMb, trials: [memory.peakMb] },
        );
      }
    }
  } finally {
    forget();
    await child.stop();
  }
}

async function runOn(context: SectionContext, db: BenchDatabase): Promise<void> {
  const { sizes } = context.options;
  const trials = trialsOn(sizes, db.target);
  const steps = stepsOn(db.target);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    LOG_LEVEL: 'info',
    AUTH_DEV_SECRET: SECRET,
    // One client here sends what hundreds would: limits out of the way, and a one-second window so that the
    // throttler's in-memory list of hits per client (filtered on every request) stays as short as in production.
    RATE_LIMIT_WINDOW_SECONDS: '1',
    RATE_LIMIT_PER_IP: '1000000',
    RATE_LIMIT_PER_USER: '1000000',
  };
  let dataDir: string | undefined;
  if (db.target === 'postgres') {
    await emptyEventStore(db);
    env.DATABASE_URL = db.url;
  } else {
    // Embedded mode as `npm start` runs it: the service starts PGlite itself, in its own process.
    dataDir = await mkdtemp(join(tmpdir(), 'onthaal-bench-service-'));
    env.DATA_DIR = dataDir;
  }
  const profileDir = context.options.profile ? await mkdtemp(join(tmpdir(), 'onthaal-bench-profile-')) : undefined;
  const service = await startChild(join(__dirname, 'service.process.js'), env, [
    ...(profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]),
    ...serviceFlags(context),
  ]);
  const forget = context.onCleanup(() => service.stop());
  try {
    const databaseUrl = service.ready.databaseUrl ?? db.url;
    await settle(context, db.target, databaseUrl);
    const idle = residentMemory(service.pid);
    const admin = {
      authorization: `Bearer ${await mintDevelopmentToken(SECRET, { organisationId: randomUUID(), roles: ['admin'] })}`,
    };
    // Untimed, before the runs: the people the open-intake runs need, one each (one open intake per person and
    // organisation), registered with a consent to share for referrals (command-supply.ts).
    const intakeSteps = steps.filter((step) => step.startsWith('intake'));
    const perTrial = intakeSteps
      .map((step) =>
        AT_RATE.includes(step) ? Math.round(TARGET_RATE * sizes.httpFixedRateSeconds) : sizes.httpCommandAmount,
      )
      .reduce((sum, requests) => sum + requests, 0);
    const people = Math.ceil((intakeSteps.length * WARM_UP_REQUESTS + trials * perTrial) * 1.05) + 20;
    const supply: CommandSupply = await prepareCommandData({
      port: service.ready.port,
      databaseUrl,
      secret: SECRET,
      admin,
      people,
      log: (line) => context.log(`http · ${db.target}: ${line}`),
    });
    await settle(context, db.target, databaseUrl);
    const options = (step: Step, seconds: number, warmUp = false): LoadOptions => {
      const base = { port: service.ready.port, connections: CONNECTIONS, seconds };
      const atRate = AT_RATE.includes(step) ? { rate: TARGET_RATE } : {};
      const amount = warmUp ? WARM_UP_REQUESTS : sizes.httpCommandAmount;
      const bounded = AT_RATE.includes(step) ? {} : { amount };
      switch (step) {
        case 'bare':
          return { ...base, headers: admin, method: 'GET', path: BARE_ROUTE };
        case 'health':
          return { ...base, headers: admin, method: 'GET', path: '/health' };
        case 'intakeAtRate':
        case 'intakeSaturated':
          return {
            ...base,
            ...atRate,
            ...bounded,
            headers: supply.socialWorker,
            method: 'POST',
            path: '/intake-trajectories',
            bodies: () => supply.openIntakeBody(),
            onAnswer: (status, body) => supply.opened(status, body),
          };
        case 'referralAtRate':
        case 'referralSaturated':
          return {
            ...base,
            ...atRate,
            ...bounded,
            headers: supply.socialWorker,
            method: 'POST',
            path: '/referrals',
            bodies: () => supply.sendReferralBody(),
          };
      }
    };

    // Untimed: JIT, connection pools and plans warm up on every route, the way each step will load it.
    for (const step of steps) await runLoad(options(step, 1, true));
    await settle(context, db.target, databaseUrl);

    // The resident set every 100 ms; the V8 heap every second (from the service's metrics), to tell them apart.
    let peakSampled = 0;
    const heap = { totalMb: 0, usedMb: 0, externalMb: 0 };
    let ticks = 0;
    const sampler = setInterval(() => {
      peakSampled = Math.max(peakSampled, residentMemory(service.pid)?.rssMb ?? 0);
      if (ticks++ % 10 !== 0) return;
      readServiceMetrics(service.ready.port).then(
        (metrics) => {
          heap.totalMb = Math.max(heap.totalMb, metrics.heapTotalMb);
          heap.usedMb = Math.max(heap.usedMb, metrics.heapUsedMb);
          heap.externalMb = Math.max(heap.externalMb, metrics.externalMb);
        },
        () => undefined,
      );
    }, 100);
    let results: Partial<Record<Step, StepResult[]>>;
    try {
      results = await interleavedTrials(trials, steps, async (step, trial): Promise<StepResult> => {
        const atRate = AT_RATE.includes(step);
        const seconds = atRate ? sizes.httpFixedRateSeconds : sizes.httpSaturationSeconds;
        let result: StepResult;
        const appendsBefore = await readServiceMetrics(service.ready.port);
        if (step === 'intakeAtRate') {
          const probe = new LagProbe(databaseUrl, INTAKE_TRAJECTORIES_PROJECTION);
          const from = await probe.now();
          probe.start();
          const stopCpu = watchCpu(service.pid);
          const load = await runLoad(options(step, seconds));
          const cpu = stopCpu();
          const appendMs = meanAppendMs(appendsBefore, await readServiceMetrics(service.ready.port));
          const lag = await probe.finish(INTAKE_EVENTS, from, await probe.now());
          result = { load, cpu, appendMs, lag };
        } else {
          const stopCpu = watchCpu(service.pid);
          const load = await runLoad(options(step, seconds));
          const cpu = stopCpu();
          result = { load, cpu, appendMs: meanAppendMs(appendsBefore, await readServiceMetrics(service.ready.port)) };
        }
        context.log(
          `http · ${db.target} · ${step} · trial ${trial}: ${formatNumber(result.load.throughput, 'req/s')} req/s, ` +
            `p50 ${result.load.latency.p50.toFixed(2)} ms, p99 ${result.load.latency.p99.toFixed(2)} ms, ` +
            `${result.load.errors} errors, ${describeCpu(result)}` +
            (result.lag
              ? `; lag p50 ${result.lag.lag.p50.toFixed(1)} ms, p99 ${result.lag.lag.p99.toFixed(1)} ms over ` +
                `${result.lag.events} events${result.lag.uncovered > 0 ? ` (${result.lag.uncovered} never applied)` : ''}`
              : ''),
        );
        // Let the projections drain before the next step, so that steps do not bleed into each other.
        if (step !== 'bare' && step !== 'health') await settle(context, db.target, databaseUrl);
        return result;
      });
    } finally {
      clearInterval(sampler);
    }
    const memory = residentMemory(service.pid);
    if (supply.shortfall() !== '') context.log(`http · ${db.target}: ${supply.shortfall()}`);
    report(context, db.target, results, supply, {
      idleMb: idle?.rssMb,
      peakMb: memory?.peakMb,
      sampledMb: peakSampled,
      heapTotalMb: heap.totalMb,
      heapUsedMb: heap.usedMb,
      externalMb: heap.externalMb,
    });
  } finally {
    forget();
    await service.stop();
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  }
  if (profileDir !== undefined) {
    // Written by the service when it exits: start-up, warm-up and every run above.
    for (const file of (await readdir(profileDir)).filter((name) => name.endsWith('.cpuprofile'))) {
      const summary = await summariseProfileFile(join(profileDir, file));
      console.error(renderProfile(`CPU profile of the service on ${db.target} (${join(profileDir, file)})`, summary));
    }
  }
}

function report(
  context: SectionContext,
  target: TargetName,
  results: Partial<Record<Step, StepResult[]>>,
  supply: CommandSupply,
  memory: {
    idleMb: number | undefined;
    peakMb: number | undefined;
    sampledMb: number;
    heapTotalMb: number;
    heapUsedMb: number;
    externalMb: number;
  },
): void {
  const of = (step: Step): StepResult[] => results[step] ?? [];
  const bare = median(of('bare').map((result) => result.load.throughput));
  const againstBare = (step: Step): Comparison[] => [
    { against: 'bare route', value: ratio(median(of(step).map((result) => result.load.throughput)), bare) },
  ];
  const saturation = `saturation (${CONNECTIONS} connections)`;
  const rows: { id: string; measurement: string; system: string; step: Step; comparisons: Comparison[] }[] = [
    {
      id: 'http.bare',
      measurement: `GET, ${saturation}`,
      system: 'bare Fastify route in the service (ceiling)',
      step: 'bare',
      comparisons: [],
    },
    {
      id: 'http.health',
      measurement: `GET, ${saturation}`,
      system: 'Nest route GET /health (no database)',
      step: 'health',
      comparisons: againstBare('health'),
    },
    {
      id: 'http.intake.rate',
      measurement: 'POST /intake-trajectories (open intake)',
      system: `${TARGET_RATE} requests/s`,
      step: 'intakeAtRate',
      comparisons: [],
    },
    {
      id: 'http.intake.saturation',
      measurement: 'POST /intake-trajectories (open intake)',
      system: saturation,
      step: 'intakeSaturated',
      comparisons: againstBare('intakeSaturated'),
    },
    {
      id: 'http.referral.rate',
      measurement: 'POST /referrals (send referral)',
      system: `${TARGET_RATE} requests/s`,
      step: 'referralAtRate',
      comparisons: [],
    },
    {
      id: 'http.referral.saturation',
      measurement: 'POST /referrals (send referral)',
      system: saturation,
      step: 'referralSaturated',
      comparisons: againstBare('referralSaturated'),
    },
  ];
  for (const row of rows) {
    if (of(row.step).length === 0) continue;
    context.report.set(
      { id: row.id, section: 'http', measurement: row.measurement, system: row.system, unit: 'req/s' },
      target,
      {
        ...loadFigure(of(row.step).map((result) => result.load)),
        comparisons: row.comparisons,
        cpu: {
          value: median(of(row.step).map(serviceCpuMsPerRequest)),
          unit: 'ms/request',
          machineBusy: median(of(row.step).map((result) => result.cpu.machineBusy)),
        },
        ...(COMMANDS.includes(row.step)
          ? {
              note:
                `mean append inside the service ${median(of(row.step).map((result) => result.appendMs)).toFixed(1)} ms` +
                (row.step === 'referralAtRate' ? `; ${supply.describe()}` : ''),
            }
          : {}),
        detail: of(row.step).map(describeCpu).join('; '),
      },
    );
  }
  const lags = of('intakeAtRate').map((result) => result.lag!);
  if (lags.length > 0) {
    context.report.set(
      {
        id: 'http.lag.intake',
        section: 'http',
        measurement: `Projection lag at ${TARGET_RATE} requests/s`,
        system: 'append → intake.trajectories committed (p99)',
        unit: 'ms',
      },
      target,
      {
        value: median(lags.map((lag) => lag.lag.p99)),
        p50Ms: median(lags.map((lag) => lag.lag.p50)),
        p99Ms: median(lags.map((lag) => lag.lag.p99)),
        trials: lags.map((lag) => lag.lag.p99),
        note:
          `${lags.map((lag) => lag.events).join(', ')} events per run` +
          (lags.some((lag) => lag.uncovered > 0)
            ? `; never applied: ${lags.map((lag) => lag.uncovered).join(', ')}`
            : ', all applied'),
      },
    );
  }
  if (memory.peakMb !== undefined) {
    context.report.set(
      {
        id: 'http.memory.service',
        section: 'http',
        measurement: 'Peak resident memory (VmHWM)',
        system: 'the service, start-up and every run above',
        unit: 'MB',
      },
      target,
      {
        value: memory.peakMb,
        trials: [memory.peakMb],
        note:
          `highest RSS sampled under load ${memory.sampledMb.toFixed(0)} MB; main thread's V8 heap up to ` +
          `${memory.heapTotalMb.toFixed(0)} MB (used up to ${memory.heapUsedMb.toFixed(0)} MB), outside it (buffers) ` +
          `up to ${memory.externalMb.toFixed(0)} MB` +
          `; service flags: ${serviceFlags(context).join(' ') || 'none'}`,
      },
    );
  }
  if (memory.idleMb !== undefined) {
    context.report.set(
      {
        id: 'http.memory.idle',
        section: 'http',
        measurement: 'Peak resident memory (VmHWM)',
        system: 'the service after start-up, idle (RSS)',
        unit: 'MB',
      },
      target,
      { value: memory.idleMb, trials: [memory.idleMb] },
    );
  }
}

function serviceCpuMsPerRequest(result: StepResult): number {
  return result.cpu.processSeconds === undefined
    ? Number.NaN
    : (result.cpu.processSeconds * 1000) / Math.max(1, result.load.requests);
}

/** Where the CPU went during a step: the service's own, per request, and how busy the two cores were. */
function describeCpu(result: StepResult): string {
  const { cpu, load } = result;
  const service =
    cpu.processSeconds === undefined
      ? ''
      : `service ${((cpu.processSeconds * 1000) / Math.max(1, load.requests)).toFixed(2)} ms CPU per request ` +
        `(${((cpu.processSeconds / cpu.wallSeconds) * 100).toFixed(0)}% of a core), `;
  const append = Number.isFinite(result.appendMs) ? `mean append ${result.appendMs.toFixed(1)} ms, ` : '';
  return (
    `${append}${service}load generator ${((cpu.benchmarkSeconds / cpu.wallSeconds) * 100).toFixed(0)}% of a core, ` +
    `machine ${(cpu.machineBusy * 100).toFixed(0)}% busy`
  );
}

function loadFigure(results: readonly LoadResult[]): Figure {
  return {
    value: median(results.map((result) => result.throughput)),
    p50Ms: median(results.map((result) => result.latency.p50)),
    p99Ms: median(results.map((result) => result.latency.p99)),
    errors: results.reduce((sum, result) => sum + result.errors, 0),
    trials: results.map((result) => result.throughput),
  };
}

/**
 * Waits until the service is quiet: no event appended for a second and every projection's checkpoint at the head
 * (the reference-data load at first start, the previous step's projection work). Bounded by a minute.
 */
async function settle(context: SectionContext, target: TargetName, databaseUrl: string): Promise<void> {
  const pool = createPool(databaseUrl, { max: 1, applicationName: 'onthaal-bench-settle' });
  try {
    let previous = '';
    let quietSince = Date.now();
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const { rows } = await pool.query<{ head: string | null; behind: string }>(
        `SELECT (SELECT max(global_position)::text FROM es_events) AS head,
           (SELECT count(*)::text FROM projection_checkpoints WHERE NOT caught_up) AS behind`,
      );
      const state = `${rows[0]?.head}/${rows[0]?.behind}`;
      if (state !== previous) {
        previous = state;
        quietSince = Date.now();
      } else if (rows[0]?.behind === '0' && Date.now() - quietSince >= 500) {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    context.log(`http · ${target}: the service did not settle within a minute; measuring anyway`);
  } finally {
    await pool.end();
  }
}
