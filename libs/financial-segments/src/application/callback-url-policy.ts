import { isIP } from 'node:net';
import { callbackUrlNotAllowed } from '../domain/segments.errors';
import { isPublicAddress } from '../domain/webhooks/ip-address';
import type { HostResolver } from './ports/host-resolver';

/**
 * Callback URLs must be https to a public address, unless private targets are allowed
 * (`WEBHOOK_ALLOW_PRIVATE=true`, for development and tests, where http is allowed too). A name is
 * judged by every address DNS gives for it, so a public name pointing at 10.0.0.5 is refused;
 * the webhook sender checks the addresses again when it connects (a name can change between).
 * Throws 400 CALLBACK_URL_NOT_ALLOWED (or the error `refuse` makes, e.g. for a redirect URL).
 */
export async function assertCallbackUrlAllowed(
  raw: string,
  allowPrivate: boolean,
  resolver: HostResolver,
  refuse: (reason: string) => Error = callbackUrlNotAllowed,
): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse('not an absolute URL');
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) {
    throw refuse('scheme must be https');
  }
  if (url.username || url.password) throw refuse('credentials in the URL');
  if (allowPrivate) return url;

  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await resolver.resolve(host);
    } catch {
      throw refuse('host does not resolve');
    }
  }
  if (addresses.length === 0) throw refuse('host does not resolve');
  if (!addresses.every(isPublicAddress)) throw refuse('host is not a public address');
  return url;
}
