import { request as httpRequest } from 'node:http';

export interface EarlyAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Record<string, unknown>;
}

/**
 * POSTs a body that declares `declaredBytes` in Content-Length but sends only a first chunk, and
 * resolves with the answer the server gives before the upload ends (a 413 refused on the declared
 * length). Sending the whole body instead races the server: it answers and closes while the client
 * is still writing, and the client sees EPIPE or ECONNRESET in place of the answer.
 */
export function postOversized(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
  declaredBytes: number,
): Promise<EarlyAnswer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest(new URL(path, baseUrl), {
      method: 'POST',
      headers: { ...headers, 'Content-Length': String(declaredBytes) },
    });
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        req.destroy();
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers as Record<string, string>,
          body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
        });
      });
      res.on('error', reject);
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    req.write('{"legalId":"' + 'x'.repeat(16 * 1024));
  });
}
