import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { CoachError } from '../../core/errors.js';
import { PROJECT_ROOT } from '../paths.js';

export type Db = Database.Database;

/** The migrations shipped with the project. */
export const MIGRATIONS_DIR = join(PROJECT_ROOT, 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Reads `NNNN_name.sql` files in order. */
export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f, i) => {
      const version = Number(f.slice(0, 4));
      if (version !== i + 1)
        throw new Error(`${dir}: expected ${String(i + 1).padStart(4, '0')}_… but found ${f}`);
      return { version, name: f, sql: readFileSync(join(dir, f), 'utf8') };
    });
}

/** Applies pending migrations, each in its own transaction; refuses a database newer than the code. */
export function migrate(db: Db, migrations: Migration[] = readMigrations()): { from: number; to: number } {
  const latest = migrations.length;
  const version = () => db.pragma('user_version', { simple: true }) as number;
  const refuseNewer = (current: number) => {
    if (current <= latest) return;
    throw new CoachError(
      'database_too_new',
      `The database is at schema version ${current}, but this version of STAR Coach only knows ${latest}. Upgrade STAR Coach, or point DATABASE_PATH at another file.`,
    );
  };
  const from = version();
  refuseNewer(from);
  if (from === latest) return { from, to: latest };
  // Each step re-reads the version under the write lock (BEGIN IMMEDIATE): two processes opening a
  // fresh database at once (the app and a CLI command) must not both apply the same migration.
  const step = db.transaction((): boolean => {
    const current = version();
    refuseNewer(current);
    const next = migrations[current];
    if (!next) return false;
    db.exec(next.sql);
    db.pragma(`user_version = ${next.version}`);
    return true;
  });
  while (step.immediate()) {
    // one migration per transaction, so a broken one rolls back only itself
  }
  return { from, to: latest };
}

/** Creates a file (and its folder) readable by its owner only, or tightens an existing one to that. */
export function ownerOnlyFile(path: string): void {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
}

/** Opens (creating with owner-only permissions) and migrates the database. */
export function openDatabase(path: string, migrations?: Migration[]): Db {
  if (path !== ':memory:') ownerOnlyFile(path);
  const db = new Database(path);
  try {
    // 8 KiB pages (a new database only; an existing one keeps its size): an answer row with its report is
    // 2-3 KiB, so a 4 KiB page held one and left a third of itself empty (measured: 33 % of the answers
    // table unused at 4 KiB, 19 % at 8 KiB; 16 KiB saves a little more but doubles what each commit writes).
    db.pragma('page_size = 8192');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
