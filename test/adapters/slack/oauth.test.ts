import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenCipher } from '../../../src/adapters/slack/installations.js';
import { buildSlack, type SlackRuntime } from '../../../src/bin/slack.js';
import { silentLogger } from '../../../src/core/ports.js';
import { readConfig } from '../../../src/infra/config.js';
import {
  buildEventCallback,
  type FakeSlack,
  type RecordedCall,
  signSlackRequest,
  startFakeSlack,
} from '../../helpers/fake-slack.js';
import { dailySchedule } from '../../helpers/schedule.js';
import { userTs } from '../../helpers/slack-app.js';

const SECRET = 'oauth-test-signing-secret';
const KEY = 'a1'.repeat(32);
const OAUTH_ENV = {
  SLACK_MODE: 'http',
  SLACK_SIGNING_SECRET: SECRET,
  SLACK_CLIENT_ID: '1234.5678',
  SLACK_CLIENT_SECRET: 'oauth-client-secret',
  SLACK_STATE_SECRET: 'oauth-state-secret',
  TOKEN_ENCRYPTION_KEY: KEY,
};

/** Two workspaces, each with its own bot token after "Add to Slack". */
const WORKSPACES = {
  TAAAA: { code: 'code-a', token: 'xoxb-oauth-workspace-a-token', bot: 'UBOTA' },
  TBBBB: { code: 'code-b', token: 'xoxb-oauth-workspace-b-token', bot: 'UBOTB' },
} as const;
type Team = keyof typeof WORKSPACES;

const STRONG =
  'Situation: our checkout webhooks dropped 4% of orders after a vendor change. Task: it was not my area, but I owned getting it fixed. Action: I traced the drops to a retry bug, wrote the fix, added an alert and a replay job, and walked the payments team through it. Result: drops fell to 0.1% within a week and we recovered $40k of orders; the replay job became our standard.';

describe('configuration for many workspaces', () => {
  it('refuses to start the install flow without a key to encrypt the tokens', () => {
    const { TOKEN_ENCRYPTION_KEY: _k, ...withoutKey } = OAUTH_ENV;
    expect(() => readConfig(withoutKey)).toThrow(/TOKEN_ENCRYPTION_KEY is required/);
    expect(() => readConfig({ ...OAUTH_ENV, TOKEN_ENCRYPTION_KEY: 'too-short' })).toThrow(/32 bytes/);
    expect(() => readConfig({ ...OAUTH_ENV, SLACK_STATE_SECRET: '' })).toThrow(/SLACK_STATE_SECRET/);
    expect(() => readConfig({ ...OAUTH_ENV, SLACK_MODE: 'socket', SLACK_APP_TOKEN: 'xapp-1-x' })).toThrow(
      /SLACK_MODE=http/,
    );
    expect(readConfig(OAUTH_ENV).slack).toMatchObject({ botToken: null, oauth: { clientId: '1234.5678' } });
  });

  it('seals a record so it opens only with its key and for its own workspace', () => {
    const cipher = tokenCipher(Buffer.from(KEY, 'hex'));
    const sealed = cipher.encrypt('{"bot":{"token":"xoxb-secret"}}', 'TAAAA');
    expect(sealed).not.toContain('xoxb');
    expect(cipher.decrypt(sealed, 'TAAAA')).toContain('xoxb-secret');
    expect(() => cipher.decrypt(sealed, 'TBBBB')).toThrow();
    expect(() => tokenCipher(Buffer.alloc(32, 7)).decrypt(sealed, 'TAAAA')).toThrow();
    expect(cipher.encrypt('same', 'TAAAA')).not.toBe(cipher.encrypt('same', 'TAAAA'));
  });
});

