import { errorCatalogue, type ErrorCodeOf } from './domain-error';

/** The kernel's own errors: request validation, identifiers and the CRM life cycles. */
export const KernelErrors = errorCatalogue({
  VALIDATION_FAILED: {
    kind: 'VALIDATION',
    en: 'The request is not valid',
    vi: 'Dữ liệu yêu cầu không hợp lệ',
    example: [{ field: 'legalId', issues: ['isString'], message: 'legalId must be a string' }],
  },
  INVALID_LEGAL_ID: {
    kind: 'VALIDATION',
    en: 'The legal ID is not a CMND (9 digits), CCCD (12 digits) or passport number',
    vi: 'Số giấy tờ tùy thân không phải CMND (9 số), CCCD (12 số) hoặc số hộ chiếu',
    example: [{ field: 'legalId', issue: 'format' }],
  },
  INVALID_MOBILE_NUMBER: {
    kind: 'VALIDATION',
    en: 'The mobile number is not a valid mobile number',
    vi: 'Số điện thoại di động không hợp lệ',
    example: [{ field: 'mobileNumber', issue: 'format' }],
  },
  LEAD_CLOSED: {
    code: 'INVALID_STATUS_TRANSITION',
    kind: 'CONFLICT',
    en: 'The lead is already {from} and can no longer change',
    vi: 'Trạng thái khách hàng tiềm năng (lead) đã là {from} và không thể thay đổi',
    example: [{ recordType: 'LEAD', from: 'CLOSE_WON', to: 'CLOSE_LOST' }],
    exampleParams: { from: 'Close Won' },
  },
  OPPORTUNITY_CLOSED: {
    code: 'INVALID_STATUS_TRANSITION',
    kind: 'CONFLICT',
    en: 'The opportunity is already {from} and can no longer change',
    vi: 'Trạng thái cơ hội bán hàng đã là {from} và không thể thay đổi',
    example: [{ recordType: 'OPPORTUNITY', from: 'CLOSE_LOST', to: 'CLOSE_WON' }],
    exampleParams: { from: 'Close Lost' },
  },
  LEAD_TRANSITION_NOT_ALLOWED: {
    code: 'STATUS_TRANSITION_NOT_ALLOWED',
    kind: 'VALIDATION',
    en: 'A lead cannot move from {from} to {to}',
    vi: 'Không thể chuyển khách hàng tiềm năng (lead) từ {from} sang {to}',
  },
  OPPORTUNITY_TRANSITION_NOT_ALLOWED: {
    code: 'STATUS_TRANSITION_NOT_ALLOWED',
    kind: 'VALIDATION',
    en: 'A opportunity cannot move from {from} to {to}',
    vi: 'Không thể chuyển cơ hội bán hàng từ {from} sang {to}',
  },
});

export type KernelErrorCode = ErrorCodeOf<typeof KernelErrors>;
