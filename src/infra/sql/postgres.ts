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

/** The Sql interface over a pg pool; a transaction checks out one client for everything inside it. */
export function postgresSql(pool: pg.Pool): Sql {
  const current = new AsyncLocalStorage<pg.PoolClient>();
  const texts = new Map<string, string>();
  const query = async (sql: string, params: readonly unknown[] | undefined) => {
    let text = texts.get(sql);
    if (text === undefined) {
      text = numbered(sql);
      texts.set(sql, text);
    }
    return (current.getStore() ?? pool).query(text, (params ?? []) as unknown[]);
  };
  return {
    dialect: 'postgres',
    all: async <T>(sql: string, params?: readonly unknown[]) => (await query(sql, params)).rows as T[],
    get: async <T>(sql: string, params?: readonly unknown[]) =>
      (await query(sql, params)).rows[0] as T | undefined,
    run: async (sql: string, params?: readonly unknown[]) => (await query(sql, params)).rowCount ?? 0,
    async transaction<T>(fn: () => Promise<T>): Promise<T> {
      if (current.getStore()) return fn();
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
    },
    async close() {
      await pool.end();
    },
  };
}
