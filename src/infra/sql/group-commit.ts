import type { Sql } from './driver.js';

interface Queued {
  work: () => Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Small writes that need not commit alone share one transaction: those queued in the same event-loop turn
 * are committed together at the end of it. The writes that follow a reply (its outbox entry marked sent, its
 * event marked done) were two commits of their own per answer; under a burst they now share a handful. Each
 * caller still resolves only once its write is committed, so what it guarantees is unchanged.
 *
 * A queued write must be idempotent: when the shared transaction fails, each write is tried again alone, so
 * that one bad write cannot fail the others. When the database could not be reached (the driver has already
 * retried for as long as it does), the whole batch fails at once: trying each write alone would make the
 * last caller wait that long again for every write before it. A write made inside a transaction joins that
 * one (the SQLite connection is held by it, so waiting for the turn's end would wait forever).
 */
export function groupCommit(sql: Sql): (work: () => Promise<void>) => Promise<void> {
  let queued: Queued[] = [];
  const flush = async (): Promise<void> => {
    const batch = queued;
    queued = [];
    try {
      await sql.transaction(async () => {
        for (const q of batch) await q.work();
      });
      for (const q of batch) q.resolve();
    } catch (error) {
      if (batch.length === 1 || sql.unavailable(error)) {
        for (const q of batch) q.reject(error);
        return;
      }
      for (const q of batch) await sql.transaction(q.work).then(q.resolve, q.reject);
    }
  };
  return (work) => {
    if (sql.inTransaction()) return work();
    return new Promise<void>((resolve, reject) => {
      queued.push({ work, resolve, reject });
      if (queued.length === 1) setImmediate(() => void flush());
    });
  };
}
