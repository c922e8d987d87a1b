import { Writable } from 'node:stream';
import { createProgress } from './progress';

/** A stream that records what is written, as a terminal or not. */
function sink(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const out = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      (out as unknown as { text: string }).text += chunk.toString('utf8');
      callback();
    },
  }) as unknown as NodeJS.WriteStream & { text: string };
  out.text = '';
  (out as { isTTY: boolean }).isTTY = isTTY;
  out.columns = 120;
  out.cursorTo = ((_x: number, _y?: number, cb?: () => void) => (cb?.(), true)) as never;
  out.clearLine = ((_d: number, cb?: () => void) => (cb?.(), true)) as never;
  out.moveCursor = ((_x: number, _y: number, cb?: () => void) => (cb?.(), true)) as never;
  return out;
}

const describe_ = (c: Readonly<Record<string, number>>) => `${c.loaded ?? 0} loaded`;

describe('createProgress', () => {
  it('not on a terminal: a plain line at every interval, and one at the end', () => {
    // Fake timers: the intervals are exact whatever the machine's load.
    jest.useFakeTimers();
    const out = sink(false);
    try {
      const progress = createProgress({
        name: 'ods:load',
        total: 200,
        stream: out,
        intervalMs: 20,
        describe: describe_,
      });
      progress.update(50, { loaded: 50 });
      jest.advanceTimersByTime(40);
      progress.update(200, { loaded: 200 });
      progress.stop();
    } finally {
      jest.useRealTimers();
    }
    const lines = out.text.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^ods:load 25% \| 50 loaded \| \d+\.\ds$/);
    expect(lines[lines.length - 1]).toMatch(/^ods:load done 100% \| 200 loaded \| /);
    expect(out.text).not.toContain('\r');
  });

  it('not on a terminal, total unknown: counts only', () => {
    const out = sink(false);
    const progress = createProgress({
      name: 'cards:export',
      stream: out,
      intervalMs: 10_000,
      describe: (c) => `${c.rows} rows`,
    });
    progress.update(7, { rows: 7 });
    progress.stop();
    expect(out.text).toMatch(/^cards:export done \| 7 rows \| \d+\.\ds\n$/);
  });

  it('on a terminal: a bar redrawn in place', () => {
    const out = sink(true);
    const progress = createProgress({ name: 'ods:load', total: 100, stream: out, describe: describe_ });
    progress.update(40, { loaded: 40 });
    progress.stop();
    expect(out.text).toMatch(/ods:load \[[^\]]+\] 100% \| 40 loaded/);
  });
});
