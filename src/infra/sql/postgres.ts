import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { Sql } from './driver.js';

// BIGINT columns hold millisecond timestamps, well inside the safe integer range: read them as numbers.
pg.types.setTypeParser(20, (value) => Number(value));

/** `?` placeholders as PostgreSQL's `$1, $2…` (outside string literals). */
export function numbered(sql: string): string {
  let n = 0;
  let quoted = false;
  let out = '';
  for (const ch of sql) {
    if (ch === "'") quoted = !quoted;
    out += ch === '?' && !quoted ? `$${++n}` : ch;
  }
  return out;
}

/** Connection-class SQLSTATEs: the server went away, is starting or shutting down. */
const LOST = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
const LOST_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);

/** Whether an error means the connection to PostgreSQL was lost (a restart, a failover), not a bad query. */
export function connectionLost(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  if (code && (LOST.has(code) || LOST_ERRNO.has(code))) return true;
  return /Connection terminated|connection (is )?closed|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(
    message ?? '',
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The Sql interface over a pg pool; a transaction checks out one client for everything inside it.
 *
 * A restart of the server (or a failover) costs a few seconds, not lost work: a statement, or a whole
 * outermost transaction, that fails because the connection was lost is tried again on a new connection for
 * up to `retryMs`. The statements the stores make are safe to repeat (unique inserts, conditional updates,
 * upserts), and a transaction the server lost was rolled back, so it runs again from the start.
 */
export function postgresSql(pool: pg.Pool, retryMs = 15_000): Sql {
  const current = new AsyncLocalStorage<pg.PoolClient>();
  const texts = new Map<string, string>();
  const inTransaction = () => current.getStore() !== undefined;
  const retrying = async <T>(fn: () => Promise<T>): Promise<T> => {
    const end = Date.now() + retryMs;
    for (let wait = 50; ; wait = Math.min(wait * 2, 1_000)) {
      try {
        return await fn();
      } catch (error) {
        if (!connectionLost(error) || Date.now() + wait > end) throw error;
        await sleep(wait);
      }
    }
  };
  const textOf = (sql: string): string => {
    let text = texts.get(sql);
    if (text === undefined) {
      text = numbered(sql);
      texts.set(sql, text);
    }
    return text;
  };
  const query = async (sql: string, params: readonly unknown[] | undefined) => {
    const text = textOf(sql);
    const values = (params ?? []) as unknown[];
    const client = current.getStore();
    // Inside a transaction a lost connection fails the transaction, which is retried as a whole.
    if (client) return client.query(text, values);
    return retrying(() => pool.query(text, values));
  };
  return {
    dialect: 'postgres',
    all: async <T>(sql: string, params?: readonly unknown[]) => (await query(sql, params)).rows as T[],
    get: async <T>(sql: string, params?: readonly unknown[]) =>
      (await query(sql, params)).rows[0] as T | undefined,
    run: async (sql: string, params?: readonly unknown[]) => (await query(sql, params)).rowCount ?? 0,
    async transaction<T>(fn: () => Promise<T>): Promise<T> {
      if (inTransaction()) return fn();
      return retrying(() => once(fn));
    },
    inTransaction,
    unavailable: connectionLost,
    async close() {
      await pool.end();
    },
  };

  async function once<T>(fn: () => Promise<T>): Promise<T> {
    // Every client of the pool has an 'error' listener (openPostgres), so a server going away mid-transaction
    // fails the query here rather than ending the process.
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      try {
        const result = await current.run(client, fn);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollback: Error) => {
          broken = rollback;
        });
        throw error;
      }
    } finally {
      // A connection that could not even roll back is dropped, not reused.
      client.release(broken);
    }
  }
}
