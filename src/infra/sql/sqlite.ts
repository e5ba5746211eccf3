import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import type { Sql } from './driver.js';

/**
 * The Sql interface over one better-sqlite3 connection. Statements run synchronously (prepared once, cached
 * by text); a transaction holds the connection: queries from other async call chains wait until it ends, so
 * an `await` inside a transaction never lets another request's writes slip into it.
 */
export function sqliteSql(db: Database.Database): Sql {
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const current = new AsyncLocalStorage<symbol>();
  let holder: symbol | null = null;
  let waiters: Array<() => void> = [];
  const mine = () => holder !== null && current.getStore() === holder;
  const free = async (): Promise<void> => {
    while (holder !== null && !mine()) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  // Runs at once when the connection is free (the common case: no promise is awaited before the query).
  const exec = <T>(fn: () => T): Promise<T> => {
    if (holder === null || mine()) {
      try {
        return Promise.resolve(fn());
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return free().then(fn);
  };
  const args = (params: readonly unknown[] | undefined) => (params ?? []) as unknown[];

  return {
    dialect: 'sqlite',
    all: <T>(sql: string, params?: readonly unknown[]) =>
      exec(() => prepare(sql).all(...args(params)) as T[]),
    get: <T>(sql: string, params?: readonly unknown[]) =>
      exec(() => prepare(sql).get(...args(params)) as T | undefined),
    run: (sql: string, params?: readonly unknown[]) => exec(() => prepare(sql).run(...args(params)).changes),
    async transaction<T>(fn: () => Promise<T>): Promise<T> {
      if (mine()) return fn();
      await free();
      const token = Symbol('transaction');
      holder = token;
      try {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await current.run(token, fn);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      } finally {
        holder = null;
        const woken = waiters;
        waiters = [];
        for (const wake of woken) wake();
      }
    },
    inTransaction: mine,
    // An embedded file: an error is always the statement's.
    unavailable: () => false,
    async close() {
      db.close();
    },
  };
}
