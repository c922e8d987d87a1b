// @ts-check
import eslint from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const LIBS = 'shared-kernel|platform|customer-summary|crm-pipeline|card-registry|financial-segments';

/** Libs import each other only through `@hub/<lib>` (their index.ts), never by relative path or deep path. */
const crossLibImports = [
  {
    regex: `^(\\.\\./)+(libs/)?(${LIBS})/src`,
    message: 'Import another lib through @hub/<lib>, not by relative path.',
  },
  {
    regex: `^@hub/(?!platform/early-database$)(${LIBS})/(?!testing$).+`,
    message:
      "Import another lib's public API (@hub/<lib>, or @hub/<lib>/testing in tests), not its internals.",
  },
];

/** What the inner layers may not depend on (docs/architecture.md: adapters -> application -> domain -> kernel). */
const infrastructure = [
  {
    regex: '^typeorm($|/)',
    message: 'domain/ and application/ do not use TypeORM: put it in adapters/persistence.',
  },
  { regex: '^pg($|-)', message: 'domain/ and application/ do not use pg: put it in adapters/persistence.' },
  { regex: '^fastify($|/)', message: 'domain/ and application/ know nothing of HTTP.' },
  {
    regex: '^@nestjs/(core|platform-.*|swagger|typeorm|testing)($|/)',
    message: 'domain/ and application/ do not use Nest HTTP, Swagger or TypeORM pieces.',
  },
];

/** Inside a module: domain <- application <- adapters. */
const domainLayer = [
  {
    regex: '^(\\.\\./)+(application|adapters)(/|$)',
    message: 'domain/ does not import application/ or adapters/: the dependency points inward.',
  },
];
const applicationLayer = [
  {
    regex: '^(\\.\\./)+adapters(/|$)',
    message: 'application/ does not import adapters/: declare a port and let an adapter implement it.',
  },
];
/** Test helpers (in-memory adapters, factories, log capture) never ship in the runtime graph. */
const testingHelpers = [
  {
    regex: '(^|/)testing(/|$)',
    message: 'Runtime code does not import testing/ helpers (they are for tests only).',
  },
];
/** Application services are plain injectables: nothing of Nest's HTTP or lifecycle machinery. */
const nestCommonForApplication = {
  name: '@nestjs/common',
  allowImportNames: ['Injectable', 'Inject'],
  message: 'application/ takes only Injectable and Inject from @nestjs/common.',
};
const TESTS = [
  '**/*.spec.ts',
  '**/*.int-spec.ts',
  '**/*.e2e-spec.ts',
  '**/testing/**',
  'test/**',
  'bench/**',
];
/** Development tools that serve a stub on purpose (`npm run ods:serve`). */
const DEV_TOOLS = ['scripts/customer-summary/ods-serve.ts'];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      '**/dist/**',
      'examples/**',
      'node_modules/**',
      'coverage/**',
      'apps/api/src/metadata.ts',
      '.data/**',
      // Benchmark output (gitignored), the hub compiled for the export benchmark included.
      'bench-out/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { parserOptions: { sourceType: 'module' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-namespace': 'off',
      'no-restricted-imports': ['error', { patterns: crossLibImports }],
    },
  },
  {
    files: ['**/*.ts'],
    ignores: [...TESTS, ...DEV_TOOLS],
    rules: { 'no-restricted-imports': ['error', { patterns: [...crossLibImports, ...testingHelpers] }] },
  },
  {
    files: ['libs/*/src/domain/**/*.ts'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...crossLibImports, ...testingHelpers, ...infrastructure, ...domainLayer] },
      ],
    },
  },
  {
    files: ['libs/*/src/application/**/*.ts'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [nestCommonForApplication],
          patterns: [...crossLibImports, ...testingHelpers, ...infrastructure, ...applicationLayer],
        },
      ],
    },
  },
  {
    // No import cycles, within a lib or across libs (resolved through the tsconfig paths). TypeORM
    // entities are the one exception: a two-way relation names the other class in a lazy callback.
    files: ['libs/**/*.ts', 'apps/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['**/*.orm-entity.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts', '.js'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['libs/shared-kernel/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...crossLibImports,
            ...infrastructure,
            { regex: '^@nestjs/', message: 'The shared kernel is plain TypeScript: no Nest.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
