import { Presets, SingleBar } from 'cli-progress';
import type { DataSource } from 'typeorm';
import type { EventStore } from '../shared/event-store';
import {
  describeError,
  formatPosition,
  rebuildProjection,
  type ProjectionHandler,
  type ProjectionLogger,
  type RebuildProgress,
} from '../shared/projections';

/** What the app context hands the command (the composition root builds it). */
export interface ProjectionsRebuildContext {
  readonly eventStore: EventStore;
  readonly dataSource: DataSource;
  readonly projections: readonly ProjectionHandler[];
}

export interface ProjectionsRebuildOutput {
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
}

export interface ProjectionsRebuildOptions {
  /** How often progress is read (default 500 ms). */
  readonly pollMs?: number;
  /** Abort (Ctrl-C): stop waiting; the rebuild goes on wherever the projection runs. */
  readonly signal?: AbortSignal;
  readonly lockRetryMs?: number;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/**
 * `npm run projections:rebuild -- <name>`: rebuilds one projection from the start, showing progress (a bar on a
 * terminal, plain lines otherwise) and a summary. Returns the exit code: 2 for a missing or unknown name.
 */
export async function runProjectionsRebuild(
  projectionName: string | undefined,
  context: ProjectionsRebuildContext,
  output: ProjectionsRebuildOutput = process,
  options: ProjectionsRebuildOptions = {},
): Promise<number> {
  const projection = context.projections.find((candidate) => candidate.name === projectionName);
  if (!projection) {
    const known = context.projections.map((candidate) => `  ${candidate.name} (v${candidate.version})`).join('\n');
    output.stderr.write(
      `${projectionName === undefined ? 'Missing projection name' : `Unknown projection "${projectionName}"`}.\n` +
        `Usage: projections-rebuild <name>\nKnown projections:\n${known || '  (none)'}\n`,
    );
    return EXIT_USAGE;
  }

  const logger: ProjectionLogger = {
    log: () => undefined,
    warn: (message) => output.stderr.write(`warning: ${message}\n`),
    error: (message) => output.stderr.write(`error: ${message}\n`),
  };
  const report = output.stdout.isTTY === true ? barReporter(output) : lineReporter(output);
  output.stdout.write(`Rebuilding ${projection.name} v${projection.version} from the start\n`);
  try {
    const summary = await rebuildProjection(projection, {
      eventStore: context.eventStore,
      dataSource: context.dataSource,
      logger,
      onProgress: report.progress,
      ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.lockRetryMs === undefined ? {} : { lockRetryMs: options.lockRetryMs }),
    });
    report.done();
    output.stdout.write(
      `Rebuilt ${summary.name} v${summary.version}: ${summary.eventsApplied} events applied in ` +
        `${(summary.durationMs / 1000).toFixed(1)} s, run by ${summary.runBy}; ` +
        `checkpoint ${formatPosition(summary.checkpoint)}; now live\n`,
    );
    return EXIT_OK;
  } catch (error) {
    report.done();
    output.stderr.write(`Rebuild of ${projection.name} failed: ${describeError(error)}\n`);
    return EXIT_FAILED;
  }
}

interface Reporter {
  readonly progress: (progress: RebuildProgress) => void;
  readonly done: () => void;
}

function barReporter(output: ProjectionsRebuildOutput): Reporter {
  const bar = new SingleBar(
    {
      format: '{name} |{bar}| {percentage}% | {events} events | {runBy}{problem}',
      stream: output.stdout,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    progress(progress) {
      const values = {
        name: `${progress.name} v${progress.version}`,
        events: progress.eventsApplied,
        runBy: `run by ${progress.runBy}`,
        problem: progress.lastError ? ` | retrying: ${progress.lastError}` : '',
      };
      const value = Math.round(progress.fraction * 1000);
      if (!started) {
        bar.start(1000, value, values);
        started = true;
      } else {
        bar.update(value, values);
      }
    },
    done() {
      if (started) bar.stop();
    },
  };
}

/** One line per 10 % step (and on trouble), so that logs of a non-interactive run stay short. */
function lineReporter(output: ProjectionsRebuildOutput): Reporter {
  let lastStep = -1;
  let lastError: string | undefined;
  return {
    progress(progress) {
      const step = Math.floor(progress.fraction * 10);
      if (progress.lastError && progress.lastError !== lastError) {
        output.stderr.write(`${progress.name}: retrying after: ${progress.lastError}\n`);
      }
      lastError = progress.lastError;
      if (step === lastStep) return;
      lastStep = step;
      output.stdout.write(
        `${progress.name} v${progress.version}: ${Math.round(progress.fraction * 100)}% ` +
          `(${progress.eventsApplied} events applied, run by ${progress.runBy})\n`,
      );
    },
    done() {},
  };
}

/**
 * Entry point of `npm run projections:rebuild -- <name>`: boots the app's context (database, event store, the list of
 * projections) without starting its own projection runner, so that the rebuild competes fairly with running
 * replicas. In embedded mode the service must be stopped first: one process at a time can open a PGlite folder.
 */
async function main(): Promise<void> {
  const [{ NestFactory }, { AppModule }, { loadConfig }, { DataSource }, { EVENT_STORE }, { PROJECTIONS }] =
    await Promise.all([
      import('@nestjs/core'),
      import('../app.module'),
      import('../config/app-config'),
      import('typeorm'),
      import('../shared/event-store'),
      import('../shared/projections/projections.module'),
    ]);
  const config = { ...loadConfig(), projectionsEnabled: false, logLevel: 'warn' as const };
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  let code: number;
  try {
    code = await runProjectionsRebuild(
      process.argv[2],
      {
        eventStore: app.get<EventStore>(EVENT_STORE),
        dataSource: app.get(DataSource),
        projections: app.get<readonly ProjectionHandler[]>(PROJECTIONS),
      },
      process,
      { signal: abort.signal },
    );
  } finally {
    await app.close();
  }
  process.exit(code);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`projections:rebuild failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
