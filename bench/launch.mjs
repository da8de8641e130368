// `npm run bench`: compiles src/ and bench/ with @swc/core (the settings Jest uses) into node_modules/.cache, then
// runs the benchmarks from the compiled files. Compiling first keeps the compiler out of the measured processes: the
// service's resident memory is one of the figures, and an on-the-fly TypeScript hook adds about 40 MB to it.
import { transformFileSync } from '@swc/core';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'node_modules', '.cache', 'onthaal-bench');

const { SWC_OPTIONS: TYPESCRIPT } = createRequire(import.meta.url)('../scripts/typescript.js');
const SWC_OPTIONS = { ...TYPESCRIPT, sourceMaps: 'inline' };

function compileFolder(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'results') compileFolder(path);
      continue;
    }
    const target = join(out, relative(root, path));
    if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !/\.(spec|test)\.ts$/.test(entry.name)) {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target.replace(/\.ts$/, '.js'), transformFileSync(path, SWC_OPTIONS).code);
    } else if (entry.name.endsWith('.json')) {
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(path, target);
    }
  }
}

rmSync(out, { recursive: true, force: true });
compileFolder(join(root, 'src'));
compileFolder(join(root, 'bench'));
// The compiled files live under node_modules/.cache; results and docs are written relative to the repository.
process.env.BENCH_REPOSITORY_ROOT = root;
process.setSourceMapsEnabled(true);
createRequire(import.meta.url)(join(out, 'bench', 'run-benchmarks.js'));
