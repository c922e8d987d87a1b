import { ConflictError, ValidationError } from '@hub/shared-kernel';

/**
 * The identifiers point at more than one open CIF (DESIGN §4). The message is exactly the
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
