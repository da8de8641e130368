import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The `node` flags `npm start` runs the service with (package.json: `node [--flags] dist/main.js`; the heap bound of
 * docs/adr/0019), so that the benchmark's service and the process tests run as the service does. Read, not copied:
 * one place says how the service runs.
 */
export function startFlags(root = process.env.BENCH_REPOSITORY_ROOT ?? process.cwd()): string[] {
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const match = /^node((?: --\S+)*) dist\/main\.js$/.exec(scripts.start);
  if (match === null) {
    throw new Error(`package.json's start script is not "node [--flags] dist/main.js": ${scripts.start}`);
  }
  return match[1]!.split(' ').filter((flag) => flag !== '');
}
