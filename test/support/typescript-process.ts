/**
 * Arguments for `node` that run a TypeScript file compiled on the fly by @swc/core, with the settings Jest uses,
 * so that a test can run real entry points in their own process (to kill them, or to watch them exit).
 */
const REGISTER_AND_RUN = `
const { transformSync } = require('@swc/core');
const { readFileSync } = require('node:fs');
require.extensions['.ts'] = function compile(module, filename) {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
require('reflect-metadata');
require(require('node:path').resolve(process.argv[1]));
`;

export function typeScriptEntry(scriptPath: string, ...args: string[]): string[] {
  return ['-e', REGISTER_AND_RUN, scriptPath, ...args];
}
