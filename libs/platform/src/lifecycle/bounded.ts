export type BoundedOutcome = 'done' | 'failed' | 'timeout';

/**
 * Waits for `work` at most `ms` (a negative or zero budget still gives it one turn of the event
 * loop). The work is not cancelled: on 'timeout' it goes on in the background, which is why callers
 * name it in their warning.
 */
export async function bounded(work: Promise<unknown>, ms: number): Promise<BoundedOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    work.then(
      () => 'done' as const,
      () => 'failed' as const,
    ),
    new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), Math.max(ms, 0)))),
  ]);
  clearTimeout(timer);
  return outcome;
}
