import { ConflictError, NotFoundError, ValidationError } from '@hub/shared-kernel';

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
