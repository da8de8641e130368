// How TypeScript is compiled wherever it runs without the `tsc` build: Jest (jest.config.js), the benchmarks
// (bench/launch.mjs), the command-line scripts (scripts/cli.mjs) and the service started as a process by tests
// (test/support/typescript-process.ts). @swc/core strips the types; checking them is `npm run typecheck`.
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, so that jest.config.js and `node -e` load it */
const { readFileSync } = require('node:fs');

/** Nest needs the legacy decorators with emitted metadata, and class fields left to the constructor. */
const SWC_OPTIONS = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
};

/** Makes `require()` of a `.ts` file compile it on the fly, for the rest of this process. */
function registerTypeScript() {
  const { transformSync } = require('@swc/core');
  require.extensions['.ts'] = function compile(module, filename) {
    const { code } = transformSync(readFileSync(filename, 'utf8'), { ...SWC_OPTIONS, filename });
    module._compile(code, filename);
  };
  // The build gets it from the composition root; an entry point that decorates nothing needs it before Nest loads.
  require('reflect-metadata');
}

module.exports = { SWC_OPTIONS, registerTypeScript };
