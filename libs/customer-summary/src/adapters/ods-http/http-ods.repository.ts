import http from 'node:http';
import https from 'node:https';
import {
  BrokenCircuitError,
  TaskCancelledError,
  circuitBreaker,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
  retry,
  timeout,
  TimeoutStrategy,
  wrap,
  type CircuitBreakerPolicy,
  type IPolicy,
} from 'cockatiel';
import type { OnModuleDestroy } from '@nestjs/common';
import { domainError, type CifCandidates, type UnavailableError } from '@hub/shared-kernel';
import { casaAccountsOf } from '../../application/ods-customer-accounts';
import { OdsCustomerReader, type OdsCustomerAccounts } from '../../application/ports/ods-customer-reader';
import {
  OdsRepository,
  type IdentifierQuery,
  type ReplaceResult,
} from '../../application/ports/ods.repository';
import { CustomerSummaryErrors } from '../../domain/customer-summary.errors';
import type { OdsCustomerSnapshot } from '../../domain/ods-snapshot';
import type { OdsSnapshotRecord } from '../../domain/ods-snapshot-record';
import type { OdsHttpSettings } from '../customer-summary.config';
import { parseCandidatesResponse, parseSnapshotResponse } from './ods-service.responses';

/** The largest response body accepted (a snapshot line is at most 1 MiB in the NDJSON feed). */
const MAX_RESPONSE_BYTES = 2 * 1024 * 1024;

/** A failure worth another try: the service answered 5xx or 429 (the call is idempotent). */
class TransientOdsError extends Error {
  constructor(readonly status: number) {
    super(`ODS answered ${status}`);
  }
}

/** A failure another try would not fix (malformed data, an unexpected status). */
class PermanentOdsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
  }
}

/** Time-outs, connection errors, 5xx and 429: counted by the breaker. */
function isTransient(error: Error): boolean {
  return !(error instanceof PermanentOdsError) && !(error instanceof BrokenCircuitError);
}

/**
 * Connection errors, 5xx and 429 are retried; a time-out is not (a service that took `timeoutMs`
 * will not answer faster 50 ms later, and retrying would multiply the caller's wait).
 */
function isRetryable(error: Error): boolean {
  return isTransient(error) && !isTimeout(error);
}

/** The time-out policy's cancellation, or the request it aborted (its signal is the only one). */
function isTimeout(error: Error): boolean {
  return error instanceof TaskCancelledError || error.name === 'AbortError';
}

/**
 * The ODS port over the bank's ODS service (`ODS_MODE=http`; its API is
 * `libs/customer-summary/ods-service.openapi.json`). Read-only: the hub's own ods_* tables are not
 * used. Every call goes through cockatiel policies, outermost first:
 * - retry: `retries` more attempts after a connection error, a 5xx or a 429, exponential backoff
 *   with jitter (50 ms doubling, at most 1 s); the calls are safe reads, so a retry changes
 *   nothing. A time-out is not retried: a slow service answers 503 after one `timeoutMs`;
 * - circuit breaker: `breakerThreshold` consecutive failures open it for `breakerCooldownMs`;
 *   meanwhile every call fails at once (503 ODS_UNAVAILABLE, Retry-After = the time left), then
 *   one call tries and closes it again on success;
 * - time-out: each attempt is abandoned (and its socket destroyed) after `timeoutMs`.
 * Connections are pooled by one keep-alive agent of at most `maxSockets` sockets. A response is
 * parsed with the same strict parser as the NDJSON feed; anything it refuses is 503
 * ODS_INVALID_RESPONSE (never retried).
 * Built by the module's factory when ODS_MODE=http.
 */
export class HttpOdsRepository extends OdsRepository implements OdsCustomerReader, OnModuleDestroy {
  private readonly agent: http.Agent;
  private readonly client: typeof http | typeof https;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly policy: IPolicy;
  private openedAt = 0;

