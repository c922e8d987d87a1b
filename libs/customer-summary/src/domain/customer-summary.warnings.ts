import type { LocalizedText } from '@hub/shared-kernel';
import type { CustomerSummary } from './customer-summary';
import type { DataQualityCode } from './data-quality';

/**
 * Warnings beside the data of a summary: `STALE_DATA` when the CIF's data was extracted longer
 * ago than the configured limit, and one warning per data-quality flag of the CIF shown.
 */
export type SummaryWarningCode = 'STALE_DATA' | DataQualityCode;

export const SUMMARY_WARNING_CODES: readonly SummaryWarningCode[] = [
  'STALE_DATA',
  'CCCD_BIRTH_YEAR_MISMATCH',
  'CCCD_GENDER_MISMATCH',
  'SHARED_LEGAL_ID',
  'SHARED_MOBILE_NUMBER',
];

export interface SummaryWarning {
  readonly code: SummaryWarningCode;
  /** The CIF the warning is about. */
  readonly cif: string;
}

/** The warnings of one summary at `now`: STALE_DATA first, then the flags in canonical order. */
export function summaryWarnings(
  summary: CustomerSummary,
  now: Date,
  staleAfterHours: number,
): SummaryWarning[] {
  const warnings: SummaryWarning[] = [];
  const ageMs = now.getTime() - Date.parse(summary.dataAsOf.extractedAt);
  if (ageMs > staleAfterHours * 3_600_000) warnings.push({ code: 'STALE_DATA', cif: summary.cif });
  for (const code of summary.dataQualityFlags) warnings.push({ code, cif: summary.cif });
  return warnings;
}

/** The message of each warning code (a new code without text does not compile). */
export function warningText(code: SummaryWarningCode): LocalizedText {
  switch (code) {
    case 'STALE_DATA':
      return {
        en: 'The data is older than the freshness limit: check dataAsOf before deciding',
        vi: 'Dữ liệu đã cũ hơn giới hạn cho phép: kiểm tra dataAsOf trước khi quyết định',
      };
    case 'CCCD_BIRTH_YEAR_MISMATCH':
      return {
        en: "The CCCD's birth-year digits disagree with the date of birth",
        vi: 'Năm sinh trên số CCCD không khớp với ngày sinh',
      };
    case 'CCCD_GENDER_MISMATCH':
      return {
        en: "The CCCD's gender digit disagrees with the gender",
        vi: 'Mã giới tính trên số CCCD không khớp với giới tính',
      };
    case 'SHARED_LEGAL_ID':
      return {
        en: 'A legal ID of this customer is also held by another open CIF',
        vi: 'Giấy tờ tùy thân của khách hàng này cũng thuộc một CIF khác đang mở',
      };
    case 'SHARED_MOBILE_NUMBER':
      return {
        en: 'A mobile number of this customer is also held by another open CIF',
        vi: 'Số điện thoại di động của khách hàng này cũng thuộc một CIF khác đang mở',
      };
  }
}
