import { randomBytes } from 'node:crypto';
import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MinLength, ValidateNested } from 'class-validator';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { domainError, errorCatalogue } from '@hub/shared-kernel';

const ProbeErrors = errorCatalogue({
  PROBE_CONFLICT: { kind: 'CONFLICT', en: 'English text', vi: 'Văn bản tiếng Việt' },
});
import { cloneTemplateDatabase } from '@hub/test-database';
import { AuditLog, IdentifierHasher } from './audit/audit-log';
import { CurrentPrincipal, RequireInstitution, RequireScopes } from './auth/auth.decorators';
import type { Principal } from './auth/principal';
import { mintToken } from './auth/token-minter';
import { loadConfig } from './config/app-config';
import { createHubApplication } from './http/create-hub-application';
import { RequestId } from './http/request-id';
import { Idempotent } from './idempotency/idempotency.interceptor';
import { PlatformModule } from './platform.module';
import { LogCapture } from './testing/log-capture';

class AddressProbeDto {
  @IsString() @MinLength(1) readonly city!: string;
}

class CommandProbeDto {
  @IsString() @MinLength(2) readonly value!: string;
  @IsOptional() @IsInt() @Max(3000) readonly delayMs?: number;
  @IsOptional() @ValidateNested() @Type(() => AddressProbeDto) readonly address?: AddressProbeDto;
  @IsOptional() @IsString() readonly legalId?: string;
}

let executions = 0;

/** A controller that exercises the platform the way the business modules use it. */
@Controller('probe')
class ProbeController {
  constructor(
    private readonly audit: AuditLog,
    private readonly hasher: IdentifierHasher,
  ) {}

  @Post('commands')
  @RequireScopes('crm:write')
  @Idempotent()
  async command(
    @Body() body: CommandProbeDto,
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
  ) {
    executions += 1;
    const n = executions;
    if (body.delayMs) await new Promise((r) => setTimeout(r, body.delayMs));
    await this.audit.record({
      actor: principal.subject,
      action: 'probe.command',
      subjectHashes: body.legalId ? [this.hasher.hash('legalId', body.legalId)] : [],
      outcome: 'OK',
      requestId,
    });
    return { execution: n, value: body.value };
  }

  @Get('items/:id')
  @RequireScopes()
  item() {
    return { ok: true };
  }

  @Get('cards')
  @RequireScopes('cards:read')
  @RequireInstitution()
  cards(@CurrentPrincipal() principal: Principal) {
    return { institutionId: principal.institutionId };
  }

  @Get('conflict')
  @RequireScopes()
  conflict() {
    throw domainError(ProbeErrors.PROBE_CONFLICT, [{ count: 2 }]);
  }

  @Get('crash')
  @RequireScopes()
  crash() {
    throw new Error('relation "secret_table" does not exist at /srv/app/secret.ts');
  }
}

