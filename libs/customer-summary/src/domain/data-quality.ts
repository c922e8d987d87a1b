import { LegalId } from '@hub/shared-kernel';
import type { OdsCustomerSnapshot } from './ods-snapshot';

/**
 * Data-quality flags: facts about a CIF's record that do not stop it from loading or being shown,
 * but that a relationship manager (and the ODS owner) should see.
 * - CCCD_BIRTH_YEAR_MISMATCH: a CCCD's birth-year digits (positions 4-6) disagree with the date of birth;
 * - CCCD_GENDER_MISMATCH: a CCCD's century-and-gender digit disagrees with the gender (M/F);
 * - SHARED_LEGAL_ID: one of the CIF's legal IDs is also held by another open (not CLOSED) CIF;
 * - SHARED_MOBILE_NUMBER: one of the CIF's mobile numbers is also held by another open CIF.
 * The shared flags are set on open CIFs only (a CLOSED CIF is never a candidate).
 */
export type DataQualityCode =
  'CCCD_BIRTH_YEAR_MISMATCH' | 'CCCD_GENDER_MISMATCH' | 'SHARED_LEGAL_ID' | 'SHARED_MOBILE_NUMBER';

/** Every code, in the order they are listed in a response. */
export const DATA_QUALITY_CODES: readonly DataQualityCode[] = [
  'CCCD_BIRTH_YEAR_MISMATCH',
  'CCCD_GENDER_MISMATCH',
  'SHARED_LEGAL_ID',
  'SHARED_MOBILE_NUMBER',
];

/** The flags that depend on other CIFs (recomputed whenever a CIF holding the identifier changes). */
export const SHARED_IDENTIFIER_CODES: readonly DataQualityCode[] = [
  'SHARED_LEGAL_ID',
  'SHARED_MOBILE_NUMBER',
];

export function isDataQualityCode(value: unknown): value is DataQualityCode {
  return typeof value === 'string' && (DATA_QUALITY_CODES as readonly string[]).includes(value);
}

/** Distinct codes in the canonical order. */
export function canonicalFlags(codes: Iterable<DataQualityCode>): DataQualityCode[] {
  const set = new Set(codes);
  return DATA_QUALITY_CODES.filter((c) => set.has(c));
}

/** The flags a snapshot carries on its own (its CCCDs against its date of birth and gender). */
export function recordQualityFlags(snapshot: OdsCustomerSnapshot): DataQualityCode[] {
  const flags: DataQualityCode[] = [];
  for (const legalId of snapshot.legalIds) {
    const info = LegalId.tryParse(legalId.number)?.cccdBirthInfo();
    if (!info) continue;
    if (snapshot.dateOfBirth && Number(snapshot.dateOfBirth.slice(0, 4)) !== info.birthYear)
      flags.push('CCCD_BIRTH_YEAR_MISMATCH');
    if ((snapshot.gender === 'M' || snapshot.gender === 'F') && snapshot.gender !== info.gender)
      flags.push('CCCD_GENDER_MISMATCH');
  }
  return canonicalFlags(flags);
}

/**
 * The shared-identifier flags of `snapshot` among `all` (which may include it): the same rule as
 * the SQL of the stored ODS, for the in-memory ODS and the stub ODS service.
 */
export function sharedIdentifierFlags(
  snapshot: OdsCustomerSnapshot,
  all: Iterable<OdsCustomerSnapshot>,
): DataQualityCode[] {
  if (snapshot.status === 'CLOSED') return [];
  const flags: DataQualityCode[] = [];
  const legalIds = new Set(snapshot.legalIds.map((l) => l.number));
  const mobiles = new Set(snapshot.mobileNumbers);
  for (const other of all) {
    if (other.cif === snapshot.cif || other.status === 'CLOSED') continue;
    if (other.legalIds.some((l) => legalIds.has(l.number))) flags.push('SHARED_LEGAL_ID');
    if (other.mobileNumbers.some((m) => mobiles.has(m))) flags.push('SHARED_MOBILE_NUMBER');
  }
  return canonicalFlags(flags);
}
