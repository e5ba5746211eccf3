import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type Logger, LogLevel, SocketModeReceiver, type types, webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { buildEventCallback, type FakeSlack, signSlackRequest, startFakeSlack } from './fake-slack.js';

type GenericMessageEvent = types.GenericMessageEvent;

const BOT_TOKEN = 'xoxb-test';
const APP_TOKEN = 'xapp-1-test';
const SECRET = 'test-signing-secret';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  // Reverse order: apps stop before their fake closes.
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function fakeSlack(opts: Parameters<typeof startFakeSlack>[0] = {}): Promise<FakeSlack> {
  const fake = await startFakeSlack(opts);
  cleanups.push(() => fake.close());
  return fake;
}

function clientOptionsFor(fake: FakeSlack) {
  return { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } };
}

/** A bare Bolt app in Socket Mode against the fake, with fast reconnects. */
async function socketApp(fake: FakeSlack, register: (app: App) => void, logger?: Logger): Promise<App> {
  const clientOptions = clientOptionsFor(fake);
  const receiver = new SocketModeReceiver({
    appToken: APP_TOKEN,
    clientPingTimeout: 300,
    logLevel: LogLevel.ERROR,
    logger,
    installerOptions: { clientOptions },
  });
  const app = new App({
    token: BOT_TOKEN,
    socketMode: true,
    receiver,
    logLevel: LogLevel.ERROR,
    clientOptions,
  });
  register(app);
  await app.start();
  cleanups.push(() => app.stop());
  await fake.waitConnected();
  return app;
}

/** A logger that keeps error lines instead of printing them. */
function capturingLogger(): Logger & { errors: string[] } {
  const errors: string[] = [];
  const noop = () => undefined;
  return {
    errors,
    debug: noop,
    info: noop,
    warn: noop,
    error: (...msgs: unknown[]) => {
      errors.push(msgs.map(String).join(' '));
    },
    setLevel: noop,
    getLevel: () => LogLevel.ERROR,
    setName: noop,
  };
}

function userMessage(fake: FakeSlack, text: string, extra: Partial<GenericMessageEvent> = {}) {
  return {
    type: 'message',
    channel: 'D0USER',
    channel_type: 'im',
    user: 'U0USER',
    text,
    ts: fake.nextTs(),
    ...extra,
  } satisfies Partial<GenericMessageEvent>;
}

function echoInThread(app: App): void {
  app.message(async ({ message, say }) => {
    const m = message as GenericMessageEvent;
    await say({ text: `echo: ${m.text}`, thread_ts: m.ts });
  });
}

