import { Clock, domainError } from '@hub/shared-kernel';
import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { CardRegistryErrors } from '../domain/card-registry.errors';
import {
  completeCustomerView,
  EXPORT_KINDS,
  exportTrailer,
  formatExport,
  mapAsync,
  toAccountView,
  type ExportFormat,
  type ExportKind,
} from '../domain/customer-views';
import { CardExportConfig } from './card-export-config';
import {
  CardRegistryRepository,
  type ExportFileView,
  type ExportFileContent,
  type ExportFileFilter,
  type ExportFileKey,
} from './ports/card-registry.repository';
import { ExportFileStorage } from './ports/export-file-storage';

const DAY_MS = 24 * 3600 * 1000;
/**
 * A day's file is written only once the day has been over this long: a write stamped 23:59:59.9
 * that commits a moment after midnight is still in its day's file.
 */
export const EXPORT_SETTLE_MS = 5 * 60 * 1000;

/** `<institution>_<kind>_<YYYY-MM-DD>.<csv|ndjson>`; the institution is percent-encoded, so any id is a safe name. */
export function exportFileName(key: ExportFileKey, format: ExportFormat): string {
  const institution = encodeURIComponent(key.institutionId).replace(/^\./, '%2E');
  return `${institution}_${key.kind}_${key.period}.${format}`;
}

/** The last UTC day whose file is due at `now`, and the first one a run looks back to. */
export function duePeriods(now: Date, catchUpDays: number): { from: string; to: string } {
  const lastDayEnd = new Date(now.getTime() - EXPORT_SETTLE_MS);
  const to = new Date(
    Date.UTC(lastDayEnd.getUTCFullYear(), lastDayEnd.getUTCMonth(), lastDayEnd.getUTCDate()) - DAY_MS,
  );
  const from = new Date(to.getTime() - (catchUpDays - 1) * DAY_MS);
  return { from: isoDay(from), to: isoDay(to) };
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * The daily export files: per institution, one incremental file per kind and UTC day, written to
 * CARD_EXPORT_DIR by the scheduled job. `customers` and `cards` hold every version recorded that
 * day (from the append-only histories, so a file is the same whenever it is written); `accounts`
 * the accounts opened that day. Each file ends with a trailer (row count, SHA-256).
 */
@Injectable()
export class CardExportFilesService {
  constructor(
    private readonly store: CardRegistryRepository,
    private readonly storage: ExportFileStorage,
    private readonly config: CardExportConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Writes every file that is due and missing: each (institution, kind, day) of the last
   * CARD_EXPORT_CATCH_UP_DAYS complete days without a file yet, so a missed run is caught up by
   * the next. Safe to run on several instances at once: each file is claimed once. Returns the
   * files this call wrote.
   */
  async writeDueFiles(now: Date = this.clock.now()): Promise<ExportFileView[]> {
    if (this.config.directory === null) return [];
    const { from, to } = duePeriods(now, this.config.catchUpDays);
    const missing = await this.store.missingExportFiles(from, to, EXPORT_KINDS);
    const written: ExportFileView[] = [];
    for (const key of missing) {
      const file = await this.store.claimExportFile(key, this.clock.now(), () => this.writeFile(key));
      if (file) written.push(file);
    }
    return written;
  }

  async list(
    institutionId: string,
    filter: ExportFileFilter,
  ): Promise<{ items: ExportFileView[]; total: number }> {
    return this.store.inInstitution(institutionId, (repo) => repo.listExportFiles(filter));
  }

  /** The file's record and bytes; 404 for another institution's file or one no longer on disk. */
  async open(institutionId: string, id: string): Promise<{ file: ExportFileView; content: Readable }> {
    const file = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)
      ? await this.store.inInstitution(institutionId, (repo) => repo.findExportFile(id))
      : null;
    const content = file ? await this.storage.open(file.fileName) : null;
    if (!file || !content) throw domainError(CardRegistryErrors.EXPORT_FILE_NOT_FOUND);
    return { file, content };
  }

  private async writeFile(key: ExportFileKey): Promise<ExportFileContent> {
    const format = this.config.format;
    const fileName = exportFileName(key, format);
    const start = new Date(`${key.period}T00:00:00.000Z`);
    const range = { from: start, to: new Date(start.getTime() + DAY_MS) };
    let rowCount = 0;
    const count = () => rowCount++;
    const body = this.body(key.kind, key.institutionId, range, format, count);
    const stored = await this.storage.write(fileName, body, (sha256) =>
      exportTrailer(format, rowCount, sha256),
    );
    return { format, fileName, rowCount, byteCount: stored.byteCount, sha256: stored.sha256 };
  }

  private body(
    kind: ExportKind,
    institutionId: string,
    range: { from: Date; to: Date },
    format: ExportFormat,
    onRow: () => void,
  ): AsyncGenerator<string> {
    return formatExport(
      kind,
      {
        customers: () =>
          mapAsync(this.store.streamCustomerVersions(institutionId, range), completeCustomerView),
        accounts: () => mapAsync(this.store.streamAccountsCreated(institutionId, range), toAccountView),
        cards: () => this.store.streamCardVersions(institutionId, range),
      },
      format,
      onRow,
    );
  }
}
