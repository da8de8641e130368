import type { TargetName } from './databases';
import { SECTION_NAMES, type SectionName } from './report';
import { startFlags } from './start-flags';

/** How big each measurement is: the full run (under 15 minutes on 2 cores) or `--quick` (a smoke run). */
export interface Sizes {
  /** Each measurement is repeated this often on PostgreSQL; the report shows medians. */
  readonly trials: number;
  /** Trials on PGlite, the second column: one keeps the whole run under 15 minutes (`--trials N` sets both). */
  readonly trialsPglite: number;
  readonly appendWarmupMs: number;
  readonly appendDurationMs: number;
  readonly catchUpEvents: { readonly postgres: number; readonly pglite: number };
  readonly rebuildEvents: { readonly postgres: number; readonly pglite: number };
  /** Seconds of each fixed-rate HTTP run (and of projection-lag sampling). */
  readonly httpFixedRateSeconds: number;
  /** Seconds of each saturation HTTP run. */
  readonly httpSaturationSeconds: number;
  /** Requests of each saturation run of a command (each needs a person or trajectory prepared beforehand). */
  readonly httpCommandAmount: number;
  /** Trajectories of the seeded W13 history the impact queries run on (the events follow from it). */
  readonly impactTrajectories: number;
  /** Timed runs of each indicator's query (after an untimed one). */
  readonly impactQueryRuns: number;
}

export const FULL: Sizes = {
  trials: 3,
  trialsPglite: 1,
  appendWarmupMs: 300,
  appendDurationMs: 1_000,
  catchUpEvents: { postgres: 1_000_000, pglite: 100_000 },
  rebuildEvents: { postgres: 100_000, pglite: 30_000 },
  httpFixedRateSeconds: 5,
  httpSaturationSeconds: 4,
  httpCommandAmount: 500,
  impactTrajectories: 200_000,
  impactQueryRuns: 5,
};

export const QUICK: Sizes = {
  trials: 1,
  trialsPglite: 1,
  appendWarmupMs: 100,
  appendDurationMs: 300,
  catchUpEvents: { postgres: 20_000, pglite: 5_000 },
  rebuildEvents: { postgres: 5_000, pglite: 2_000 },
  httpFixedRateSeconds: 2,
  httpSaturationSeconds: 1,
  httpCommandAmount: 200,
  impactTrajectories: 5_000,
  impactQueryRuns: 5,
};

export interface BenchOptions {
  readonly quick: boolean;
  readonly sizes: Sizes;
  readonly sections: readonly SectionName[];
  readonly pglite: boolean;
  /** Profiles the service (HTTP), the catch-up and the rebuild, and prints where the CPU time went. */
  readonly profile: boolean;
  /** Leave the run's PostgreSQL database on the server for inspection (EXPLAIN, psql) instead of dropping it. */
  readonly keepDatabase: boolean;
  /** Extra `node` flags for the service process (experiments: heap limits, GC tracing). */
  readonly serviceNodeOptions: readonly string[];
  /** The PostgreSQL server (`DATABASE_URL`); the run creates its own database there and drops it afterwards. */
  readonly serverUrl: string;
}

/** The service's `node` flags: those of `npm start` (the heap bound), then `--service-node-options`, which win. */
export function serviceFlags(context: { readonly options: BenchOptions }): string[] {
  return [...startFlags(), ...context.options.serviceNodeOptions];
}