  constructor(private readonly settings: OdsHttpSettings) {
    super();
    const secure = new URL(settings.baseUrl).protocol === 'https:';
    this.client = secure ? https : http;
    const agentOptions = {
      keepAlive: true,
      maxSockets: settings.maxSockets,
      maxFreeSockets: settings.maxSockets,
    };
    this.agent = secure ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
    this.breaker = circuitBreaker(handleWhen(isTransient), {
      halfOpenAfter: settings.breakerCooldownMs,
      breaker: new ConsecutiveBreaker(settings.breakerThreshold),
    });
    this.breaker.onBreak(() => (this.openedAt = Date.now()));
    this.policy = wrap(
      retry(handleWhen(isRetryable), {
        maxAttempts: settings.retries,
        backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 1000 }),
      }),
      this.breaker,
      timeout(settings.timeoutMs, TimeoutStrategy.Aggressive),
    );
  }

  async findCandidates(query: IdentifierQuery): Promise<CifCandidates> {
    const body = JSON.stringify({ legalId: query.legalId, mobileNumber: query.mobileNumber });
    const answer = await this.call('POST', '/v1/customers/candidates', body);
    if (answer.status !== 200) throw this.invalid([`candidates: unexpected status ${answer.status}`]);
    const parsed = parseCandidatesResponse(answer.json);
    if (!parsed.ok) throw this.invalid(parsed.problems);
    return parsed.candidates;
  }

  async findSnapshot(cif: string): Promise<OdsSnapshotRecord | null> {
    const answer = await this.call('GET', `/v1/customers/${encodeURIComponent(cif)}`);
    if (answer.status === 404) return null;
    if (answer.status !== 200) throw this.invalid([`snapshot: unexpected status ${answer.status}`]);
    const parsed = parseSnapshotResponse(answer.json);
    if (!parsed.ok) throw this.invalid(parsed.problems);
    if (parsed.record.snapshot.cif !== cif) throw this.invalid(['customer.cif: is not the CIF asked for']);
    return parsed.record;
  }

  async findCasaAccountsAndPayroll(cif: string): Promise<OdsCustomerAccounts | null> {
    const record = await this.findSnapshot(cif);
    return record ? casaAccountsOf(record.snapshot) : null;
  }

  async replaceSnapshots(_snapshots: readonly OdsCustomerSnapshot[]): Promise<ReplaceResult> {
    throw domainError(CustomerSummaryErrors.ODS_LOADS_DISABLED);
  }

  onModuleDestroy(): void {
    this.agent.destroy();
  }

  /** Seconds until the breaker lets a call through again (at least 1). */
  private retryAfterSeconds(): number {
    const left = this.openedAt + this.settings.breakerCooldownMs - Date.now();
    return Math.max(1, Math.ceil(left / 1000));
  }

  private invalid(problems: readonly string[]): UnavailableError {
    return domainError(
      CustomerSummaryErrors.ODS_INVALID_RESPONSE,
      problems.slice(0, 10).map((problem) => ({ problem })),
      { retryAfterSeconds: 1 },
    );
  }

  private unavailable(retryAfterSeconds: number): UnavailableError {
    return domainError(CustomerSummaryErrors.ODS_UNAVAILABLE, [], { retryAfterSeconds });
  }

  /** One call through the policies; the status and the decoded JSON body (404: no body needed). */
  private async call(
    method: 'GET' | 'POST',
    path: string,
    body?: string,
  ): Promise<{ status: number; json: unknown }> {
    try {
      // A signal of its own per call (cockatiel's default parent signal is shared by all calls).
      const own = new AbortController().signal;
      return await this.policy.execute(({ signal }) => this.send(method, path, body, signal), own);
    } catch (error) {
      if (error instanceof PermanentOdsError) throw this.invalid(error.problems);
      if (error instanceof BrokenCircuitError) throw this.unavailable(this.retryAfterSeconds());
      // Time-outs, connection errors, 5xx after the retries.
      throw this.unavailable(1);
    }
  }

  private send(
    method: 'GET' | 'POST',
    path: string,
    body: string | undefined,
    signal: AbortSignal,
  ): Promise<{ status: number; json: unknown }> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(Buffer.byteLength(body));
      }
      if (this.settings.bearerToken) headers.authorization = `Bearer ${this.settings.bearerToken}`;
      const request = this.client.request(
        `${this.settings.baseUrl}${path}`,
        { method, headers, agent: this.agent, signal },
        (response) => {
          const status = response.statusCode ?? 0;
          if (status >= 500 || status === 429) {
            response.resume();
            reject(new TransientOdsError(status));
            return;
          }
          if (status === 404) {
            response.resume();
            resolve({ status, json: null });
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_RESPONSE_BYTES) {
              response.destroy();
              reject(new PermanentOdsError([`response: larger than ${MAX_RESPONSE_BYTES} bytes`]));
              return;
            }
            chunks.push(chunk);
          });
          response.on('error', reject);
          response.on('end', () => {
            if (status !== 200) {
              resolve({ status, json: null });
              return;
            }
            try {
              resolve({ status, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
            } catch {
              reject(new PermanentOdsError(['response: not valid JSON']));
            }
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }
}
