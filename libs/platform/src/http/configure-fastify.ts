import { Logger } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from '../errors/http-error.filter';
import { clientErrorHandler } from './client-error';
import { setRouteTemplate } from '../logging/logger-options';
import { arrayInArray, arrayInArrayRefused, jsonDepthExceeds, jsonTooDeep } from './json-depth';
import { ROUTER_MAX_PARAM_LENGTH } from './path-param-length.guard';
import { requestIdFor } from './request-id';
import { getResponseStatus } from './response-status';

/**
 * Nest installs a generic error handler on Fastify during init, which turns Fastify's own errors
 * (malformed JSON, content type, body size) into anonymous HttpExceptions. The hub installs its
 * own in that place instead, so those errors keep precise codes in the one error shape.
 */
class HubFastifyAdapter extends FastifyAdapter {
  private readonly errorLogger = new Logger('Http');

  override setErrorHandler(): ReturnType<FastifyAdapter['setErrorHandler']> {
    return this.getInstance().setErrorHandler((error, request, reply) =>
      sendError(error, request, reply, this.errorLogger),
    );
  }
}

export function createFastifyAdapter(bodyLimitBytes: number): FastifyAdapter {
  const logger = new Logger('Http');
  return new HubFastifyAdapter({
    logger: false,
    // Errors of the router itself (a malformed URL, an over-long path parameter) in the one shape too.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      void reply.header('x-request-id', request.id);
      sendError(error, request, reply, logger);
    },
    bodyLimit: bodyLimitBytes,
    // Errors of Node's HTTP parser (headers over 16 KB, broken HTTP) in the one shape too.
    clientErrorHandler,
    // While the hub drains, a request on an open keep-alive connection is still served (with
    // `Connection: close`), in the one error shape if at all refused, not with Fastify's own 503.
    return503OnClosing: false,
    genReqId: requestIdFor,
    // Case-sensitive, no trailing-slash aliasing: one URL per resource.
    // Path parameters are measured after authentication (PathParamLengthGuard), not by the router.
    routerOptions: {
      ignoreTrailingSlash: false,
      caseSensitive: true,
      maxParamLength: ROUTER_MAX_PARAM_LENGTH,
    },
  } as never);
}

/**
 * Hooks every route shares: the request id echoed on every response, a handler-chosen status,
 * and NDJSON bodies handed to the route as a stream (no size limit, constant memory; only routes
 * marked `@AcceptsNdjson()` take one, see BodyTypeGuard).
 */
export function configureFastify(fastify: FastifyInstance): void {
  // The route template goes on the raw request as soon as the router matched it (Fastify makes the
  // request's child logger first, before any hook or middleware), so every log line of the request
  // names `/card-registry/v1/customers/:id`, never the path with the identifier in it.
  fastify.addHook('onRoute', (route) => {
    const template = route.url;
    if (!template || template === '*') return;
    const base = route.childLoggerFactory;
    route.childLoggerFactory = function (logger, bindings, options, raw) {
      setRouteTemplate(raw, template);
      return base ? base.call(this, logger, bindings, options, raw) : logger.child(bindings, options);
    };
  });
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    // Answers carry personal data: no browser or proxy may keep a copy.
    void reply.header('cache-control', 'no-store');
  });
  fastify.addHook('onSend', async (_request, reply, payload) => {
    const status = getResponseStatus(reply);
    if (status !== undefined && reply.statusCode < 400) void reply.status(status);
    return payload;
  });
  // JSON as Fastify parses it (prototype-poisoning checks included), but a body nested deeper than
  // MAX_JSON_DEPTH is refused before it is parsed: nothing downstream walks it recursively.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (jsonDepthExceeds(body as string)) return done(jsonTooDeep(), undefined);
    parseJson(request, body as string, (error: Error | null, parsed?: unknown) => {
      if (error) return done(error, undefined);
      const nested = arrayInArray(parsed);
      if (nested !== null) return done(arrayInArrayRefused(nested), undefined);
      done(null, parsed);
    });
  });
  fastify.addContentTypeParser('application/x-ndjson', (_request, payload, done) => done(null, payload));
  // The hub's routes take JSON (or NDJSON where marked): a text body is refused by Fastify, not
  // handed to a DTO as a string.
  fastify.removeContentTypeParser('text/plain');
}
