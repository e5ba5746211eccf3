import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../helpers/fake-slack.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Two `star-coach start` on one SQLite file: the second refuses, in one line, and points at PostgreSQL. */
describe('one Slack app process per SQLite file', () => {
  let fake: FakeSlack;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    fake = await startFakeSlack({ waitTimeoutMs: 15_000 });
    dir = mkdtempSync(join(tmpdir(), 'star-lock-'));
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      SLACK_BOT_TOKEN: 'xoxb-lock-test',
      SLACK_APP_TOKEN: 'xapp-1-lock-test',
      SLACK_API_URL: fake.apiUrl,
      DATABASE_PATH: join(dir, 'coach.db'),
      LOG_LEVEL: 'error',
    };
  });

  afterAll(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = () => {
    const proc = spawn(process.execPath, ['bin/star-coach.js', 'start'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    proc.stdout!.on('data', (d) => {
      out += String(d);
    });
    proc.stderr!.on('data', (d) => {
      out += String(d);
    });
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    return { proc, exited, output: () => out };
  };

  it('refuses a second process on a SQLite file in use, and lets the next one start once the first is gone', async () => {
    const first = start();
    await fake.waitConnected();
    const second = start();
    expect(await second.exited).not.toBe(0);
    const lines = second.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/already running on .*coach\.db.*DATABASE_URL=postgres/);
    expect(fake.connections).toBe(1);
    // The lock goes with the process, however it ends.
    first.proc.kill('SIGKILL');
    await first.exited;
    const opened = fake.connectionsOpened;
    const third = start();
    await expect.poll(() => fake.connectionsOpened, { timeout: 15_000 }).toBeGreaterThan(opened);
    third.proc.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  }, 60_000);
});