describe('platform (integration over HTTP)', () => {
  const secret = randomBytes(32).toString('hex');
  const logs = new LogCapture();
  let app: NestFastifyApplication;
  let http: ReturnType<typeof request>;
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  const token = (scopes: string[], extra: Partial<Parameters<typeof mintToken>[0]> = {}) =>
    mintToken({ secret, scopes, subject: 'alice', ...extra });

  beforeAll(async () => {
    const db = await cloneTemplateDatabase();
    drop = db.drop;
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      AUTH_JWT_SECRET: secret,
      LOG_LEVEL: 'info',
      BODY_LIMIT_BYTES: '2048',
    });
    @Module({
      imports: [PlatformModule.forRoot({ config, logStream: logs })],
      controllers: [ProbeController],
    })
    class ProbeModule {}
    app = await createHubApplication({ module: ProbeModule }, config);
    await app.listen({ port: 0, host: '127.0.0.1' });
    http = request(`http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`);
    dataSource = app.get(DataSource);
  });

  afterAll(async () => {
    await app.close();
    await drop();
  });

  describe('auth', () => {
    it('401 without a token', async () => {
      const res = await http.get('/probe/cards').expect(401);
      expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED', details: [] });
      expect(res.body.requestId).toBe(res.headers['x-request-id']);
    });

    it('401 for a token signed with another secret (forged)', async () => {
      const forged = await mintToken({ secret: 'x'.repeat(40), scopes: ['cards:read'], institutionId: 'A' });
      const res = await http.get('/probe/cards').set('Authorization', `Bearer ${forged}`).expect(401);
      expect(res.body.code).toBe('INVALID_TOKEN');
    });

    it('401 for an expired token', async () => {
      const expired = await token(['cards:read'], { institutionId: 'A', expiresInSeconds: -60 });
      expect(
        (await http.get('/probe/cards').set('Authorization', `Bearer ${expired}`).expect(401)).body.code,
      ).toBe('INVALID_TOKEN');
    });

    it('401 for a token whose payload was altered', async () => {
      const good = await token(['crm:write']);
      const [h, , s] = good.split('.');
      const payload = Buffer.from(
        JSON.stringify({ sub: 'alice', scope: 'cards:read', institutionId: 'A', exp: 9999999999 }),
      ).toString('base64url');
      await http.get('/probe/cards').set('Authorization', `Bearer ${h}.${payload}.${s}`).expect(401);
    });

    it('401 for a malformed Authorization header', async () => {
      await http.get('/probe/cards').set('Authorization', 'Basic abc').expect(401);
    });

    it('403 when the scope is missing', async () => {
      const res = await http
        .get('/probe/cards')
        .set('Authorization', `Bearer ${await token(['crm:write'], { institutionId: 'A' })}`)
        .expect(403);
      expect(res.body).toMatchObject({
        code: 'INSUFFICIENT_SCOPE',
        details: [{ requiredScopes: ['cards:read'] }],
      });
    });

    it('403 when the institution claim is missing', async () => {
      const res = await http
        .get('/probe/cards')
        .set('Authorization', `Bearer ${await token(['cards:read'])}`)
        .expect(403);
      expect(res.body.code).toBe('INSTITUTION_REQUIRED');
    });

    it('200 with scope and institution', async () => {
      const res = await http
        .get('/probe/cards')
        .set('Authorization', `Bearer ${await token(['cards:read'], { institutionId: 'INST-A' })}`)
        .expect(200);
      expect(res.body).toEqual({ institutionId: 'INST-A' });
    });
  });

  describe('errors', () => {
    it('localises the message by Accept-Language', async () => {
      const auth = `Bearer ${await token([])}`;
      expect((await http.get('/probe/conflict').set('Authorization', auth).expect(409)).body.message).toBe(
        'English text',
      );
      const vi = await http
        .get('/probe/conflict')
        .set('Authorization', auth)
        .set('Accept-Language', 'vi-VN,vi;q=0.9,en;q=0.5')
        .expect(409);
      expect(vi.body).toMatchObject({
        code: 'PROBE_CONFLICT',
        message: 'Văn bản tiếng Việt',
        details: [{ count: 2 }],
      });
      const enFirst = await http
        .get('/probe/conflict')
        .set('Authorization', auth)
        .set('Accept-Language', 'fr, en;q=0.8, vi;q=0.5');
      expect(enFirst.body.message).toBe('English text');
    });

    it('500 without stack, SQL or path', async () => {
      const res = await http
        .get('/probe/crash')
        .set('Authorization', `Bearer ${await token([])}`)
        .expect(500);
      expect(res.body).toEqual({
        statusCode: 500,
        code: 'INTERNAL_ERROR',
        message: 'An unexpected error occurred',
        details: [],
        requestId: res.headers['x-request-id'],
      });
      expect(JSON.stringify(res.body)).not.toMatch(/secret|srv|relation/);
    });

    it('400 with one detail per invalid field, nested fields as paths', async () => {
      const res = await http
        .post('/probe/commands')
        .set('Authorization', `Bearer ${await token(['crm:write'])}`)
        .send({ value: 'x', address: { city: '' }, unexpected: true })
        .expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      const fields = res.body.details.map((d: { field: string }) => d.field).sort();
      expect(fields).toEqual(['address.city', 'unexpected', 'value']);
    });

    it('400 MALFORMED_JSON for a body that is not JSON', async () => {
      const res = await http
        .post('/probe/commands')
        .set('Authorization', `Bearer ${await token(['crm:write'])}`)
        .set('Content-Type', 'application/json')
        .send('{"value": ')
        .expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'MALFORMED_JSON' });
    });

    it('400 JSON_TOO_DEEP for a body nested deeper than 64 levels, at parse time', async () => {
      const res = await http
        .post('/probe/commands')
        .set('Authorization', `Bearer ${await token(['crm:write'])}`)
        .set('Idempotency-Key', 'k-deep')
        .set('Content-Type', 'application/json')
        .send(`{"value":"ab","address":${'['.repeat(900)}${']'.repeat(900)}}`)
        .expect(400);
      expect(res.body).toMatchObject({
        statusCode: 400,
        code: 'JSON_TOO_DEEP',
        details: [{ field: '(body)', issues: ['maxDepth'], maxDepth: 64 }],
      });
      // 64 levels are still a body the route validates as usual.
      const ok = await http
        .post('/probe/commands')
        .set('Authorization', `Bearer ${await token(['crm:write'])}`)
        .set('Content-Type', 'application/json')
        .send(`{"value":${'['.repeat(63)}${']'.repeat(63)}}`)
        .expect(400);
      expect(ok.body.code).toBe('VALIDATION_FAILED');
    });

    it('400 UNSUPPORTED_CONTENT_TYPE for a content type the route does not take', async () => {
      const res = await http
        .post('/probe/commands')
        .set('Authorization', `Bearer ${await token(['crm:write'])}`)
        .set('Content-Type', 'application/xml')
        .send('<value>ab</value>')
        .expect(400);
      expect(res.body.code).toBe('UNSUPPORTED_CONTENT_TYPE');
    });

    it('400 UNSUPPORTED_CONTENT_TYPE for an NDJSON stream on a JSON route, after auth', async () => {
      await http
        .post('/probe/commands')
        .set('Content-Type', 'application/x-ndjson')
        .send('{"value":"ab"}\n')
        .expect(401);
      const res = await http
        .post('/probe/commands')
        .set('Authorization', `Bearer ${await token(['crm:write'])}`)
        .set('Idempotency-Key', 'k-type-ndjson')
        .set('Content-Type', 'application/x-ndjson')
        .send('{"value":"ab"}\n')
        .expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'UNSUPPORTED_CONTENT_TYPE' });
    });

    it.each([
      ['text/plain', '{"value":"ab"}'],
      ['application/x-www-form-urlencoded', 'value=ab'],
    ])('400 UNSUPPORTED_CONTENT_TYPE for a %s body (no parser takes it)', async (type, body) => {
      const res = await http
        .post('/probe/commands')
        .set('Authorization', `Bearer ${await token(['crm:write'])}`)
        .set('Idempotency-Key', `k-type-${type}`)
        .set('Content-Type', type)
        .send(body)
        .expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'UNSUPPORTED_CONTENT_TYPE' });
    });

    it('413 for a body over the limit', async () => {
      const res = await http
        .post('/probe/commands')
        .set('Authorization', `Bearer ${await token(['crm:write'])}`)
        .send({ value: 'x'.repeat(5000) })
        .expect(413);
      expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the stored response for the same key and body', async () => {
      const auth = `Bearer ${await token(['crm:write'])}`;
      const first = await http
        .post('/probe/commands')
        .set('Authorization', auth)
        .set('Idempotency-Key', 'k-replay')
        .send({ value: 'ab' })
        .expect(201);
      const second = await http
        .post('/probe/commands')
        .set('Authorization', auth)
        .set('Idempotency-Key', 'k-replay')
        .send({ value: 'ab' })
        .expect(201);
      expect(second.body).toEqual(first.body);
      expect(second.headers['idempotent-replayed']).toBe('true');
    });

    it('422 IDEMPOTENCY_KEY_REUSED for the same key with another body', async () => {
      const auth = `Bearer ${await token(['crm:write'])}`;
      await http
        .post('/probe/commands')
        .set('Authorization', auth)
        .set('Idempotency-Key', 'k-reuse')
        .send({ value: 'ab' })
        .expect(201);
      const res = await http
        .post('/probe/commands')
        .set('Authorization', auth)
        .set('Idempotency-Key', 'k-reuse')
        .send({ value: 'cd' })
        .expect(422);
      expect(res.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('keys are per caller: another subject may use the same key', async () => {
      const a = await http
        .post('/probe/commands')
        .set('Authorization', `Bearer ${await token(['crm:write'], { subject: 'bob' })}`)
        .set('Idempotency-Key', 'k-shared')
        .send({ value: 'ab' })
        .expect(201);
      const b = await http
        .post('/probe/commands')
        .set('Authorization', `Bearer ${await token(['crm:write'], { subject: 'carol' })}`)
        .set('Idempotency-Key', 'k-shared')
        .send({ value: 'ab' })
        .expect(201);
      expect(a.body.execution).not.toBe(b.body.execution);
    });

    it('parallel retries run the command once: the others are in flight (409) or replays', async () => {
      const auth = `Bearer ${await token(['crm:write'])}`;
      const before = executions;
      const responses = await Promise.all(
        Array.from({ length: 8 }, () =>
          http
            .post('/probe/commands')
            .set('Authorization', auth)
            .set('Idempotency-Key', 'k-parallel')
            .send({ value: 'ab', delayMs: 300 }),
        ),
      );
      expect(executions - before).toBe(1);
      // One request ran the command. Each other one either came while it ran (409 in flight) or,
      // on a loaded machine, after it had finished (a 201 replay of the same answer).
      const first = responses.filter((r) => r.status === 201 && !r.headers['idempotent-replayed']);
      expect(first).toHaveLength(1);
      for (const other of responses.filter((r) => r !== first[0])) {
        if (other.status === 409) expect(other.body.code).toBe('IDEMPOTENCY_KEY_IN_FLIGHT');
        else {
          expect(other.status).toBe(201);
          expect(other.headers['idempotent-replayed']).toBe('true');
          expect(other.body).toEqual(first[0].body);
        }
      }
      const replay = await http
        .post('/probe/commands')
        .set('Authorization', auth)
        .set('Idempotency-Key', 'k-parallel')
        .send({ value: 'ab', delayMs: 300 })
        .expect(201);
      expect(replay.body).toEqual(responses.find((r) => r.status === 201)?.body);
    });

    it('a failed request leaves the key free for a retry', async () => {
      const auth = `Bearer ${await token(['crm:write'])}`;
      await http
        .post('/probe/commands')
        .set('Authorization', auth)
        .set('Idempotency-Key', 'k-fail')
        .send({ value: 'a' })
        .expect(400);
      await http
        .post('/probe/commands')
        .set('Authorization', auth)
        .set('Idempotency-Key', 'k-fail')
        .send({ value: 'ab' })
        .expect(201);
    });
  });

  describe('audit and logs', () => {
    it('writes an append-only audit record with hashed identifiers', async () => {
      const res = await http
        .post('/probe/commands')
        .set('Authorization', `Bearer ${await token(['crm:write'])}`)
        .set('X-Request-Id', 'audit-req-1')
        .send({ value: 'ab', legalId: '079090001234' })
        .expect(201);
      expect(res.headers['x-request-id']).toBe('audit-req-1');
      const rows = await dataSource.query(
        `SELECT actor, action, subject_hashes, outcome FROM platform_audit_records WHERE request_id = 'audit-req-1'`,
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actor: 'alice', action: 'probe.command', outcome: 'OK' });
      expect(rows[0].subject_hashes[0]).toMatch(/^legalId:[0-9a-f]{64}$/);
      expect(JSON.stringify(rows)).not.toContain('079090001234');
      await expect(
        dataSource.query(`DELETE FROM platform_audit_records WHERE request_id = 'audit-req-1'`),
      ).rejects.toThrow(/append-only/);
    });

    it('logs JSON lines with the request id and never the token, body or query string', async () => {
      const jwt = await token(['crm:write']);
      await http
        .post('/probe/commands?legalId=079090009999')
        .set('Authorization', `Bearer ${jwt}`)
        .set('X-Request-Id', 'log-req-1')
        .send({ value: 'Nguyen Van An', legalId: '079090009999' })
        .expect(201);
      const line = logs.lines.map((l) => JSON.parse(l)).find((l) => l.requestId === 'log-req-1' && l.res);
      expect(line).toMatchObject({
        req: { method: 'POST', route: '/probe/commands' },
        res: { statusCode: 201 },
      });
      expect(logs.text).not.toContain(jwt);
      expect(logs.text).not.toContain('079090009999');
      expect(logs.text).not.toContain('Nguyen Van An');
    });

    it('logs the route template, never the raw path, and unmatched paths not at all', async () => {
      const auth = `Bearer ${await token(['crm:write'])}`;
      await http.get('/probe/items/079090008888').set('Authorization', auth).set('X-Request-Id', 'log-req-2');
      await http
        .get('/probe/nothing/079090008888')
        .set('Authorization', auth)
        .set('X-Request-Id', 'log-req-3');
      const lines = logs.lines.map((l) => JSON.parse(l));
      expect(lines.find((l) => l.requestId === 'log-req-2' && l.res)?.req).toMatchObject({
        route: '/probe/items/:id',
      });
      expect(lines.find((l) => l.requestId === 'log-req-3' && l.res)?.req).toMatchObject({
        route: '(unmatched)',
      });
      expect(logs.text).not.toContain('079090008888');
    });

    it.each(['079090001234', 'req-0912345678', '1988.03.02', 'a-19-88-03-02'])(
      'replaces an X-Request-Id shaped like an identifier (%s) with a new one',
      async (id) => {
        const res = await http.get('/health').set('X-Request-Id', id).expect(200);
        expect(res.headers['x-request-id']).not.toBe(id);
        expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      },
    );

    it.each(['abc-123', 'f47ac10b-58cc-4372-a567-0e02b2c3d479', 'gateway-7f3a:retry.1'])(
      'keeps an X-Request-Id such as %s',
      async (id) => {
        const res = await http.get('/health').set('X-Request-Id', id).expect(200);
        expect(res.headers['x-request-id']).toBe(id);
      },
    );
  });
});
