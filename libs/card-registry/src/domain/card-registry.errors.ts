import { errorCatalogue, type ErrorCodeOf } from '@hub/shared-kernel';

/** The card registry's errors: stable codes (docs/contracts/card-registry.md), messages in English and Vietnamese. */
export const CardRegistryErrors = errorCatalogue({
  CUSTOMER_NOT_FOUND: { kind: 'NOT_FOUND', en: 'No such customer', vi: 'Không tìm thấy khách hàng' },
  ACCOUNT_NOT_FOUND: { kind: 'NOT_FOUND', en: 'No such account', vi: 'Không tìm thấy tài khoản' },
  CARD_NOT_FOUND: { kind: 'NOT_FOUND', en: 'No such card', vi: 'Không tìm thấy thẻ' },
  EXPORT_FILE_NOT_FOUND: {
    kind: 'NOT_FOUND',
    en: 'No such export file',
    vi: 'Không tìm thấy tệp kết xuất dữ liệu',
  },
  CUSTOMER_EXISTS: {
    kind: 'CONFLICT',
    en: 'A customer with this regNo already exists in the institution',
    vi: 'Khách hàng có số đăng ký (regNo) này đã tồn tại trong tổ chức',
    example: [{ existingCustomerId: '0f8b6c1e-2a4d-4f7b-9c3e-5d6a7b8c9d01' }],
  },
  VERSION_MISMATCH: {
    kind: 'PRECONDITION_FAILED',
    en: 'The customer has changed since the version given in If-Match',
    vi: 'Khách hàng đã được cập nhật sau phiên bản ghi trong If-Match',
    example: [{ currentVersion: 3 }],
  },
  CARD_VERSION_MISMATCH: {
    code: 'VERSION_MISMATCH',
    kind: 'PRECONDITION_FAILED',
    en: 'The card has changed since the version given in If-Match',
    vi: 'Thẻ đã được cập nhật sau phiên bản ghi trong If-Match',
    example: [{ currentVersion: 2 }],
  },
  CARD_STATUS_TRANSITION_NOT_ALLOWED: {
    kind: 'BUSINESS_RULE',
    en: 'A card goes ACTIVE <-> BLOCKED, and either to CLOSED; a CLOSED card stays closed',
    vi: 'Thẻ chỉ chuyển ACTIVE <-> BLOCKED hoặc sang CLOSED; thẻ đã đóng (CLOSED) không mở lại được',
    example: [{ from: 'CLOSED', to: 'ACTIVE' }],
  },
  CARD_CLOSED: {
    kind: 'BUSINESS_RULE',
    en: 'The card is CLOSED and can no longer be changed',
    vi: 'Thẻ đã đóng (CLOSED) và không thể thay đổi',
  },
  WALLET_CARDHOLDER_NOT_DEDICATED: {
    kind: 'BUSINESS_RULE',
    en: 'A digital-wallet card needs a cardholder customer of its own (cardScope DEDICATED)',
    vi: 'Thẻ dùng ví điện tử cần một khách hàng chủ thẻ riêng (cardScope DEDICATED)',
  },
  WALLET_CARDHOLDER_NO_MOBILE: {
    kind: 'BUSINESS_RULE',
    en: 'A digital-wallet cardholder needs a valid mobile number for SMS OTP',
    vi: 'Chủ thẻ dùng ví điện tử cần số điện thoại di động hợp lệ để nhận mã OTP qua SMS',
  },
  CARDHOLDER_ALREADY_HAS_CARD: {
    kind: 'BUSINESS_RULE',
    en: 'A DEDICATED customer holds at most one card, and this one already holds a card',
    vi: 'Khách hàng DEDICATED chỉ được giữ một thẻ và khách hàng này đã có thẻ',
  },
});

export type CardRegistryErrorCode = ErrorCodeOf<typeof CardRegistryErrors>;
