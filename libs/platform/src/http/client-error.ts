import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { HttpErrors, type HttpErrorEntry } from '../errors/platform.errors';

interface ClientError extends Error {
  code?: string;
}

const ANSWERS: Record<string, HttpErrorEntry> = {
  ERR_HTTP_REQUEST_TIMEOUT: HttpErrors.REQUEST_TIMEOUT,
  HPE_HEADER_OVERFLOW: HttpErrors.HEADERS_TOO_LARGE,
};

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (a request line and headers over
 * Node's 16 KB limit, a request that never finishes, broken HTTP): answered in the one error shape,
 * in English (the Accept-Language header was never parsed), then the connection is closed.
 */
export function clientErrorHandler(error: ClientError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const answer = (error.code && ANSWERS[error.code]) || HttpErrors.MALFORMED_REQUEST;
  if (socket.writable) {
    const requestId = randomUUID();
    const body = JSON.stringify({
      statusCode: answer.status,
      code: answer.code,
      message: answer.en,
      details: [],
      requestId,
    });
    socket.write(
      `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Request-Id: ${requestId}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
