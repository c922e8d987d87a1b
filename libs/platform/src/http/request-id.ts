import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Six digits in a row (separators ignored): a legal ID, phone, CIF or date of birth, not a request id. */
const DIGIT_RUN = /\d{6}/;

/**
 * True when a caller's X-Request-Id may be echoed and logged: short, plain characters, and not
 * shaped like personal data (a UUID, or no run of six digits once `-._:` are taken out).
 */
export function isAcceptableRequestId(candidate: string): boolean {
  if (!ACCEPTABLE.test(candidate)) return false;
  return UUID.test(candidate) || !DIGIT_RUN.test(candidate.replace(/[-._:]/g, ''));
}

/**
 * The caller's X-Request-Id when it is acceptable, else a new UUID (an id that looks like an
 * identifier never reaches a log line). Also set on the raw request for the logger.
 */
export function requestIdFor(raw: IncomingMessage): string {
  const header = raw.headers['x-request-id'];
  const candidate = Array.isArray(header) ? header[0] : header;
  const id = candidate && isAcceptableRequestId(candidate) ? candidate : randomUUID();
  (raw as IncomingMessage & { id?: string }).id = id;
  return id;
}

/** The request id, for audit records and outbound calls. */
export const RequestId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  return String(ctx.switchToHttp().getRequest<{ id: string }>().id);
});
