/* global URL */
// Checks that the Node versions this project says it supports (package.json `engines.node`) are
// supported by every package in the lock file, so `npm install` shows no EBADENGINE warning on any
// of them, and that every workspace package declares the same range. Exits 1 with the offenders.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const semver = require('semver');
const root = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8'));
const range = root.engines.node;

// The lowest supported release of each major line from 18 to 26 that the range admits.
const versions = [];
for (let major = 18; major <= 26; major++) {
  for (let minor = 0; minor <= 60; minor++) {
    const v = `${major}.${minor}.0`;
    if (semver.satisfies(v, range)) {
      versions.push(v);
      break;
    }
  }
}

const problems = [];
for (const [path, pkg] of Object.entries(lock.packages)) {
  if (path === '') continue;
  const declared = pkg.engines?.node;
  if (pkg.link || !path.includes('node_modules/')) {
    // A workspace package: the same range as the root.
    const own = JSON.parse(
      readFileSync(new URL(`../${pkg.resolved ?? path}/package.json`, import.meta.url), 'utf8'),
    );
    if (own.engines?.node !== range)
      problems.push(`${path}: engines.node "${own.engines?.node}", root says "${range}"`);
    continue;
  }
  if (!declared || pkg.optional) continue;
  for (const v of versions) {
    if (!semver.satisfies(v, declared))
      problems.push(
        `${path.replace(/.*node_modules\//, '')} ${pkg.version} needs node "${declared}": not ${v}`,
      );
  }
}
console.log(`engines: "${range}", probed ${versions.join(', ')}`);
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('every locked package supports them');
