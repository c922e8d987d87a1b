import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NodeHttpWebhookSender } from './node-http-webhook-sender';

describe('NodeHttpWebhookSender: the SSRF policy at connection time', () => {
  let server: Server;
  let port: number;
  let hits = 0;
  const sender = new NodeHttpWebhookSender();
  const post = (url: string, allowPrivate: boolean) =>
    sender.post({
      url,
      headers: { 'content-type': 'application/json' },
      body: '{}',
      timeoutMs: 2000,
      allowPrivate,
    });

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits++;
      req.resume();
      req.on('end', () => res.writeHead(204).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    hits = 0;
  });

  it.each([
    [
      'an IP literal that is not public',
      () => `https://127.0.0.1:${port}/cb`,
      'CALLBACK_ADDRESS_NOT_ALLOWED',
    ],
    [
      'an IPv4-mapped IPv6 loopback',
      () => `https://[::ffff:127.0.0.1]:${port}/cb`,
      'CALLBACK_ADDRESS_NOT_ALLOWED',
    ],
    [
      'a name that resolves to loopback',
      () => `https://localhost:${port}/cb`,
      'CALLBACK_ADDRESS_NOT_ALLOWED',
    ],
    ['plain http', () => `http://127.0.0.1:${port}/cb`, 'CALLBACK_URL_NOT_ALLOWED'],
  ])('refuses %s without connecting when private targets are not allowed', async (_, url, error) => {
    expect(await post(url(), false)).toEqual({ statusCode: null, error });
    expect(hits).toBe(0);
  });

  it('connects to a private target when it is allowed (development and tests)', async () => {
    expect(await post(`http://127.0.0.1:${port}/cb`, true)).toEqual({ statusCode: 204, error: null });
    expect(hits).toBe(1);
  });
});
