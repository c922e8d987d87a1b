import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { loadConfig } from '../config/app-config';
import { JwtVerifier } from './jwt-verifier';

async function sign(
  key: Parameters<SignJWT['sign']>[0],
  alg: string,
  claims: Record<string, unknown>,
  kid?: string,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg, ...(kid ? { kid } : {}) })
    .setSubject('svc-crm')
    .setIssuedAt(now)
    .setExpirationTime(now + 300)
    .sign(key);
}

describe('JwtVerifier', () => {
  it('verifies HS256 tokens and reads scope and institution', async () => {
    const secret = 's'.repeat(40);
    const verifier = new JwtVerifier(loadConfig({ AUTH_JWT_SECRET: secret }));
    const token = await sign(new TextEncoder().encode(secret), 'HS256', {
      scope: 'crm:read  crm:write',
      institutionId: 'INST-A',
    });
    const principal = await verifier.verify(token);
    expect(principal.subject).toBe('svc-crm');
    expect([...principal.scopes].sort()).toEqual(['crm:read', 'crm:write']);
    expect(principal.institutionId).toBe('INST-A');
  });

  it.each(['RS256', 'ES256'])('verifies %s tokens with a configured PEM public key', async (alg) => {
    const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
    const verifier = new JwtVerifier(
      loadConfig({
        NODE_ENV: 'production',
        AUDIT_HASH_KEY: 'k'.repeat(40),
        AUTH_JWT_PUBLIC_KEY: await exportSPKI(publicKey),
      }),
    );
    await expect(
      verifier.verify(await sign(privateKey, alg, { scope: 'cards:read' })),
    ).resolves.toMatchObject({ subject: 'svc-crm' });
    const other = await generateKeyPair(alg);
    await expect(
      verifier.verify(await sign(other.privateKey, alg, { scope: 'cards:read' })),
    ).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
  });

  it('refuses an HS256 token signed with the public key (algorithm confusion)', async () => {
    const { publicKey } = await generateKeyPair('RS256', { extractable: true });
    const pem = await exportSPKI(publicKey);
    const verifier = new JwtVerifier(
      loadConfig({ NODE_ENV: 'production', AUDIT_HASH_KEY: 'k'.repeat(40), AUTH_JWT_PUBLIC_KEY: pem }),
    );
    const forged = await sign(new TextEncoder().encode(pem), 'HS256', { scope: 'cards:read' });
    await expect(verifier.verify(forged)).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
  });

  describe('with a JWKS URL', () => {
    let server: Server;
    let url: string;
    let keys: Awaited<ReturnType<typeof generateKeyPair>>;

    beforeAll(async () => {
      keys = await generateKeyPair('ES256', { extractable: true });
      const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
      server = createServer((_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as { port: number }).port}/jwks`;
    });

    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('verifies tokens whose key the JWKS publishes', async () => {
      const verifier = new JwtVerifier(
        loadConfig({ NODE_ENV: 'production', AUDIT_HASH_KEY: 'k'.repeat(40), AUTH_JWKS_URL: url }),
      );
      await expect(
        verifier.verify(await sign(keys.privateKey, 'ES256', { scope: 'segments:read' }, 'k1')),
      ).resolves.toMatchObject({
        subject: 'svc-crm',
      });
      const stranger = await generateKeyPair('ES256');
      await expect(verifier.verify(await sign(stranger.privateKey, 'ES256', {}, 'k1'))).rejects.toMatchObject(
        { code: 'INVALID_TOKEN' },
      );
    });
  });

  it('refuses a token issued more than a minute in the future; accepts small clock skew', async () => {
    const secret = 's'.repeat(40);
    const key = new TextEncoder().encode(secret);
    const verifier = new JwtVerifier(loadConfig({ AUTH_JWT_SECRET: secret }));
    const now = Math.floor(Date.now() / 1000);
    const at = (iat: number) =>
      new SignJWT({ scope: 'crm:read' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('svc')
        .setIssuedAt(iat)
        .setExpirationTime(now + 3600)
        .sign(key);
    await expect(verifier.verify(await at(now + 120))).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
    await expect(verifier.verify(await at(now + 30))).resolves.toMatchObject({ subject: 'svc' });
  });

  it.each([['inst-a'], [''], ['INST A'], ['A'.repeat(65)], ['INST_A'], [42], [['INST-A']]])(
    'refuses institutionId %p (upper-case letters, digits and -, 1-64 characters)',
    async (institutionId) => {
      const secret = 's'.repeat(40);
      const verifier = new JwtVerifier(loadConfig({ AUTH_JWT_SECRET: secret }));
      const token = await sign(new TextEncoder().encode(secret), 'HS256', {
        scope: 'cards:read',
        institutionId,
      });
      await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
    },
  );

  it('accepts institutionId values of the documented pattern', async () => {
    const secret = 's'.repeat(40);
    const verifier = new JwtVerifier(loadConfig({ AUTH_JWT_SECRET: secret }));
    for (const institutionId of ['INST-A', '970436', 'A'.repeat(64)]) {
      const token = await sign(new TextEncoder().encode(secret), 'HS256', { institutionId });
      expect((await verifier.verify(token)).institutionId).toBe(institutionId);
    }
  });

  it('refuses a token without exp', async () => {
    const secret = 's'.repeat(40);
    const verifier = new JwtVerifier(loadConfig({ AUTH_JWT_SECRET: secret }));
    const token = await new SignJWT({ scope: 'crm:read' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .sign(new TextEncoder().encode(secret));
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
  });
});

describe('JwtVerifier, HS256 through node:crypto', () => {
  const secret = 's'.repeat(40);
  const key = new TextEncoder().encode(secret);
  const now = () => Math.floor(Date.now() / 1000);
  const hs256 = (claims: Record<string, unknown>, header: Record<string, unknown> = {}) =>
    new SignJWT({ scope: 'crm:read', ...claims })
      .setProtectedHeader({ alg: 'HS256', ...header })
      .setSubject('svc-crm')
      .sign(key);

  /** Signs any header (jose refuses to sign some of the ones these tests need). */
  const handSigned = (header: Record<string, unknown>, claims: Record<string, unknown>) => {
    const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const input = `${part(header)}.${part({ sub: 'svc-crm', ...claims })}`;
    return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
  };

  afterEach(() => jest.useRealTimers());

  it('refuses a token whose payload or signature was changed', async () => {
    const verifier = new JwtVerifier(loadConfig({ AUTH_JWT_SECRET: secret }));
    const token = await hs256({ exp: now() + 300 });
    const [header, payload, signature] = token.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), scope: 'crm:write' }),
    ).toString('base64url');
    await expect(verifier.verify(`${header}.${forgedPayload}.${signature}`)).rejects.toMatchObject({
      code: 'INVALID_TOKEN',
    });
    const flipped = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    await expect(verifier.verify(`${header}.${payload}.${flipped}`)).rejects.toMatchObject({
      code: 'INVALID_TOKEN',
    });
    await expect(verifier.verify(`${header}.${payload}.`)).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
    await expect(verifier.verify(token)).resolves.toMatchObject({ subject: 'svc-crm' });
  });

  it('refuses alg none, a critical header, an expired token and one not valid yet', async () => {
    const verifier = new JwtVerifier(loadConfig({ AUTH_JWT_SECRET: secret }));
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ sub: 'x', exp: now() + 300 }),
    ).toString('base64url')}.`;
    await expect(verifier.verify(unsigned)).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
    for (const token of [
      handSigned({ alg: 'HS256', crit: ['x'], x: 1 }, { exp: now() + 300 }),
      await hs256({ exp: now() - 1 }),
      await hs256({ exp: now() + 300, nbf: now() + 120 }),
      await hs256({ exp: String(now() + 300) }),
    ]) {
      await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
    }
  });

  it('accepts a well-formed hand-signed token (the helper above is sound)', async () => {
    const verifier = new JwtVerifier(loadConfig({ AUTH_JWT_SECRET: secret }));
    await expect(verifier.verify(handSigned({ alg: 'HS256' }, { exp: now() + 300 }))).resolves.toMatchObject({
      subject: 'svc-crm',
    });
  });

  it('checks iss and aud when configured', async () => {
    const verifier = new JwtVerifier(
      loadConfig({ AUTH_JWT_SECRET: secret, AUTH_JWT_ISSUER: 'hub-idp', AUTH_JWT_AUDIENCE: 'hub' }),
    );
    const exp = now() + 300;
    await expect(
      verifier.verify(await hs256({ exp, iss: 'hub-idp', aud: ['x', 'hub'] })),
    ).resolves.toMatchObject({ subject: 'svc-crm' });
    await expect(verifier.verify(await hs256({ exp, iss: 'other', aud: 'hub' }))).rejects.toMatchObject({
      code: 'INVALID_TOKEN',
    });
    await expect(verifier.verify(await hs256({ exp, iss: 'hub-idp', aud: 'other' }))).rejects.toMatchObject({
      code: 'INVALID_TOKEN',
    });
  });

  it('remembers a verified token only until its exp', async () => {
    const verifier = new JwtVerifier(loadConfig({ AUTH_JWT_SECRET: secret }));
    const start = Date.now();
    const token = await hs256({ exp: Math.floor(start / 1000) + 60 });
    const first = await verifier.verify(token);
    expect(await verifier.verify(token)).toBe(first); // the cached principal
    jest.useFakeTimers({ now: start + 61_000, doNotFake: ['nextTick', 'setImmediate'] });
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
  });
});
