/**
 * One CPU-heavy job per event-loop turn, in arrival order.
 *
 * Bolt acks an event before its listener runs, but a listener's synchronous work (scoring, SQLite) keeps the
 * loop from reading the next Socket Mode frames. Under a burst the acks of later events (and the socket's
 * ping answers) then wait behind every answer already read. Awaiting `nextTurn()` first lets the loop read and
 * ack new envelopes between two jobs.
 */
const waiting: Array<() => void> = [];
let scheduled = false;

function releaseOne(): void {
  const next = waiting.shift();
  // Queued from inside a check-phase callback, so it runs on the next loop turn, after pending I/O.
  if (waiting.length > 0) setImmediate(releaseOne);
  else scheduled = false;
  next?.();
}

/** Resolves on a later event-loop turn; concurrent callers are released one per turn, first come first served. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!scheduled) {
      scheduled = true;
      setImmediate(releaseOne);
    }
  });
}
