import { Clock, domainError } from '@hub/shared-kernel';
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SegmentErrors } from '../domain/segments.errors';
import {
  mergeAccounts,
  parseStatementFile,
  summarize,
  type StatementFileSummary,
} from '../domain/statements/statement-file';
import type { ParsedStatement } from '../domain/statements/statement.types';
import { assertCallbackUrlAllowed } from './callback-url-policy';
import { HostResolver } from './ports/host-resolver';
import { type FormLanguage, type ProcessView, ProcessRepository } from './ports/process.repository';
import type { DataSourceImport } from './ports/user-data.repository';
import { SegmentsConfig } from './segments-config';

/** The version of the consent text the page shows; stored with the consent the user gives. */
export const CONSENT_TEXT_VERSION = 'seg-import-consent-2026-12-01';
/** What the user consents to the hub taking from the statements. */
export const CONSENT_SCOPE = ['ACCOUNTS', 'BALANCES', 'TRANSACTIONS'] as const;
export const PROCESS_COMPLETED = 'process.completed';

export interface UploadedFile {
  readonly name: string;
  readonly content: string;
}

export interface OpenProcessOptions {
  readonly redirectUrl?: string | null;
  readonly callbackUrl?: string | null;
  readonly language?: FormLanguage | null;
}

/** What the page can show for a token: the process, or why it cannot be used. */
export type FormState =
  | { readonly kind: 'OPEN'; readonly process: ProcessView; readonly csrf: string }
  | { readonly kind: 'UNKNOWN' }
  | { readonly kind: 'USED' | 'EXPIRED'; readonly process: ProcessView };

/**
 * The import web form: a process (opened by the bank's app) whose token is the user's
 * credential for one import, confirmed or cancelled once, before it expires. The user consents,
 * uploads statements (CSV, camt.053, MT940), sees what was found, and confirms; the import, the
 * consent, the process COMPLETED and the `process.completed` callback commit together.
 */
@Injectable()
export class ImportWebFormService {
  private readonly csrfKey: Buffer;

  constructor(
    private readonly processes: ProcessRepository,
    private readonly resolver: HostResolver,
    private readonly config: SegmentsConfig,
    private readonly clock: Clock,
  ) {
    this.csrfKey = createHmac('sha256', config.webhookKey).update('seg-web-form-csrf').digest();
  }

