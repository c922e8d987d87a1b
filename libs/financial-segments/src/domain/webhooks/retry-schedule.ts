/**
 * When to try a webhook again: exponential backoff with jitter. After failed attempt `n`
 * (1-based) the next one waits `base * 2^(n-1)`, capped at `maxMs`, scaled by a random factor
 * in [0.5, 1] ("equal jitter": never sooner than half the backoff, so a storm of receivers
 * coming back at once is spread without collapsing the delay to nothing).
 */
export interface RetryPolicy {
  readonly baseMs: number;
  readonly maxAttempts: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_MAX_DELAY_MS = 6 * 60 * 60 * 1000;

/** The delay before attempt `failedAttempts + 1`, or null when no attempt is left. */
export function nextRetryDelayMs(
  policy: RetryPolicy,
  failedAttempts: number,
  random: () => number = Math.random,
): number | null {
  if (failedAttempts >= policy.maxAttempts) return null;
  const backoff = Math.min(policy.maxDelayMs, policy.baseMs * 2 ** (failedAttempts - 1));
  const jitter = 0.5 + Math.min(Math.max(random(), 0), 1) / 2;
  return Math.round(backoff * jitter);
}
