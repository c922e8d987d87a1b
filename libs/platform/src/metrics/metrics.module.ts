import { createServer, type Server } from 'node:http';
import {
  Global,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { HubMetrics } from './hub-metrics';
import { MetricsCollectors } from './metrics-collectors';
import { metricsSettings, type MetricsSettings } from './metrics-settings';

const STARTED = Symbol('hub.metricsStarted');

/**
 * Prometheus metrics: the series (HubMetrics), HTTP timings by route template from Fastify's hooks,
 * and `GET /metrics` (no token, like `/health`; left out of the OpenAPI document, which describes
 * the JSON API). With METRICS_PORT it is served on that port alone; METRICS=off serves it nowhere.
 */
@Global()
@Module({
  providers: [HubMetrics, MetricsCollectors],
  exports: [HubMetrics],
})
export class MetricsModule implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private readonly settings: MetricsSettings;
  private server: Server | null = null;

  constructor(
    private readonly metrics: HubMetrics,
    private readonly adapterHost: HttpAdapterHost,
    config: AppConfig,
    // instantiated for its gauges
    _collectors: MetricsCollectors,
  ) {
    this.settings = metricsSettings(config.env);
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    const { httpDuration, httpInFlight } = this.metrics;
    fastify.addHook('onRequest', async (request, reply) => {
      (request as FastifyRequest & { [STARTED]?: bigint })[STARTED] = process.hrtime.bigint();
      httpInFlight.inc();
      // 'close' comes once the answer is sent or the client went away, whichever is first.
      reply.raw.once('close', () => {
        httpInFlight.dec();
        const started = (request as FastifyRequest & { [STARTED]?: bigint })[STARTED] ?? 0n;
        httpDuration.observe(
          {
            route: request.routeOptions?.url ?? '(unmatched)',
            method: request.method,
            status: String(reply.raw.statusCode),
          },
          Number(process.hrtime.bigint() - started) / 1e9,
        );
      });
    });
    if (this.settings.enabled && this.settings.port === null) {
      fastify.get('/metrics', async (_request, reply) => {
        const { contentType, body } = await this.metrics.scrape();
        return reply.header('content-type', contentType).send(body);
      });
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.settings.enabled || this.settings.port === null) return;
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: this port serves /metrics\n');
        return;
      }
      this.metrics.scrape().then(
        ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body),
        () => res.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.settings.port as number, this.settings.host, () => resolve());
    });
    this.server = server;
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : this.settings.port;
    this.logger.log(`metrics: http://${this.settings.host}:${port}/metrics`);
  }

  /** The port `/metrics` listens on when METRICS_PORT is set (0 picks a free one). */
  get separatePort(): number | null {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : null;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
