import { ConflictError, NotFoundError, PermissionError, ValidationError } from '@hub/shared-kernel';

export const callbackUrlNotAllowed = (reason: string) =>
  new ValidationError(
    'CALLBACK_URL_NOT_ALLOWED',
    {
      en: 'The callback URL is not allowed: it must be https to a public address',
      vi: 'Địa chỉ callback không được phép: phải là https tới một địa chỉ công khai',
    },
    [{ field: 'callbackUrl', reason }],
  );

export const invalidSegmentCriteria = (problems: readonly { field: string; reason: string }[]) =>
  new ValidationError(
    'INVALID_SEGMENT_CRITERIA',
    { en: 'The segment criteria are not consistent', vi: 'Tiêu chí phân khúc không hợp lệ' },
    problems,
  );

export const userNotFound = () =>
  new NotFoundError('USER_NOT_FOUND', { en: 'User not found', vi: 'Không tìm thấy người dùng' });
export const caseNotFound = () =>
  new NotFoundError('CASE_NOT_FOUND', { en: 'Case not found', vi: 'Không tìm thấy hồ sơ' });
export const reportNotFound = () =>
  new NotFoundError('REPORT_NOT_FOUND', {
    en: 'Income report not found',
    vi: 'Không tìm thấy báo cáo thu nhập',
  });
export const jobNotFound = () =>
  new NotFoundError('JOB_NOT_FOUND', { en: 'Job not found', vi: 'Không tìm thấy tác vụ' });
export const segmentNotFound = () =>
  new NotFoundError('SEGMENT_NOT_FOUND', { en: 'Segment not found', vi: 'Không tìm thấy phân khúc' });
export const cifNotFound = () =>
  new NotFoundError('CIF_NOT_FOUND', {
    en: 'No customer with this CIF',
    vi: 'Không tìm thấy khách hàng với số CIF này',
  });
export const webhookDeliveryNotFound = () =>
  new NotFoundError('WEBHOOK_DELIVERY_NOT_FOUND', {
    en: 'Webhook delivery not found',
    vi: 'Không tìm thấy lần gửi webhook',
  });
export const webhookDeliveryPending = () =>
  new ConflictError('WEBHOOK_DELIVERY_PENDING', {
    en: 'The webhook delivery is still pending: an attempt is already queued',
    vi: 'Lần gửi webhook vẫn đang chờ: đã có một lần gửi trong hàng đợi',
  });

export const redirectUrlNotAllowed = (reason: string) =>
  new ValidationError(
    'REDIRECT_URL_NOT_ALLOWED',
    {
      en: 'The redirect URL is not allowed: it must be https to a public address',
      vi: 'Địa chỉ chuyển hướng không được phép: phải là https tới một địa chỉ công khai',
    },
    [{ field: 'redirectUrl', reason }],
  );
export const processNotFound = () =>
  new NotFoundError('PROCESS_NOT_FOUND', { en: 'Process not found', vi: 'Không tìm thấy quy trình' });
export const processTokenUsed = () =>
  new ConflictError('PROCESS_TOKEN_USED', {
    en: 'This link has already been used: the import was confirmed or cancelled',
    vi: 'Liên kết này đã được sử dụng: việc nhập dữ liệu đã được xác nhận hoặc hủy',
  });
export const processExpired = () =>
  new ConflictError('PROCESS_EXPIRED', {
    en: 'This link has expired; ask the app for a new one',
    vi: 'Liên kết này đã hết hạn; hãy yêu cầu ứng dụng tạo liên kết mới',
  });
export const csrfTokenInvalid = () =>
  new PermissionError('CSRF_TOKEN_INVALID', {
    en: 'The form is not valid any more; reload the page',
    vi: 'Biểu mẫu không còn hợp lệ; hãy tải lại trang',
  });
export const consentRequired = () =>
  new ValidationError(
    'CONSENT_REQUIRED',
    {
      en: 'Consent to the current text is required before the import',
      vi: 'Cần đồng ý với nội dung hiện hành trước khi nhập dữ liệu',
    },
    [{ field: 'consent', reason: 'the consent of the current text version must be given' }],
  );
export const statementInvalid = (
  problems: readonly { file: string; line: number | null; element: string | null; message: string }[],
) =>
  new ValidationError(
    'STATEMENT_INVALID',
    {
      en: 'A statement file could not be read; nothing was stored',
      vi: 'Không đọc được tệp sao kê; chưa có dữ liệu nào được lưu',
    },
    problems,
  );
export const uploadTooLarge = (limitBytes: number) =>
  new ValidationError(
    'UPLOAD_TOO_LARGE',
    {
      en: `The files are larger than ${limitBytes} bytes together`,
      vi: `Tổng dung lượng các tệp vượt quá ${limitBytes} byte`,
    },
    [{ field: 'files', reason: `at most ${limitBytes} bytes in all` }],
  );
