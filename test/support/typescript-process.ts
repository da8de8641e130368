import { join } from 'node:path';

/**
 * Arguments for `node` that run a TypeScript file compiled on the fly by @swc/core, with the settings Jest uses,
 * so that a test can run real entry points in their own process (to kill them, or to watch them exit).
 */
const REGISTER_AND_RUN = `
require(${JSON.stringify(join(__dirname, '..', '..', 'scripts', 'typescript.js'))}).registerTypeScript();
require(require('node:path').resolve(process.argv[1]));
`;

export function typeScriptEntry(scriptPath: string, ...args: string[]): string[] {
  return ['-e', REGISTER_AND_RUN, scriptPath, ...args];
}
