import { domainError, type ErrorEntry } from '@hub/shared-kernel';
import { BlockList, isIP } from 'node:net';
import { SegmentErrors } from '../domain/segments.errors';
import { isPublicAddress } from '../domain/webhooks/ip-address';
import type { HostResolver } from './ports/host-resolver';

/** Which error a refused URL gives, and on which field. */
export interface UrlRefusal {
  readonly entry: ErrorEntry<'VALIDATION'>;
  readonly field: string;
}

/**
 * `a.b.c.d/n` or an IPv6 network `x::/n`: the form of each WEBHOOK_ALLOWED_CIDRS entry. Null when
 * the text is not one.
 */
export function parseCidr(text: string): { network: string; prefix: number; family: 'ipv4' | 'ipv6' } | null {
  const m = /^([^/\s]+)\/(\d{1,3})$/.exec(text.trim());
  if (!m) return null;
  const family = isIP(m[1]);
  const prefix = Number(m[2]);
  if (family === 0 || prefix > (family === 4 ? 32 : 128)) return null;
  return { network: m[1], prefix, family: family === 4 ? 'ipv4' : 'ipv6' };
}

const lists = new WeakMap<readonly string[], BlockList>();

/**
 * Whether a callback may reach this address: a public one, or one inside a network the
 * deployment named in WEBHOOK_ALLOWED_CIDRS (an internal receiver in production).
 */
export function isAllowedCallbackAddress(address: string, allowedCidrs: readonly string[] = []): boolean {
  if (isPublicAddress(address)) return true;
  if (allowedCidrs.length === 0) return false;
  let list = lists.get(allowedCidrs);
  if (!list) {
    list = new BlockList();
    for (const cidr of allowedCidrs) {
      const parsed = parseCidr(cidr);
      if (parsed) list.addSubnet(parsed.network, parsed.prefix, parsed.family);
    }
    lists.set(allowedCidrs, list);
  }
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Callback URLs must be https to a public address or to a network named in
 * WEBHOOK_ALLOWED_CIDRS, unless private targets are allowed (`WEBHOOK_ALLOW_PRIVATE=true`, for
 * development and tests only, where http is allowed too; production refuses it). A name is
 * judged by every address DNS gives for it, so a public name pointing at 10.0.0.5 is refused;
 * the webhook sender checks the addresses again when it connects (a name can change between).
 * Throws 400 CALLBACK_URL_NOT_ALLOWED (or `refusal`'s error on its field, e.g. for a redirect URL).
 */
export async function assertCallbackUrlAllowed(
  raw: string,
  allowPrivate: boolean,
  resolver: HostResolver,
  allowedCidrs: readonly string[] = [],
  refusal: UrlRefusal = { entry: SegmentErrors.CALLBACK_URL_NOT_ALLOWED, field: 'callbackUrl' },
): Promise<URL> {
  const refuse = (reason: string) => domainError(refusal.entry, [{ field: refusal.field, reason }]);
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
  if (!addresses.every((a) => isAllowedCallbackAddress(a, allowedCidrs)))
    throw refuse('host is not a public address');
  return url;
}
