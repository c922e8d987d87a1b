import type { DataSource } from 'typeorm';

/** A statement the hot paths run as a named (server-side prepared) statement. */
export interface PreparedStatement {
  /** Unique per text in the whole hub (`module:what`); the driver refuses one name for two texts. */
  readonly name: string;
  readonly text: string;
}

interface PgClient {
  query<R>(config: { name: string; text: string; values: readonly unknown[] }): Promise<{ rows: R[] }>;
}

interface PgDriver {
  obtainMasterConnection(): Promise<[PgClient, (error?: unknown) => void]>;
  obtainSlaveConnection(): Promise<[PgClient, (error?: unknown) => void]>;
}

/**
 * Runs one statement through the driver as a named prepared statement: each pooled connection
 * parses and plans it once and then only binds and executes it, with no query building and no ORM
 * on the way (the hot reads and writes of every request: a lookup's reads, its audit row, the rate
 * limit). `replica` reads from a replica (DATABASE_REPLICA_URLS) as `replicaQuery` does, else from
 * the primary; writes always go to the primary. The connection's settings (statement and client
 * time-outs) apply as to any query, and TypeORM's logger sees it as it sees any query; errors are
 * the driver's (`isDatabaseUnavailable` reads them).
 */
export async function preparedQuery<R>(
  dataSource: DataSource,
  statement: PreparedStatement,
  values: readonly unknown[],
  options: { replica?: boolean } = {},
): Promise<R[]> {
  // TypeORM's logger sees the statement as it sees any query (its logging settings, test counters).
  dataSource.logger.logQuery(statement.text, [...values]);
  const driver = dataSource.driver as unknown as PgDriver;
  const [client, release] = options.replica
    ? await driver.obtainSlaveConnection()
    : await driver.obtainMasterConnection();
  let failure: unknown;
  try {
    const result = await client.query<R>({ name: statement.name, text: statement.text, values });
    return result.rows;
  } catch (error) {
    failure = error;
    dataSource.logger.logQueryError(error as Error, statement.text, [...values]);
    throw error;
  } finally {
    // A connection whose socket failed is discarded, not handed to the next request.
    release(isConnectionError(failure) ? failure : undefined);
  }
}

/** An error that leaves the connection unusable (not a SQL error the server answered with). */
function isConnectionError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  // pg's DatabaseError carries the server's SQLSTATE in `code` and a `severity`: the session is fine.
  return !('severity' in error);
}
