import {
  ConflictError,
  domainError,
  errorCatalogue,
  isErrorOf,
  localise,
  NotFoundError,
  type ErrorCodeOf,
} from './domain-error';

const Errors = errorCatalogue({
  THING_NOT_FOUND: { kind: 'NOT_FOUND', en: 'No such thing', vi: 'Không có' },
  THING_LOCKED: {
    code: 'LOCKED',
    kind: 'CONFLICT',
    en: 'Locked for {minutes} minutes',
    vi: 'Khóa {minutes} phút',
  },
});

describe('error catalogue', () => {
  it('makes the error of the entry kind, with the code, details and the text from the catalogue', () => {
    const error = domainError(Errors.THING_NOT_FOUND, [{ id: 'x' }]);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: 'THING_NOT_FOUND', kind: 'NOT_FOUND', details: [{ id: 'x' }] });
    expect(error.messageIn('vi')).toBe('Không có');
    expect(isErrorOf(error, Errors.THING_NOT_FOUND)).toBe(true);
    expect(isErrorOf(error, Errors.THING_LOCKED)).toBe(false);
  });

  it('uses an entry code other than its key, and fills placeholders in either language', () => {
    const error = domainError(Errors.THING_LOCKED, [], { params: { minutes: 5 }, retryAfterSeconds: 300 });
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.code).toBe('LOCKED');
    expect(error.message).toBe('Locked for 5 minutes');
    expect(error.messageIn('vi')).toBe('Khóa 5 phút');
    expect(error.retryAfterSeconds).toBe(300);
    expect(localise(Errors.THING_LOCKED, 'en')).toBe('Locked for {minutes} minutes');
  });

  it('types the codes as a union', () => {
    const codes: ErrorCodeOf<typeof Errors>[] = ['THING_NOT_FOUND', 'LOCKED'];
    expect(Object.values(Errors).map((e) => e.code)).toEqual(codes);
  });
});
