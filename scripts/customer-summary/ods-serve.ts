import { parseArgs } from 'node:util';
import { generateSyntheticCustomers, parseOdsSnapshot } from '@hub/customer-summary';
import { InMemoryOds, StubOdsServer } from '@hub/customer-summary/testing';

/**
 * npm run ods:serve -- [--port 4010] [--customers 500] [--seed demo]
 *
 * A stub of a bank's ODS service (libs/customer-summary/ods-service.openapi.json) over the
 * generator's customers (the demo data by default, extracted now), on 127.0.0.1, so that the hub
 * can be tried with ODS_MODE=http on one machine:
 *   ODS_MODE=http ODS_BASE_URL=http://127.0.0.1:4010 npm start
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4010' },
      customers: { type: 'string', default: '500' },
      seed: { type: 'string', default: 'demo' },
    },
  });
  const port = Number(values.port);
  const customers = Number(values.customers);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be a port number');
  if (!Number.isInteger(customers) || customers < 1 || customers > 1_000_000)
    throw new Error('--customers must be an integer from 1 to 1000000');

  const ods = new InMemoryOds();
  const extractedAt = new Date().toISOString();
  const snapshots = [];
  for (const raw of generateSyntheticCustomers({ customers, seed: values.seed!, extractedAt })) {
    const parsed = parseOdsSnapshot(raw);
    if (!parsed.ok) throw new Error(`the generator produced an invalid snapshot: ${parsed.message}`);
    snapshots.push(parsed.snapshot);
  }
  await ods.replaceSnapshots(snapshots);
  const server = new StubOdsServer(ods);
  const url = await server.start(port);
  process.stdout.write(
    `Stub ODS service with ${customers} customers (seed "${values.seed}") on ${url}\n` +
      `Point the hub at it:  ODS_MODE=http ODS_BASE_URL=${url} npm start\n`,
  );
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
