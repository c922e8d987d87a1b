import { ConfigError } from '../config/app-config';
import { ShutdownState, shutdownGraceMs } from './shutdown-state';

describe('SHUTDOWN_GRACE_MS', () => {
  it('defaults to 10 s', () => {
    expect(shutdownGraceMs({})).toBe(10_000);
    expect(shutdownGraceMs({ SHUTDOWN_GRACE_MS: ' ' })).toBe(10_000);
  });

  it.each(['1000', '4000', '600000'])('accepts %s', (value) => {
    expect(shutdownGraceMs({ SHUTDOWN_GRACE_MS: value })).toBe(Number(value));
  });

  it.each(['999', '600001', '-1', '1.5', '10s', 'abc'])('refuses %p, naming the variable', (value) => {
    expect(() => shutdownGraceMs({ SHUTDOWN_GRACE_MS: value })).toThrow(ConfigError);
    expect(() => shutdownGraceMs({ SHUTDOWN_GRACE_MS: value })).toThrow(/SHUTDOWN_GRACE_MS/);
  });
});

describe('ShutdownState', () => {
  it('drains from the first call on, and keeps its start time', () => {
    const state = new ShutdownState();
    expect(state.draining).toBe(false);
    state.startDraining();
    const since = state.drainingSince;
    state.startDraining();
    expect(state.draining).toBe(true);
    expect(state.drainingSince).toBe(since);
  });
});
