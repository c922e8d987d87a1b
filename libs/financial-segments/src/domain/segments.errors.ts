import { errorCatalogue, type ErrorCodeOf } from '@hub/shared-kernel';

/** The financial segments' errors (docs/contracts/financial-segments.md), messages in English and Vietnamese. */
export const SegmentErrors = errorCatalogue({
  CALLBACK_URL_NOT_ALLOWED: {
    kind: 'VALIDATION',
    en: 'The callback URL is not allowed: it must be https to a public address',
    vi: 'Địa chỉ callback không được phép: phải là https tới một địa chỉ công khai',
    example: [{ field: 'callbackUrl', reason: 'not https' }],
  },
  INVALID_SEGMENT_CRITERIA: {
    kind: 'VALIDATION',
    en: 'The segment criteria are not consistent',
    vi: 'Tiêu chí phân khúc không hợp lệ',
    example: [{ field: 'minIncome', reason: 'must not be greater than maxIncome' }],
  },
  USER_NOT_FOUND: { kind: 'NOT_FOUND', en: 'User not found', vi: 'Không tìm thấy người dùng' },
  CASE_NOT_FOUND: { kind: 'NOT_FOUND', en: 'Case not found', vi: 'Không tìm thấy hồ sơ' },
  REPORT_NOT_FOUND: {
    kind: 'NOT_FOUND',
    en: 'Income report not found',
    vi: 'Không tìm thấy báo cáo thu nhập',
  },
  JOB_NOT_FOUND: { kind: 'NOT_FOUND', en: 'Job not found', vi: 'Không tìm thấy tác vụ' },
  SEGMENT_NOT_FOUND: { kind: 'NOT_FOUND', en: 'Segment not found', vi: 'Không tìm thấy phân khúc' },
  CIF_NOT_FOUND: {
    kind: 'NOT_FOUND',
    en: 'No customer with this CIF',
    vi: 'Không tìm thấy khách hàng với số CIF này',
  },
  WEBHOOK_DELIVERY_NOT_FOUND: {
    kind: 'NOT_FOUND',
    en: 'Webhook delivery not found',
    vi: 'Không tìm thấy lần gửi webhook',
  },
  WEBHOOK_DELIVERY_PENDING: {
    kind: 'CONFLICT',
    en: 'The webhook delivery is still pending: an attempt is already queued',
    vi: 'Lần gửi webhook vẫn đang chờ: đã có một lần gửi trong hàng đợi',
  },
  REDIRECT_URL_NOT_ALLOWED: {
    kind: 'VALIDATION',
    en: 'The redirect URL is not allowed: it must be https to a public address',
    vi: 'Địa chỉ chuyển hướng không được phép: phải là https tới một địa chỉ công khai',
    example: [{ field: 'redirectUrl', reason: 'not https' }],
  },
  PROCESS_NOT_FOUND: { kind: 'NOT_FOUND', en: 'Process not found', vi: 'Không tìm thấy quy trình' },
  PROCESS_TOKEN_USED: {
    kind: 'CONFLICT',
    en: 'This link has already been used: the import was confirmed or cancelled',
    vi: 'Liên kết này đã được sử dụng: việc nhập dữ liệu đã được xác nhận hoặc hủy',
  },
  PROCESS_EXPIRED: {
    kind: 'CONFLICT',
    en: 'This link has expired; ask the app for a new one',
    vi: 'Liên kết này đã hết hạn; hãy yêu cầu ứng dụng tạo liên kết mới',
  },
  CSRF_TOKEN_INVALID: {
    kind: 'FORBIDDEN',
    en: 'The form is not valid any more; reload the page',
    vi: 'Biểu mẫu không còn hợp lệ; hãy tải lại trang',
  },
  CONSENT_REQUIRED: {
    kind: 'VALIDATION',
    en: 'Consent to the current text is required before the import',
    vi: 'Cần đồng ý với nội dung hiện hành trước khi nhập dữ liệu',
    example: [{ field: 'consent', reason: 'the consent of the current text version must be given' }],
  },
  STATEMENT_INVALID: {
    kind: 'VALIDATION',
    en: 'A statement file could not be read; nothing was stored',
    vi: 'Không đọc được tệp sao kê; chưa có dữ liệu nào được lưu',
    example: [{ file: 'statement.sta', line: 12, element: null, message: 'tag :61: is malformed' }],
  },
  UPLOAD_TOO_LARGE: {
    kind: 'VALIDATION',
    en: 'The files are larger than {limitBytes} bytes together',
    vi: 'Tổng dung lượng các tệp vượt quá {limitBytes} byte',
    example: [{ field: 'files', reason: 'at most 10485760 bytes in all' }],
    exampleParams: { limitBytes: 10485760 },
  },
});

export type SegmentErrorCode = ErrorCodeOf<typeof SegmentErrors>;
