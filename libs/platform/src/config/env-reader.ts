import { ConfigError } from './config-error';

/** The environment a configuration is read from (`process.env`, or `AppConfig.env`). */
export type Environment = Readonly<Record<string, string | undefined>>;

const TRUE_WORDS = ['on', 'true', '1', 'yes'];
const FALSE_WORDS = ['off', 'false', '0', 'no'];
const DURATION = /^(\d{1,7})([smhd]?)$/;
const DURATION_UNITS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 };

/**
 * The one reader of environment variables: the platform's and each module's configuration read
 * their variables through it, so every variable is trimmed the same way (blank = unset, so the
 * default applies) and every bad value stops the app with a `ConfigError` naming the variable:
 * `Invalid configuration: PORT must be an integer from 0 to 65535 (got "abc")`.
 */
export class EnvReader {
  constructor(private readonly env: Environment) {}

  /** The trimmed value, or null when the variable is unset or blank. */
  text(name: string): string | null {
    const raw = this.env[name];
    if (raw === undefined) return null;
    const value = raw.trim();
    return value === '' ? null : value;
  }

  /** A whole number from `min` to `max` (digits only: no sign, exponent or hex). */
  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.text(name);
    if (value === null) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      throw this.invalid(name, `must be an integer from ${min} to ${max}`, value);
    }
    return Number(value);
  }

  /** A number with an optional fraction (`0.5`), from `min` to `max`; `unit` names it in the error. */
  decimal(name: string, fallback: number, min: number, max: number, unit = 'number'): number {
    const value = this.text(name);
    if (value === null) return fallback;
    if (!/^\d+(\.\d+)?$/.test(value) || Number(value) < min || Number(value) > max) {
      throw this.invalid(name, `must be a ${unit} from ${min} to ${max}`, value);
    }
    return Number(value);
  }

  /** `on`/`off`, `true`/`false`, `yes`/`no` or `1`/`0`, in any case. */
  boolean(name: string, fallback: boolean): boolean {
    const value = this.text(name);
    if (value === null) return fallback;
    const word = value.toLowerCase();
    if (TRUE_WORDS.includes(word)) return true;
    if (FALSE_WORDS.includes(word)) return false;
    throw this.invalid(name, 'must be on or off (or true/false, yes/no, 1/0)', value);
  }

  /** One of `allowed`; `ignoreCase` compares in lower case (the allowed values are lower case then). */
  oneOf<T extends string>(
    name: string,
    allowed: readonly T[],
    fallback: T,
    options: { readonly ignoreCase?: boolean } = {},
  ): T {
    const value = this.text(name);
    if (value === null) return fallback;
    const candidate = options.ignoreCase ? value.toLowerCase() : value;
    if (!(allowed as readonly string[]).includes(candidate)) {
      throw this.invalid(name, `must be one of ${allowed.join(', ')}`, candidate);
    }
    return candidate as T;
  }

  /** Seconds, or a number with a unit: `1800`, `90s`, `30m`, `2h`, `1d`; returns seconds. */
  durationSeconds(name: string, fallbackSeconds: number, minSeconds: number, maxSeconds: number): number {
    const value = this.text(name);
    if (value === null) return fallbackSeconds;
    const m = DURATION.exec(value);
    const seconds = m ? Number(m[1]) * DURATION_UNITS[m[2]] : NaN;
    if (!m || seconds < minSeconds || seconds > maxSeconds) {
      throw this.invalid(
        name,
        `must be a duration like 1800, 30m, 2h or 1d from ${minSeconds} s to ${maxSeconds / 86_400} days`,
        value,
      );
    }
    return seconds;
  }

  /** An http(s) URL, or null when unset; the error does not repeat the value (a URL may hold a password). */
  httpUrl(name: string): URL | null {
    const value = this.text(name);
    if (value === null) return null;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw this.invalid(name, 'must be an http(s) URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw this.invalid(name, 'must be an http(s) URL');
    }
    return url;
  }

  /** A comma-separated list, each item trimmed, empty items dropped; [] when unset. */
  list(name: string): string[] {
    const value = this.text(name);
    if (value === null) return [];
    return value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  }

  /** The error of a bad value of `name`; `shown` (the value) is left out for secrets. */
  invalid(name: string, problem: string, shown?: string): ConfigError {
    return new ConfigError(name, shown === undefined ? problem : `${problem} (got "${shown}")`);
  }
}

/** `new EnvReader(env)`, for a loader's first line: `const read = readEnv(app.env)`. */
export function readEnv(env: Environment): EnvReader {
  return new EnvReader(env);
}
