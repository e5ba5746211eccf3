/**
 * One small interface over SQLite (better-sqlite3) and PostgreSQL (pg), so one set of queries serves both:
 * the SQL the stores use is portable (positional `?` parameters, `ON CONFLICT`, `RETURNING`), and the few
 * statements that differ are chosen by `dialect`.
 *
 * Transactions follow the async call chain (AsyncLocalStorage): every query made inside `transaction(fn)`,
 * however deep, runs in that transaction; nested calls join the outer one.
 */
export type Dialect = 'sqlite' | 'postgres';

export interface Sql {
  readonly dialect: Dialect;
  /** Every row. */
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** The first row, or undefined. */
  get<T>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  /** Runs a statement; resolves with the number of rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** Runs `fn` atomically; a throw rolls everything back. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** Whether this call chain is inside `transaction(fn)`. */
  inTransaction(): boolean;
  /** Whether an error means the database could not be reached (a restart), not that a statement failed. */
  unavailable(error: unknown): boolean;
  close(): Promise<void>;
}
