/**
 * The lock keys of a customer. An NTB customer is known by the normalised legal ID, an ETB one by
 * the CIF; an opportunity carries both when the legal ID is known. Commands always lock legal-ID
 * keys before CIF keys, so two commands never wait for each other in opposite orders.
 */
export function legalIdKey(legalId: string): string {
  return `legal:${legalId}`;
}

export function cifKey(cif: string): string {
  return `cif:${cif}`;
}

export function keysOf(record: { legalId: string | null; cif: string | null }): string[] {
  const keys: string[] = [];
  if (record.legalId) keys.push(legalIdKey(record.legalId));
  if (record.cif) keys.push(cifKey(record.cif));
  return keys;
}
