/**
 * The hub's start-up phases, timed from the process's start (`performance.now()`), for the one
 * info line `main.ts` logs once the hub listens ("start-up: ..."): what `npm run bench:startup`
 * reads, and what to look at when a start is slow.
 */
const marks: { readonly name: string; readonly at: number }[] = [];

/** Records that `name` has just finished. */
export function markStartup(name: string): void {
  marks.push({ name, at: performance.now() });
}

/** "modules 1.20 s, postgres 1.85 s, ..." (seconds since the process started), in the order marked. */
export function startupTimeline(): string {
  return marks.map((m) => `${m.name} ${(m.at / 1000).toFixed(2)} s`).join(', ');
}
