import {
  BusinessRuleError,
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  validationFailed,
  type FieldIssue,
} from '@hub/shared-kernel';

/** The card registry's errors: stable codes (docs/contracts/card-registry.md), messages in English and Vietnamese. */
export const CardRegistryErrors = {
  validationFailed: (fields: readonly FieldIssue[]) => validationFailed(fields),

  customerNotFound: () =>
    new NotFoundError('CUSTOMER_NOT_FOUND', { en: 'No such customer', vi: 'Không tìm thấy khách hàng' }),

  accountNotFound: () =>
    new NotFoundError('ACCOUNT_NOT_FOUND', { en: 'No such account', vi: 'Không tìm thấy tài khoản' }),

  customerExists: (existingCustomerId: string) =>
    new ConflictError(
      'CUSTOMER_EXISTS',
      {
        en: 'A customer with this regNo already exists in the institution',
        vi: 'Khách hàng có số đăng ký (regNo) này đã tồn tại trong tổ chức',
      },
      [{ existingCustomerId }],
    ),

  versionMismatch: (currentVersion: number) =>
    new PreconditionFailedError(
      'VERSION_MISMATCH',
      {
        en: 'The customer has changed since the version given in If-Match',
        vi: 'Khách hàng đã được cập nhật sau phiên bản ghi trong If-Match',
      },
      [{ currentVersion }],
    ),

  cardNotFound: () => new NotFoundError('CARD_NOT_FOUND', { en: 'No such card', vi: 'Không tìm thấy thẻ' }),

  exportFileNotFound: () =>
    new NotFoundError('EXPORT_FILE_NOT_FOUND', {
      en: 'No such export file',
      vi: 'Không tìm thấy tệp kết xuất dữ liệu',
    }),

  cardVersionMismatch: (currentVersion: number) =>
    new PreconditionFailedError(
      'VERSION_MISMATCH',
      {
        en: 'The card has changed since the version given in If-Match',
        vi: 'Thẻ đã được cập nhật sau phiên bản ghi trong If-Match',
      },
      [{ currentVersion }],
    ),

  cardStatusTransitionNotAllowed: (from: string, to: string) =>
    new BusinessRuleError(
      'CARD_STATUS_TRANSITION_NOT_ALLOWED',
      {
        en: 'A card goes ACTIVE <-> BLOCKED, and either to CLOSED; a CLOSED card stays closed',
        vi: 'Thẻ chỉ chuyển ACTIVE <-> BLOCKED hoặc sang CLOSED; thẻ đã đóng (CLOSED) không mở lại được',
      },
      [{ from, to }],
    ),

  cardClosed: () =>
    new BusinessRuleError('CARD_CLOSED', {
      en: 'The card is CLOSED and can no longer be changed',
      vi: 'Thẻ đã đóng (CLOSED) và không thể thay đổi',
    }),

  walletCardholderNotDedicated: () =>
    new BusinessRuleError('WALLET_CARDHOLDER_NOT_DEDICATED', {
      en: 'A digital-wallet card needs a cardholder customer of its own (cardScope DEDICATED)',
      vi: 'Thẻ dùng ví điện tử cần một khách hàng chủ thẻ riêng (cardScope DEDICATED)',
    }),

  walletCardholderNoMobile: () =>
    new BusinessRuleError('WALLET_CARDHOLDER_NO_MOBILE', {
      en: 'A digital-wallet cardholder needs a valid mobile number for SMS OTP',
      vi: 'Chủ thẻ dùng ví điện tử cần số điện thoại di động hợp lệ để nhận mã OTP qua SMS',
    }),

  cardholderAlreadyHasCard: () =>
    new BusinessRuleError('CARDHOLDER_ALREADY_HAS_CARD', {
      en: 'A DEDICATED customer holds at most one card, and this one already holds a card',
      vi: 'Khách hàng DEDICATED chỉ được giữ một thẻ và khách hàng này đã có thẻ',
    }),
} as const;
