import { join } from 'node:path';
import pg from 'pg';
import { CoachError } from '../../core/errors.js';
import type { Logger } from '../../core/ports.js';
import { MIGRATIONS_DIR, type Migration, readMigrations } from '../sqlite/database.js';

/** PostgreSQL's migrations: same numbers and tables as SQLite's, in migrations/postgres/. */
export const PG_MIGRATIONS_DIR = join(MIGRATIONS_DIR, 'postgres');

/** A number only this app's migrations take as an advisory lock (two instances starting at once). */
const MIGRATION_LOCK = 727_274_001;

/** PostgreSQL's `NNNN_name.sql` files in order (the same numbering as SQLite's). */
export const readPgMigrations = (dir: string = PG_MIGRATIONS_DIR): Migration[] => readMigrations(dir);

/**
 * Applies pending migrations, one transaction each, under an advisory lock so instances starting together
 * migrate once; refuses a database newer than the code.
 */
export async function migratePg(pool: pg.Pool, migrations: Migration[] = readPgMigrations()): Promise<void> {
  const latest = migrations.length;
  await pool.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  for (;;) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const row = (await client.query<{ version: number }>('SELECT version FROM schema_version')).rows[0];
      if (!row) await client.query('INSERT INTO schema_version (version) VALUES (0)');
      const current = row?.version ?? 0;
      if (current > latest) {
        throw new CoachError(
          'database_too_new',
          `The database is at schema version ${current}, but this version of STAR Coach only knows ${latest}. Upgrade STAR Coach, or point DATABASE_URL at another database.`,
        );
      }
      const next = migrations[current];
      if (!next) {
        await client.query('COMMIT');
        return;
      }
      await client.query(next.sql);
      await client.query('UPDATE schema_version SET version = $1', [next.version]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

/** Connects (a pool) and migrates. A connection dropped while idle (a database restart) is logged, not fatal. */
export async function openPostgres(url: string, logger?: Logger, migrations?: Migration[]): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000 });
  pool.on('error', (error) => {
    logger?.warn({ error: error.message }, 'PostgreSQL connection lost; the pool reconnects');
  });
  // A server that goes away (a restart) can make a client emit 'error' more than once, also while it is
  // checked out between queries: the failed query is what callers see, so an extra event is only noted,
  // never an uncaught exception that ends the process.
  pool.on('connect', (client) => {
    client.on('error', (error) => logger?.debug({ error: error.message }, 'PostgreSQL client error'));
  });
  try {
    await migratePg(pool, migrations);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return pool;
}
