import { Injectable } from '@nestjs/common';
import { ConfigError } from '../config/app-config';

/**
 * Whether this instance is shutting down. Readiness reads it (503 while draining), so a load
 * balancer stops sending traffic before the listener closes.
 */
@Injectable()
export class ShutdownState {
  private since: Date | null = null;

  get draining(): boolean {
    return this.since !== null;
  }

  get drainingSince(): Date | null {
    return this.since;
  }

  startDraining(): void {
    this.since ??= new Date();
  }
}

export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

/** SHUTDOWN_GRACE_MS: the whole shutdown sequence's deadline (1000 to 600000, default 10000). */
export function shutdownGraceMs(env: Readonly<Record<string, string | undefined>>): number {
  const text = env.SHUTDOWN_GRACE_MS?.trim() || String(DEFAULT_SHUTDOWN_GRACE_MS);
  if (!/^\d+$/.test(text) || Number(text) < 1000 || Number(text) > 600_000) {
    throw new ConfigError('SHUTDOWN_GRACE_MS', `must be an integer from 1000 to 600000 (got "${text}")`);
  }
  return Number(text);
}
