import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Logger, type INestApplication, type Type } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { DataSource } from 'typeorm';
import { DatabaseServer } from '../database/database-server';
import { JobQueue } from '../jobs/job-queue';
import { bounded } from './bounded';
import { ShutdownState } from './shutdown-state';

export interface GracefulShutdownOptions {
  /** SHUTDOWN_GRACE_MS: the deadline of the whole sequence. */
  readonly graceMs: number;
  /** Ends the process (replaced in tests). */
  readonly exit?: (code: number) => void;
}

/**
 * A signal within this long of the first is the same keypress relayed (a terminal signals the whole
 * group, and `npm start` / `nest start` forward it to the app once more): not a second Ctrl-C.
 */
const RELAYED_SIGNAL_MS = 1000;

/**
 * The share of the grace period kept for the steps after each one (so that a step that hangs
 * cannot eat the time of the ones that close the database).
 */
const KEEP_AFTER = { http: 0.5, jobs: 0.3, pool: 0.25, hooks: 0.2 } as const;

/**
 * How the hub stops on SIGINT or SIGTERM, in this order, within SHUTDOWN_GRACE_MS:
 * 1. readiness answers 503 (ShutdownState.draining);
 * 2. the listener closes: new connections are refused, idle keep-alive ones closed;
 * 3. in-flight requests finish with their normal answer; their connections close once idle;
 * 4. the job queue stops: active jobs get a bounded wait, a job still running then is failed in
 *    pg-boss and retried later;
 * 5. the database pool closes (and the other modules' shutdown hooks run);
 * 6. the embedded PostgreSQL server stops (fast shutdown), last.
 * A step that overruns its share is left behind; when the grace period ends the process exits with
 * a warning naming what was still running. A second Ctrl-C exits at once (the embedded server's
 * watchdog then stops the server). A normal shutdown logs at info level only.
 */
