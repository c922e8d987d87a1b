import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from './error-response.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (VALIDATION_FAILED, one detail per field)',
  401: 'No or invalid bearer token',
  403: 'The token lacks the scope (or institution) this route needs',
  404: 'Not found',
  409: 'Conflict with the current state',
  412: 'If-Match does not match the current version',
  413: 'Request body too large',
  422: 'Refused by a business rule',
  429: 'Over the rate limit (RATE_LIMITED): see Retry-After and the RateLimit-* headers',
  503: 'A dependency is unavailable',
};

/** Documents error answers with the shared error shape: `@ApiErrors(400, 404, 409)`. */
export function ApiErrors(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', type: ErrorResponseDto }),
    ),
  );
}
