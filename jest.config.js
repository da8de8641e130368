// @swc/jest rather than ts-jest: every @nestjs/* 12 package is ESM-only and Jest on Node 20 cannot
// require() ESM, so node_modules/@nestjs is transformed too (docs/adr/0006-build-and-test-toolchain.md).
// Type checking is its own step (`npm run typecheck`).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- Jest loads this file as CommonJS
const { SWC_OPTIONS } = require('./scripts/typescript.js');

const swc = ['@swc/jest', { ...SWC_OPTIONS, sourceMaps: 'inline' }];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.test.ts'],
  transform: { '^.+\\.(t|j)s$': swc },
  // Also the ESM-only packages that jose, @fastify/static (the OpenAPI UI) and Fastify's inject() pull in.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|content-disposition|cookie|jose)/)'],
  // A bound for a hung test, not a speed: with other work keeping both cores busy, a set-up (a database, an app)
  // took over a minute.
  testTimeout: 180_000,
  // Database-backed suites share one PostgreSQL server and the 2-core machine; two workers keep them honest and fast.
  maxWorkers: 2,
};
