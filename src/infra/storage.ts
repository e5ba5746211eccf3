import Database from 'better-sqlite3';
import type { InstallationRecords } from '../adapters/slack/installations.js';
import type { DeliveryLedger } from '../adapters/slack/ledger.js';
import type { ChannelStore } from '../core/channel/ports.js';
import { CoachError } from '../core/errors.js';
import type { Logger } from '../core/ports.js';
import type { CoachStore } from '../core/store.js';
import type { Config } from './config.js';
import { createSqlChannelStore } from './sql/channel-store.js';
import { createSqlCoachStore } from './sql/coach-store.js';
import type { Sql } from './sql/driver.js';
import { createSqlInstallations } from './sql/installation-store.js';
import { createSqlLedger } from './sql/ledger-store.js';
import { sqliteSql } from './sql/sqlite.js';
import { type Db, openDatabase, ownerOnlyFile } from './sqlite/database.js';

/** Every store the app uses, on one database. */
export interface Storage {
  kind: 'sqlite' | 'postgres';
  sql: Sql;
  coachStore: CoachStore;
  channels: ChannelStore;
  ledger: DeliveryLedger;
  /** Workspaces installed through "Add to Slack" (encrypted records). */
  installations: InstallationRecords;
  /** The SQLite connection (online backup, tests); null on PostgreSQL. */
  db: Db | null;
  /** True when no other process can use this database at the same time (SQLite with the instance lock). */
  exclusive: boolean;
  /** Whether an error means the database could not be reached (a PostgreSQL restart): worth trying again. */
  unavailable(error: unknown): boolean;
  close(): Promise<void>;
}

/**
 * One process per SQLite file for the Slack app: a second one would share its inbox and outbox without the
 * leases working across processes' clocks and caches as they do on PostgreSQL. The lock is an exclusive
 * transaction on a small file next to the database; the operating system releases it when the process ends,
 * however it ends.
 */
function holdInstanceLock(path: string): Database.Database {
  const lockPath = `${path}-instance.lock`;
  ownerOnlyFile(lockPath);
  const lock = new Database(lockPath);
  try {
    lock.pragma('busy_timeout = 0');
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('BEGIN EXCLUSIVE');
  } catch {
    lock.close();
    throw new CoachError(
      'database_in_use',
      `Another STAR Coach process is already running on ${path}. Run one process per SQLite file, or set DATABASE_URL=postgres://… to run several instances.`,
    );
  }
  return lock;
}

/** The one set of stores, over either database. */
const stores = (sql: Sql) => ({
  sql,
  coachStore: createSqlCoachStore(sql),
  channels: createSqlChannelStore(sql),
  ledger: createSqlLedger(sql),
  installations: createSqlInstallations(sql),
});

/**
 * Opens the database the configuration names: PostgreSQL when DATABASE_URL is set, else the SQLite file.
 * `instance`: this is the Slack app, which on SQLite must be the only process on the file.
 */
export async function openStorage(
  config: Pick<Config, 'databasePath' | 'databaseUrl'>,
  options: { instance?: boolean; logger?: Logger } = {},
): Promise<Storage> {
  if (config.databaseUrl) {
    // Loaded only when used: the SQLite default (and every CLI command) starts without the PostgreSQL client.
    const [{ openPostgres }, { postgresSql }] = await Promise.all([
      import('./postgres/database.js'),
      import('./sql/postgres.js'),
    ]);
    const sql = postgresSql(await openPostgres(config.databaseUrl, options.logger));
    return {
      kind: 'postgres',
      ...stores(sql),
      db: null,
      exclusive: false,
      unavailable: sql.unavailable,
      close: () => sql.close(),
    };
  }
  const lock =
    options.instance && config.databasePath !== ':memory:' ? holdInstanceLock(config.databasePath) : null;
  let db: Db;
  try {
    db = openDatabase(config.databasePath);
  } catch (error) {
    lock?.close();
    throw error;
  }
  return sqliteStorage(db, lock !== null || config.databasePath === ':memory:', () => lock?.close());
}

/** Stores over an open SQLite connection (tests build them on their own databases too). */
export function sqliteStorage(db: Db, exclusive = true, onClose?: () => void): Storage {
  const sql = sqliteSql(db);
  return {
    kind: 'sqlite',
    ...stores(sql),
    db,
    exclusive,
    unavailable: sql.unavailable,
    async close() {
      await sql.close();
      onClose?.();
    },
  };
}
