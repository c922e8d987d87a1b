import { ConflictError, UnavailableError, ValidationError } from '@hub/shared-kernel';

/**
 * The identifiers point at more than one open CIF (docs/contracts/customer-summary.md). The message is exactly the
 * source's; `details` carries only how many CIFs matched, never which.
 */
export class DuplicateCifError extends ConflictError {
  constructor(readonly matchedCount: number) {
    super(
      'DUPLICATE_CIF',
      { en: 'Customer information matches other customers in the system', vi: 'Thông tin bị trùng' },
      [{ matchedCount }],
    );
  }
}

/** Neither a legal ID nor a mobile number was given. */
export class IdentifierRequiredError extends ValidationError {
  constructor() {
    super(
      'VALIDATION_FAILED',
      {
        en: 'Give a legal ID, a mobile number or both',
        vi: 'Cần nhập số giấy tờ tùy thân, số điện thoại di động hoặc cả hai',
      },
      [{ field: '(body)', issues: ['atLeastOneIdentifier'], message: 'legalId or mobileNumber is required' }],
    );
  }
}

/** The bank's ODS service did not answer in time, or is failing (ODS_MODE=http): 503 with Retry-After. */
export class OdsUnavailableError extends UnavailableError {
  constructor(retryAfterSeconds: number) {
    super(
      'ODS_UNAVAILABLE',
      {
        en: 'The operational data store is unavailable; try again later',
        vi: 'Kho dữ liệu vận hành (ODS) tạm thời không khả dụng; vui lòng thử lại sau',
      },
      [],
      retryAfterSeconds,
    );
  }
}

/**
 * The bank's ODS service answered with data the hub refuses (the same strict rules as the NDJSON
 * feed): 503, since nothing the caller can change would help. `details` names the fields, never
 * their values.
 */
export class OdsInvalidResponseError extends UnavailableError {
  constructor(problems: readonly string[], retryAfterSeconds: number) {
    super(
      'ODS_INVALID_RESPONSE',
      {
        en: 'The operational data store answered with invalid data',
        vi: 'Kho dữ liệu vận hành (ODS) trả về dữ liệu không hợp lệ',
      },
      problems.slice(0, 10).map((problem) => ({ problem })),
      retryAfterSeconds,
    );
  }
}

/** ODS_MODE=http: the hub reads the bank's ODS service and keeps no ODS data of its own. */
export class OdsLoadsDisabledError extends ConflictError {
  constructor() {
    super('ODS_LOADS_DISABLED', {
      en: 'The hub reads the bank’s ODS service (ODS_MODE=http): load the data into that service',
      vi: 'Hub đang đọc trực tiếp dịch vụ ODS của ngân hàng (ODS_MODE=http): hãy nạp dữ liệu vào dịch vụ đó',
    });
  }
}
