import { NodeHttpWebhookSender } from '../adapters/webhooks/node-http-webhook-sender';
import { loadSegmentsConfig } from '../adapters/segments-config.loader';
import { assertCallbackUrlAllowed, isAllowedCallbackAddress, parseCidr } from './callback-url-policy';
import type { HostResolver } from './ports/host-resolver';

const SECRET = 'whsec_' + Buffer.alloc(32, 9).toString('base64');
const resolver = (addresses: string[]): HostResolver => ({ resolve: async () => addresses });

describe('private callback addresses in production', () => {
  it('refuses WEBHOOK_ALLOW_PRIVATE=true with NODE_ENV=production, naming the variable', () => {
    expect(() =>
      loadSegmentsConfig(
        { WEBHOOK_SECRET: SECRET, WEBHOOK_ALLOW_PRIVATE: 'true' },
        'production',
        () => SECRET,
      ),
    ).toThrow('WEBHOOK_ALLOW_PRIVATE must not be true in production');
    expect(
      loadSegmentsConfig({ WEBHOOK_ALLOW_PRIVATE: 'true' }, 'development', () => SECRET)
        .allowPrivateCallbacks,
    ).toBe(true);
  });

  it('reads WEBHOOK_ALLOWED_CIDRS and refuses an entry that is not a CIDR', () => {
    const c = loadSegmentsConfig(
      { WEBHOOK_SECRET: SECRET, WEBHOOK_ALLOWED_CIDRS: ' 10.20.0.0/16, fd00:1::/64 ' },
      'production',
      () => SECRET,
    );
    expect(c.allowedCallbackCidrs).toEqual(['10.20.0.0/16', 'fd00:1::/64']);
    expect(
      loadSegmentsConfig({ WEBHOOK_SECRET: SECRET }, 'production', () => SECRET).allowedCallbackCidrs,
    ).toEqual([]);
    for (const bad of ['10.20.0.0', '10.20.0.0/33', 'intranet/8', '::/129'])
      expect(() =>
        loadSegmentsConfig(
          { WEBHOOK_SECRET: SECRET, WEBHOOK_ALLOWED_CIDRS: bad },
          'production',
          () => SECRET,
        ),
      ).toThrow('WEBHOOK_ALLOWED_CIDRS must be comma-separated CIDRs');
    expect(parseCidr('192.168.1.0/24')).toEqual({ network: '192.168.1.0', prefix: 24, family: 'ipv4' });
  });

  it('lets a callback reach a named internal network, and no other private address', async () => {
    const cidrs = ['10.20.0.0/16'];
    expect(isAllowedCallbackAddress('10.20.3.4', cidrs)).toBe(true);
    expect(isAllowedCallbackAddress('10.21.3.4', cidrs)).toBe(false);
    expect(isAllowedCallbackAddress('169.254.169.254', cidrs)).toBe(false);
    expect(isAllowedCallbackAddress('8.8.8.8', cidrs)).toBe(true);
    await expect(
      assertCallbackUrlAllowed('https://receiver.internal/cb', false, resolver(['10.20.0.7']), cidrs),
    ).resolves.toBeInstanceOf(URL);
    await expect(
      assertCallbackUrlAllowed(
        'https://receiver.internal/cb',
        false,
        resolver(['10.20.0.7', '10.99.0.1']),
        cidrs,
      ),
    ).rejects.toMatchObject({ code: 'CALLBACK_URL_NOT_ALLOWED' });
    await expect(
      assertCallbackUrlAllowed('https://receiver.internal/cb', false, resolver(['10.20.0.7'])),
    ).rejects.toMatchObject({ code: 'CALLBACK_URL_NOT_ALLOWED' });
    // Still https only.
    await expect(
      assertCallbackUrlAllowed('http://10.20.0.7/cb', false, resolver([]), cidrs),
    ).rejects.toMatchObject({ code: 'CALLBACK_URL_NOT_ALLOWED' });
  });

  it('the sender connects to an allowed internal address and refuses any other private one', async () => {
    const sender = new NodeHttpWebhookSender();
    const request = { headers: {}, body: '{}', timeoutMs: 2000, allowPrivate: false };
    const refused = await sender.post({ ...request, url: 'https://127.0.0.1:9/cb' });
    expect(refused.error).toBe('CALLBACK_ADDRESS_NOT_ALLOWED');
    // Allowed: the sender tries to connect (nothing listens on the discard port: refused by the OS).
    const tried = await sender.post({
      ...request,
      url: 'https://127.0.0.1:9/cb',
      allowedCidrs: ['127.0.0.0/8'],
    });
    expect(tried.error).not.toBe('CALLBACK_ADDRESS_NOT_ALLOWED');
    expect(tried.statusCode).toBeNull();
  });
});