describe('fake Slack Web API', () => {
  it('parses form and JSON bodies, reads the token, records calls in order', async () => {
    const fake = await fakeSlack();
    const form = new URLSearchParams({
      token: 'xoxb-form',
      channel: 'C1',
      text: 'hi',
      blocks: JSON.stringify([{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }]),
    });
    const r1 = await fetch(`${fake.apiUrl}chat.postMessage`, { method: 'POST', body: form });
    const b1 = (await r1.json()) as { ok: boolean; ts: string; channel: string };
    expect(b1).toMatchObject({ ok: true, channel: 'C1' });
    expect(b1.ts).toMatch(/^\d{10}\.\d{6}$/);

    const r2 = await fetch(`${fake.apiUrl}views.publish`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-json', 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ user_id: 'U1', view: JSON.stringify({ type: 'home', blocks: [] }) }),
    });
    expect(await r2.json()).toMatchObject({ ok: true, view: { id: expect.any(String), type: 'home' } });

    expect(fake.calls.map((c) => [c.method, c.token])).toEqual([
      ['chat.postMessage', 'xoxb-form'],
      ['views.publish', 'xoxb-json'],
    ]);
    const [post, view] = fake.calls;
    expect(post?.args).toEqual({
      channel: 'C1',
      text: 'hi',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }],
    });
    expect(view?.args.view).toEqual({ type: 'home', blocks: [] });
    expect(post?.status).toBe(200);
  });

  it('default handlers, admins, unknown methods, failWith, setHandler with a raw answer', async () => {
    const fake = await fakeSlack({ admins: ['U0ADMIN'], owners: ['U0OWNER'] });
    const client = new webApi.WebClient(BOT_TOKEN, { ...clientOptionsFor(fake), logLevel: LogLevel.ERROR });

    expect(await client.auth.test()).toMatchObject({
      ok: true,
      user_id: 'U0BOT',
      bot_id: 'B0BOT',
      team_id: 'T0TEST',
    });
    const ts1 = (await client.chat.postMessage({ channel: 'C1', text: 'a' })).ts ?? '';
    const ts2 = (await client.chat.postMessage({ channel: 'C1', text: 'b' })).ts ?? '';
    expect(Number(ts2)).toBeGreaterThan(Number(ts1));
    expect(await client.chat.update({ channel: 'C1', ts: ts1, text: 'a2' })).toMatchObject({
      ok: true,
      ts: ts1,
    });
    expect(await client.chat.delete({ channel: 'C1', ts: ts1 })).toMatchObject({ ok: true });
    expect(await client.chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'psst' })).toMatchObject({
      ok: true,
      message_ts: expect.any(String),
    });
    expect(await client.conversations.open({ users: 'U1' })).toMatchObject({ channel: { id: 'DU1' } });
    expect((await client.users.info({ user: 'U0ADMIN' })).user).toMatchObject({
      id: 'U0ADMIN',
      tz: 'Europe/Berlin',
      tz_offset: 3600,
      is_admin: true,
      is_owner: false,
    });
    expect((await client.users.info({ user: 'U0OWNER' })).user).toMatchObject({
      is_admin: true,
      is_owner: true,
    });
    expect((await client.users.info({ user: 'U1' })).user).toMatchObject({
      is_admin: false,
      is_owner: false,
    });
    fake.setUser('U1', { tz: 'Asia/Tokyo', tz_offset: 32400 });
    expect((await client.users.info({ user: 'U1' })).user).toMatchObject({
      tz: 'Asia/Tokyo',
      tz_offset: 32400,
    });

    await expect(client.apiCall('no.such.method')).rejects.toMatchObject({
      data: { error: 'unknown_method' },
    });
    await expect(client.apps.connections.open({})).rejects.toMatchObject({
      data: { error: 'not_allowed_token_type' },
    });
    await expect(
      client.chat.postMessage({ channel: 'C1', blocks: new Array(51).fill({ type: 'divider' }) }),
    ).rejects.toMatchObject({ data: { error: 'invalid_blocks' } });

    fake.failWith('chat.postMessage', 'channel_not_found', 1);
    await expect(client.chat.postMessage({ channel: 'C9', text: 'x' })).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
    expect((await client.chat.postMessage({ channel: 'C9', text: 'x' })).ok).toBe(true);

    fake.setHandler('chat.postMessage', () => ({ status: 500, body: 'boom' }));
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({
      statusCode: 500,
    });
    fake.setHandler('chat.postMessage', (args) => ({ ok: true, channel: args.channel, ts: '1.000001' }));
    expect((await client.chat.postMessage({ channel: 'C1', text: 'x' })).ts).toBe('1.000001');
    fake.resetHandler('chat.postMessage');
    expect((await client.chat.postMessage({ channel: 'C1', text: 'x' })).ts).not.toBe('1.000001');
  });

  it('nextCall returns recorded calls once, waits for new ones, and times out clearly', async () => {
    const fake = await fakeSlack();
    const client = new webApi.WebClient(BOT_TOKEN, { ...clientOptionsFor(fake), logLevel: LogLevel.ERROR });
    await client.chat.postMessage({ channel: 'C1', text: 'first' });
    const later = fake.nextCall('chat.postMessage', (c) => c.args.text === 'second');
    expect((await fake.nextCall('chat.postMessage')).args.text).toBe('first');
    await client.chat.postMessage({ channel: 'C1', text: 'second' });
    expect((await later).args.text).toBe('second');
    expect(await fake.waitForCalls('chat.postMessage', 2, 100)).toHaveLength(2);
    await expect(fake.nextCall('chat.postMessage', undefined, 50)).rejects.toThrow(/timed out after 50 ms/);
  });

  it('a rate-limited call is retried by a WebClient that allows retries', async () => {
    const fake = await fakeSlack();
    const client = new webApi.WebClient(BOT_TOKEN, {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 },
      logLevel: LogLevel.ERROR,
    });
    fake.rateLimit('chat.postMessage', 1, 1);
    const started = Date.now();
    const res = await client.chat.postMessage({ channel: 'C1', text: 'after the wait' });
    expect(res.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.callsOf('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);

    const strict = new webApi.WebClient(BOT_TOKEN, {
      ...clientOptionsFor(fake),
      rejectRateLimitedCalls: true,
      logLevel: LogLevel.ERROR,
    });
    fake.rateLimit('chat.postMessage', 1, 30);
    await expect(strict.chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({
      code: 'slack_webapi_rate_limited_error',
      retryAfter: 30,
    });
  });
});

