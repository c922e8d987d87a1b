/**
 * An e-mail address as forms accept it: the WHATWG HTML "valid e-mail address" grammar (what
 * browsers check), a domain with at least one dot, and RFC 5321's limits (64-octet local part,
 * 254 in all). Trimmed; the domain is lower-cased (it is case-insensitive), the local part kept.
 * Returns the normalised address or null.
 */
const HTML_EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;

export function normaliseEmail(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const value = raw.trim();
  if (value.length > 254 || !HTML_EMAIL.test(value)) return null;
  const at = value.lastIndexOf('@');
  const local = value.slice(0, at);
  if (local.length > 64 || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return null;
  return `${local}@${value.slice(at + 1).toLowerCase()}`;
}
