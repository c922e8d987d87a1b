import { QueryFailedError } from 'typeorm';
import { mapError } from '../errors/error-mapping';
import { isDatabaseUnavailable } from './database-unavailable';

const pgError = (code: string) => Object.assign(new Error('db said no'), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    [
      'connection refused',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    ['pool acquisition time-out', new Error('timeout exceeded when trying to connect')],
    ['connect time-out', new Error('Connection terminated due to connection timeout')],
    ['lost connection', new Error('Connection terminated unexpectedly')],
    ['statement_timeout', new QueryFailedError('SELECT 1', [], pgError('57014'))],
    ['server shutting down', new QueryFailedError('SELECT 1', [], pgError('57P01'))],
    ['connection exception class 08', pgError('08006')],
    ['database dropped', pgError('3D000')],
    ['too many connections', pgError('53300')],
    ['wrapped in a cause', new Error('outer', { cause: pgError('08001') })],
  ])('%s is a 503 with Retry-After', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    const mapped = mapError(error, 'en', 'req-1');
    expect(mapped.body).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE', requestId: 'req-1' });
    expect(mapped.retryAfterSeconds).toBe(5);
    expect(mapped.unexpected).toBe(false);
  });

  it.each([
    ['a unique violation', new QueryFailedError('INSERT', [], pgError('23505'))],
    ['a syntax error', new QueryFailedError('SELEC', [], pgError('42601'))],
    ['a bad date', pgError('22007')],
    ['a plain bug', new TypeError('x is undefined')],
  ])('%s stays a 500', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(mapError(error, 'en', 'r').body.statusCode).toBe(500);
  });
});
