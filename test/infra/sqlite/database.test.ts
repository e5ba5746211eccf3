import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoachError } from '../../../src/core/errors.js';
import { MIGRATIONS_DIR, migrate, openDatabase, readMigrations } from '../../../src/infra/sqlite/database.js';

let dir: string;
let path: string;
const open: Database.Database[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'star-coach-db-'));
  path = join(dir, 'nested', 'coach.db');
});

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

const track = (db: Database.Database) => {
  open.push(db);
  return db;
};
const shipped = readMigrations();
const mode = (file: string) => statSync(file).mode & 0o777;
const tables = (db: Database.Database) =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{
      name: string;
    }>
  ).map((r) => r.name);

/** A migrations folder with the shipped migrations plus extra files. */
function migrationsWith(extra: Record<string, string>): string {
  const folder = join(dir, 'migrations');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder);
  for (const m of shipped) copyFileSync(join(MIGRATIONS_DIR, m.name), join(folder, m.name));
  for (const [name, sql] of Object.entries(extra)) writeFileSync(join(folder, name), sql);
  return folder;
}

describe('openDatabase', () => {
  it('creates the folder and file, owner-only, with WAL, foreign keys, NORMAL sync and a busy timeout', () => {
    const db = track(openDatabase(path));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);
    expect(db.pragma('user_version', { simple: true })).toBe(shipped.length);
    expect(mode(path)).toBe(0o600);
  });

  it('keeps the WAL and shared-memory files owner-only too', () => {
    const db = track(openDatabase(path));
    db.prepare(
      "INSERT INTO users (team_id, user_id, level, privacy, created_at, updated_at) VALUES ('T1', 'U1', 'sde2', 'public', 1, 1)",
    ).run();
    expect(mode(`${path}-wal`)).toBe(0o600);
    expect(mode(`${path}-shm`)).toBe(0o600);
  });

  it('tightens an existing file that was readable by others', () => {
    writeFileSync(join(dir, 'loose.db'), '', { mode: 0o644 });
    track(openDatabase(join(dir, 'loose.db')));
    expect(mode(join(dir, 'loose.db'))).toBe(0o600);
  });

  it('creates the tables the coach needs', () => {
    const db = track(openDatabase(path));
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'answers',
        'conversations',
        'digests',
        'processed_events',
        'prompts',
        'schedules',
        'stories',
        'users',
      ]),
    );
  });

  it('re-opening is a no-op: same version, data kept, nothing re-applied', () => {
    const first = track(openDatabase(path));
    first
      .prepare(
        "INSERT INTO users (team_id, user_id, level, privacy, created_at, updated_at) VALUES ('T1', 'U1', 'senior', 'public', 1, 1)",
      )
      .run();
    first.close();
    const again = track(openDatabase(path));
    expect(again.pragma('user_version', { simple: true })).toBe(shipped.length);
    expect(again.prepare('SELECT level FROM users').all()).toEqual([{ level: 'senior' }]);
    expect(migrate(again)).toEqual({ from: shipped.length, to: shipped.length });
  });

  it('works in memory', () => {
    const db = track(openDatabase(':memory:'));
    expect(db.pragma('user_version', { simple: true })).toBe(shipped.length);
    expect(tables(db)).toContain('answers');
  });

  it('enforces foreign keys', () => {
    const db = track(openDatabase(path));
    expect(() =>
      db
        .prepare(
          "INSERT INTO stories (team_id, user_id, title, text, answer_id, created_at, updated_at) VALUES ('T', 'U', 't', 'x', 999, 1, 1)",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('refuses a database newer than the code with database_too_new, and leaves it alone', () => {
    const newer = join(dir, 'newer.db');
    const raw = new Database(newer);
    raw.pragma(`user_version = ${shipped.length + 1}`);
    raw.close();
    let error: unknown;
    try {
      openDatabase(newer);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CoachError);
    expect((error as CoachError).code).toBe('database_too_new');
    expect((error as CoachError).message).toContain(`schema version ${shipped.length + 1}`);
    expect((error as CoachError).message).toContain(`only knows ${shipped.length}`);
    expect((error as CoachError).message).toMatch(/Upgrade STAR Coach|DATABASE_PATH/);
    const check = track(new Database(newer));
    expect(check.pragma('user_version', { simple: true })).toBe(shipped.length + 1);
    expect(tables(check)).toEqual([]);
  });
});

describe('migrations', () => {
  it('are numbered 0001… without gaps', () => {
    expect(shipped.map((m) => m.version)).toEqual(shipped.map((_, i) => i + 1));
    expect(shipped[0]!.name).toMatch(/^0001_[\w-]+\.sql$/);
  });

  it('reject a gap in the numbering', () => {
    const folder = migrationsWith({
      [`${String(shipped.length + 2).padStart(4, '0')}_skipped.sql`]: 'SELECT 1;',
    });
    expect(() => readMigrations(folder)).toThrow(/expected \d{4}_/);
  });

  it('apply a later migration to an existing database', () => {
    track(openDatabase(path)).close();
    const next = shipped.length + 1;
    const folder = migrationsWith({
      [`${String(next).padStart(4, '0')}_extra.sql`]: 'CREATE TABLE extra (x INTEGER);',
    });
    const db = track(openDatabase(path, readMigrations(folder)));
    expect(db.pragma('user_version', { simple: true })).toBe(next);
    expect(tables(db)).toContain('extra');
  });

  it('are not applied twice when another process migrates between our version check and our write', () => {
    track(openDatabase(path)).close();
    const db = track(new Database(path));
    // The first user_version read answers 0, as it would have just before the other process committed.
    let stale = true;
    const racing = new Proxy(db, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (prop !== 'pragma') return typeof value === 'function' ? value.bind(target) : value;
        return (source: string, options?: { simple?: boolean }) => {
          if (stale && source === 'user_version') {
            stale = false;
            return 0;
          }
          return target.pragma(source, options);
        };
      },
    });
    expect(() => migrate(racing)).not.toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(shipped.length);
  });

  it('roll back only the broken migration: earlier ones stay, its own table is absent', () => {
    const bad = shipped.length + 1;
    const folder = migrationsWith({
      [`${String(bad).padStart(4, '0')}_broken.sql`]:
        'CREATE TABLE from_bad_step (x INTEGER);\nINSERT INTO no_such_table VALUES (1);\n',
    });
    expect(() => openDatabase(path, readMigrations(folder))).toThrow(/no_such_table/);
    const db = track(new Database(path));
    expect(db.pragma('user_version', { simple: true })).toBe(shipped.length);
    expect(tables(db)).not.toContain('from_bad_step');
    expect(tables(db)).toContain('answers');
    // The code still opens the database once the broken step is gone.
    db.close();
    expect(track(openDatabase(path)).pragma('user_version', { simple: true })).toBe(shipped.length);
  });
});

describe('the Slack app on a SQLite file in a folder that does not exist yet', () => {
  it('creates the folder, takes the instance lock (owner-only) and refuses a second holder', async () => {
    const { openStorage } = await import('../../../src/infra/storage.js');
    const first = await openStorage({ databasePath: path, databaseUrl: null }, { instance: true });
    try {
      expect(first.exclusive).toBe(true);
      expect(mode(`${path}-instance.lock`)).toBe(0o600);
      await expect(
        openStorage({ databasePath: path, databaseUrl: null }, { instance: true }),
      ).rejects.toThrow(/already running/);
    } finally {
      await first.close();
    }
  });
});
