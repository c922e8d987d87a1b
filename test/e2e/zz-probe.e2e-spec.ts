import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/test-app';

const INT = '/integration-service/int/api/crm/v1';
const API = '/integration-service/api/crm/v1';
const C = '/card-registry/v1';

describe('probe', () => {
  let t: TestApp;
  let crm: string;
  let cards: string;
  beforeAll(async () => {
    t = await createTestApp();
    crm = await t.bearer(['crm:write', 'crm:read'], { sub: 'p' });
    cards = await t.bearer(['cards:write', 'cards:read'], { sub: 'c', institutionId: 'INST-P' });
  });
  afterAll(async () => t.close());

  it('probes', async () => {
    const out: string[] = [];
    const rec = async (name: string, p: Promise<{ status: number; body: any }>) => {
      const r = await p;
      out.push(`${r.status} ${r.body?.code ?? ''} ${name} ${r.status >= 500 || !r.body?.code && r.status >= 400 ? JSON.stringify(r.body).slice(0, 300) : ''}`);
    };
    const post = (path: string, body: unknown, auth = crm) => t.http.post(path).set('Authorization', auth).set('Content-Type', 'application/json').send(body as object);
    const get = (path: string, auth = crm) => t.http.get(path).set('Authorization', auth);
    const ntb = { customerType: 'NTB', ownerId: 'RM1', legalId: '079203001111', product: 'CC', channel: 'APP' };
    await rec('combo array body', post(`${INT}/combo-create-lead-opportunity`, '[]'));
    await rec('combo null body', post(`${INT}/combo-create-lead-opportunity`, 'null'));
    await rec('combo string body', post(`${INT}/combo-create-lead-opportunity`, '"x"'));
    await rec('combo number body', post(`${INT}/combo-create-lead-opportunity`, '5'));
    await rec('combo empty', t.http.post(`${INT}/combo-create-lead-opportunity`).set('Authorization', crm));
    await rec('combo empty json ct', t.http.post(`${INT}/combo-create-lead-opportunity`).set('Authorization', crm).set('Content-Type', 'application/json'));
    await rec('combo legalId array', post(`${INT}/combo-create-lead-opportunity`, { ...ntb, legalId: ['079203001111'] }));
    await rec('combo fullName NUL', post(`${INT}/combo-create-lead-opportunity`, { ...ntb, legalId: '079203001112', fullName: 'a\u0000b' }));
    await rec('combo fullName huge', post(`${INT}/combo-create-lead-opportunity`, { ...ntb, fullName: 'a'.repeat(100000) }));
    await rec('combo legalId huge', post(`${INT}/combo-create-lead-opportunity`, { ...ntb, legalId: '1'.repeat(100000) }));
    await rec('combo mobile obj', post(`${INT}/combo-create-lead-opportunity`, { ...ntb, mobileNumber: { a: 1 } }));
    await rec('combo proto', post(`${INT}/combo-create-lead-opportunity`, '{"__proto__":{"x":1},"customerType":"NTB"}'));
    await rec('combo ok', post(`${INT}/combo-create-lead-opportunity`, { ...ntb, legalId: '079203001113' }));
    await rec('combo idem key huge', post(`${INT}/combo-create-lead-opportunity`, { ...ntb, legalId: '079203001114' }).set('Idempotency-Key', 'k'.repeat(5000)));
    await rec('combo-update leadId number', post(`${INT}/combo-update-lead-opportunity`, { leadId: 5, cif: '77' }));
    await rec('combo-update upper uuid', post(`${INT}/combo-update-lead-opportunity`, { leadId: randomUUID().toUpperCase(), cif: '77' }));
    await rec('combo-update nil uuid', post(`${INT}/combo-update-lead-opportunity`, { leadId: '00000000-0000-0000-0000-000000000000', cif: '77' }));
    await rec('combo-update cif NUL', post(`${INT}/combo-update-lead-opportunity`, { leadId: randomUUID(), cif: '7\u00007' }));
    await rec('update-lead reason NUL', post(`${API}/update-lead-status`, { leadId: randomUUID(), status: 'CLOSE_LOST', reason: 'a\u0000' }));
    await rec('update-lead reason array', post(`${API}/update-lead-status`, { leadId: randomUUID(), status: 'CLOSE_LOST', reason: ['a'] }));
    await rec('update-lead reason huge', post(`${API}/update-lead-status`, { leadId: randomUUID(), status: 'CLOSE_LOST', reason: 'a'.repeat(5000) }));
    await rec('update-lead status lower', post(`${API}/update-lead-status`, { leadId: randomUUID(), status: 'close_lost', reason: 'a' }));
    await rec('update-opp empty', post(`${API}/update-opportunity-status`, {}));
    for (const q of ['page=abc', 'page=1.5', 'page=-1', 'page=99999999999999999999', 'page=9007199254740991', 'page=100000000000&pageSize=100', 'pageSize=0', 'pageSize=1e2', 'page=', 'legalId=%00', 'ownerId=%00', 'legalId=a&legalId=b', 'status=NEW_LEAD&status=CLOSE_WON', 'legalId=' + 'x'.repeat(5000), 'foo=bar', 'page[a]=1']) {
      await rec(`leads?${q.slice(0, 60)}`, get(`${API}/leads?${q}`));
    }
    for (const q of ['cif=%00', 'cif=' + 'x'.repeat(30), 'status=NEW_LEAD', 'legalId=%20']) await rec(`opps?${q.slice(0, 60)}`, get(`${API}/opportunities?${q}`));
    for (const id of ['abc', '%00', randomUUID().toUpperCase(), '00000000-0000-0000-0000-000000000000', 'x'.repeat(3000)]) {
      await rec(`lead/${id.slice(0, 40)}`, get(`${API}/leads/${id}`));
      await rec(`opp/${id.slice(0, 40)}`, get(`${API}/opportunities/${id}`));
    }
    for (const q of ['from=2026-13-01', 'from=0000-01-01T00:00:00Z', 'from=0001-01-01', 'from=9999-12-31T23:59:59Z', 'from=2026-01-01&from=2026-02-01', 'from=2026-01-01T00:00:00%2B25:00', 'to=-001000-01-01', 'from=275760-09-13T00:00:00Z', 'from=2026-01-01T24:00:00Z']) {
      await rec(`report?${q}`, get(`${API}/reports/pipeline?${q}`));
    }

    // card registry
    const cust = { type: 'PRIVATE', firstName: 'A', lastName: 'B', address: { address1: 'x', city: 'y', zipCode: '1', country: 'VNM' }, locale: 'vi-VN', customerNumber: 'N1', regNo: 'PROBE-1', mobileNumber: '0912345678' };
    const created = await post(`${C}/customers`, cust, cards);
    out.push(`create ${created.status}`);
    const id = created.body.id;
    await rec('create array', post(`${C}/customers`, '[]', cards));
    await rec('create null', post(`${C}/customers`, 'null', cards));
    await rec('create empty', post(`${C}/customers`, {}, cards));
    await rec('create address array', post(`${C}/customers`, { ...cust, regNo: 'P2', address: [] }, cards));
    await rec('create address string', post(`${C}/customers`, { ...cust, regNo: 'P2', address: 'x' }, cards));
    await rec('create address extra', post(`${C}/customers`, { ...cust, regNo: 'P2', address: { ...cust.address, foo: 1 } }, cards));
    await rec('create address country number', post(`${C}/customers`, { ...cust, regNo: 'P2', address: { ...cust.address, country: 5 } }, cards));
    await rec('create address country long', post(`${C}/customers`, { ...cust, regNo: 'P2', address: { ...cust.address, country: 'x'.repeat(10000) } }, cards));
    await rec('create type lower', post(`${C}/customers`, { ...cust, regNo: 'P2', type: 'private' }, cards));
    await rec('create scope bad', post(`${C}/customers`, { ...cust, regNo: 'P2', cardScope: 'X' }, cards));
    await rec('create dob bad', post(`${C}/customers`, { ...cust, regNo: 'P2', dateOfBirth: '2020-02-30' }, cards));
    await rec('create dob huge', post(`${C}/customers`, { ...cust, regNo: 'P2', dateOfBirth: 'x'.repeat(100000) }, cards));
    await rec('create dob number', post(`${C}/customers`, { ...cust, regNo: 'P2', dateOfBirth: 19900101 }, cards));
    await rec('create email NUL', post(`${C}/customers`, { ...cust, regNo: 'P2', email: 'a\u0000@x.vn' }, cards));
    await rec('create locale NUL', post(`${C}/customers`, { ...cust, regNo: 'P2', locale: 'vi\u0000' }, cards));
    await rec('create locale weird', post(`${C}/customers`, { ...cust, regNo: 'P2', locale: 'x-private-aaaaaaaa-bbbbbbbb' }, cards));
    await rec('create regNo NUL', post(`${C}/customers`, { ...cust, regNo: 'P\u00002' }, cards));
    await rec('create names NUL', post(`${C}/customers`, { ...cust, regNo: 'P3', firstName: 'A\u0000' }, cards));
    await rec('create phone NUL', post(`${C}/customers`, { ...cust, regNo: 'P3', phoneNumber: '\u0000' }, cards));
    await rec('create regNo spaces only', post(`${C}/customers`, { ...cust, regNo: '   ' }, cards));
    await rec('create regNo 65 after normalize', post(`${C}/customers`, { ...cust, regNo: 'a '.repeat(32) + 'b' }, cards));
    for (const h of ['garbage', 'W/"1"', '"abc"', '"99999999999"', '*', '"1", "2"', '1', '""', '"-1"', ',', '"1" junk']) {
      await rec(`patch if-match ${h}`, t.http.patch(`${C}/customers/${id}`).set('Authorization', cards).set('If-Match', h).send({ middleName: 'M' + h.length }));
    }
    await rec('patch non-uuid', t.http.patch(`${C}/customers/abc`).set('Authorization', cards).send({}));
    await rec('patch empty', t.http.patch(`${C}/customers/${id}`).set('Authorization', cards).send({}));
    await rec('patch no body', t.http.patch(`${C}/customers/${id}`).set('Authorization', cards));
    await rec('patch array', t.http.patch(`${C}/customers/${id}`).set('Authorization', cards).set('Content-Type', 'application/json').send('[]'));
    await rec('patch null', t.http.patch(`${C}/customers/${id}`).set('Authorization', cards).set('Content-Type', 'application/json').send('null'));
    await rec('patch type null', t.http.patch(`${C}/customers/${id}`).set('Authorization', cards).send({ type: null }));
    await rec('patch address null', t.http.patch(`${C}/customers/${id}`).set('Authorization', cards).send({ address: null }));
    await rec('patch address.country null', t.http.patch(`${C}/customers/${id}`).set('Authorization', cards).send({ address: { country: null } }));
    await rec('patch locale null', t.http.patch(`${C}/customers/${id}`).set('Authorization', cards).send({ locale: null }));
    await rec('patch regNo null', t.http.patch(`${C}/customers/${id}`).set('Authorization', cards).send({ regNo: null }));
    await rec('patch id', t.http.patch(`${C}/customers/${id}`).set('Authorization', cards).send({ id: randomUUID() }));
    await rec('patch version', t.http.patch(`${C}/customers/${id}`).set('Authorization', cards).send({ version: 9 }));
    await rec('patch type corp', t.http.patch(`${C}/customers/${id}`).set('Authorization', cards).send({ type: 'CORPORATE' }));
    await rec('history non-uuid', get(`${C}/customers/x/history`, cards));
    await rec('get %00', get(`${C}/customers/%00`, cards));
    await rec('get huge id', get(`${C}/customers/${'x'.repeat(5000)}`, cards));
    for (const q of ['regNo=%00', 'customerNumber=%00', 'regNo=a&regNo=b', 'regNo=' + 'x'.repeat(70), 'regNo=%20%20', 'foo=1']) await rec(`search ${q.slice(0, 40)}`, get(`${C}/customers?${q}`, cards));
    await rec('account empty', post(`${C}/accounts`, {}, cards));
    await rec('account limit big', post(`${C}/accounts`, { ownerCustomerId: id, currency: 'VND', creditLimit: '999999999999999999.99' }, cards));
    await rec('account limit number', post(`${C}/accounts`, { ownerCustomerId: id, currency: 'VND', creditLimit: 5 }, cards));
    await rec('account limit -0', post(`${C}/accounts`, { ownerCustomerId: id, currency: 'VND', creditLimit: '-0' }, cards));
    await rec('account currency lower', post(`${C}/accounts`, { ownerCustomerId: id, currency: 'vnd' }, cards));
    await rec('account currency huge', post(`${C}/accounts`, { ownerCustomerId: id, currency: 'x'.repeat(100000) }, cards));
    await rec('account owner upper', post(`${C}/accounts`, { ownerCustomerId: id.toUpperCase(), currency: 'VND' }, cards));
    await rec('account owner nil', post(`${C}/accounts`, { ownerCustomerId: '00000000-0000-0000-0000-000000000000', currency: 'VND' }, cards));
    await rec('account owner v1', post(`${C}/accounts`, { ownerCustomerId: 'a0eebc99-9c0b-11d1-bb6d-6bb9bd380a11', currency: 'VND' }, cards));
    const acc = await post(`${C}/accounts`, { ownerCustomerId: id, currency: 'VND' }, cards);
    await rec('card wallet string', post(`${C}/cards`, { accountId: acc.body.id, cardholderCustomerId: id, digitalWalletEnabled: 'true' }, cards));
    await rec('card emboss huge', post(`${C}/cards`, { accountId: acc.body.id, cardholderCustomerId: id, digitalWalletEnabled: false, embossName: 'A'.repeat(100000) }, cards));
    await rec('card emboss number', post(`${C}/cards`, { accountId: acc.body.id, cardholderCustomerId: id, digitalWalletEnabled: false, embossName: 5 }, cards));
    await rec('card upper ids', post(`${C}/cards`, { accountId: acc.body.id.toUpperCase(), cardholderCustomerId: id.toUpperCase(), digitalWalletEnabled: false }, cards));
    await rec('card missing wallet', post(`${C}/cards`, { accountId: acc.body.id, cardholderCustomerId: id }, cards));
    for (const q of ['changedSince=0000-01-01T00:00:00Z', 'changedSince=0001-01-01T00:00:00Z', 'changedSince=9999-12-31T23:59:59.999Z', 'format=CSV', 'format=csv&format=ndjson', 'changedSince=2026-01-01', 'changedSince=2026-02-30T00:00:00Z', 'changedSince=2026-01-01T00:00:00%2B14:00', 'changedSince=2026-01-01T00:00:00-12:00', 'changedSince=1969-12-31T23:59:59Z']) {
      await rec(`export ${q}`, get(`${C}/exports/customers?${q}`, cards));
    }
    console.log(out.join('\n'));
  });
});