describe('"Add to Slack" for two workspaces over HTTP (Slack OAuth faked on loopback)', () => {
  let fake: FakeSlack;
  let runtime: SlackRuntime;
  let base: string;
  let dir: string;

  beforeAll(async () => {
    fake = await startFakeSlack();
    fake.setHandler('oauth.v2.access', (args) => {
      const team = (Object.keys(WORKSPACES) as Team[]).find((t) => WORKSPACES[t].code === args.code);
      if (!team) return { ok: false, error: 'invalid_code' };
      return {
        ok: true,
        app_id: 'A0FAKE',
        authed_user: { id: 'UINSTALLER' },
        scope: 'chat:write,commands',
        token_type: 'bot',
        access_token: WORKSPACES[team].token,
        bot_user_id: WORKSPACES[team].bot,
        team: { id: team, name: `Workspace ${team}` },
        enterprise: null,
        is_enterprise_install: false,
      };
    });
    fake.setHandler('auth.test', (_args, call) => {
      const team = (Object.keys(WORKSPACES) as Team[]).find((t) => WORKSPACES[t].token === call.token);
      return team
        ? {
            ok: true,
            team_id: team,
            user_id: WORKSPACES[team].bot,
            bot_id: `B${team}`,
            is_enterprise_install: false,
          }
        : { ok: false, error: 'invalid_auth' };
    });
    dir = mkdtempSync(join(tmpdir(), 'star-oauth-'));
    const config = readConfig({
      ...OAUTH_ENV,
      SLACK_API_URL: fake.apiUrl,
      SLACK_AUTHORIZE_URL: `${fake.baseUrl}/oauth/v2/authorize`,
      DATABASE_PATH: join(dir, 'oauth.db'),
    });
    runtime = await buildSlack(config, {
      logger: silentLogger,
      retryConfig: { retries: 0 },
      schedulerIntervalMs: 0,
    });
    const server = (await runtime.slack.start(0)) as Server;
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });

  afterAll(async () => {
    await runtime.stop();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The browser's trip: /slack/install → Slack's authorize page → back to /slack/oauth_redirect. */
  async function install(team: Team): Promise<Response> {
    const start = await fetch(`${base}/slack/install`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.href.startsWith(`${fake.baseUrl}/oauth/v2/authorize`)).toBe(true);
    expect(authorize.searchParams.get('client_id')).toBe('1234.5678');
    expect(authorize.searchParams.get('scope')).toContain('chat:write');
    const state = authorize.searchParams.get('state')!;
    const cookie = start.headers.get('set-cookie')!.split(';')[0]!;
    return fetch(
      `${base}/slack/oauth_redirect?code=${WORKSPACES[team].code}&state=${encodeURIComponent(state)}`,
      {
        headers: { cookie },
        redirect: 'manual',
      },
    );
  }

  const post = (body: string) =>
    fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signSlackRequest(SECRET, body) },
      body,
    });

  const event = (team: Team, e: Record<string, unknown>) =>
    JSON.stringify(buildEventCallback(e, { teamId: team, botUserId: WORKSPACES[team].bot }));

  const installationRows = async () =>
    runtime.storage.sql.all<{ team_id: string; data_enc: string }>(
      'SELECT team_id, data_enc FROM installations ORDER BY team_id',
    );

  it('installs each workspace with its own encrypted installation row', async () => {
    for (const team of Object.keys(WORKSPACES) as Team[]) {
      const done = await install(team);
      expect(done.status).toBe(200);
    }
    const rows = await installationRows();
    expect(rows.map((r) => r.team_id)).toEqual(['TAAAA', 'TBBBB']);
    const cipher = tokenCipher(Buffer.from(KEY, 'hex'));
    for (const row of rows) {
      const team = row.team_id as Team;
      // At rest: no token, in any form; opened with the key: that workspace's token.
      expect(row.data_enc).not.toContain('xoxb');
      expect(row.data_enc).not.toContain(Buffer.from(WORKSPACES[team].token).toString('base64').slice(0, 12));
      expect(JSON.parse(cipher.decrypt(row.data_enc, team)).bot.token).toBe(WORKSPACES[team].token);
    }
  });

  it('refuses a redirect whose state was not issued to this browser', async () => {
    const forged = await fetch(`${base}/slack/oauth_redirect?code=code-a&state=forged`, {
      redirect: 'manual',
    });
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(await installationRows()).toHaveLength(2);
  });

  it("answers each workspace's people with that workspace's token, and keeps their data apart", async () => {
    const threads: Partial<Record<Team, string>> = {};
    for (const team of Object.keys(WORKSPACES) as Team[]) {
      const channel = `C${team}`;
      const { channels, channelService } = runtime.slack.core;
      await channels.saveSchedule(dailySchedule(channel, { teamId: team }), Date.now());
      const prompt = (await channelService.promptNow((await channels.getSchedule(channel))!, Date.now()))!;
      await runtime.slack.scheduler.postPrompt(prompt, Date.now());
      threads[team] = (await channels.getPrompt(prompt.id))!.messageTs!;
    }
    const prompts = fake.calls.filter((c) => c.method === 'chat.postMessage' && !c.args.thread_ts);
    for (const team of Object.keys(WORKSPACES) as Team[]) {
      expect(prompts.find((c) => c.args.channel === `C${team}`)?.token).toBe(WORKSPACES[team].token);
    }
    // The same user id answers in workspace A only.
    const card = fake.nextCall('chat.postMessage', (c: RecordedCall) => c.args.thread_ts === threads.TAAAA);
    const res = await post(
      event('TAAAA', {
        type: 'message',
        channel: 'CTAAAA',
        channel_type: 'channel',
        user: 'U1',
        ts: userTs(),
        thread_ts: threads.TAAAA,
        text: STRONG,
      }),
    );
    expect(res.status).toBe(200);
    expect((await card).token).toBe(WORKSPACES.TAAAA.token);
    // App Home in each workspace: built with that workspace's token, showing only that workspace's answers.
    const homes: Partial<Record<Team, RecordedCall>> = {};
    for (const team of Object.keys(WORKSPACES) as Team[]) {
      const published = fake.nextCall(
        'views.publish',
        (c: RecordedCall) => c.token === WORKSPACES[team].token,
      );
      await post(event(team, { type: 'app_home_opened', user: 'U1', tab: 'home', channel: 'D1' }));
      homes[team] = await published;
    }
    expect(await runtime.slack.core.coachStore.listAnswers('TAAAA', 'U1')).toHaveLength(1);
    expect(await runtime.slack.core.coachStore.listAnswers('TBBBB', 'U1')).toHaveLength(0);
    // The same user id sees their one answer in workspace A and nothing of it in workspace B.
    expect(JSON.stringify(homes.TAAAA!.args.view)).toMatch(/1 answer\b/);
    expect(JSON.stringify(homes.TBBBB!.args.view)).toMatch(/No scored answers yet/);
    // No call made for one workspace ever carried the other's token.
    for (const c of fake.calls) {
      const channel = String(c.args.channel ?? '');
      if (channel === 'CTAAAA') expect(c.token).toBe(WORKSPACES.TAAAA.token);
      if (channel === 'CTBBBB') expect(c.token).toBe(WORKSPACES.TBBBB.token);
    }
  });

  it("deletes a workspace's data and installation when it uninstalls, and keeps the other's", async () => {
    const res = await post(event('TAAAA', { type: 'app_uninstalled' }));
    expect(res.status).toBe(200);
    await expect
      .poll(async () => (await installationRows()).map((r) => r.team_id), { timeout: 3000 })
      .toEqual(['TBBBB']);
    expect(await runtime.slack.core.coachStore.listAnswers('TAAAA', 'U1')).toHaveLength(0);
    expect(await runtime.slack.core.channels.getSchedule('CTAAAA')).toBeNull();
    expect(await runtime.slack.core.channels.getSchedule('CTBBBB')).not.toBeNull();
  });
});