  async open(
    externalUserId: string,
    options: OpenProcessOptions = {},
  ): Promise<{ processToken: string; processId: string; userId: string; expiresAt: Date }> {
    const { allowPrivateCallbacks: allowPrivate, allowedCallbackCidrs: cidrs } = this.config;
    if (options.callbackUrl)
      await assertCallbackUrlAllowed(options.callbackUrl, allowPrivate, this.resolver, cidrs);
    if (options.redirectUrl) {
      await assertCallbackUrlAllowed(options.redirectUrl, allowPrivate, this.resolver, cidrs, {
        entry: SegmentErrors.REDIRECT_URL_NOT_ALLOWED,
        field: 'redirectUrl',
      });
    }
    const processToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + this.config.processTokenTtlMs);
    const { processId, userId } = await this.processes.open({
      externalUserId,
      tokenHash: hashProcessToken(processToken),
      expiresAt,
      redirectUrl: options.redirectUrl ?? null,
      callbackUrl: options.callbackUrl ?? null,
      language: options.language ?? 'vi',
    });
    return { processToken, processId, userId, expiresAt };
  }

  async get(processId: string): Promise<ProcessView> {
    const found = await this.processes.get(processId);
    if (!found) throw domainError(SegmentErrors.PROCESS_NOT_FOUND);
    return found;
  }

  /** The state of the form behind a token (an expired waiting process is written EXPIRED). */
  async state(token: string): Promise<FormState> {
    const process = await this.processes.findByTokenHash(hashProcessToken(token));
    if (!process) return { kind: 'UNKNOWN' };
    if (process.status === 'EXPIRED') return { kind: 'EXPIRED', process };
    if (process.status !== 'WAITING_FOR_USER') return { kind: 'USED', process };
    return { kind: 'OPEN', process, csrf: this.csrfFor(process.id) };
  }

  /** What the files hold, file by file, with their problems; nothing is stored. */
  async preview(
    token: string,
    csrf: string,
    files: readonly UploadedFile[],
  ): Promise<StatementFileSummary[]> {
    await this.openProcess(token, csrf);
    this.checkSize(files);
    return files.map((f) => summarize(f.name, parseStatementFile(f.content)));
  }

  /**
   * Stores the files' accounts and transactions as IMPORT data sources (one per bank), the
   * consent, and the process COMPLETED, in one transaction; queues the callback if any. A file
   * with any problem stores nothing.
   */
  async confirm(
    token: string,
    csrf: string,
    consent: { accepted: boolean; textVersion: string },
    files: readonly UploadedFile[],
  ): Promise<{ redirectUrl: string | null; dataSourceIds: string[] }> {
    const process = await this.openProcess(token, csrf);
    if (!consent.accepted || consent.textVersion !== CONSENT_TEXT_VERSION)
      throw domainError(SegmentErrors.CONSENT_REQUIRED, [
        { field: 'consent', reason: 'the consent of the current text version must be given' },
      ]);
    this.checkSize(files);
    const parsed: ParsedStatement[] = [];
    const problems: { file: string; line: number | null; element: string | null; message: string }[] = [];
    for (const file of files) {
      const result = parseStatementFile(file.content);
      problems.push(...result.problems.map((p) => ({ file: file.name, ...p })));
      parsed.push(result);
    }
    const merged = mergeAccounts(parsed);
    problems.push(...merged.problems.map((message) => ({ file: '', line: null, element: null, message })));
    if (problems.length > 0) throw domainError(SegmentErrors.STATEMENT_INVALID, problems);

    const byBank = new Map<string, DataSourceImport['accounts'][number][]>();
    for (const a of merged.accounts) {
      const list = byBank.get(a.bankName) ?? [];
      list.push({
        accountNumber: a.accountNumber,
        type: 'CHECKING',
        currency: a.currency,
        balance: a.balance,
        transactions: a.transactions,
      });
      byBank.set(a.bankName, list);
    }
    const imports: DataSourceImport[] = [...byBank].map(([bankName, accounts]) => ({
      type: 'IMPORT',
      sourceKey: bankName,
      bankName,
      accounts,
    }));
    const callbackUrl = process.callbackUrl;
    const outcome = await this.processes.complete({
      processId: process.id,
      imports,
      consent: { textVersion: CONSENT_TEXT_VERSION, scope: [...CONSENT_SCOPE] },
      callback: callbackUrl
        ? (dataSourceIds) => ({
            deliveryId: `msg_${randomUUID().replace(/-/g, '')}`,
            url: callbackUrl,
            eventType: PROCESS_COMPLETED,
            body: JSON.stringify({
              type: PROCESS_COMPLETED,
              processId: process.id,
              userId: process.userId,
              status: 'COMPLETED',
              dataSourceIds,
            }),
          })
        : null,
    });
    if (!outcome.ok)
      throw outcome.status === 'EXPIRED'
        ? domainError(SegmentErrors.PROCESS_EXPIRED)
        : domainError(SegmentErrors.PROCESS_TOKEN_USED);
    return { redirectUrl: process.redirectUrl, dataSourceIds: outcome.dataSourceIds };
  }

  /** The user cancels: ABORTED, nothing stored. */
  async cancel(token: string, csrf: string): Promise<{ redirectUrl: string | null }> {
    const process = await this.openProcess(token, csrf);
    const outcome = await this.processes.abort(process.id);
    if (!outcome.ok)
      throw outcome.status === 'EXPIRED'
        ? domainError(SegmentErrors.PROCESS_EXPIRED)
        : domainError(SegmentErrors.PROCESS_TOKEN_USED);
    return { redirectUrl: process.redirectUrl };
  }

  /** The CSRF token of a process's page: a keyed hash of the process id, checked on every POST. */
  csrfFor(processId: string): string {
    return createHmac('sha256', this.csrfKey).update(processId).digest('base64url');
  }

  private async openProcess(token: string, csrf: string): Promise<ProcessView> {
    const state = await this.state(token);
    if (state.kind === 'UNKNOWN') throw domainError(SegmentErrors.PROCESS_NOT_FOUND);
    if (state.kind !== 'OPEN')
      throw state.kind === 'EXPIRED'
        ? domainError(SegmentErrors.PROCESS_EXPIRED)
        : domainError(SegmentErrors.PROCESS_TOKEN_USED);
    const expected = Buffer.from(state.csrf);
    const given = Buffer.from(csrf);
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw domainError(SegmentErrors.CSRF_TOKEN_INVALID);
    return state.process;
  }

  private checkSize(files: readonly UploadedFile[]): void {
    const total = files.reduce((sum, f) => sum + Buffer.byteLength(f.content, 'utf8'), 0);
    if (total > this.config.webFormMaxUploadBytes) {
      const limitBytes = this.config.webFormMaxUploadBytes;
      throw domainError(
        SegmentErrors.UPLOAD_TOO_LARGE,
        [{ field: 'files', reason: `at most ${limitBytes} bytes in all` }],
        {
          params: { limitBytes },
        },
      );
    }
  }
}

export function hashProcessToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
