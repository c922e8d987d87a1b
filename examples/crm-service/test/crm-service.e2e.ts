import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { mintToken } from '@hub/platform';
import { startCrmService } from '../src/main';

const COMBO_CREATE = '/integration-service/int/api/crm/v1/combo-create-lead-opportunity';
const API = '/integration-service/api/crm/v1';

/** The service over real HTTP on a throwaway embedded PostgreSQL, built from the packed tarballs. */
describe('crm-service (e2e, HTTP)', () => {
  const secret = randomBytes(32).toString('hex');
  let app: NestFastifyApplication;
  let url: string;

  before(async () => {
    ({ app, url } = await startCrmService({
      NODE_ENV: 'test',
      DATA_DIR: 'memory',
      PORT: '0',
      AUTH_JWT_SECRET: secret,
    }));
  });

  after(async () => {
    await app?.close();
  });

  async function call(method: string, path: string, scopes: string[], body?: object) {
    const token = await mintToken({ secret, subject: 'rm-team-b', scopes });
    const res = await fetch(url + path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'idempotency-key': randomUUID(),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it('serves the CRM routes on its own database, with its own customer check and only its tables', async () => {
    const lead = {
      customerType: 'NTB',
      ownerId: 'RM001',
      legalId: '079203004321',
      mobileNumber: '0912000321',
      fullName: 'Lê Thị Hoa',
      product: 'CREDIT_CARD',
      channel: 'MOBILE_APP',
    };
    const created = await call('POST', COMBO_CREATE, ['crm:write'], lead);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.result, 'CREATED_LEAD');

    const read = await call('GET', `${API}/leads/${String(created.body.leadId)}`, ['crm:read']);
    assert.equal(read.status, 200);
    assert.equal(read.body.legalId, '079203004321');
    assert.equal(read.body.status, 'NEW_LEAD');

    // The service's customer master (the OdsCustomers port) holds this legal ID: not new to bank.
    const known = await call('POST', COMBO_CREATE, ['crm:write'], { ...lead, legalId: '079088001234' });
    assert.equal(known.status, 422, JSON.stringify(known.body));
    assert.equal(known.body.code, 'CUSTOMER_TYPE_MISMATCH');

    // No token: the platform's auth and its one error shape.
    const anonymous = await fetch(url + `${API}/leads`);
    assert.equal(anonymous.status, 401);

    const tables: { name: string }[] = await app
      .get(DataSource)
      .query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`);
    const others = tables.map((t) => t.name).filter((n) => !/^(platform|crm)_/.test(n));
    assert.deepEqual(others, []);
  });
});
