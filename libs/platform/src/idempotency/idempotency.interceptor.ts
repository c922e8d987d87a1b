import { createHash } from 'node:crypto';
import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  HttpStatus,
  type NestInterceptor,
  applyDecorators,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, concatMap, from, type Observable, of, throwError } from 'rxjs';
import { DataSource } from 'typeorm';
import { domainError } from '@hub/shared-kernel';
import type { Principal } from '../auth/principal';
import { ApiErrors } from '../errors/api-errors.decorator';
import { PlatformErrors } from '../errors/platform.errors';
import { getResponseStatus, setResponseStatus } from '../http/response-status';

const IDEMPOTENT_KEY = 'hub:idempotent';
const KEY_PATTERN = /^[\x21-\x7E]{1,255}$/;
/** Headers worth replaying with a stored response. */
const REPLAYED_HEADERS = ['etag', 'location'];
/** An in-flight claim older than this is taken to be from a crashed request and may be reclaimed. */
const IN_FLIGHT_LEASE_SECONDS = 60;

/**
 * Opts a command route into `Idempotency-Key` handling (docs/api-conventions.md): a retry with the same key and
 * body replays the stored response; another body is 422 IDEMPOTENCY_KEY_REUSED; a retry while the
 * first is still running is 409 IDEMPOTENCY_KEY_IN_FLIGHT. Keys are per caller (subject and
 * institution) and route, kept 24 h.
 *
 * The interceptor is bound here, to the routes that take a key, not globally: a route without
 * interceptors skips Nest's observable pipeline altogether (a lookup's hot path has none).
 */
export function Idempotent() {
  return applyDecorators(
    SetMetadata(IDEMPOTENT_KEY, true),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Makes retries safe: the same key and body replay the first response for 24 hours',
    }),
    ApiErrors(
      PlatformErrors.INVALID_IDEMPOTENCY_KEY,
      PlatformErrors.IDEMPOTENCY_KEY_IN_FLIGHT,
      PlatformErrors.IDEMPOTENCY_KEY_REUSED,
    ),
  );
}

interface StoredRow {
  request_hash: string;
  state: 'IN_FLIGHT' | 'COMPLETED';
  response_status: number | null;
  response_body: unknown;
  response_headers: Record<string, string> | null;
}

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (!this.reflector.get<boolean>(IDEMPOTENT_KEY, context.getHandler())) return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const header = request.headers['idempotency-key'];
    if (header === undefined) return next.handle();
    const key = Array.isArray(header) ? header[0] : header;
    if (!KEY_PATTERN.test(key)) {
      throw domainError(PlatformErrors.INVALID_IDEMPOTENCY_KEY, [
        { field: 'Idempotency-Key', issues: ['format'] },
      ]);
    }
    const scope = idempotencyScope(request.principal ?? null, request.method, request.url);
    const requestHash = createHash('sha256')
      .update(canonicalJson(request.body ?? null))
      .digest('hex');

    const claimed = await this.claim(scope, key, requestHash);
    if (!claimed) {
      const row = await this.find(scope, key);
      if (!row) return this.intercept(context, next); // expired and removed in between: claim again
      if (row.request_hash !== requestHash) throw domainError(PlatformErrors.IDEMPOTENCY_KEY_REUSED);
      if (row.state === 'IN_FLIGHT') throw domainError(PlatformErrors.IDEMPOTENCY_KEY_IN_FLIGHT);
      for (const [name, value] of Object.entries(row.response_headers ?? {})) void reply.header(name, value);
      void reply.header('idempotent-replayed', 'true');
      setResponseStatus(reply, row.response_status ?? HttpStatus.OK);
      return of(row.response_body);
    }

    const defaultStatus =
      this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ??
      (request.method === 'POST' ? 201 : 200);
    return next.handle().pipe(
      concatMap((body) =>
        from(
          (async () => {
            const status = getResponseStatus(reply) ?? defaultStatus;
            const headers: Record<string, string> = {};
            for (const name of REPLAYED_HEADERS) {
              const value = reply.getHeader(name);
              if (typeof value === 'string') headers[name] = value;
            }
            await this.complete(scope, key, status, body, headers);
            return body;
          })(),
        ),
      ),
      // A failed request leaves nothing behind: a retry runs it again.
      catchError((error: unknown) =>
        from(this.release(scope, key)).pipe(concatMap(() => throwError(() => error))),
      ),
    );
  }

  private async claim(scope: string, key: string, requestHash: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO platform_idempotency_keys (scope, key, request_hash, state, expires_at)
       VALUES ($1, $2, $3, 'IN_FLIGHT', now() + interval '24 hours')
       ON CONFLICT (scope, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, state = 'IN_FLIGHT', response_status = NULL,
             response_body = NULL, response_headers = NULL, created_at = now(), updated_at = now(),
             expires_at = EXCLUDED.expires_at
         WHERE platform_idempotency_keys.expires_at < now()
            OR (platform_idempotency_keys.state = 'IN_FLIGHT'
                AND platform_idempotency_keys.updated_at < now() - make_interval(secs => $4))
       RETURNING 1`,
      [scope, key, requestHash, IN_FLIGHT_LEASE_SECONDS],
    );
    return rows.length === 1;
  }

  private async find(scope: string, key: string): Promise<StoredRow | null> {
    const rows: StoredRow[] = await this.dataSource.query(
      `SELECT request_hash, state, response_status, response_body, response_headers
         FROM platform_idempotency_keys WHERE scope = $1 AND key = $2 AND expires_at >= now()`,
      [scope, key],
    );
    return rows[0] ?? null;
  }

  private async complete(
    scope: string,
    key: string,
    status: number,
    body: unknown,
    headers: Record<string, string>,
  ) {
    await this.dataSource.query(
      `UPDATE platform_idempotency_keys
          SET state = 'COMPLETED', response_status = $3, response_body = $4::jsonb, response_headers = $5::jsonb, updated_at = now()
        WHERE scope = $1 AND key = $2`,
      [scope, key, status, JSON.stringify(body ?? null), JSON.stringify(headers)],
    );
  }

  private async release(scope: string, key: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM platform_idempotency_keys WHERE scope = $1 AND key = $2 AND state = 'IN_FLIGHT'`,
      [scope, key],
    );
  }
}

/**
 * Who used a key, and where: the caller (subject AND institution, since two banks' identity
 * providers may issue the same `sub`), the method and the path. A JSON array, so no part can
 * bleed into another (a `sub` with spaces or quotes stays one element).
 */
export function idempotencyScope(principal: Principal | null, method: string, url: string): string {
  return JSON.stringify([
    principal?.subject ?? null,
    principal?.institutionId ?? null,
    method,
    url.split('?')[0],
  ]);
}

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` are one body. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}
