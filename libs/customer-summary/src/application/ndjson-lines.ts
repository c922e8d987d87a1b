import { StringDecoder } from 'node:string_decoder';

export interface NdjsonLine {
  /** 1-based, counting every line of the input (blank ones too). */
  readonly lineNumber: number;
  /** The line's text, or null when it was longer than the limit (its content was not kept). */
  readonly text: string | null;
}

export const MAX_LINE_BYTES = 1024 * 1024;

/**
 * Splits a byte stream into lines (LF or CRLF) without holding more than one line in memory;
 * a line longer than `maxLineBytes` is reported with `text: null` and skipped as it streams.
 * Blank lines are not yielded (but are counted). A UTF-8 byte order mark at the start of the
 * input (as some Windows tools write) is dropped.
 */
export async function* ndjsonLines(
  source: AsyncIterable<Buffer | Uint8Array | string>,
  maxLineBytes = MAX_LINE_BYTES,
): AsyncGenerator<NdjsonLine> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let tooLong = false;
  let lineNumber = 0;

  function* emit(segment: string): Generator<NdjsonLine> {
    lineNumber++;
    if (tooLong) {
      tooLong = false;
      yield { lineNumber, text: null };
      return;
    }
    let text = segment.endsWith('\r') ? segment.slice(0, -1) : segment;
    if (lineNumber === 1 && text.startsWith('\ufeff')) text = text.slice(1);
    if (text.trim() !== '') yield { lineNumber, text };
  }

  for await (const chunk of source) {
    const piece =
      typeof chunk === 'string' ? chunk : decoder.write(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    let start = 0;
    for (let nl = piece.indexOf('\n'); nl !== -1; nl = piece.indexOf('\n', start)) {
      const segment = pending + piece.slice(start, nl);
      pending = '';
      start = nl + 1;
      if (!tooLong && Buffer.byteLength(segment, 'utf8') > maxLineBytes) tooLong = true;
      yield* emit(segment);
    }
    if (!tooLong) {
      pending += piece.slice(start);
      // Characters are at most 4 bytes: only measure when the length could exceed the limit.
      if (pending.length * 4 > maxLineBytes && Buffer.byteLength(pending, 'utf8') > maxLineBytes) {
        tooLong = true;
        pending = '';
      }
    }
  }
  pending += decoder.end();
  if (pending !== '' || tooLong) {
    if (!tooLong && Buffer.byteLength(pending, 'utf8') > maxLineBytes) tooLong = true;
    yield* emit(pending);
  }
}
