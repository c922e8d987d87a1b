import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CUSTOMER_SUMMARY_SCHEMA, generateSyntheticCustomers } from '@hub/customer-summary';
import { standaloneOds } from '@hub/customer-summary/testing';
import { buildDataSourceOptions, DatabaseServer, loadConfig } from '@hub/platform';

/**
 * npm run bench:customer-summary -- [customers=20000] [lookups=2000]
 * Loads N synthetic customers into the ODS tables (DATABASE_URL, or a throwaway embedded server
 * with DATA_DIR=memory), then times getCusSummary lookups (service + PostgreSQL adapter, no HTTP).
 */
async function main(): Promise<void> {
  Logger.overrideLogger(['error', 'warn']);
  const customers = Number(process.argv[2] ?? 20000);
  const lookups = Number(process.argv[3] ?? 2000);
  const config = loadConfig();
  const server = await DatabaseServer.start(config);
  const ds = new DataSource({
    ...buildDataSourceOptions(server.url, {
      poolSize: 4,
      applicationName: 'bench',
      schemas: [CUSTOMER_SUMMARY_SCHEMA],
    }),
    logging: false,
  });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    await ds.query('TRUNCATE ods_customers CASCADE');
    const ods = standaloneOds(ds);
    async function* lines() {
      for (const c of generateSyntheticCustomers({ customers, seed: 'bench' }))
        yield `${JSON.stringify(c)}\n`;
    }
    let t = Date.now();
    const report = await ods.ingest.ingest(lines());
    const loadMs = Date.now() - t;
    const sample = [...generateSyntheticCustomers({ customers: Math.min(customers, 5000), seed: 'bench' })];
    const service = ods.summaries;
    const times: number[] = [];
    const outcomes: Record<string, number> = {};
    for (let i = 0; i < lookups; i++) {
      const c = sample[(i * 7919) % sample.length] as {
        legalIds: { number: string }[];
        mobileNumbers: string[];
      };
      const query =
        i % 3 === 0
          ? { mobileNumber: c.mobileNumbers[0] }
          : i % 3 === 1
            ? { legalId: c.legalIds[0].number }
            : { legalId: c.legalIds[0].number, mobileNumber: c.mobileNumbers[0] };
      t = performance.now();
      const outcome = await service.getSummary(query, { actor: 'bench', requestId: 'bench' }).then(
        (r) => (r.total === 1 ? 'FOUND' : 'NOT_FOUND'),
        (e: { code?: string }) => e.code ?? 'ERROR',
      );
      times.push(performance.now() - t);
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
    times.sort((a, b) => a - b);
    const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(2);
    process.stdout.write(
      `${JSON.stringify({
        customers,
        loaded: report.loaded,
        loadMs,
        loadPerSecond: Math.round((report.loaded / loadMs) * 1000),
        lookups,
        outcomes,
        lookupMs: { p50: p(0.5), p95: p(0.95), p99: p(0.99), max: times[times.length - 1].toFixed(2) },
        rssMb: Math.round(process.memoryUsage().rss / 1e6),
      })}\n`,
    );
  } finally {
    await ds.destroy();
    await server.onApplicationShutdown();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
