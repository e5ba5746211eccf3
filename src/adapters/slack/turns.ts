/**
 * One CPU-heavy job per event-loop turn, in arrival order.
 *
 * An event is acked once it is in the inbox, but its handling's synchronous work (scoring, SQLite) keeps the
 * loop from reading the next Socket Mode frames. Under a burst the acks of later events (and the socket's
 * ping answers) then wait behind every answer already read. Awaiting `nextTurn()` first lets the loop read and
 * ack new envelopes between two jobs. A job that finds the turn free (nobody waiting, no job yet in this turn)
 * goes at once: a lone answer does not wait a turn it does not need (about 0.2 ms of its reply time).
 */
const waiting: Array<() => void> = [];
/** A job went in this loop turn; set until the check phase that releases the next one. */
let taken = false;

function take(): void {
  taken = true;
  // Runs after this turn's I/O; releasing the next job there takes that turn.
  setImmediate(() => {
    taken = false;
    const next = waiting.shift();
    if (next) {
      take();
      next();
    }
  });
}

/** Resolves when this caller's job may run: at once if the turn is free, else on a later turn, in order. */
export function nextTurn(): Promise<void> {
  if (!taken) {
    take();
    return Promise.resolve();
  }
  return new Promise((resolve) => waiting.push(resolve));
}
