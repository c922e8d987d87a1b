import { Writable } from 'node:stream';
import { createTestApp, type TestApp } from '../support/test-app';

describe('probe', () => {
  let t: TestApp;
  let reader: string;
  let writer: string;
  const logs: string[] = [];
  beforeAll(async () => {
    const logStream = new Writable({ write(chunk, _e, cb) { logs.push(String(chunk)); cb(); } });
    t = await createTestApp({ logStream: logStream as never });
    reader = await t.bearer(['customer-summary:read'], { sub: 'rm-e2e' });
    writer = await t.bearer(['ods:write'], { sub: 'ods-feed' });
  });
  afterAll(async () => { await t.close(); });

  it('summary bad bodies', async () => {
    const raw = async (name: string, body: string | undefined, ct = 'application/json') => {
      let req = t.http.post('/api/v1/customer-summary').set('Authorization', reader);
      if (ct) req = req.set('Content-Type', ct);
      const res = body === undefined ? await req : await req.send(body);
      console.log(name, res.status, JSON.stringify(res.body).slice(0, 300));
    };
    await raw('array', '[]');
    await raw('array-obj', '[{"legalId":"036195000111"}]');
    await raw('null', 'null');
    await raw('number', '42');
    await raw('string', '"abc"');
    await raw('true', 'true');
    await raw('empty', '');
    await raw('nobody', undefined);
    await raw('nobody-noct', undefined, '');
    await raw('legalId null', '{"legalId":null}');
    await raw('legalId null + mobile', '{"legalId":null,"mobileNumber":"0911222333"}');
    await raw('legalId array', '{"legalId":["036195000111"]}');
    await raw('legalId obj', '{"legalId":{"a":1}}');
    await raw('legalId bool', '{"legalId":true}');
    await raw('mobile number', '{"mobileNumber":911222333}');
    await raw('huge', JSON.stringify({ legalId: 'x'.repeat(900000) }));
    await raw('huge2', JSON.stringify({ legalId: '1'.repeat(64) }));
    await raw('huge mobile', JSON.stringify({ mobileNumber: '0'.repeat(32) }));
    await raw('toobig', JSON.stringify({ legalId: 'x'.repeat(2 * 1024 * 1024) }));
    await raw('malformed', '{"legalId":');
    await raw('text/plain', '{"legalId":"036195000111"}', 'text/plain');
    await raw('form', 'legalId=036195000111', 'application/x-www-form-urlencoded');
    await raw('ndjson', '{"legalId":"036195000111"}\n', 'application/x-ndjson');
    await raw('proto', '{"__proto__":{"legalId":"x"}}');
    await raw('constructor', '{"constructor":{"prototype":{}}}');
    await raw('nul char', JSON.stringify({ legalId: '0361950001\u0000' }));
    await raw('unicode digits', JSON.stringify({ legalId: '٠٣٦١٩٥٠٠٠١١١' }));
    await raw('mobile nul', JSON.stringify({ mobileNumber: '0911\u0000222333' }));
    await raw('mobile letters', JSON.stringify({ mobileNumber: '0911222333 ext 5' }));
    await raw('mobile intl', JSON.stringify({ mobileNumber: '+14155552671' }));
    await raw('blank spaces', JSON.stringify({ legalId: '   ' }));
    await raw('legal empty mobile ok', JSON.stringify({ legalId: '', mobileNumber: '0911222333' }));
  });

  it('bulk bad bodies', async () => {
    const raw = async (name: string, body: string | Buffer | undefined, ct?: string) => {
      let req = t.http.post('/api/v1/ods/customers:bulk').set('Authorization', writer);
      if (ct) req = req.set('Content-Type', ct);
      const res = body === undefined ? await req : await req.send(body);
      console.log(name, res.status, JSON.stringify(res.body).slice(0, 400));
    };
    await raw('json ct', '{"cif":"1"}', 'application/json');
    await raw('text ct', '{"cif":"1"}\n', 'text/plain');
    await raw('no ct', undefined);
    await raw('octet', Buffer.from('{"cif":"1"}\n'), 'application/octet-stream');
    await raw('empty ndjson', '', 'application/x-ndjson');
    await raw('nobody ndjson', undefined, 'application/x-ndjson');
    await raw('ndjson charset', '{}\n', 'application/x-ndjson; charset=utf-8');
    await raw('ndjson upper', '{}\n', 'Application/X-NDJSON');
    await raw('non-objects', '[1]\n"str"\n42\nnull\ntrue\n[]\n{}\n', 'application/x-ndjson');
    await raw('malformed', '{\n}}\n{"cif":\n\u0000\n', 'application/x-ndjson');
    await raw('bad utf8', Buffer.from([0xff, 0xfe, 0x7b, 0x7d, 0x0a]), 'application/x-ndjson');
    await raw('bom', '\ufeff{"cif":"9900000001","status":"ACTIVE","fullName":"A"}\n', 'application/x-ndjson');
    await raw('wrong types', JSON.stringify({ cif: 1, status: ['ACTIVE'], fullName: { a: 1 }, legalIds: 'x', mobileNumbers: [1, null, {}], lending: [null, 1, 'x', []], deposits: {}, payroll: [{ amount: 1 }] }) + '\n', 'application/x-ndjson');
    await raw('huge numbers', JSON.stringify({ cif: '9900000002', status: 'ACTIVE', fullName: 'A', lending: [{ productType: 'OVERDRAFT', contractNumber: 'X', currency: 'VND', outstandingBalance: '1e5', status: 'ACTIVE', daysPastDue: 1e300 }] }) + '\n', 'application/x-ndjson');
    await raw('nul in text', JSON.stringify({ cif: '9900000003', status: 'ACTIVE', fullName: 'A\u0000B' }) + '\n', 'application/x-ndjson');
    await raw('proto', '{"__proto__":{"cif":"1"},"cif":"9900000004","status":"ACTIVE","fullName":"A"}\n', 'application/x-ndjson');
    await raw('deep', '['.repeat(100000) + ']'.repeat(100000) + '\n', 'application/x-ndjson');
    await raw('big decimal', JSON.stringify({ cif: '9900000005', status: 'ACTIVE', fullName: 'A', lending: [{ productType: 'OVERDRAFT', contractNumber: 'X', currency: 'VND', outstandingBalance: '999999999999999999.99', status: 'ACTIVE', overdueAmount: '000000000000000000000001.00' }] }) + '\n', 'application/x-ndjson');
    await raw('period 0000', JSON.stringify({ cif: '9900000006', status: 'ACTIVE', fullName: 'A', dateOfBirth: '0000-01-01', payroll: [{ employerName: 'E', period: '0000-01', amount: '1.00', currency: 'VND', creditDate: '9999-12-31' }] }) + '\n', 'application/x-ndjson');
    await raw('year 10000', JSON.stringify({ cif: '9900000007', status: 'ACTIVE', fullName: 'A', dateOfBirth: '0001-01-01' }) + '\n', 'application/x-ndjson');
    await raw('long line', 'x'.repeat(2 * 1024 * 1024) + '\n{"cif":"9900000008","status":"ACTIVE","fullName":"A"}\n', 'application/x-ndjson');
    await raw('lone surrogate', '{"cif":"9900000009","status":"ACTIVE","fullName":"A\\ud800"}\n', 'application/x-ndjson');
    await raw('dup cif in line', '{"cif":"9900000010","status":"ACTIVE","fullName":"A"}\n{"cif":"9900000010","status":"ACTIVE","fullName":"B"}\n', 'application/x-ndjson');
    await raw('dup keys', '{"cif":"9900000011","cif":"9900000012","status":"ACTIVE","fullName":"A"}\n', 'application/x-ndjson');
  });

  it('logs', async () => {
    const all = logs.join('');
    console.log('LOG LINES', logs.length, /036195000111|0911222333|911222333/.test(all));
    console.log(logs.filter((l) => /"level":(50)/.test(l)).slice(0, 5).join('\n').slice(0, 3000));
  });
});
