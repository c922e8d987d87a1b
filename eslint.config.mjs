// @ts-check
import eslint from '@eslint/js';
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
    regex: `^@hub/(${LIBS})/.+`,
    message: "Import another lib's public API (@hub/<lib>), not its internals.",
  },
];

/** What the inner layers may not depend on (DESIGN §1: adapters -> application -> domain -> kernel). */
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

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'apps/api/src/metadata.ts', '.data/**'] },
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
    files: ['libs/*/src/domain/**/*.ts', 'libs/*/src/application/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...crossLibImports, ...infrastructure] }] },
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
