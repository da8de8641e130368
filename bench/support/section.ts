import { TARGET_LABELS, type BenchDatabase } from './databases';
import type { BenchOptions } from './options';
import type { Report, SectionName } from './report';

export interface SectionContext {
  readonly options: BenchOptions;
  readonly report: Report;
  /** PostgreSQL first, then PGlite unless `--no-pglite`. */
  readonly databases: readonly BenchDatabase[];
  /** Progress on stderr; the tables go to stdout. */
  log(line: string): void;
  /** Registers clean-up that must run even when the run is interrupted (a child process to stop). */
  onCleanup(task: () => Promise<void>): () => void;
}

export interface Section {
  readonly name: SectionName;
  run(context: SectionContext): Promise<void>;
}

/** Runs `trials` rounds of the `steps`, each round in the same order, so that drift hits every system alike. */
export async function interleavedTrials<K extends string, R>(
  trials: number,
  steps: readonly K[],
  run: (step: K, trial: number) => Promise<R>,
): Promise<Record<K, R[]>> {
  const results = Object.fromEntries(steps.map((step) => [step, [] as R[]])) as Record<K, R[]>;
  for (let trial = 1; trial <= trials; trial++) {
    for (const step of steps) results[step].push(await run(step, trial));
  }
  return results;
}

/** "1,000,000 events (PostgreSQL), 200,000 (PGlite)": a row's size when the targets are measured at different sizes. */
export function sizesByTarget(
  context: SectionContext,
  sizes: { readonly postgres: number; readonly pglite: number },
  unit: string,
): string {
  return context.databases
    .map(
      (db, index) =>
        `${sizes[db.target].toLocaleString('en-US')}${index === 0 ? ` ${unit}` : ''} (${TARGET_LABELS[db.target]})`,
    )
    .join(', ');
}
