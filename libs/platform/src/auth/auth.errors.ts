import { AuthenticationError, PermissionError } from '@hub/shared-kernel';

export const missingToken = () =>
  new AuthenticationError('UNAUTHENTICATED', {
    en: 'A bearer token is required',
    vi: 'Cần có mã truy cập (bearer token)',
  });

export const invalidToken = () =>
  new AuthenticationError('INVALID_TOKEN', {
    en: 'The bearer token is invalid or has expired',
    vi: 'Mã truy cập không hợp lệ hoặc đã hết hạn',
  });

export const missingScope = (required: readonly string[]) =>
  new PermissionError(
    'INSUFFICIENT_SCOPE',
    {
      en: 'The token does not grant the scope this route needs',
      vi: 'Mã truy cập không có quyền cho chức năng này',
    },
    [{ requiredScopes: required }],
  );

export const missingInstitution = () =>
  new PermissionError('INSTITUTION_REQUIRED', {
    en: 'The token carries no institutionId',
    vi: 'Mã truy cập không có mã tổ chức phát hành (institutionId)',
  });
