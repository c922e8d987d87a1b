import { Transform, type TransformCallback } from 'node:stream';

/** "PGCOPY\n\377\r\n\0": the signature every binary COPY stream starts with. */
const SIGNATURE = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00]);
const HEADER_FIXED = SIGNATURE.length + 8; // signature, flags (int32), extension length (int32)

/**
 * Turns the output of `COPY (SELECT <one text column>) TO STDOUT (FORMAT binary)` into the
 * concatenation of the column's bytes, row after row, untouched: unlike the text and CSV formats,
 * the binary format escapes nothing, so a line PostgreSQL formed (terminator included) reaches the
 * client exactly as formed (moved to the front of the chunk that holds them: the chunks are the COPY
 * stream's own, read by nobody else). Each tuple is a field count (int16, 1), a length (int32) and the
 * bytes; the stream ends with a field count of -1. `rows` counts the tuples seen; `onRow` is
 * called once per tuple. Back-pressure is the Transform's own: nothing is read ahead of the reader.
 */
export class CopyBinaryLines extends Transform {
  rows = 0;
  private pending: Buffer | null = null;
  private headerDone = false;
  private ended = false;

  constructor(private readonly onRow?: () => void) {
    super({ readableHighWaterMark: 64 * 1024 });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    let pos = 0;
    if (!this.headerDone) {
      if (buf.length < HEADER_FIXED) {
        this.pending = buf;
        return done();
      }
      if (!buf.subarray(0, SIGNATURE.length).equals(SIGNATURE)) {
        return done(new Error('not a binary COPY stream'));
      }
      const extension = buf.readUInt32BE(SIGNATURE.length + 4);
      if (buf.length < HEADER_FIXED + extension) {
        this.pending = buf;
        return done();
      }
      pos = HEADER_FIXED + extension;
      this.headerDone = true;
    }
    // The lines are moved to the front of the chunk itself (each lands at or before where it was
    // read: `copy` handles the overlap), so no buffer is allocated per chunk.
    let written = 0;
    while (!this.ended && buf.length - pos >= 2) {
      const fields = buf.readInt16BE(pos);
      if (fields === -1) {
        this.ended = true;
        pos += 2;
        break;
      }
      if (fields !== 1) return done(new Error(`binary COPY tuple with ${fields} fields, expected 1`));
      if (buf.length - pos < 6) break;
      const length = buf.readInt32BE(pos + 2);
      if (length < 0) return done(new Error('binary COPY line is NULL'));
      if (buf.length - pos - 6 < length) break;
      written += buf.copy(buf, written, pos + 6, pos + 6 + length);
      pos += 6 + length;
      this.rows++;
      this.onRow?.();
    }
    if (pos < buf.length) {
      if (this.ended) return done(new Error('bytes after the end of a binary COPY stream'));
      this.pending = buf.subarray(pos);
    }
    done(null, written > 0 ? buf.subarray(0, written) : undefined);
  }

  override _flush(done: TransformCallback): void {
    if (!this.ended || this.pending) return done(new Error('binary COPY stream cut short'));
    done();
  }
}
