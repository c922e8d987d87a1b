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
