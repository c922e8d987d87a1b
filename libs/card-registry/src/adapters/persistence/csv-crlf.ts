import { Transform, type TransformCallback } from 'node:stream';

const QUOTE = 0x22;
const LF = 0x0a;
const CRLF = Buffer.from('\r\n');

/**
 * PostgreSQL's CSV output ends records with LF; RFC 4180 (and the kernel's `csvRecord`) with CRLF.
 * This passes the bytes of `COPY … TO STDOUT (FORMAT csv)` on, turning each record-ending LF into
 * CRLF and leaving line breaks inside quoted fields as they are (quote parity is tracked across
 * chunks; a doubled quote inside a field toggles it twice). Uses the native `indexOf` to jump from
 * quote to line feed: no per-byte JavaScript loop. `rows` counts records; `onRow` is called per record.
 */
export class CsvCrlf extends Transform {
  rows = 0;
  private inQuotes = false;

  constructor(private readonly onRow?: () => void) {
    super({ readableHighWaterMark: 64 * 1024 });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const pieces: Buffer[] = [];
    let start = 0;
    let pos = 0;
    let nextQuote = -2; // -2: not searched yet from pos, -1: none left in this chunk
    while (pos < chunk.length) {
      if (this.inQuotes) {
        const close = chunk.indexOf(QUOTE, pos);
        if (close < 0) break;
        this.inQuotes = false;
        pos = close + 1;
        nextQuote = -2;
        continue;
      }
      const lf = chunk.indexOf(LF, pos);
      if (nextQuote === -2 || (nextQuote >= 0 && nextQuote < pos)) nextQuote = chunk.indexOf(QUOTE, pos);
      if (nextQuote >= 0 && (lf < 0 || nextQuote < lf)) {
        this.inQuotes = true;
        pos = nextQuote + 1;
        nextQuote = -2;
        continue;
      }
      if (lf < 0) break;
      pieces.push(chunk.subarray(start, lf), CRLF);
      start = pos = lf + 1;
      this.rows++;
      this.onRow?.();
    }
    if (start < chunk.length) pieces.push(chunk.subarray(start));
    done(null, pieces.length === 1 ? pieces[0] : Buffer.concat(pieces));
  }
}
