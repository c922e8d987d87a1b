import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OdsRepository } from '../application/ports/ods.repository';

/** What the stub does to the next answers (tests of the live adapter's resilience). */
export type StubOdsBehaviour =
  | { readonly kind: 'normal' }
  /** Answers correctly after `delayMs`. */
  | { readonly kind: 'slow'; readonly delayMs: number }
  /** Answers `status` (5xx: a failing service) with a small JSON body. */
  | { readonly kind: 'error'; readonly status: number }
  /** Answers 200 with a body that breaks the contract (an unknown field, a number for an amount). */
  | { readonly kind: 'malformed' };

/**
 * A stub of a bank's ODS service (the API of libs/customer-summary/ods-service.openapi.json) over
 * any ODS source: an InMemoryOds filled from the generator (`npm run ods:serve`), or the hub's own
 * tables (tests that compare ODS_MODE=store with ODS_MODE=http on the same data). Listens on
 * 127.0.0.1 only. `behaviour` switches faults on; `stop()` and `start()` on the same port make an
 * outage and a recovery.
 */
export class StubOdsServer {
  behaviour: StubOdsBehaviour = { kind: 'normal' };
  /** Requests received, for assertions on retries and the breaker. */
  requests = 0;
  /** The next `failNext` requests answer 503 (then back to `behaviour`). */
  failNext = 0;
  /** Requests being answered now, and the most at once (to check the client's pool bound). */
  inFlight = 0;
  peakInFlight = 0;
  private server: http.Server | null = null;
  private port = 0;

  constructor(private readonly source: Pick<OdsRepository, 'findCandidates' | 'findSnapshot'>) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts listening (on `port`, or the port of the previous start, or a free one). */
  async start(port = this.port): Promise<string> {
    const server = http.createServer((req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 5000;
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this.url;
  }

  /** Stops at once: open connections are cut (an outage). */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    const closed = once(server, 'close');
    server.close();
    server.closeAllConnections();
    await closed;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.requests++;
    this.inFlight++;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    res.on('close', () => this.inFlight--);
    try {
      const body = await readBody(req);
      if (this.failNext > 0) {
        this.failNext--;
        return send(res, 503, { message: 'unavailable' });
      }
      const behaviour = this.behaviour;
      if (behaviour.kind === 'error') return send(res, behaviour.status, { message: 'failure' });
      if (behaviour.kind === 'slow') {
        // Waits, unless the client gives up first.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, behaviour.delayMs);
          res.on('close', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      if (res.destroyed) return;
      const url = new URL(req.url ?? '/', 'http://stub');
      if (req.method === 'POST' && url.pathname === '/v1/customers/candidates') {
        const query = JSON.parse(body || '{}') as { legalId?: string | null; mobileNumber?: string | null };
        const candidates = await this.source.findCandidates({
          legalId: query.legalId ?? null,
          mobileNumber: query.mobileNumber ?? null,
        });
        if (behaviour.kind === 'malformed')
          return send(res, 200, { ...candidates, byLegalId: [{ cif: 'X', status: 'OPEN', extra: 1 }] });
        return send(res, 200, candidates);
      }
      const match = /^\/v1\/customers\/([^/]+)$/.exec(url.pathname);
      if (req.method === 'GET' && match) {
        const record = await this.source.findSnapshot(decodeURIComponent(match[1]));
        if (!record) return send(res, 404, { message: 'unknown CIF' });
        const customer =
          behaviour.kind === 'malformed'
            ? { ...record.snapshot, status: 'GONE', favouriteColour: 'blue' }
            : record.snapshot;
        return send(res, 200, {
          customer,
          loadedAt: record.dataAsOf.loadedAt,
          dataQualityFlags: record.dataQualityFlags,
        });
      }
      return send(res, 404, { message: 'no such route' });
    } catch {
      if (!res.headersSent) send(res, 500, { message: 'stub failure' });
    }
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
