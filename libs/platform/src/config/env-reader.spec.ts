import { ConfigError } from './config-error';
import { readEnv } from './env-reader';

/** The ConfigError `read` throws (the test fails when it throws none). */
function failure(read: () => unknown): ConfigError {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('EnvReader', () => {
  describe('text', () => {
    it('trims the value and reads a blank one as unset', () => {
      const read = readEnv({ A: '  x y  ', B: '   ', C: '' });
      expect(read.text('A')).toBe('x y');
      expect(read.text('B')).toBeNull();
      expect(read.text('C')).toBeNull();
      expect(read.text('MISSING')).toBeNull();
    });
  });

  describe('integer', () => {
    it('reads digits within the bounds, bounds included, and the default when unset or blank', () => {
      const read = readEnv({ LOW: '1', HIGH: '10', MID: ' 7 ', BLANK: ' ' });
      expect(read.integer('LOW', 5, 1, 10)).toBe(1);
      expect(read.integer('HIGH', 5, 1, 10)).toBe(10);
      expect(read.integer('MID', 5, 1, 10)).toBe(7);
      expect(read.integer('BLANK', 5, 1, 10)).toBe(5);
      expect(read.integer('MISSING', 5, 1, 10)).toBe(5);
    });

    it.each(['0', '11', '-1', '1.5', '1e1', '0x5', '+3', 'abc', '5 5'])(
      'refuses "%s" naming the variable, its bounds and the value',
      (value) => {
        const error = failure(() => readEnv({ POOL: value }).integer('POOL', 5, 1, 10));
        expect(error.variable).toBe('POOL');
        expect(error.message).toBe(
          `Invalid configuration: POOL must be an integer from 1 to 10 (got "${value}")`,
        );
      },
    );
  });

  describe('decimal', () => {
    it('reads a number with a fraction within the bounds', () => {
      expect(readEnv({ S: '0.5' }).decimal('S', 2, 0.5, 60, 'number of seconds')).toBe(0.5);
      expect(readEnv({ S: '60' }).decimal('S', 2, 0.5, 60)).toBe(60);
      expect(readEnv({}).decimal('S', 2, 0.5, 60)).toBe(2);
    });

    it.each(['0.4', '61', '.5', '1.', '-1', 'one'])('refuses "%s"', (value) => {
      const error = failure(() => readEnv({ S: value }).decimal('S', 2, 0.5, 60, 'number of seconds'));
      expect(error.message).toBe(
        `Invalid configuration: S must be a number of seconds from 0.5 to 60 (got "${value}")`,
      );
    });
  });

  describe('boolean', () => {
    it.each([
      ['on', true],
      ['ON', true],
      ['true', true],
      ['True', true],
      ['yes', true],
      ['YES', true],
      ['1', true],
      [' on ', true],
      ['off', false],
      ['Off', false],
      ['false', false],
      ['FALSE', false],
      ['no', false],
      ['No', false],
      ['0', false],
    ])('reads "%s" as %p', (value, expected) => {
      expect(readEnv({ FLAG: value }).boolean('FLAG', !expected)).toBe(expected);
    });

    it('reads the default when unset or blank', () => {
      expect(readEnv({}).boolean('FLAG', true)).toBe(true);
      expect(readEnv({ FLAG: '' }).boolean('FLAG', false)).toBe(false);
    });

    it.each(['2', 'enabled', 'y', 'onn', 'tru'])('refuses "%s" naming the variable', (value) => {
      const error = failure(() => readEnv({ FLAG: value }).boolean('FLAG', false));
      expect(error.variable).toBe('FLAG');
      expect(error.message).toBe(
        `Invalid configuration: FLAG must be on or off (or true/false, yes/no, 1/0) (got "${value}")`,
      );
    });
  });

  describe('oneOf', () => {
    const MODES = ['store', 'http'] as const;

    it('reads one of the allowed values, exactly, or the default', () => {
      expect(readEnv({ MODE: 'http' }).oneOf('MODE', MODES, 'store')).toBe('http');
      expect(readEnv({}).oneOf('MODE', MODES, 'store')).toBe('store');
    });

    it('compares in lower case only when asked', () => {
      expect(readEnv({ MODE: 'HTTP' }).oneOf('MODE', MODES, 'store', { ignoreCase: true })).toBe('http');
      const error = failure(() => readEnv({ MODE: 'HTTP' }).oneOf('MODE', MODES, 'store'));
      expect(error.message).toBe('Invalid configuration: MODE must be one of store, http (got "HTTP")');
    });

    it('refuses a value outside the list', () => {
      expect(failure(() => readEnv({ MODE: 'live' }).oneOf('MODE', MODES, 'store')).variable).toBe('MODE');
    });
  });

  describe('durationSeconds', () => {
    it.each([
      ['1800', 1800],
      ['90s', 90],
      ['30m', 1800],
      ['2h', 7200],
      ['1d', 86_400],
    ])('reads "%s" as %d seconds', (value, seconds) => {
      expect(readEnv({ TTL: value }).durationSeconds('TTL', 60, 60, 7 * 86_400)).toBe(seconds);
    });

    it('reads the default when unset', () => {
      expect(readEnv({}).durationSeconds('TTL', 600, 60, 7 * 86_400)).toBe(600);
    });

    it.each(['59', '8d', '30 minutes', '1w', '-5m', '1.5h'])('refuses "%s"', (value) => {
      const error = failure(() => readEnv({ TTL: value }).durationSeconds('TTL', 600, 60, 7 * 86_400));
      expect(error.message).toBe(
        `Invalid configuration: TTL must be a duration like 1800, 30m, 2h or 1d from 60 s to 7 days (got "${value}")`,
      );
    });
  });

  describe('httpUrl', () => {
    it('reads an http or https URL, or null when unset', () => {
      expect(readEnv({ U: 'https://ods.bank.example/api/' }).httpUrl('U')?.href).toBe(
        'https://ods.bank.example/api/',
      );
      expect(readEnv({ U: 'http://127.0.0.1:4010' }).httpUrl('U')?.port).toBe('4010');
      expect(readEnv({}).httpUrl('U')).toBeNull();
    });

    it.each(['ftp://ods', 'not a url', 'ods.bank.example'])(
      'refuses "%s" without repeating it (a URL may hold a password)',
      (value) => {
        const error = failure(() => readEnv({ U: value }).httpUrl('U'));
        expect(error.message).toBe('Invalid configuration: U must be an http(s) URL');
      },
    );
  });

  describe('list', () => {
    it('splits on commas, trims the items and drops empty ones', () => {
      expect(readEnv({ L: ' a, b ,,c ' }).list('L')).toEqual(['a', 'b', 'c']);
      expect(readEnv({ L: ' ' }).list('L')).toEqual([]);
      expect(readEnv({}).list('L')).toEqual([]);
    });
  });
});
