import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, readMigrations } from '../../src/infra/sqlite/database.js';
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
});
