// `node scripts/cli.mjs <name> [args]`: runs the command-line entry point `src/cli/<name>.ts` without a full build,
// so that `npm run token` answers in about a second instead of waiting for `tsc` (docs/architecture.md §8).
//   - a build newer than every source file (or no sources at all, as in the Docker image): runs dist/cli/<name>.js;
//   - otherwise, with the development dependencies installed: compiles the sources on the fly with @swc/core, the
//     settings Jest uses (type checking stays the job of `npm run typecheck`);
//   - otherwise: runs the build that is there, or says to build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const Module = require('node:module');

const [name, ...args] = process.argv.slice(2);
if (name === undefined || !/^[a-z][a-z-]*$/.test(name)) {
  process.stderr.write('Usage: node scripts/cli.mjs <command> [arguments], with a command of src/cli/\n');
  process.exit(2);
}

const source = join(root, 'src', 'cli', `${name}.ts`);
const built = join(root, 'dist', 'cli', `${name}.js`);
const buildInfo = join(root, 'dist', '.tsbuildinfo');

/** The newest modification time of the files the build compiles (and of its settings), in ms. */
function newestSource() {
  let newest = Math.max(mtime(join(root, 'tsconfig.json')), mtime(join(root, 'tsconfig.build.json')));
  const visit = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else newest = Math.max(newest, mtime(path));
    }
  };
  visit(join(root, 'src'));
  return newest;
}

function mtime(path) {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

function hasSwc() {
  try {
    require.resolve('@swc/core');
    return true;
  } catch {
    return false;
  }
}

/** Loads a file as the process's main module, so that its `require.main === module` entry point runs. */
function runAsMain(file) {
  process.argv = [process.argv[0], file, ...args];
  Module._load(file, null, true);
}

const sourcesPresent = existsSync(source);
if (existsSync(built) && (!sourcesPresent || mtime(buildInfo) >= newestSource())) {
  runAsMain(built);
} else if (sourcesPresent && hasSwc()) {
  require('./typescript.js').registerTypeScript();
  runAsMain(source);
} else if (existsSync(built)) {
  process.stderr.write(`The build may be older than the sources (no @swc/core to run them): running ${built}\n`);
  runAsMain(built);
} else {
  process.stderr.write(`No command ${name}: src/cli/${name}.ts and dist/cli/${name}.js are missing (npm run build)\n`);
  process.exit(2);
}
