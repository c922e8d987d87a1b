// The load generator, in its own process so that it does not share an event loop with the servers
// it measures. Reads one JSON options object (autocannon's) from stdin, prints autocannon's
// result as one JSON line on stdout.

import autocannon from 'autocannon';

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', () => run(JSON.parse(input)));

function run(options) {
  autocannon(options, (error, result) => {
    if (error) {
      process.stderr.write(`${error.stack || error}\n`);
      process.exit(1);
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
  });
}
