import { Readable } from 'node:stream';
import fc from 'fast-check';
import { CopyBinaryLines } from './copy-binary-lines';

/** `COPY … TO STDOUT (FORMAT binary)` of one text column holding `lines`. */
function binaryCopy(lines: readonly Buffer[]): Buffer {
  const header = Buffer.alloc(19);
  Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00]).copy(header);
  const tuples = lines.map((line) => {
    const head = Buffer.alloc(6);
    head.writeInt16BE(1, 0);
    head.writeInt32BE(line.length, 2);
    return Buffer.concat([head, line]);
  });
  const trailer = Buffer.alloc(2);
  trailer.writeInt16BE(-1, 0);
  return Buffer.concat([header, ...tuples, trailer]);
}

async function run(chunks: Buffer[], onRow?: () => void): Promise<{ out: Buffer; rows: number }> {
  // CopyBinaryLines moves the lines within the chunks it is given: hand it copies.
  const lines = new CopyBinaryLines(onRow);
  const parts: Buffer[] = [];
  for await (const part of Readable.from(
    chunks.map((chunk) => Buffer.from(chunk)),
    { objectMode: true },
  ).pipe(lines))
    parts.push(part as Buffer);
  return { out: Buffer.concat(parts), rows: lines.rows };
}

describe('CopyBinaryLines', () => {
  it('passes the lines on untouched, however the stream is cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 25 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (raw, cuts) => {
          const lines = raw.map((bytes) => Buffer.from(bytes));
          const stream = binaryCopy(lines);
          const at = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
          // Each chunk a copy of its own, as the COPY stream hands them over.
          const chunks = [0, ...at, stream.length]
            .slice(1)
            .map((end, i, ends) => Buffer.from(stream.subarray(i === 0 ? 0 : ends[i - 1], end)));
          let called = 0;
          const { out, rows } = await run(chunks, () => called++);
          expect(out.equals(Buffer.concat(lines))).toBe(true);
          expect(rows).toBe(lines.length);
          expect(called).toBe(lines.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a stream cut short, a NULL line and bytes after the end', async () => {
    const stream = binaryCopy([Buffer.from('{"a":1}\n')]);
    await expect(run([stream.subarray(0, stream.length - 2)])).rejects.toThrow('cut short');
    const nullLine = Buffer.concat([
      stream.subarray(0, 19),
      Buffer.from([0, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
    ]);
    await expect(run([nullLine])).rejects.toThrow('NULL');
    await expect(run([Buffer.concat([stream, Buffer.from('x')])])).rejects.toThrow('after the end');
  });
});
