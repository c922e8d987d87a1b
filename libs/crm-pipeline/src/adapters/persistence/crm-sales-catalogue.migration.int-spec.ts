import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@hub/platform';
import { CrmSalesCatalogue1764014140000 } from './migrations/1764014140000-CrmSalesCatalogue';
import { cloneTemplateDatabase } from '@hub/test-database';
import { CRM_PIPELINE_SCHEMA } from './crm-pipeline.schema';

describe('migration CrmSalesCatalogue: free text mapped to catalogue codes', () => {
  it('maps known texts and synonyms to codes, keeps the rest, and leaves updated_at alone', async () => {
    const db = await cloneTemplateDatabase();
    const ds = new DataSource(
      buildDataSourceOptions(db.url, { poolSize: 1, schemas: [CRM_PIPELINE_SCHEMA] }),
    );
    await ds.initialize();
    const runner = ds.createQueryRunner();
    try {
      const migration = new CrmSalesCatalogue1764014140000();
      await migration.down(runner); // the tables as they were before the catalogue
      const rows: [string, string][] = [
        ['credit card', 'internet banking'],
        ['Personal-Loan', 'Mobile'],
        ['HOME_LOAN', 'call centre'],
        ['GOLD_PACKAGE', 'KIOSK'],
        ['CASA', 'BRANCH'],
      ];
      for (const [product, channel] of rows) {
        await runner.query(
          `INSERT INTO crm_leads (id, status, owner_id, legal_id, product, channel, created_at, updated_at)
           VALUES ($1, 'CLOSE_LOST', 'RM001', $2, $3, $4, '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z')`,
          [randomUUID(), `07920300${String(rows.length).padStart(4, '0')}`, product, channel],
        );
      }
      await migration.up(runner);
      expect(
        await runner.query(
          `SELECT product, channel, updated_at = '2026-01-02T00:00:00Z' AS untouched FROM crm_leads ORDER BY product`,
        ),
      ).toEqual([
        { product: 'CASA', channel: 'BRANCH', untouched: true },
        { product: 'CREDIT_CARD', channel: 'WEB', untouched: true },
        { product: 'GOLD_PACKAGE', channel: 'KIOSK', untouched: true },
        { product: 'MORTGAGE', channel: 'CALL_CENTER', untouched: true },
        { product: 'UNSECURED_LOAN', channel: 'MOBILE_APP', untouched: true },
      ]);
    } finally {
      await runner.release();
      await ds.destroy();
      await db.drop();
    }
  });
});
