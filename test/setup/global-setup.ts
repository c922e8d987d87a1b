import { DataSource } from 'typeorm';
// jest's global setup runs outside its module mapper, so it reaches the libs' files directly.
/* eslint-disable no-restricted-imports */
import { CARD_REGISTRY_SCHEMA } from '../../libs/card-registry/src/adapters/persistence/card-registry.schema';
import { CRM_PIPELINE_SCHEMA } from '../../libs/crm-pipeline/src/adapters/persistence/crm-pipeline.schema';
import { CUSTOMER_SUMMARY_SCHEMA } from '../../libs/customer-summary/src/adapters/persistence/customer-summary.schema';
import { FINANCIAL_SEGMENTS_SCHEMA } from '../../libs/financial-segments/src/adapters/persistence/financial-segments.schema';
import { buildDataSourceOptions } from '../../libs/platform/src/database/data-source-options';
import {
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from '../../libs/platform/src/database/embedded-postgres';
/* eslint-enable no-restricted-imports */
import { databaseUrl, requireTestName, withAdmin } from './test-database';

declare global {
  var __HUB_TEST_PG__: EmbeddedPostgresHandle | undefined;
}

/**
 * One PostgreSQL for the whole run: the embedded server (throwaway directory, fsync off), or the
 * server at DATABASE_URL (whose database name must contain "test"). Migrates a template database
 * once; every test file clones its own database from it (test/setup/test-database.ts).
 */
export default async function globalSetup(): Promise<void> {
  // Against a deployed hub (QA: E2E_BASE_URL) the suites need no database of their own.
  if (process.env.E2E_BASE_URL) return;
  let adminUrl = process.env.DATABASE_URL;
  if (adminUrl) {
    requireTestName(new URL(adminUrl).pathname.slice(1));
  } else {
    const handle = await startEmbeddedPostgres({ dataDir: 'memory', fast: true });
    globalThis.__HUB_TEST_PG__ = handle;
    adminUrl = handle.url;
  }
  // Migrations are TypeScript files TypeORM requires at run time, outside jest's transform.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('ts-node').register({ transpileOnly: true, swc: true, compilerOptions: { module: 'commonjs' } });

  const template = `hub_test_template_${process.pid}`;
  await withAdmin(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${template}"`);
  });
  const dataSource = new DataSource({
    // The hub's schema: every module's migrations (the same list as apps/api/src/hub-schemas.ts).
    ...buildDataSourceOptions(databaseUrl(adminUrl, template), {
      poolSize: 1,
      schemas: [
        CUSTOMER_SUMMARY_SCHEMA,
        CRM_PIPELINE_SCHEMA,
        CARD_REGISTRY_SCHEMA,
        FINANCIAL_SEGMENTS_SCHEMA,
      ],
    }),
    entities: [],
  });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
  process.env.HUB_TEST_ADMIN_URL = adminUrl;
  process.env.HUB_TEST_TEMPLATE = template;
}
