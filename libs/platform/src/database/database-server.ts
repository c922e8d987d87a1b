import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { takeEarlyEmbeddedDatabase } from './early-database';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded-postgres';

/**
 * Where the database is: the server named by DATABASE_URL, or the embedded one this process
 * started. The embedded server runs in a session of its own (a Ctrl-C reaches the app only), is
 * stopped last by the shutdown sequence (or on `app.close()`), and is stopped by its watchdog if
 * this process dies without stopping it.
 */
export class DatabaseServer implements OnApplicationShutdown {
  private static readonly logger = new Logger('Database');

  private constructor(
    readonly url: string,
    readonly embedded: boolean,
    private readonly handle: EmbeddedPostgresHandle | null,
  ) {}

  static async start(config: AppConfig): Promise<DatabaseServer> {
    if (config.databaseUrl) return new DatabaseServer(config.databaseUrl, false, null);
    const onUnexpectedExit = (how: string) =>
      DatabaseServer.logger.warn(`the embedded PostgreSQL server ended (${how})`);
    // main.ts started it before the modules loaded (early-database.ts): take it, and its messages.
    const early = takeEarlyEmbeddedDatabase(config.dataDir);
    let handle: EmbeddedPostgresHandle;
    if (early) {
      early.onUnexpectedExit = onUnexpectedExit;
      try {
        handle = await early.handle;
      } finally {
        for (const m of early.messages)
          if (m.level === 'debug') DatabaseServer.logger.debug(m.text);
          else DatabaseServer.logger.log(m.text);
      }
    } else {
      handle = await startEmbeddedPostgres({
        dataDir: config.dataDir,
        log: (message) => DatabaseServer.logger.debug(message),
        notice: (message) => DatabaseServer.logger.log(message),
        onUnexpectedExit,
      });
    }
    DatabaseServer.logger.log(
      `embedded PostgreSQL on 127.0.0.1:${handle.port}, data in ${config.dataDir === 'memory' ? 'a throwaway directory' : handle.dataDir}`,
    );
    return new DatabaseServer(handle.url, true, handle);
  }

  /** Whether an embedded server still runs (false with DATABASE_URL). */
  get embeddedRunning(): boolean {
    return this.handle?.running ?? false;
  }

  /** Stops the embedded server (nothing with DATABASE_URL): fast shutdown, forced after `timeoutMs`. */
  async stop(timeoutMs?: number): Promise<void> {
    await this.handle?.stop(timeoutMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}
