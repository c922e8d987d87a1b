// The whole hub in a process of its own (as deployed), for benchmarks that measure the hub
// process alone (its RSS) or that must not share an event loop with their client. Started by
// `startHubProcess` (./hub-process.ts) with an IPC channel: it sends { url } once listening, answers
// 'memory' with process.memoryUsage(), and closes the app and exits on 'close'.
import 'reflect-metadata';
import { startHub } from './hub';

async function main(): Promise<void> {
  const [databaseUrl, secret, auditKey] = process.argv.slice(2);
  const hub = await startHub(databaseUrl, { secret, auditKey });
  process.on('message', (message: unknown) => {
    if (message === 'memory') process.send?.({ memory: process.memoryUsage() });
    if (message === 'close') void hub.app.close().then(() => process.exit(0));
  });
  process.on('disconnect', () => void hub.app.close().then(() => process.exit(0)));
  process.send?.({ url: hub.url });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
