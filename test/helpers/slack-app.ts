import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSlack, type SlackRuntime } from '../../src/bin/slack.js';
import type { Logger } from '../../src/core/ports.js';
import type { ChannelPrivacy } from '../../src/core/schedule/schedule.js';
import { readConfig } from '../../src/infra/config.js';
import { type FakeSlack, type FakeSlackOptions, startFakeSlack } from './fake-slack.js';
import { dailySchedule } from './schedule.js';

export interface CapturedLogger extends Logger {
  lines: string[];
}

/** A logger that keeps every line (as JSON) so tests can scan what would have been logged. */
export function capturingLogger(): CapturedLogger {
  const lines: string[] = [];
  const log = (level: string) => (fields: Record<string, unknown>, message: string) => {
    lines.push(JSON.stringify({ level, ...fields, msg: message }));
  };
  return { lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export interface TestApp {
  fake: FakeSlack;
  runtime: SlackRuntime;
  dbPath: string;
  dir: string;
  clock: { now: number };
  logger: CapturedLogger;
  /** Builds a second runtime on the same database (a restart). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface TestAppOptions {
  now?: number;
  admins?: string[];
  env?: Record<string, string>;
  /** A fake Slack the caller owns (not closed by stop()). */
  fake?: FakeSlack;
  fakeOptions?: FakeSlackOptions;
  dir?: string;
  /** The app's logger (default: a capturing one, available as `logger`). */
  logger?: Logger;
  /** Web API retries (default none, so a failure shows at once). */
  retryConfig?: { retries: number; factor?: number; minTimeout?: number; maxTimeout?: number };
  /** Socket Mode ping timeout (ms): short reconnects fast, but also on a busy event loop. */
  clientPingTimeout?: number;
}

/** The real Bolt app, in Socket Mode, against a local fake Slack, on a temp database. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const fake =
    options.fake ?? (await startFakeSlack(options.fakeOptions ?? { admins: options.admins ?? [] }));
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'star-slack-'));
  const dbPath = join(dir, 'test.db');
  const clock = { now: options.now ?? Date.UTC(2026, 10, 23, 9, 0) };
  const logger = capturingLogger();
  const config = readConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-secret-token',
    SLACK_APP_TOKEN: 'xapp-1-test-secret',
    SLACK_API_URL: fake.apiUrl,
    DATABASE_PATH: dbPath,
    ADMIN_USER_IDS: 'UADMIN',
    ...options.env,
  });
  let counter = 0;
  const make = () =>
    buildSlack(config, {
      clock: () => clock.now,
      random: () => 0.1,
      newId: () => `id${++counter}`,
      logger: options.logger ?? logger,
      retryConfig: options.retryConfig ?? { retries: 0 },
      clientPingTimeout: options.clientPingTimeout ?? 300,
      schedulerIntervalMs: 0,
    });
  let runtime = await make();
  await runtime.slack.start();
  await fake.waitConnected();
  const app: TestApp = {
    fake,
    get runtime() {
      return runtime;
    },
    dbPath,
    dir,
    clock,
    logger,
    async restart() {
      await runtime.stop();
      await fake.waitDisconnected().catch(() => undefined);
      runtime = await make();
      await runtime.slack.start();
      await fake.waitConnected();
    },
    async stop() {
      await runtime.stop();
      if (!options.fake) await fake.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return app;
}

/** A person's reply in a prompt thread, as Slack sends it. */
export function threadReply(channel: string, threadTs: string, text: string, user = 'U1', ts = userTs()) {
  return {
    type: 'message',
    channel,
    channel_type: 'channel',
    user,
    text,
    ts,
    thread_ts: threadTs,
    team: 'T0TEST',
  };
}

let tsSeq = 0;
/** A fresh message ts for a user message. */
export function userTs(): string {
  tsSeq += 1;
  return `1800000000.${String(tsSeq).padStart(6, '0')}`;
}

/** Saves a schedule for a channel and posts today's prompt through the scheduler; returns its ts. */
export async function postPrompt(
  app: TestApp,
  channel = 'C1',
  privacy: ChannelPrivacy = 'public',
): Promise<string> {
  const { channels, channelService } = app.runtime.slack.core;
  const { scheduler } = app.runtime.slack;
  await channels.saveSchedule(dailySchedule(channel, { privacy }), app.clock.now);
  const prompt = (await channelService.promptNow((await channels.getSchedule(channel))!, app.clock.now))!;
  const call = app.fake.nextCall('chat.postMessage', (c) => c.args.channel === channel);
  await scheduler.postPrompt(prompt, app.clock.now);
  await call;
  return (await channels.getPrompt(prompt.id))!.messageTs!;
}

let responseSeq = 0;
/**
 * Sends a slash command and resolves with its first response (commands ack at once and answer through
 * their response URL), or with the next `count` responses.
 */
export async function slashCommand(
  fake: FakeSlack,
  payload: Record<string, unknown>,
  count = 1,
): Promise<Array<Record<string, unknown>>> {
  responseSeq += 1;
  const id = `RCMD${responseSeq}`;
  const bodies: Array<Record<string, unknown>> = [];
  const waits = Array.from({ length: count }, () => fake.nextResponse((r) => r.id === id));
  await fake.sendSlashCommand({ response_url: `${fake.baseUrl}/response/${id}`, ...payload });
  for (const w of waits) bodies.push((await w).body);
  return bodies;
}
