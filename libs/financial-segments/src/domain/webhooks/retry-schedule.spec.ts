import fc from 'fast-check';
import { nextRetryDelayMs } from './retry-schedule';

const policy = { baseMs: 5000, maxAttempts: 8, maxDelayMs: 60 * 60 * 1000 };

describe('retry schedule', () => {
  it('doubles from the base, jitter at its lowest', () => {
    expect([1, 2, 3, 4].map((n) => nextRetryDelayMs(policy, n, () => 0))).toEqual([2500, 5000, 10000, 20000]);
  });

  it('doubles from the base, jitter at its highest', () => {
    expect([1, 2, 3].map((n) => nextRetryDelayMs(policy, n, () => 0.9999999))).toEqual([5000, 10000, 20000]);
  });

  it('gives up after the last attempt', () => {
    expect(nextRetryDelayMs(policy, 7, () => 0)).not.toBeNull();
    expect(nextRetryDelayMs(policy, 8, () => 0)).toBeNull();
    expect(nextRetryDelayMs({ ...policy, maxAttempts: 1 }, 1)).toBeNull();
  });

  it('caps the backoff', () => {
    expect(nextRetryDelayMs({ ...policy, maxAttempts: 100 }, 40, () => 1)).toBe(policy.maxDelayMs);
    expect(nextRetryDelayMs({ ...policy, maxAttempts: 100 }, 40, () => 0)).toBe(policy.maxDelayMs / 2);
  });

  it('always waits between half and all of the backoff', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, r) => {
        const backoff = policy.baseMs * 2 ** (n - 1);
        const delay = nextRetryDelayMs(policy, n, () => r) as number;
        return delay >= backoff / 2 && delay <= backoff;
      }),
    );
  });

  it('spreads retries (jitter)', () => {
    const delays = new Set(Array.from({ length: 20 }, () => nextRetryDelayMs(policy, 3)));
    expect(delays.size).toBeGreaterThan(1);
  });
});
