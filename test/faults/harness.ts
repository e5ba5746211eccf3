import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Logger } from '../../src/core/ports.js';
import type { FakeSlack, FakeSlackOptions, RecordedCall } from '../helpers/fake-slack.js';
import { loadSeeds, strongText } from '../helpers/seeds.js';
import {
  type CapturedLogger,
  capturingLogger,
  startTestApp,
  type TestApp,
  threadReply as threadReplyAt,
} from '../helpers/slack-app.js';

/** The project folder, where the fault suite's processes run. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A process of the app the fault suite kills and restarts. */
export interface AppProcess {
  proc: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything it wrote to stderr, for a failure's diagnostics. */
  stderr: string[];
}

/**
 * Spawns the app in its own process: test/faults/child-app.ts from the TypeScript, with IPC (it reports
 * `warm` and `ready`), or with `command: 'start'` the built executable `npm start` runs.
 */
export function spawnApp(env: NodeJS.ProcessEnv, command: 'child' | 'start' = 'child'): AppProcess {
  const proc =
    command === 'child'
      ? spawn(
          process.execPath,
          ['--import', 'tsx', fileURLToPath(new URL('./child-app.ts', import.meta.url))],
          {
            cwd: ROOT,
            env,
            stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
          },
        )
      : spawn(process.execPath, ['bin/star-coach.js', 'start'], {
          cwd: ROOT,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
  const stderr: string[] = [];
  proc.stderr!.on('data', (d) => stderr.push(String(d)));
  proc.stdout!.on('data', () => undefined);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { proc, exited, stderr };
}

export const BOT_TOKEN = 'xoxb-fault-suite-bot-token-5f3a9c';
export const APP_TOKEN = 'xapp-1-fault-suite-app-token-77d1e0';
export const SIGNING_SECRET = 'fault-suite-signing-secret-c0ffee';
export const TEAM = 'T0TEST';

const seeds = loadSeeds();
/** Seed answers: a strong STAR story and a few weak ones, so replies cover every card shape. */
export const STRONG = strongText(seeds.strongAnswers[0]!);
export const ANSWERS = [
  STRONG,
  ...seeds.weakAnswers.slice(0, 4).map((w) => w.text),
  [...seeds.strongAnswers[1 % seeds.strongAnswers.length]!.steps].join('\n'),
  'We shipped it on time.',
];

/** Deterministic PRNG (mulberry32), so every run tries the same faults. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof seeded>;

let tsSeq = 0;
/** A fresh user-message ts, distinct from the fake's bot ts values and from test/helpers' userTs. */
export function answerTs(): string {
  tsSeq += 1;
  return `1810000000.${String(tsSeq).padStart(6, '0')}`;
}

/** A person's reply in a prompt thread; ts from this suite's own sequence. */
export function threadReply(channel: string, threadTs: string, text: string, user: string, ts = answerTs()) {
  return threadReplyAt(channel, threadTs, text, user, ts);
}

export function dmMessage(user: string, text: string, ts = answerTs()) {
  return { type: 'message', channel: `D${user}`, channel_type: 'im', user, text, ts, team: TEAM };
}

export interface FaultApp extends TestApp {
  /** The token- and secret-masking pino logger's output, when `pino: true`. */
  pinoLines: string[];
}

export interface FaultAppOptions {
  fake?: FakeSlack;
  fakeOptions?: FakeSlackOptions;
  env?: Record<string, string>;
  now?: number;
  /** Web API retries (default none, so a failure shows at once). */
  retryConfig?: { retries: number; factor?: number; minTimeout?: number; maxTimeout?: number };
  /** Use the real pino logger (writing into `pinoLines`) instead of the capturing one. */
  pino?: boolean;
  logger?: Logger;
  /** Socket Mode ping timeout (ms); a short one reconnects fast but also on a busy event loop. */
  clientPingTimeout?: number;
}

/** The real app (buildSlack) in Socket Mode against a fake Slack on loopback, on a temp database. */
export async function startApp(options: FaultAppOptions = {}): Promise<FaultApp> {
  const logger: CapturedLogger = capturingLogger();
  const pinoLines: string[] = [];
  let appLogger: Logger = options.logger ?? logger;
  if (options.pino) {
    const { createLogger } = await import('../../src/infra/logger.js');
    const pino = createLogger('debug', { write: (line: string) => void pinoLines.push(line) });
    // Both: the pino output is what ships; the capturing one lets tests read fields.
    appLogger = teeLogger(pino, logger);
  }
  const app = await startTestApp({
    ...(options.fake ? { fake: options.fake } : {}),
    ...(options.fakeOptions ? { fakeOptions: options.fakeOptions } : { fakeOptions: {} }),
    ...(options.now !== undefined ? { now: options.now } : {}),
    env: { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, LOG_LEVEL: 'debug', ...options.env },
    logger: appLogger,
    ...(options.retryConfig ? { retryConfig: options.retryConfig } : {}),
    clientPingTimeout: options.clientPingTimeout ?? 5000,
  });
  // The capturing logger tests read is this one (also when the app logs through pino).
  return Object.assign(app, { logger, pinoLines }) as FaultApp;
}

/** A logger writing every line to both. */
export function teeLogger(a: Logger, b: Logger): Logger {
  const both =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (fields: Record<string, unknown>, message: string): void => {
      a[level](fields, message);
      b[level](fields, message);
    };
  return { debug: both('debug'), info: both('info'), warn: both('warn'), error: both('error') };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns true; throws with `what` after `timeoutMs`. */
export async function until(
  probe: () => boolean | Promise<boolean>,
  what: () => string,
  timeoutMs = 10_000,
  stepMs = 20,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what()}`);
    await sleep(stepMs);
  }
}

/** Waits until the fake has seen no Web API call for `quietMs`. */
export async function quiesce(fake: FakeSlack, quietMs = 150, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  let seen = -1;
  let since = Date.now();
  while (Date.now() < end) {
    const n = fake.calls.length + fake.responses.length;
    if (n !== seen) {
      seen = n;
      since = Date.now();
    } else if (Date.now() - since >= quietMs && fake.calls.every((c) => c.status !== undefined)) return;
    await sleep(20);
  }
  throw new Error('the app kept calling Slack');
}

export const okCall = (c: RecordedCall) => (c.response as { ok?: boolean } | undefined)?.ok === true;
const metaKey = (c: RecordedCall) =>
  (c.args.metadata as { event_payload?: { key?: string; part?: number } } | undefined)?.event_payload;

/**
 * Every message the app got into Slack, keyed by its outbox key and part (from message metadata).
 * A (key, part) posted more than once is a double post.
 */
export function postLedger(fake: FakeSlack, prefix = '') {
  const parts = new Map<string, Map<number, number>>();
  let doubles = 0;
  let total = 0;
  for (const c of fake.calls) {
    if (c.method !== 'chat.postMessage' || !okCall(c)) continue;
    const meta = metaKey(c);
    if (!meta?.key?.startsWith(prefix)) continue;
    total += 1;
    const byPart = parts.get(meta.key) ?? new Map<number, number>();
    const n = (byPart.get(meta.part ?? 0) ?? 0) + 1;
    if (n > 1) doubles += 1;
    byPart.set(meta.part ?? 0, n);
    parts.set(meta.key, byPart);
  }
  return { keys: parts, doubles, total };
}

/** Every string the app sent to Slack: message text and blocks, views, response_url bodies, file comments. */
export function outgoingTexts(fake: FakeSlack): Array<{ where: string; text: string }> {
  const out: Array<{ where: string; text: string }> = [];
  for (const c of fake.calls) {
    const { text, blocks, view, initial_comment, attachments } = c.args as Record<string, unknown>;
    const s = JSON.stringify([text, blocks, view, initial_comment, attachments]);
    out.push({ where: c.method, text: s });
  }
  for (const r of fake.responses) out.push({ where: 'response_url', text: JSON.stringify(r.body) });
  return out;
}

export const LIVE_MENTION = /<!channel>|<!here>|<!everyone>|<@U|<@W|<!subteam\^/;

/** Slack-limit checks for one chat.postMessage / postEphemeral / update call (the fake checks the rest). */
export function limitProblems(c: RecordedCall): string[] {
  const problems: string[] = [];
  const text = c.args.text;
  const blocks = (c.args.blocks ?? []) as Array<Record<string, unknown>>;
  if (typeof text !== 'string' || !text.trim()) problems.push('no text fallback');
  else if (text.length > 4000) problems.push(`text fallback of ${text.length} chars`);
  if (!Array.isArray(blocks)) return [...problems, 'blocks not an array'];
  if (blocks.length > 50) problems.push(`${blocks.length} blocks`);
  let total = 0;
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'text' && typeof x === 'string') total += x.length;
        else visit(x);
      }
    }
  };
  visit(blocks);
  if (total >= 12_000) problems.push(`${total} chars of block text`);
  return problems;
}

export function openRo(path: string): Database.Database {
  return new Database(path, { readonly: true, fileMustExist: true });
}

export function count(path: string, sql: string, ...params: unknown[]): number {
  const db = openRo(path);
  try {
    return (db.prepare(sql).get(...params) as { n: number }).n;
  } finally {
    db.close();
  }
}

export function integrity(path: string): string {
  const db = openRo(path);
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

/** Counts unhandled errors in this process while a scenario runs ("crashes" in the table). */
export function crashCounter() {
  let n = 0;
  const errors: string[] = [];
  const on = (error: unknown) => {
    n += 1;
    errors.push(error instanceof Error ? `${error.message}\n${error.stack}` : String(error));
  };
  process.on('uncaughtException', on);
  process.on('unhandledRejection', on);
  return {
    get count() {
      return n;
    },
    errors,
    dispose() {
      process.off('uncaughtException', on);
      process.off('unhandledRejection', on);
    },
  };
}
