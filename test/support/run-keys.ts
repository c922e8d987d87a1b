import { randomBytes, randomInt } from 'node:crypto';

/**
 * Keys that are unique per run. The e2e suites create their own data; against a deployed hub
 * (E2E_BASE_URL) the data of earlier runs is still there, so every natural key a suite creates
 * (registration numbers, external user IDs, legal IDs, mobiles, CIFs, customer numbers) is made
 * here, and two runs against one hub never collide. Each test file gets its own tag (jest loads
 * modules per file); `E2E_RUN_ID` fixes it (to replay a run's data by hand).
 */
export const RUN_ID = (process.env.E2E_RUN_ID ?? randomBytes(5).toString('hex')).toUpperCase().slice(0, 10);

const used = new Set<string>();

function once(make: () => string): string {
  for (;;) {
    const key = make();
    if (!used.has(key)) {
      used.add(key);
      return key;
    }
  }
}

/** `base` tagged with this run: `DUP-001` becomes `DUP-001-3FA9C01B2D`. */
export function unique(base: string): string {
  return `${base}-${RUN_ID}`;
}

/** `n` random digits (the first one given by `lead` when set), never twice in this file. */
export function uniqueDigits(n: number, lead = ''): string {
  return once(() => lead + Array.from({ length: n - lead.length }, () => randomInt(10)).join(''));
}

/** A 12-digit citizen ID (CCCD) no earlier run used. */
export const uniqueLegalId = (): string => uniqueDigits(12, '0');

/** A 9-digit identity card number (CMND) no earlier run used. */
export const uniqueCmnd = (): string => uniqueDigits(9, '1');

/** A Vietnamese mobile number (national form, `091...`) no earlier run used. */
export const uniqueMobile = (): string => uniqueDigits(10, '091');

/** A 10-digit CIF no earlier run used. */
export const uniqueCif = (): string => uniqueDigits(10, '8');
