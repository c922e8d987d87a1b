import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { isIP } from 'node:net';
import http from 'node:http';
import https from 'node:https';
import { Injectable, Optional } from '@nestjs/common';
import { HubMetrics } from '@hub/platform';
import { isAllowedCallbackAddress } from '../../application/callback-url-policy';
import {
  type WebhookRequest,
  type WebhookResponse,
  WebhookSender,
} from '../../application/ports/webhook-sender';

/** How much of a receiver's answer is read (and then thrown away). */
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * Posts callbacks with node's http(s) client: no redirects followed, one time-out for the whole
 * attempt (connect, send, answer), and, unless private targets are allowed, a DNS lookup that
 * refuses non-public addresses at connection time (a name may have changed since the URL was
 * accepted: DNS rebinding).
 */
@Injectable()
export class NodeHttpWebhookSender extends WebhookSender {
  constructor(@Optional() private readonly metrics?: HubMetrics) {
    super();
  }

  /** One attempt, counted by outcome in `hub_webhook_deliveries_total`. */
  async post(request: WebhookRequest): Promise<WebhookResponse> {
    const response = await this.attempt(request);
    this.metrics?.countWebhook(response.statusCode);
    return response;
  }

  private attempt(request: WebhookRequest): Promise<WebhookResponse> {
    const allowed = request.allowedCidrs ?? [];
    const refusal = request.allowPrivate ? null : refuseTarget(request.url, allowed);
    if (refusal) return Promise.resolve({ statusCode: null, error: refusal });
    return new Promise((resolve) => {
      let settled = false;
      const finish = (response: WebhookResponse) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(response);
      };
      const url = new URL(request.url);
      const client = url.protocol === 'https:' ? https : http;
      const req = client.request(
        url,
        {
          method: 'POST',
          headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body) },
          lookup: request.allowPrivate ? undefined : allowedOnlyLookup(allowed),
          agent: false,
        },
        (res) => {
          let received = 0;
          res.on('data', (chunk: Buffer) => {
            received += chunk.length;
            if (received > MAX_RESPONSE_BYTES) res.destroy();
          });
          const done = () => finish({ statusCode: res.statusCode ?? null, error: null });
          res.on('end', done);
          res.on('close', done);
          res.on('error', done);
        },
      );
      const timer = setTimeout(() => {
        req.destroy();
        finish({ statusCode: null, error: `timeout after ${request.timeoutMs} ms` });
      }, request.timeoutMs);
      req.on('error', (error: NodeJS.ErrnoException) =>
        finish({ statusCode: null, error: error.code ?? error.message }),
      );
      req.end(request.body);
    });
  }
}

/**
 * What the lookup cannot see: node connects to an IP-literal host without a DNS lookup, so a
 * non-public literal is refused here, as is any scheme but https (the URL policy's rules again,
 * at connection time).
 */
function refuseTarget(raw: string, allowedCidrs: readonly string[]): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'CALLBACK_URL_NOT_ALLOWED';
  }
  if (url.protocol !== 'https:') return 'CALLBACK_URL_NOT_ALLOWED';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !isAllowedCallbackAddress(host, allowedCidrs)) return 'CALLBACK_ADDRESS_NOT_ALLOWED';
  return null;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

const allowedOnlyLookup =
  (allowedCidrs: readonly string[]) =>
  (hostname: string, options: object, callback: LookupCallback): void =>
    publicOnlyLookup(hostname, options, callback, allowedCidrs);

function publicOnlyLookup(
  hostname: string,
  options: object,
  callback: LookupCallback,
  allowedCidrs: readonly string[] = [],
): void {
  dnsLookup(hostname, { ...(options as LookupAllOptions), all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const blocked = addresses.find((a) => !isAllowedCallbackAddress(a.address, allowedCidrs));
    if (blocked || addresses.length === 0) {
      const refused: NodeJS.ErrnoException = new Error('callback host resolves to a non-public address');
      refused.code = 'CALLBACK_ADDRESS_NOT_ALLOWED';
      return callback(refused, []);
    }
    if ((options as { all?: boolean }).all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}
