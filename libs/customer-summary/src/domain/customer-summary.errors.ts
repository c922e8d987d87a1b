import { errorCatalogue, type ErrorCodeOf } from '@hub/shared-kernel';

/** The customer summary's errors (docs/contracts/customer-summary.md), messages in English and Vietnamese. */
export const CustomerSummaryErrors = errorCatalogue({
  /**
   * The identifiers point at more than one open CIF. The message is exactly the source's;
   * `details` carries only how many CIFs matched, never which.
   */
  DUPLICATE_CIF: {
    kind: 'CONFLICT',
    en: 'Customer information matches other customers in the system',
    vi: 'Thông tin bị trùng',
    example: [{ matchedCount: 2 }],
  },
  /** Neither a legal ID nor a mobile number was given. */
  IDENTIFIER_REQUIRED: {
    code: 'VALIDATION_FAILED',
    kind: 'VALIDATION',
    en: 'Give a legal ID, a mobile number or both',
    vi: 'Cần nhập số giấy tờ tùy thân, số điện thoại di động hoặc cả hai',
    example: [
      { field: '(body)', issues: ['atLeastOneIdentifier'], message: 'legalId or mobileNumber is required' },
    ],
  },
  /** A legal ID or mobile number that is not one. */
  INVALID_IDENTIFIER: {
    code: 'VALIDATION_FAILED',
    kind: 'VALIDATION',
    en: 'The legal ID or the mobile number is not valid',
    vi: 'Số giấy tờ tùy thân hoặc số điện thoại di động không hợp lệ',
    example: [
      {
        field: 'legalId',
        issues: ['isLegalId'],
        message: 'legalId must be a CMND (9 digits), CCCD (12 digits) or passport number',
      },
    ],
  },
  /** The bank's ODS service did not answer in time, or is failing (ODS_MODE=http): 503 with Retry-After. */
  ODS_UNAVAILABLE: {
    kind: 'UNAVAILABLE',
    en: 'The operational data store is unavailable; try again later',
    vi: 'Kho dữ liệu vận hành (ODS) tạm thời không khả dụng; vui lòng thử lại sau',
  },
  /**
   * The bank's ODS service answered with data the hub refuses (the same strict rules as the NDJSON
   * feed): 503, since nothing the caller can change would help. `details` names the fields, never
   * their values.
   */
  ODS_INVALID_RESPONSE: {
    kind: 'UNAVAILABLE',
    en: 'The operational data store answered with invalid data',
    vi: 'Kho dữ liệu vận hành (ODS) trả về dữ liệu không hợp lệ',
    example: [{ problem: 'customer.cif: required' }],
  },
  /** ODS_MODE=http: the hub reads the bank's ODS service and keeps no ODS data of its own. */
  ODS_LOADS_DISABLED: {
    kind: 'CONFLICT',
    en: 'The hub reads the bank’s ODS service (ODS_MODE=http): load the data into that service',
    vi: 'Hub đang đọc trực tiếp dịch vụ ODS của ngân hàng (ODS_MODE=http): hãy nạp dữ liệu vào dịch vụ đó',
  },
});

export type CustomerSummaryErrorCode = ErrorCodeOf<typeof CustomerSummaryErrors>;
