import type { ExportFormat } from '../domain/customer-views';

/** The daily export files' settings (CARD_EXPORT_*), read once from the environment. Also the DI token. */
export abstract class CardExportConfig {
  /** Cron (UTC) of the daily export job; null: no schedule on this instance. */
  abstract readonly cron: string | null;
  /** The directory the files are written to (shared by all instances); null: no files. */
  abstract readonly directory: string | null;
  abstract readonly format: ExportFormat;
  /** How many past days a run looks back for a missing file. */
  abstract readonly catchUpDays: number;
}