describe('fake Slack with a real Bolt app in Socket Mode', () => {
  it('connects with auth.test and apps.connections.open, and a message gets a threaded reply', async () => {
    const fake = await fakeSlack();
    const seen: { eventId: unknown; retryNum: unknown; retryReason: unknown; teamId: unknown }[] = [];
    await socketApp(fake, (app) => {
      app.use(async ({ body, context, next }) => {
        seen.push({
          eventId: 'event_id' in body ? body.event_id : undefined,
          retryNum: context.retryNum,
          retryReason: context.retryReason,
          teamId: context.teamId,
        });
        await next();
      });
      echoInThread(app);
    });
    expect(fake.calls.slice(0, 2).map((c) => [c.method, c.token])).toEqual([
      ['auth.test', BOT_TOKEN],
      ['apps.connections.open', APP_TOKEN],
    ]);

    const event = userMessage(fake, 'hi');
    const ack = await fake.sendEvent(event);
    expect(ack.envelope_id).toEqual(expect.any(String));
    const reply = await fake.nextCall('chat.postMessage');
    expect(reply.token).toBe(BOT_TOKEN);
    expect(reply.args).toMatchObject({ channel: 'D0USER', text: 'echo: hi', thread_ts: event.ts });

    // The bot's own messages are ignored by Bolt.
    await fake.sendEvent({ ...userMessage(fake, 'mine'), user: 'U0BOT', bot_id: 'B0BOT' });
    await fake.sendEvent(userMessage(fake, 'again'), {
      eventId: 'Ev1',
      retryAttempt: 1,
      retryReason: 'timeout',
    });
    expect((await fake.nextCall('chat.postMessage')).args.text).toBe('echo: again');
    expect(fake.callsOf('chat.postMessage')).toHaveLength(2);
    expect(seen[0]).toEqual({
      eventId: expect.stringMatching(/^Ev/),
      retryNum: 0,
      retryReason: '',
      teamId: 'T0TEST',
    });
    // (the bot's own message never reaches app.use: Bolt's ignoreSelf runs first)
    expect(seen[1]).toEqual({ eventId: 'Ev1', retryNum: 1, retryReason: 'timeout', teamId: 'T0TEST' });
  });

  it('slash command: the ack carries the response; respond() posts to the fake response_url', async () => {
    const fake = await fakeSlack();
    await socketApp(fake, (app) => {
      app.command('/star', async ({ command, ack, respond }) => {
        await ack({ response_type: 'ephemeral', text: `practising ${command.text}` });
        await respond({ text: `follow-up for ${command.user_id}` });
      });
    });
    const ack = await fake.sendSlashCommand({ command: '/star', text: 'ownership', user_id: 'U1' });
    expect(ack.payload).toEqual({ response_type: 'ephemeral', text: 'practising ownership' });
    const posted = await fake.nextResponse();
    expect(posted.body).toMatchObject({ text: 'follow-up for U1' });
    expect(posted.url).toMatch(new RegExp(`^${fake.baseUrl}/response/`));
  });

  it('block_actions and view_submission are acked; listeners reach the fake', async () => {
    const fake = await fakeSlack();
    await socketApp(fake, (app) => {
      app.action('start_practice', async ({ ack, body, client }) => {
        await ack();
        await client.chat.postMessage({ channel: body.channel?.id ?? 'none', text: 'started' });
      });
      app.view('answer_modal', async ({ ack }) => {
        await ack({ response_action: 'errors', errors: { answer: 'Too short' } });
      });
    });
    const ack = await fake.sendInteractive({
      type: 'block_actions',
      user: { id: 'U1', username: 'u1', name: 'u1', team_id: 'T0TEST' },
      channel: { id: 'C1', name: 'general' },
      container: { type: 'message', message_ts: '1700000000.000001', channel_id: 'C1' },
      actions: [
        {
          type: 'button',
          action_id: 'start_practice',
          block_id: 'b1',
          value: 'go',
          action_ts: '1700000000.000002',
          text: { type: 'plain_text', text: 'Go' },
        },
      ],
    });
    expect(ack.envelope_id).toEqual(expect.any(String));
    expect((await fake.nextCall('chat.postMessage')).args).toMatchObject({ channel: 'C1', text: 'started' });

    const viewAck = await fake.sendInteractive({
      type: 'view_submission',
      user: { id: 'U1', username: 'u1', name: 'u1', team_id: 'T0TEST' },
      view: { id: 'V1', type: 'modal', callback_id: 'answer_modal', state: { values: {} } },
    });
    expect(viewAck.payload).toEqual({ response_action: 'errors', errors: { answer: 'Too short' } });
  });

  it('reconnects after a disconnect frame and after a dropped socket; events keep flowing', async () => {
    const fake = await fakeSlack();
    const logger = capturingLogger();
    await socketApp(fake, echoInThread, logger);
    expect(fake.connections).toBe(1);

    fake.disconnect('refresh_requested');
    await fake.waitDisconnected();
    await fake.waitConnected();
    await fake.sendEvent(userMessage(fake, 'after refresh'));
    expect((await fake.nextCall('chat.postMessage')).args.text).toBe('echo: after refresh');

    fake.dropSocket();
    await fake.waitDisconnected();
    await fake.waitConnected();
    await fake.sendEvent(userMessage(fake, 'after drop'));
    expect((await fake.nextCall('chat.postMessage')).args.text).toBe('echo: after drop');

    expect(fake.connectionsOpened).toBe(3);
    expect(fake.callsOf('apps.connections.open')).toHaveLength(3);
    // Only the abrupt drop is logged as an error by the socket-mode client.
    expect(logger.errors.join('\n')).toMatch(/WebSocket error/);
  });

  it('files.uploadV2 from a listener: URL, upload, completion; bytes kept by file id', async () => {
    const fake = await fakeSlack();
    const content = 'Situation: the build was red.\nTask: ship by Friday. ✅';
    await socketApp(fake, (app) => {
      app.message(async ({ message, client }) => {
        const m = message as GenericMessageEvent;
        await client.files.uploadV2({
          channel_id: m.channel,
          thread_ts: m.ts,
          filename: 'story.md',
          title: 'My story',
          content,
          initial_comment: 'Your export',
        });
      });
    });
    await fake.sendEvent(userMessage(fake, 'export'));
    const complete = await fake.nextCall('files.completeUploadExternal', (c) => c.status !== undefined);
    const urlCall = fake.callsOf('files.getUploadURLExternal')[0];
    expect(urlCall?.args).toMatchObject({ filename: 'story.md', length: String(Buffer.byteLength(content)) });
    expect(complete.args).toMatchObject({
      channel_id: 'D0USER',
      initial_comment: 'Your export',
      files: [{ id: expect.any(String), title: 'My story' }],
    });
    const fileId = (complete.args.files as { id: string }[])[0]?.id ?? '';
    const upload = fake.uploadedFile(fileId);
    expect(upload?.content.toString('utf8')).toBe(content);
    expect(upload).toMatchObject({ filename: 'story.md', completed: true, channelId: 'D0USER' });
    expect(complete.response).toMatchObject({ ok: true, files: [{ id: fileId, name: 'story.md' }] });
    const download = await fetch(`${fake.baseUrl}/files/${fileId}`);
    expect(await download.text()).toBe(content);
  });
});

