import { randomUUID } from 'node:crypto';
import {
  type DataSourceImport,
  type ImportResult,
  UserDataRepository,
} from '../application/ports/user-data.repository';

/** Users and their data sources in maps; every import is kept for inspection (no merge of accounts). */
export class InMemoryUserDataRepository extends UserDataRepository {
  readonly users = new Map<string, string>();
  readonly sources = new Map<
    string,
    { id: string; userId: string; type: DataSourceImport['type']; sourceKey: string }
  >();
  readonly imports: { userId: string; data: DataSourceImport }[] = [];

  async openProcess(externalUserId: string): Promise<{ userId: string }> {
    for (const [userId, external] of this.users) if (external === externalUserId) return { userId };
    const userId = randomUUID();
    this.users.set(userId, externalUserId);
    return { userId };
  }

  async userExists(userId: string): Promise<boolean> {
    return this.users.has(userId);
  }

  async odsCasaCifs(userId: string): Promise<string[]> {
    return [...this.sources.values()]
      .filter((s) => s.userId === userId && s.type === 'ODS_CASA')
      .map((s) => s.sourceKey);
  }

  async importDataSource(userId: string, data: DataSourceImport): Promise<ImportResult> {
    if (!this.users.has(userId)) throw new Error('USER_NOT_FOUND');
    const key = `${userId}|${data.type}|${data.sourceKey}`;
    const source = this.sources.get(key) ?? {
      id: randomUUID(),
      userId,
      type: data.type,
      sourceKey: data.sourceKey,
    };
    this.sources.set(key, source);
    this.imports.push({ userId, data });
    const transactions = data.accounts.reduce((n, a) => n + a.transactions.length, 0);
    return { dataSourceId: source.id, accounts: data.accounts.length, transactions };
  }
}
