import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ChannelSchedule } from '../../src/core/schedule/schedule.js';
import { dailySchedule } from '../helpers/schedule.js';
import { postPrompt } from '../helpers/slack-app.js';
import {
  ANSWERS,
  answerTs,
  count,
  crashCounter,
  type FaultApp,
  integrity,
  okCall,
  postLedger,
  sleep,
  startApp,
  threadReply,
  until,
} from './harness.js';
import { printRows, record } from './report.js';

const schedule = (channelId: string): ChannelSchedule => dailySchedule(channelId);

const MIN = 60_000;
const DAY9 = Date.UTC(2026, 10, 23, 9, 0);

describe('rate limits', () => {
  let app: FaultApp | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });
  afterAll(() => printRows('Rate limits'));

  it('delays replies through 429 + Retry-After (client retries), without losing or doubling one', async () => {
    const crashes = crashCounter();
    app = await startApp({ retryConfig: { retries: 6, factor: 1, minTimeout: 20, maxTimeout: 50 } });
    const fake = app.fake;
    const threadTs = await postPrompt(app, 'CRATE1');
    // The next 8 posts are refused with Retry-After: 1 s; the client waits it out and retries.
    fake.rateLimit('chat.postMessage', 8, 1);
    const answers = Array.from({ length: 20 }, (_, i) =>
      threadReply('CRATE1', threadTs, ANSWERS[i % ANSWERS.length]!, `URATE${i}`, answerTs()),
    );
    const started = Date.now();
    let deliveries = 0;
    await Promise.all(
      answers.map(async (event, i) => {
        deliveries += 1;
        await fake.sendEvent(event, { eventId: `EvRate${i}` });
        if (i % 3 === 0) {
          // Slack retries some of them while the reply is still waiting out the limit.
          deliveries += 1;
          await fake.sendEvent(event, { eventId: `EvRate${i}`, retryAttempt: 1, retryReason: 'timeout' });
        }
      }),
    );
    const keys = answers.map((e) => `reply:CRATE1:${e.ts}`);
    await until(
      () => keys.every((k) => postLedger(fake, 'reply:').keys.has(k)),
      () => 'all replies',
      30_000,
    );
    const firstOk = fake.calls.find(
      (c) => c.method === 'chat.postMessage' && okCall(c) && c.args.thread_ts === threadTs,
    )!;
    await sleep(200);
    const ledger = postLedger(fake, 'reply:');
    const limited = fake.calls.filter((c) => c.method === 'chat.postMessage' && c.status === 429).length;
    record({
      scenario: '3a. 429 on replies (client waits Retry-After)',
      inputs: deliveries,
      duplicates: deliveries - answers.length,
      replies: ledger.total,
      lost:
        answers.length - count(app.dbPath, "SELECT COUNT(*) AS n FROM answers WHERE channel_id = 'CRATE1'"),
      doublePosts: ledger.doubles,
      crashes: crashes.count,
      restarts: 0,
      integrity: integrity(app.dbPath),
    });
    crashes.dispose();
    expect(limited).toBe(8);
    expect(firstOk.at - started).toBeGreaterThanOrEqual(900);
    expect(ledger.keys.size).toBe(20);
    expect(ledger.doubles).toBe(0);
    expect(count(app.dbPath, "SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'")).toBe(0);
  });

  it('keeps replies refused by 429 pending (no client retries) and sends each once on recover()', async () => {
    const crashes = crashCounter();
    app = await startApp();
    const fake = app.fake;
    const threadTs = await postPrompt(app, 'CRATE2');
    fake.rateLimit('chat.postMessage', 12, 1);
    const answers = Array.from({ length: 12 }, (_, i) =>
      threadReply('CRATE2', threadTs, ANSWERS[i % ANSWERS.length]!, `URL2${i}`, answerTs()),
    );
    let deliveries = 0;
    await Promise.all(
      answers.map((event, i) => {
        deliveries += 1;
        return fake.sendEvent(event, { eventId: `EvRl2${i}` });
      }),
    );
    await until(
      () => count(app!.dbPath, "SELECT COUNT(*) AS n FROM outbox WHERE key LIKE 'reply:CRATE2:%'") === 12,
      () => 'all 12 replies queued',
    );
    await until(
      () => app!.logger.lines.filter((l) => l.includes('listener failed')).length >= 12,
      () => '12 failed sends',
      15_000,
    );
    expect(count(app.dbPath, "SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'")).toBe(12);
    expect(postLedger(fake, 'reply:').total).toBe(0);
    // Still limited (Retry-After 0 keeps this step short): recover() tries each, fails, keeps them.
    fake.rateLimit('chat.postMessage', 12, 0);
    await app.runtime.slack.delivery.recover();
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage' && c.status === 429)).toHaveLength(24);
    expect(count(app.dbPath, "SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'")).toBe(12);
    // Slack retries two of them meanwhile: nothing is sent twice.
    await Promise.all([
      app.runtime.slack.delivery.recover(),
      app.runtime.slack.delivery.recover(),
      fake.sendEvent(answers[0]!, { eventId: 'EvRl20', retryAttempt: 1, retryReason: 'timeout' }),
      fake.sendEvent(answers[1]!, { eventId: 'EvRl21', retryAttempt: 1, retryReason: 'timeout' }),
    ]);
    deliveries += 2;
    await until(
      () => postLedger(fake, 'reply:').keys.size === 12,
      () => 'all replies after recover',
      15_000,
    );
    await sleep(200);
    const ledger = postLedger(fake, 'reply:');
    record({
      scenario: '3b. 429 on replies (kept pending, recover())',
      inputs: deliveries,
      duplicates: deliveries - answers.length,
      replies: ledger.total,
      lost: 12 - ledger.keys.size,
      doublePosts: ledger.doubles,
      crashes: crashes.count,
      restarts: 0,
      integrity: integrity(app.dbPath),
    });
    crashes.dispose();
    expect(ledger.keys.size).toBe(12);
    expect(ledger.doubles).toBe(0);
    expect(count(app.dbPath, "SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'")).toBe(0);
  });

  it('posts a rate-limited daily prompt late but within grace, once; skips and logs one pushed past grace', async () => {
    const crashes = crashCounter();
    app = await startApp({ now: DAY9 });
    const { channels } = app.runtime.slack.core;
    const { scheduler } = app.runtime.slack;
    const fake = app.fake;
    const promptPosts = (channel: string) =>
      fake.calls.filter(
        (c) =>
          c.method === 'chat.postMessage' && okCall(c) && c.args.channel === channel && !c.args.thread_ts,
      );
    let ticks = 0;
    const tickAt = async (t: number) => {
      app!.clock.now = t;
      ticks += 1;
      await scheduler.tick(t);
    };

    // Channel A: 429 (Retry-After 600 s) three times, then it goes through 30 minutes late.
    await channels.saveSchedule(schedule('CRATEA'), DAY9 - 86_400_000);
    fake.rateLimit('chat.postMessage', 3, 600);
    for (let m = 0; m <= 40; m += 5) await tickAt(DAY9 + m * MIN);
    const a = promptPosts('CRATEA');
    expect(a).toHaveLength(1);
    expect(await channels.promptForDay('CRATEA', '2026-11-23')).toMatchObject({ status: 'posted' });
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage' && c.status === 429)).toHaveLength(3);

    // Channel B (next day): every post is rate limited until after the 120-minute grace window.
    const day2 = DAY9 + 86_400_000;
    await channels.saveSchedule(schedule('CRATEB'), DAY9);
    await channels.setPaused('CRATEA', true, 'test', DAY9);
    fake.rateLimit('chat.postMessage', 10_000, 600);
    const limitedBefore = fake.calls.filter((c) => c.status === 429).length;
    for (let m = 0; m <= 130; m += 5) await tickAt(day2 + m * MIN);
    const skipped = await channels.promptForDay('CRATEB', '2026-11-24');
    expect(skipped).toMatchObject({ status: 'skipped', error: 'too late' });
    expect(
      app.logger.lines.some(
        (l) => l.includes('daily prompt skipped: past the grace window') && l.includes('CRATEB'),
      ),
    ).toBe(true);
    const attempts = fake.calls.filter((c) => c.status === 429).length - limitedBefore;
    // One attempt per Retry-After (10 min) within the 120-minute window, not one per tick.
    expect(attempts).toBeGreaterThanOrEqual(12);
    expect(attempts).toBeLessThanOrEqual(13);
    // The limit lifts: still nothing posted hours late for that day.
    fake.clearFailures('chat.postMessage');
    for (let m = 140; m <= 600; m += 60) await tickAt(day2 + m * MIN);
    expect(promptPosts('CRATEB')).toHaveLength(0);
    // The next day's prompt is posted on time.
    await tickAt(day2 + 86_400_000 + MIN);
    expect(promptPosts('CRATEB')).toHaveLength(1);
    const ledger = postLedger(fake, 'prompt:');
    record({
      scenario: '3c. 429 on daily prompts (late within grace / skipped)',
      inputs: ticks,
      duplicates: 0,
      replies: ledger.total,
      lost: 0,
      doublePosts: ledger.doubles,
      crashes: crashes.count,
      restarts: 0,
      integrity: integrity(app.dbPath),
    });
    crashes.dispose();
    expect(ledger.doubles).toBe(0);
    expect(count(app.dbPath, "SELECT COUNT(*) AS n FROM prompts WHERE status = 'pending'")).toBe(0);
  });
});