describe('fake Slack with a real Bolt app in HTTP mode', () => {
  it('accepts signed requests, rejects bad signatures and stale timestamps', async () => {
    const fake = await fakeSlack();
    const app = new App({
      token: BOT_TOKEN,
      signingSecret: SECRET,
      logLevel: LogLevel.ERROR,
      clientOptions: clientOptionsFor(fake),
    });
    echoInThread(app);
    const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
    cleanups.push(() => app.stop());
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
    const post = (body: string, headers: Record<string, string>) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

    const event = userMessage(fake, 'over http');
    const body = JSON.stringify(buildEventCallback(event));
    const ok = await post(body, signSlackRequest(SECRET, body));
    expect(ok.status).toBe(200);
    expect((await fake.nextCall('chat.postMessage')).args).toMatchObject({
      channel: 'D0USER',
      text: 'echo: over http',
      thread_ts: event.ts,
    });

    const challenge = JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 't' });
    const verified = await post(challenge, signSlackRequest(SECRET, challenge));
    expect(await verified.json()).toEqual({ challenge: 'abc123' });

    expect((await post(body, signSlackRequest('wrong-secret', body))).status).toBe(401);
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 360;
    expect((await post(body, signSlackRequest(SECRET, body, sixMinutesAgo))).status).toBe(401);
    expect((await post(body, {})).status).toBe(401);
    expect(fake.callsOf('chat.postMessage')).toHaveLength(1);
  });
});
