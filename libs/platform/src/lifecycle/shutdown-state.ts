import { Injectable } from '@nestjs/common';
import { readEnv } from '../config/env-reader';

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
  return readEnv(env).integer('SHUTDOWN_GRACE_MS', DEFAULT_SHUTDOWN_GRACE_MS, 1000, 600_000);
}
