import 'reflect-metadata';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { appendsSection } from './sections/appends.section';
import { catchUpSection } from './sections/catch-up.section';
import { httpSection } from './sections/http.section';
import { impactSection } from './sections/impact.section';
import { rebuildSection } from './sections/rebuild.section';
import {
  createPgliteBenchDatabase,
  createPostgresBenchDatabase,
  TARGET_LABELS,
  type BenchDatabase,
} from './support/databases';
import { parseOptions, USAGE, UsageError, type BenchOptions } from './support/options';
import { renderTables, renderTargets, Report, type SectionName } from './support/report';
import type { Section, SectionContext } from './support/section';
import { checkTargets } from './support/targets';

/**
 * `npm run bench` (bench/launch.js compiles, then runs this): every figure beside the machine's own limit measured in
 * the same run. See docs/performance.md for the method and the latest results.
 */
const SECTIONS: Record<SectionName, Section> = {
  appends: appendsSection,
  catchup: catchUpSection,
  rebuild: rebuildSection,
  http: httpSection,
  impact: impactSection,
};

const repositoryRoot = process.env.BENCH_REPOSITORY_ROOT ?? process.cwd();
const log = (line: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

/**
 * Writes out what the previous section left in the server's buffers (a million-event load, say) before the next one
 * starts, so that no section measures the flushing of another's writes. A safeguard: on 2026-12-07 it took under a
 * second and did not explain why full runs measure HTTP lower (docs/performance.md, 4). Needs the right to
 * CHECKPOINT (superuser or pg_checkpoint); without it the run goes on.
 */
async function settleServer(db: BenchDatabase): Promise<void> {
  const started = Date.now();
  try {
    await db.pool.query('CHECKPOINT');
    log(`CHECKPOINT before the next section: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    log(`CHECKPOINT not permitted (${error instanceof Error ? error.message : String(error)}); going on without it`);
  }
}

async function main(): Promise<number> {
  let options: BenchOptions | 'help';
  try {
    options = parseOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    return error.exitCode;
  }
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }

  const cleanups = new Set<() => Promise<void>>();
  const cleanUp = async () => {
    for (const task of [...cleanups].reverse()) await task().catch(() => undefined);
    cleanups.clear();
  };
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal}: stopping and dropping the benchmark database`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const startedAt = new Date();
  // Others' work on the machine skews every figure: the load average before and after says how much there was.
  const loadBefore = loadavg()[0]!;
  const report = new Report();
  const databases: BenchDatabase[] = [];
  try {
    log(`${options.quick ? 'Quick run' : 'Full run'}: ${options.sections.join(', ')}`);
    const postgres = await createPostgresBenchDatabase(options.serverUrl, { keep: options.keepDatabase });
    cleanups.add(() => postgres.dispose());
    databases.push(postgres);
    log(
      `PostgreSQL ${postgres.serverVersion}: database ${new URL(postgres.url).pathname.slice(1)} created` +
        (options.keepDatabase ? ' (kept after the run)' : ''),
    );
    if (options.pglite) {
      const pglite = await createPgliteBenchDatabase();
      cleanups.add(() => pglite.dispose());
      databases.push(pglite);
      log(`PGlite (PostgreSQL ${pglite.serverVersion}) started`);
    }

    const context: SectionContext = {
      options,
      report,
      databases,
      log,
      onCleanup: (task) => {
        cleanups.add(task);
        return () => cleanups.delete(task);
      },
    };
    for (const [index, name] of options.sections.entries()) {
      if (index > 0) await settleServer(postgres);
      const sectionStart = Date.now();
      log(`Section ${name}`);
      await SECTIONS[name].run(context);
      report.sectionSeconds[name] = (Date.now() - sectionStart) / 1000;
      log(`Section ${name} took ${report.sectionSeconds[name].toFixed(0)} s`);
    }

    const targets = databases.map((db) => db.target);
    const checks = checkTargets(report, options.sections);
    const tables = renderTables(report, targets);
    const targetTable = renderTargets(checks);
    const machine = {
      loadAverage: { before: loadBefore, after: loadavg()[0]! },
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      databases: Object.fromEntries(
        databases.map((db) => [db.target, `${TARGET_LABELS[db.target]} ${db.serverVersion}`]),
      ),
    };
    const durationSeconds = (Date.now() - startedAt.getTime()) / 1000;
    console.log(
      [
        '',
        `## Results (${options.quick ? 'quick run: not meaningful' : 'full run'}, ${startedAt.toISOString()}, ` +
          `${durationSeconds.toFixed(0)} s)`,
        '',
        `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, ` +
          `${Object.values(machine.databases).join(', ')}; load average ${machine.loadAverage.before.toFixed(1)} ` +
          `before the run, ${machine.loadAverage.after.toFixed(1)} after`,
        '',
        tables,
        '### Targets',
        '',
        targetTable,
        '',
        ...report.notes.map((note) => `- ${note}`),
        '',
      ].join('\n'),
    );
    const resultsDir = join(repositoryRoot, 'bench', 'results');
    await mkdir(resultsDir, { recursive: true });
    const file = join(resultsDir, 'latest.json');
    await writeFile(
      file,
      `${JSON.stringify(
        {
          startedAt: startedAt.toISOString(),
          durationSeconds,
          quick: options.quick,
          sections: options.sections,
          sizes: options.sizes,
          machine,
          rows: report.rows,
          targets: checks,
          notes: report.notes,
          sectionSeconds: report.sectionSeconds,
        },
        (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value),
        2,
      )}\n`,
    );
    log(`Wrote ${file}`);
    return 0;
  } finally {
    await cleanUp();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
