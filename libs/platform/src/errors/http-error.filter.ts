import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { describeForLog, mapError, pickLanguage } from './error-mapping';

/** The one global filter: every error becomes the one error shape, localised, with the request id. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    sendError(error, request, reply, this.logger);
  }
}

export function sendError(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  logger: {
    error(message: unknown, ...rest: unknown[]): void;
    warn?(message: unknown, ...rest: unknown[]): void;
    log?(message: unknown, ...rest: unknown[]): void;
  },
): void {
  // The request's own connection closed under it: the client went away mid-upload, or the hub cut
  // it when its shutdown grace period ran out (which the shutdown warning reports). Nothing failed
  // on the hub's side and nobody is left to answer. (A lost database connection is ECONNRESET too,
  // but its request's connection is still open.)
  if (connectionClosed(error, request)) {
    logger.log?.({ requestId: request.id }, 'request aborted: its connection closed before the answer');
    return;
  }
  const { body, unexpected, retryAfterSeconds } = mapError(
    error,
    pickLanguage(request.headers['accept-language']),
    String(request.id),
  );
  if (unexpected) logger.error({ requestId: request.id, ...describeForLog(error) }, 'unexpected error');
  if (body.code === 'DATABASE_UNAVAILABLE' && !unexpected)
    logger.warn?.({ requestId: request.id, ...describeForLog(error) }, 'database unavailable');
  if (reply.sent) return;
  if (retryAfterSeconds !== undefined) void reply.header('retry-after', String(retryAfterSeconds));
  void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
}

function connectionClosed(error: unknown, request: FastifyRequest): boolean {
  return (
    (error as { code?: unknown } | null)?.code === 'ECONNRESET' && request.raw.socket?.destroyed === true
  );
}
