import fc from 'fast-check';
import { ndjsonLines } from './ndjson-lines';

async function collect(chunks: (string | Buffer)[], max?: number) {
  const out: { lineNumber: number; text: string | null }[] = [];
  async function* source() {
    yield* chunks;
  }
  for await (const l of ndjsonLines(source(), max)) out.push(l);
  return out;
}

describe('ndjsonLines', () => {
  it('splits on LF and CRLF, skips blank lines but counts them, and keeps a last line without LF', async () => {
    expect(await collect(['a\r\n\nb\n', '  \nc'])).toEqual([
      { lineNumber: 1, text: 'a' },
      { lineNumber: 3, text: 'b' },
      { lineNumber: 5, text: 'c' },
    ]);
  });

  it('drops a UTF-8 byte order mark at the start of the input only', async () => {
    expect(
      await collect([Buffer.from([0xef, 0xbb]), Buffer.from([0xbf, 0x7b, 0x7d, 0x0a]), '\ufeff{}\n']),
    ).toEqual([
      { lineNumber: 1, text: '{}' },
      { lineNumber: 2, text: '\ufeff{}' },
    ]);
  });

  it('decodes UTF-8 split across chunks', async () => {
    const bytes = Buffer.from('{"fullName":"Nguyễn Văn An"}\n');
    const cut = bytes.indexOf(0xbb) > 0 ? bytes.indexOf(0xbb) : 18;
    expect(await collect([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual([
      { lineNumber: 1, text: '{"fullName":"Nguyễn Văn An"}' },
    ]);
  });

  it('reports an over-long line as null, spread over many chunks, and goes on', async () => {
    expect(await collect(['ok\n', 'x'.repeat(60), 'x'.repeat(60), 'x\nnext\n'], 100)).toEqual([
      { lineNumber: 1, text: 'ok' },
      { lineNumber: 2, text: null },
      { lineNumber: 3, text: 'next' },
    ]);
  });

  it('gives the same lines however the input is chunked (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 20 }), { maxLength: 10 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        async (lines, cuts) => {
          const text = lines.map((l) => l.replace(/[\r\n]/g, '')).join('\n');
          const bytes = Buffer.from(text);
          const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const chunks: Buffer[] = [];
          let start = 0;
          for (const p of points) {
            chunks.push(bytes.subarray(start, p));
            start = p;
          }
          chunks.push(bytes.subarray(start));
          expect(await collect(chunks)).toEqual(await collect([text]));
        },
      ),
    );
  });
});
