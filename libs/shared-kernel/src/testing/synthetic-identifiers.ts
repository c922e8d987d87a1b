/**
 * Synthetic identifiers for tests of code built on the kernel: valid by the kernel's own rules,
 * never a real person's (the province code `079` with a serial the test chooses).
 */

/** A CCCD (12 digits) encoding this birth year and gender (digit 4: century and gender). */
export function syntheticCccd(serial: number, birthYear = 1990, gender: 'M' | 'F' = 'M'): string {
  if (!Number.isInteger(serial) || serial < 0 || serial > 999_999)
    throw new RangeError('serial: 0 to 999999');
  if (!Number.isInteger(birthYear) || birthYear < 1900 || birthYear > 2299) {
    throw new RangeError('birthYear: 1900 to 2299');
  }
  const code = Math.floor((birthYear - 1900) / 100) * 2 + (gender === 'M' ? 0 : 1);
  return `079${code}${String(birthYear % 100).padStart(2, '0')}${String(serial).padStart(6, '0')}`;
}

/** A Vietnamese mobile number in national form (`09...`, 10 digits) from a serial. */
export function syntheticMobile(serial: number): string {
  if (!Number.isInteger(serial) || serial < 0 || serial > 9_999_999)
    throw new RangeError('serial: 0 to 9999999');
  return `091${String(serial).padStart(7, '0')}`;
}
