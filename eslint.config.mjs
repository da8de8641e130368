// ESLint flat config: typed rules for all TypeScript, plus the layout's dependency rules
// (docs/adr/0005-layout-and-dependency-rules.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import { readdirSync } from 'node:fs';

/** The capabilities: the folders of `src/` that register one (`<name>.capability.ts`), so the list cannot go stale. */
const capabilities = readdirSync('src', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .filter((name) => readdirSync(`src/${name}`).includes(`${name}.capability.ts`));

/** A capability reaches another only through its `index.ts` (ADR 0005): the folder, never a file inside it. */
const otherCapabilitiesInternals = (own) =>
  capabilities
    .filter((other) => other !== own)
    .map((other) => ({
      regex: `^(?:\\.\\./)+${other}/(?!index$).+`,
      message: `Import ${other} through its index.ts only (docs/adr/0005-layout-and-dependency-rules.md).`,
    }));

const frameworkModules = [
  '@nestjs/*',
  'typeorm',
  'pg',
  '@eventstore/*',
  '@electric-sql/*',
  'class-validator',
  'class-transformer',
  'rxjs',
  'node:*',
  'fs',
  'crypto',
  'pino',
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'data/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Nest resolves constructor parameters through emitted metadata: a type-only import erases the token.
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-console': 'error',
    },
  },
  ...capabilities.map((capability) => ({
    files: [`src/${capability}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns: otherCapabilitiesInternals(capability) }] },
  })),
  {
    // Deciders and events are pure: no framework, no database, no I/O, no clock.
    files: ['src/**/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...otherCapabilitiesInternals(undefined),
            { group: frameworkModules, message: 'domain/ stays pure: no framework, database or I/O imports.' },
            {
              group: ['**/shared/*/!(domain)*', '**/shared/!(domain)/**'],
              message: 'domain/ may import only shared/domain.',
            },
          ],
        },
      ],
      // Deciders take the time and any randomness as input; reading them here would make decisions unrepeatable.
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'The time comes in the command.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'The time comes in the command.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'Randomness comes in the command.',
        },
        { selector: "CallExpression[callee.name='randomUUID']", message: 'Ids come in the command.' },
      ],
    },
  },
  {
    // shared/ knows no capability.
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/clients/**',
                '**/intake/**',
                '**/referral/**',
                '**/activation/**',
                '**/eviction-prevention/**',
                '**/duo/**',
                '**/impact/**',
                '**/partners/**',
              ],
              message: 'shared/ must not depend on a capability.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'src/**/*.spec.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/cli/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  prettier,
);
