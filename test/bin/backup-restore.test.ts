import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, readMigrations } from '../../src/infra/sqlite/database.js';
import { answerTexts, integrity, seedDatabase } from './db-helpers.js';
import { cliEnv, runCli, SPAWN_TIMEOUT_MS, withTempDir } from './run-cli.js';

const TEXTS = ['first answer', 'second answer', 'third answer'];

describe('backup and restore from the command line', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('backup <file> writes an intact, owner-only copy with the answers; restore fills a fresh DATABASE_PATH', async () => {
    await withTempDir(async (dir) => {
      const live = join(dir, 'coach.db');
      const backupFile = join(dir, 'backup.db');
      await seedDatabase(live, TEXTS);

      const backup = await runCli(['backup', backupFile], { env: cliEnv(live) });
      expect(backup.stderr).toBe('');
      expect(backup.code).toBe(0);
      expect(backup.stdout).toBe(`Backed up ${live} to ${backupFile}.\n`);
      expect(integrity(backupFile)).toBe('ok');
      expect(answerTexts(backupFile)).toEqual(TEXTS);
      expect(statSync(backupFile).mode & 0o777).toBe(0o600);

      const fresh = join(dir, 'elsewhere', 'restored.db');
      const restore = await runCli(['restore', backupFile], { env: cliEnv(fresh) });
      expect(restore.stderr).toBe('');
      expect(restore.code).toBe(0);
      expect(restore.stdout).toBe(`Restored ${fresh} from ${backupFile}.\n`);
      expect(answerTexts(fresh)).toEqual(TEXTS);
      expect(statSync(fresh).mode & 0o777).toBe(0o600);
      const db = openDatabase(fresh);
      expect(db.pragma('user_version', { simple: true })).toBe(readMigrations().length);
      db.close();
    });
  });

  it('restores and backs up across page sizes (a 4 KiB database from before 8 KiB pages, in WAL mode)', async () => {
    await withTempDir(async (dir) => {
      // A database as earlier versions made it: 4 KiB pages, WAL.
      const old = join(dir, 'old.db');
      const raw = new Database(old);
      raw.pragma('page_size = 4096');
      raw.pragma('journal_mode = WAL');
      migrate(raw);
      raw.close();
      await seedDatabase(old, ['from before']);
      const live = join(dir, 'coach.db');
      await seedDatabase(live, TEXTS);
      const pageSize = (path: string) => {
        const db = new Database(path, { readonly: true });
        try {
          return db.pragma('page_size', { simple: true });
        } finally {
          db.close();
        }
      };
      expect([pageSize(old), pageSize(live)]).toEqual([4096, 8192]);

      // The old backup over the new database...
      const restore = await runCli(['restore', old], { env: cliEnv(live) });
      expect(restore.stderr).toBe('');
      expect(restore.code).toBe(0);
      expect(answerTexts(live)).toEqual(['from before']);
      expect(integrity(live)).toBe('ok');
      // ...and a backup of an 8 KiB database over an existing 4 KiB backup file.
      const fresh = join(dir, 'fresh.db');
      await seedDatabase(fresh, TEXTS);
      const backup = await runCli(['backup', old], { env: cliEnv(fresh) });
      expect(backup.stderr).toBe('');
      expect(backup.code).toBe(0);
      expect(answerTexts(old)).toEqual(TEXTS);
      expect(integrity(old)).toBe('ok');
    });
  });
});
