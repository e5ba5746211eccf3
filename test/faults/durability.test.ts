import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postPrompt } from '../helpers/slack-app.js';
import {
  ANSWERS,
  answerTs,
  crashCounter,
  integrity,
  openRo,
  postLedger,
  ROOT,
  startApp,
  threadReply,
  until,
} from './harness.js';
import { printRows, record } from './report.js';

const CLI = join(ROOT, 'bin/star-coach.js');

/** `npx star-coach <args>` with DATABASE_PATH, run from an empty folder (no .env). */
function cli(cwd: string, databasePath: string, ...args: string[]) {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_PATH: databasePath,
    LOG_LEVEL: 'silent',
  };
  return spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8', timeout: 60_000 });
}

const answersOf = (path: string) => {
  const db = openRo(path);
  try {
    return db
      .prepare(
        'SELECT id, team_id, user_id, channel_id, message_ts, text, score, report_json FROM answers ORDER BY id',
      )
      .all();
  } finally {
    db.close();
  }
};

describe('durability', () => {
  afterAll(() => printRows('Durability'));

  it('runs SQLite in WAL mode with synchronous >= NORMAL, and backup + restore keep every answer', async () => {
    const crashes = crashCounter();
    const app = await startApp();
    const work = mkdtempSync(join(tmpdir(), 'star-faults-backup-'));
    try {
      const db = app.runtime.storage.db!;
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      // 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA
      expect(db.pragma('synchronous', { simple: true })).toBeGreaterThanOrEqual(1);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);

      const threadTs = await postPrompt(app, 'CDUR');
      const events = Array.from({ length: 40 }, (_, i) =>
        threadReply('CDUR', threadTs, ANSWERS[i % ANSWERS.length]!, `UDUR${i}`, answerTs()),
      );
      for (const e of events) await app.fake.sendEvent(e);
      await until(
        () => postLedger(app.fake, 'reply:').keys.size === 40,
        () => '40 replies',
        20_000,
      );

      // Online backup while the app runs (its connection open, WAL not checkpointed).
      const backup = join(work, 'backup.db');
      const b = cli(work, app.dbPath, 'backup', backup);
      expect(b.status, b.stderr).toBe(0);
      expect(b.stdout).toMatch(/Backed up/);
      expect(statSync(backup).mode & 0o777).toBe(0o600);
      expect(integrity(backup)).toBe('ok');
      const live = answersOf(app.dbPath);
      expect(live).toHaveLength(40);
      expect(answersOf(backup)).toEqual(live);

      // Restore into a fresh path, and over an existing database that has diverged.
      const fresh = join(work, 'restored', 'fresh.db');
      const r1 = cli(work, fresh, 'restore', backup);
      expect(r1.status, r1.stderr).toBe(0);
      expect(answersOf(fresh)).toEqual(live);
      expect(integrity(fresh)).toBe('ok');
      expect(statSync(fresh).mode & 0o777).toBe(0o600);

      await app.fake.sendEvent(threadReply('CDUR', threadTs, ANSWERS[0]!, 'UDURLATE', answerTs()));
      await until(
        () => answersOf(app.dbPath).length === 41,
        () => 'one more answer',
      );
      await app.runtime.stop();
      const r2 = cli(work, app.dbPath, 'restore', backup);
      expect(r2.status, r2.stderr).toBe(0);
      expect(answersOf(app.dbPath)).toEqual(live);
      expect(integrity(app.dbPath)).toBe('ok');

      // A damaged or foreign file is refused and changes nothing.
      const bogus = join(work, 'bogus.db');
      spawnSync('sh', ['-c', `head -c 8192 /dev/urandom > '${bogus}'`]);
      const r3 = cli(work, app.dbPath, 'restore', bogus);
      expect(r3.status).not.toBe(0);
      expect(answersOf(app.dbPath)).toEqual(live);
      expect(existsSync(join(work, 'missing.db'))).toBe(false);
      const r4 = cli(work, app.dbPath, 'restore', join(work, 'missing.db'));
      expect(r4.status).not.toBe(0);

      record({
        scenario: '8. durability (WAL, backup + restore x2)',
        inputs: 41,
        duplicates: 0,
        replies: postLedger(app.fake, 'reply:').total,
        lost: live.length - answersOf(app.dbPath).length,
        doublePosts: postLedger(app.fake, '').doubles,
        crashes: crashes.count,
        restarts: 2,
        integrity: integrity(app.dbPath),
      });
      expect(crashes.count).toBe(0);
    } finally {
      crashes.dispose();
      await app.fake.close();
      rmSync(work, { recursive: true, force: true });
      rmSync(app.dir, { recursive: true, force: true });
    }
  });
});