export class UsageError extends Error {
  constructor(
    message: string,
    /** 64 (EX_USAGE) for bad arguments, 78 (EX_CONFIG) for a missing or unusable `DATABASE_URL`. */
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `Usage: npm run bench -- [--quick] [--sections ${SECTION_NAMES.join(',')}] [--no-pglite] [--trials N] [--profile]
       [--service-node-options "<flags>"] [--keep-database]

  --quick       a small run to check that everything works (about a minute); figures are not meaningful
  --sections    only these sections, comma-separated (default: all)
  --no-pglite   PostgreSQL only, without the PGlite column
  --trials N    repeat each measurement N times (default 3 on PostgreSQL, 1 on PGlite; quick 1); medians shown
  --profile     profile the service (HTTP), the catch-up and the rebuild; print where the CPU time went
  --service-node-options "<flags>"   node flags for the service after those of npm start (e.g. --max-old-space-size=512)
  --keep-database   leave the run's PostgreSQL database for inspection (a later run drops it after six hours)

Needs DATABASE_URL: a PostgreSQL server on this machine where the run may CREATE DATABASE, e.g.
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench
The run creates a database of its own (onthaal_bench_…) and drops it at the end.`;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions | 'help' {
  let quick = false;
  let pglite = true;
  let sections: SectionName[] = [...SECTION_NAMES];
  let trials: number | undefined;
  let profile = false;
  let keepDatabase = false;
  let serviceNodeOptions: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (argument === '--help' || argument === '-h') return 'help';
    if (argument === '--quick') quick = true;
    else if (argument === '--no-pglite') pglite = false;
    else if (argument === '--profile') profile = true;
    else if (argument === '--keep-database') keepDatabase = true;
    else if (argument === '--service-node-options' || argument.startsWith('--service-node-options=')) {
      const value = argument.includes('=') ? argument.slice(argument.indexOf('=') + 1) : argv[++index];
      if (value === undefined || value.trim() === '') {
        throw new UsageError(`--service-node-options needs flags\n\n${USAGE}`, 64);
      }
      serviceNodeOptions = value.trim().split(/\s+/);
    } else if (argument === '--trials' || argument.startsWith('--trials=')) {
      const value = argument.includes('=') ? argument.slice(argument.indexOf('=') + 1) : argv[++index];
      trials = Number(value);
      if (!Number.isSafeInteger(trials) || trials < 1 || trials > 20) {
        throw new UsageError(`--trials needs a whole number from 1 to 20\n\n${USAGE}`, 64);
      }
    } else if (argument === '--sections' || argument.startsWith('--sections=')) {
      const value = argument.includes('=') ? argument.slice(argument.indexOf('=') + 1) : argv[++index];
      if (value === undefined || value === '') throw new UsageError(`--sections needs a list\n\n${USAGE}`, 64);
      const names = value.split(',').map((name) => name.trim());
      const unknown = names.filter((name) => !(SECTION_NAMES as readonly string[]).includes(name));
      if (unknown.length > 0) {
        throw new UsageError(`Unknown section(s): ${unknown.join(', ')}. Known: ${SECTION_NAMES.join(', ')}`, 64);
      }
      sections = SECTION_NAMES.filter((name) => names.includes(name));
    } else {
      throw new UsageError(`Unknown argument: ${argument}\n\n${USAGE}`, 64);
    }
  }

  const serverUrl = env.DATABASE_URL?.trim();
  if (!serverUrl) {
    throw new UsageError(
      `DATABASE_URL is not set. The benchmarks measure the PostgreSQL adapter against the same server's own limits, ` +
        `so they need a PostgreSQL server:\n\n${USAGE}`,
      78,
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(serverUrl);
  } catch {
    throw new UsageError('DATABASE_URL is not a valid URL (postgres://user@host:port/database)', 78);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new UsageError('DATABASE_URL must be a postgres:// URL', 78);
  }
  // The figures are ratios against this machine's own limits, and the run creates and drops databases: local only.
  if (!LOOPBACK_HOSTS.has(parsed.hostname)) {
    throw new UsageError(
      `DATABASE_URL must point at this machine (127.0.0.1): the benchmarks compare against the machine's own limits`,
      78,
    );
  }
  const sizes = quick ? QUICK : FULL;
  return {
    quick,
    sizes: trials === undefined ? sizes : { ...sizes, trials, trialsPglite: trials },
    sections,
    pglite,
    profile,
    keepDatabase,
    serviceNodeOptions,
    serverUrl,
  };
}

/** How often each measurement runs on a target. */
export function trialsOn(sizes: Sizes, target: TargetName): number {
  return target === 'postgres' ? sizes.trials : sizes.trialsPglite;
}
