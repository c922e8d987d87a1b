import { randomBytes } from 'node:crypto';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createHubApplication, loadConfig, mintToken, PlatformModule } from '@hub/platform';
import { createEmptyDatabase } from '@hub/test-database';
import { CrmPipelineModule } from './crm-pipeline.module';
import { buildNtbComboCreate } from './testing/crm.factories';
import { InMemoryOdsCustomers } from './testing/in-memory-ods-customers';

/**
 * A program that imports only the platform and the CRM (as another team's service would), on a
 * fresh database: it migrates the platform's and the CRM's tables and nothing of the other modules,
 * and serves the CRM routes over HTTP.
 */
describe('CrmPipelineModule alone (platform + CRM on an empty database)', () => {
  const secret = randomBytes(32).toString('hex');
  let app: NestFastifyApplication;
  let dataSource: DataSource;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const db = await createEmptyDatabase();
    drop = db.drop;
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url, AUTH_JWT_SECRET: secret });
    @Module({
      imports: [
        PlatformModule.forRoot({ config }),
        CrmPipelineModule.forRoot({ odsCustomers: InMemoryOdsCustomers }),
      ],
    })
    class CrmOnlyModule {}
    app = await createHubApplication({ module: CrmOnlyModule }, config);
    await app.listen({ port: 0, host: '127.0.0.1' });
    dataSource = app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('migrates the platform and CRM tables only, in the one migration history', async () => {
    const tables: { name: string }[] = await dataSource.query(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    const names = tables.map((t) => t.name);
    expect(names.filter((n) => !/^(platform|crm)_/.test(n))).toEqual([]);
    expect(names).toEqual(
      expect.arrayContaining(['platform_migrations', 'crm_leads', 'crm_opportunities', 'crm_status_history']),
    );
    const migrations: { name: string }[] = await dataSource.query(
      'SELECT name FROM platform_migrations ORDER BY timestamp',
    );
    expect(migrations.map((m) => m.name)).toEqual([
      'Platform1763700000000',
      'CrmPipeline1763725000000',
      'CrmSalesCatalogue1764014140000',
      'PlatformRateLimits1764090900000',
      'PlatformSeedRuns1764200000000',
      'CrmCreateLeadUnlessOpen1764600000000',
    ]);
  });

  it('serves the CRM routes: a combo create over HTTP lands in crm_leads', async () => {
    const token = await mintToken({ secret, subject: 'rm-001', scopes: ['crm:write'] });
    const port = (app.getHttpServer().address() as { port: number }).port;
    const res = await request(`http://127.0.0.1:${port}`)
      .post('/integration-service/int/api/crm/v1/combo-create-lead-opportunity')
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', randomBytes(8).toString('hex'))
      .send(buildNtbComboCreate({ legalId: '079203009876' }));
    expect({ status: res.status, result: res.body.result }).toEqual({ status: 201, result: 'CREATED_LEAD' });
    const rows: { legal_id: string }[] = await dataSource.query('SELECT legal_id FROM crm_leads');
    expect(rows).toEqual([{ legal_id: '079203009876' }]);
  });
});
