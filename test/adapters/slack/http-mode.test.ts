import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSlack, type SlackRuntime } from '../../../src/bin/slack.js';
import { silentLogger } from '../../../src/core/ports.js';
import { readConfig } from '../../../src/infra/config.js';
import {
  buildEventCallback,
  type FakeSlack,
  signSlackRequest,
  startFakeSlack,
} from '../../helpers/fake-slack.js';
import { postPrompt, type TestApp, userTs } from '../../helpers/slack-app.js';

const SECRET = 'test-signing-secret';

describe('HTTP mode', () => {
  let fake: FakeSlack;
  let runtime: SlackRuntime;
  let url: string;
  let dir: string;

  beforeAll(async () => {
    fake = await startFakeSlack();
    dir = mkdtempSync(join(tmpdir(), 'star-http-'));
    const config = readConfig({
      SLACK_BOT_TOKEN: 'xoxb-http-test',
      SLACK_MODE: 'http',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      DATABASE_PATH: join(dir, 'http.db'),
    });
    runtime = await buildSlack(config, {
      logger: silentLogger,
      retryConfig: { retries: 0 },
      schedulerIntervalMs: 0,
    });
    const server = (await runtime.slack.start(0)) as Server;
    const address = server.address() as { port: number };
    url = `http://127.0.0.1:${address.port}/slack/events`;
  });
  afterAll(async () => {
    await runtime.stop();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const send = (body: string, headers: Record<string, string>) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('processes a correctly signed event', async () => {
    const promptTs = await postPrompt({ runtime, fake, clock: { now: Date.now() } } as unknown as TestApp);
    const body = JSON.stringify(
      buildEventCallback({
        type: 'message',
        channel: 'C1',
        channel_type: 'channel',
        user: 'U1',
        ts: userTs(),
        thread_ts: promptTs,
        text: 'I escalated it to their team and they fixed it. Everyone was happy.',
      }),
    );
    const card = fake.nextCall('chat.postMessage', (c) => c.args.thread_ts === promptTs);
    const res = await send(body, signSlackRequest(SECRET, body));
    expect(res.status).toBe(200);
    expect(JSON.stringify((await card).args.blocks)).toMatch(/Escalated, not owned/);
  });

  it('rejects a bad signature, missing headers and a six-minute-old timestamp with 401', async () => {
    const body = JSON.stringify(buildEventCallback({ type: 'app_home_opened', user: 'U9', tab: 'home' }));
    const before = fake.callsOf('views.publish').filter((c) => c.args.user_id === 'U9').length;
    expect((await send(body, signSlackRequest('wrong-secret', body))).status).toBe(401);
    expect((await send(body, {})).status).toBe(401);
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await send(body, signSlackRequest(SECRET, body, old))).status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.callsOf('views.publish').filter((c) => c.args.user_id === 'U9')).toHaveLength(before);
    // The same body correctly signed is processed, so the 401s above were the signature's doing.
    const ok = fake.nextCall('views.publish', (c) => c.args.user_id === 'U9');
    expect((await send(body, signSlackRequest(SECRET, body))).status).toBe(200);
    expect((await ok).args.user_id).toBe('U9');
  });

  it('answers url_verification with the challenge', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 'x' });
    const res = await send(body, signSlackRequest(SECRET, body));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'abc123' });
  });
});
