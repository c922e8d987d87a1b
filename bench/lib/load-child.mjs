// The load generator, in its own process so that it does not share an event loop with the servers
// it measures. Reads one JSON options object (autocannon's) from stdin, prints autocannon's
// result as one JSON line on stdout. With `numbered: { template, modulo, width }`, every request's
// body is the template with "{n}" replaced by a counter modulo `modulo`, zero-padded to `width`.

import autocannon from 'autocannon';

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', () => run(JSON.parse(input)));

function run({ numbered, ...options }) {
  if (numbered) {
    let n = 0;
    const setupRequest = (request) => {
      const id = String(n++ % numbered.modulo).padStart(numbered.width, '0');
      return { ...request, body: numbered.template.replaceAll('{n}', id) };
    };
    options.requests = [
      { method: options.method, path: options.path, headers: options.headers, setupRequest },
    ];
  }
  autocannon(options, (error, result) => {
    if (error) {
      process.stderr.write(`${error.stack || error}\n`);
      process.exit(1);
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
  });
}
