import type { FastifyReply } from 'fastify';

const STATUS = Symbol.for('hub.responseStatus');

/**
 * Sets the status a handler answers with when it is not the route's fixed one (e.g. 200 for an
 * existing record, 201 for a created one). Nest applies the route's status last, so the hub
 * applies this one in Fastify's `onSend` hook (see `configureFastify`).
 */
export function setResponseStatus(reply: FastifyReply, status: number): void {
  (reply as unknown as Record<symbol, number>)[STATUS] = status;
}

export function getResponseStatus(reply: FastifyReply): number | undefined {
  return (reply as unknown as Record<symbol, number | undefined>)[STATUS];
}