export function installGracefulShutdown(
  app: INestApplication,
  options: GracefulShutdownOptions,
): { readonly finished: Promise<number>; dispose(): void } {
  const logger = new Logger('Shutdown');
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let first: { signal: NodeJS.Signals; at: number } | null = null;
  let step = 'starting';
  let resolveFinished: (code: number) => void = () => undefined;
  const finished = new Promise<number>((r) => (resolveFinished = r));
  const connections = trackConnections(app.getHttpServer() as Server);

  const onSignal = (signal: NodeJS.Signals) => {
    if (!first) {
      first = { signal, at: Date.now() };
      void sequence(signal)
        .catch((error: unknown) => {
          logger.error(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
          return 1;
        })
        .then((code) => {
          resolveFinished(code);
          exit(code);
        });
      return;
    }
    if (Date.now() - first.at < RELAYED_SIGNAL_MS) {
      logger.debug(`${signal} again (relayed): already shutting down`);
      return;
    }
    logger.warn(`second ${signal}: exiting now, during ${step}`);
    resolveFinished(130);
    exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  async function sequence(signal: NodeJS.Signals): Promise<number> {
    const began = Date.now();
    const grace = options.graceMs;
    const deadline = began + grace;
    /** Time left for a step that must leave `keep` of the grace period to the ones after it. */
    const budget = (keep: number) => Math.max(0, deadline - Date.now() - grace * keep);
    const stillRunning: string[] = [];
    logger.log(`${signal}: shutting down (grace period ${grace} ms)`);

    // 1. readiness
    optional(app, ShutdownState)?.startDraining();

    // 2-3. listener and in-flight requests
    step = 'HTTP drain';
    const server = app.getHttpServer() as Server;
    const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
    // Idle means no request on it and none coming: a connection accepted a moment ago whose request
    // has not been read yet is not idle (Node's own closeIdleConnections, which server.close()
    // calls, would reset it and drop that request).
    server.closeIdleConnections = () => connections.closeIdle();
    const reaper = setInterval(() => server.closeIdleConnections(), 100);
    const http = await bounded(fastify.close(), budget(KEEP_AFTER.http));
    clearInterval(reaper);
    if (http === 'timeout') {
      stillRunning.push(`HTTP: ${await openConnections(server)} connection(s) with a request in flight`);
      server.closeAllConnections?.();
    } else {
      logger.log(`HTTP: closed, in-flight requests done (${Date.now() - began} ms)`);
    }

    // 4. job queue
    step = 'job queue stop';
    const queue = optional(app, JobQueue);
    if (queue) {
      const result = await queue.stop(budget(KEEP_AFTER.jobs));
      if (!result.stopped)
        stillRunning.push(`job queue: pg-boss still stopping (${queue.activeJobs.length} job(s) running)`);
    }

    // 5. the pool, then the other modules' shutdown hooks
    step = 'database pool close';
    const dataSource = optional(app, DataSource);
    if (dataSource?.isInitialized) {
      const pool = await bounded(dataSource.destroy(), budget(KEEP_AFTER.pool));
      if (pool === 'timeout') stillRunning.push('database pool: connections still closing');
      else logger.log('database pool: closed');
    }
    step = 'shutdown hooks';
    const database = optional(app, DatabaseServer);
    // app.close() also stops the embedded server (its shutdown hook): the deadline is set just below.
    const closing = app.close();
    const hooks = await bounded(closing, budget(KEEP_AFTER.hooks));
    if (hooks === 'timeout') stillRunning.push('module shutdown hooks');

    // 6. the embedded server, last
    step = 'embedded PostgreSQL stop';
    if (database?.embedded) {
      const left = Math.max(deadline - Date.now(), 0);
      const stopped = await bounded(database.stop(left), left + 500);
      if (stopped === 'timeout' || database.embeddedRunning) {
        stillRunning.push('embedded PostgreSQL server (its watchdog stops it)');
      } else {
        logger.log('embedded PostgreSQL: stopped');
      }
    }

    const ms = Date.now() - began;
    if (stillRunning.length > 0) {
      logger.warn(
        `shutdown: not everything stopped within its share of the grace period (SHUTDOWN_GRACE_MS=${grace}); exiting after ${ms} ms with still running: ${stillRunning.join('; ')}`,
      );
      return 1;
    }
    logger.log(`shutdown complete in ${ms} ms`);
    return 0;
  }

  return {
    finished,
    /** Removes the signal handlers (tests). */
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- a class token, private constructor included
function optional<T>(app: INestApplication, token: Function & { prototype: T }): T | null {
  try {
    return app.get<T>(token as Type<T>, { strict: false });
  } catch {
    return null;
  }
}

/** A new connection gets this long to send its request before the drain counts it as idle. */
const NEW_CONNECTION_GRACE_MS = 1000;

/**
 * The HTTP server's connections: when accepted, whether a request is in flight on it, how many it
 * served. `closeIdle` closes the keep-alive connections between requests and those that sent
 * nothing within NEW_CONNECTION_GRACE_MS, never one with a request in flight or just accepted.
 */
function trackConnections(server: Server): { closeIdle(): void } {
  const sockets = new Map<Socket, { since: number; busy: number; served: number }>();
  server.on('connection', (socket: Socket) => {
    sockets.set(socket, { since: Date.now(), busy: 0, served: 0 });
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const state = sockets.get(req.socket);
    if (!state) return;
    state.busy++;
    res.once('close', () => {
      state.busy--;
      state.served++;
    });
  });
  return {
    closeIdle() {
      const now = Date.now();
      for (const [socket, state] of sockets) {
        if (state.busy === 0 && (state.served > 0 || now - state.since > NEW_CONNECTION_GRACE_MS)) {
          socket.destroy();
        }
      }
    },
  };
}

function openConnections(server: Server): Promise<number> {
  return new Promise((resolve) => server.getConnections((error, count) => resolve(error ? 0 : count)));
}
