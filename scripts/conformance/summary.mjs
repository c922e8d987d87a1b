// The conformance run's verdict over the recorded traffic (test/support/recorded-http.ts).

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** `METHOD /template` of the document's operation for a concrete path, or `METHOD (no operation)`. */
export function operationOf(method, path, document) {
  for (const [template, item] of Object.entries(document.paths)) {
    if (!METHODS.some((m) => m === method.toLowerCase() && item[m])) continue;
    const pattern = new RegExp(
      '^' + template.replace(/[.*+?^$()|[\]\\:]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+') + '$',
    );
    if (pattern.test(path)) return `${method} ${template}`;
  }
  return `${method} (no operation)`;
}

function parseViolations(header) {
  if (!header) return [];
  try {
    const list = JSON.parse(header);
    return Array.isArray(list) ? list : [];
  } catch {
    return [{ location: ['unknown'], severity: 'Error', message: header }];
  }
}

/**
 * Each violation is a kind (`response` or `request`, and the part: body, header, status...). A
 * response violation always fails; a request violation fails when the hub accepted the request
 * (2xx), and is expected (listed, passes) when the hub refused it with a 4xx.
 */
export function summarize(records, document) {
  const rows = new Map();
  let failing = 0;
  let expected = 0;
  const examples = [];
  for (const r of records) {
    const op = operationOf(r.method, r.path, document);
    for (const v of parseViolations(r.violations)) {
      const side = v.location?.[0] === 'request' ? 'request' : 'response';
      const part = v.location?.[1] ?? '';
      const refused = side === 'request' && r.status >= 400 && r.status < 500;
      // The document's own pages (Swagger UI, /docs-json) are served beside the API, not part of it.
      const docsPage = op.endsWith('(no operation)') && /^\/docs([-/]|$)/.test(r.path);
      const note = refused
        ? ` (refused ${r.status}, expected)`
        : docsPage
          ? ' (documentation page, not an operation)'
          : '';
      const kind = `${side}${part ? '.' + part : ''}${note}`;
      const key = `${docsPage ? `${r.method} /docs*` : op}\u0000${kind}`;
      rows.set(key, (rows.get(key) ?? 0) + 1);
      if (refused || docsPage) expected++;
      else {
        failing++;
        if (examples.length < 30)
          examples.push(`${r.method} ${r.path} -> ${r.status}: ${v.location?.join('.')}: ${v.message}`);
      }
    }
  }
  return { requests: records.length, failing, expected, rows, examples };
}

export function printSummary({ requests, failing, expected, rows, examples }) {
  const lines = [...rows.entries()]
    .map(([key, n]) => [...key.split('\u0000'), String(n)])
    .sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
  const header = ['operation', 'kind', 'violations'];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log('');
  console.log('== conformance against openapi.json (Prism proxy)');
  console.log(`requests through Prism: ${requests}`);
  console.log(`violations that fail (responses, and requests the hub accepted): ${failing}`);
  console.log(
    `request violations on input the hub refused with 4xx, or on the docs pages (expected): ${expected}`,
  );
  if (lines.length) {
    console.log(fmt(header));
    console.log(fmt(widths.map((w) => '-'.repeat(w))));
    for (const l of lines) console.log(fmt(l));
  }
  for (const e of examples) console.log(`  ${e}`);
  console.log('');
}
