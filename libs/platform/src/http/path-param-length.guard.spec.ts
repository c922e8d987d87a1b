import type { ExecutionContext } from '@nestjs/common';
import { mapError } from '../errors/error-mapping';
import { MAX_PATH_PARAM_LENGTH, PathParamLengthGuard, PathParamTooLong } from './path-param-length.guard';

const contextWith = (params: unknown): ExecutionContext =>
  ({ switchToHttp: () => ({ getRequest: () => ({ params }) }) }) as unknown as ExecutionContext;

describe('PathParamLengthGuard', () => {
  const guard = new PathParamLengthGuard();

  it('lets path parameters up to the limit through, and routes without any', () => {
    expect(guard.canActivate(contextWith({ id: 'x'.repeat(MAX_PATH_PARAM_LENGTH) }))).toBe(true);
    expect(guard.canActivate(contextWith({}))).toBe(true);
    expect(guard.canActivate(contextWith(undefined))).toBe(true);
  });

  it('refuses a longer one with 414 URI_TOO_LONG in the one error shape', () => {
    const check = () => guard.canActivate(contextWith({ a: '1', id: 'x'.repeat(MAX_PATH_PARAM_LENGTH + 1) }));
    expect(check).toThrow(PathParamTooLong);
    let thrown: unknown;
    try {
      check();
    } catch (error) {
      thrown = error;
    }
    expect(mapError(thrown, 'en', 'req-1').body).toEqual({
      statusCode: 414,
      code: 'URI_TOO_LONG',
      message: 'A path parameter is too long',
      details: [],
      requestId: 'req-1',
    });
  });
});
