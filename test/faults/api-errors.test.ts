import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ChannelSchedule } from '../../src/core/schedule/schedule.js';
import type { RecordedCall } from '../helpers/fake-slack.js';
import { dailySchedule } from '../helpers/schedule.js';
import { postPrompt } from '../helpers/slack-app.js';
import {
  answerTs,
  count,
  crashCounter,
  dmMessage,
  type FaultApp,
  integrity,
  okCall,
  postLedger,
  STRONG,
  sleep,
  startApp,
  threadReply,
  until,
} from './harness.js';
import { printRows, record } from './report.js';

const MIN = 60_000;
const DAY9 = Date.UTC(2026, 10, 23, 9, 0);

const schedule = (channelId: string, createdBy = 'UOWNER'): ChannelSchedule =>
  dailySchedule(channelId, { createdBy });

const posts = (calls: RecordedCall[], pred: (c: RecordedCall) => boolean) =>
  calls.filter((c) => c.method === 'chat.postMessage' && pred(c));

describe('Slack API errors on posting', () => {
  let app: FaultApp | undefined;
  let tried = 0;
  let handled = 0;
  let replies = 0;
  let doubles = 0;
  const integrityResults: string[] = [];
  const crashes = crashCounter();
  afterEach(async () => {
    if (app) {
      const ledger = postLedger(app.fake, '');
      replies += ledger.total;
      doubles += ledger.doubles;
      integrityResults.push(integrity(app.dbPath));
    }
    await app?.stop();
    app = undefined;
  });
  afterAll(async () => {
    record({
      scenario: '5. Slack API errors (9 codes, prompts + replies)',
      inputs: tried,
      duplicates: 1,
      replies,
      lost: tried - handled,
      doublePosts: doubles,
      crashes: crashes.count,
      restarts: 0,
      integrity: integrityResults.every((r) => r === 'ok') ? 'ok' : integrityResults.join(','),
    });
    crashes.dispose();
    printRows('Slack API errors');
    expect(tried).toBe(handled);
    expect(doubles).toBe(0);
    expect(crashes.count).toBe(0);
  });

  it('pauses the schedule and tells its owner by DM on channel_not_found, not_in_channel and is_archived; no retry loop', async () => {
    app = await startApp({ now: DAY9 });
    const { channels } = app.runtime.slack.core;
    const { scheduler } = app.runtime.slack;
    const fake = app.fake;
    for (const [i, code] of ['channel_not_found', 'not_in_channel', 'is_archived'].entries()) {
      const channel = `CERR${i}`;
      await channels.saveSchedule(schedule(channel), DAY9 - 86_400_000);
      const t = DAY9 + i * MIN;
      app.clock.now = t;
      fake.failWith('chat.postMessage', code, 1);
      tried += 1;
      await scheduler.tick(t);
      const prompt = await channels.promptForDay(channel, '2026-11-23');
      expect(prompt).toMatchObject({ status: 'failed', error: code });
      expect(await channels.getSchedule(channel)).toMatchObject({ paused: true, pauseReason: code });
      const dm = posts(
        fake.calls,
        (c) => c.args.channel === 'UOWNER' && okCall(c) && String(c.args.text).includes(`<#${channel}>`),
      );
      expect(dm).toHaveLength(1);
      expect(String(dm[0]!.args.text)).toMatch(/paused/);
      expect(app.logger.lines.some((l) => l.includes('schedule paused') && l.includes(code))).toBe(true);
      handled += 1;
    }
    // Many more ticks over two days: a paused channel is never tried again.
    const attempts = () => posts(fake.calls, (c) => String(c.args.channel).startsWith('CERR')).length;
    const before = attempts();
    for (let m = 5; m <= 48 * 60; m += 37) await scheduler.tick(DAY9 + m * MIN);
    expect(attempts()).toBe(before);
    expect(before).toBe(3);
    // Resumed by an admin: the next day's question goes out again.
    await channels.setPaused('CERR2', false, null, DAY9 + 2 * 86_400_000);
    await scheduler.tick(DAY9 + 2 * 86_400_000 + MIN);
    expect(posts(fake.calls, (c) => c.args.channel === 'CERR2' && okCall(c))).toHaveLength(1);
    // The owner DM itself failing is logged, not thrown.
    await channels.saveSchedule(schedule('CERR9', 'UGONE'), DAY9);
    fake.failWith('chat.postMessage', 'is_archived', 1);
    fake.failWith('chat.postMessage', 'user_not_found', 1);
    tried += 1;
    await scheduler.tick(DAY9 + 2 * 86_400_000 + 2 * MIN);
    expect(await channels.getSchedule('CERR9')).toMatchObject({ paused: true });
    expect(app.logger.lines.some((l) => l.includes('could not tell the schedule owner'))).toBe(true);
    handled += 1;
  });

  it('marks a reply that cannot be delivered (channel_not_found, not_in_channel, is_archived, messages_tab_disabled) as failed, once', async () => {
    app = await startApp();
    const fake = app.fake;
    const threadTs = await postPrompt(app, 'CERRR');
    const keys: string[] = [];
    for (const [i, code] of ['channel_not_found', 'not_in_channel', 'is_archived'].entries()) {
      const event = threadReply('CERRR', threadTs, STRONG, `UERR${i}`, answerTs());
      keys.push(`reply:CERRR:${event.ts}`);
      fake.failWith('chat.postMessage', code, 1);
      tried += 1;
      await fake.sendEvent(event, { eventId: `EvErrR${i}` });
      await until(
        async () => (await app!.runtime.storage.ledger.outboxGet(keys[i]!))?.status === 'sent',
        () => `${code} handled`,
      );
      expect((await app.runtime.storage.ledger.outboxGet(keys[i]!))?.sentTs).toBe(`failed:${code}`);
      handled += 1;
    }
    // A DM reply to someone whose Messages tab is off.
    fake.failWith('chat.postMessage', 'messages_tab_disabled', 1);
    const dm = dmMessage('UERRDM', 'help');
    tried += 1;
    await fake.sendEvent(dm, { eventId: 'EvErrDm' });
    await until(
      async () =>
        (await app!.runtime.storage.ledger.outboxGet(`dm:DUERRDM:${dm.ts}`))?.sentTs ===
        'failed:messages_tab_disabled',
      () => 'DM failure handled',
    );
    handled += 1;
    const attempts = () => fake.calls.filter((c) => c.method === 'chat.postMessage' && !okCall(c)).length;
    expect(attempts()).toBe(4);
    // The periodic recover and Slack's retries do not try them again.
    for (let i = 0; i < 3; i++) await app.runtime.slack.delivery.recover();
    await fake.sendEvent(threadReply('CERRR', threadTs, STRONG, 'UERR0', keys[0]!.split(':')[2]), {
      eventId: 'EvErrR0',
      retryAttempt: 1,
      retryReason: 'timeout',
    });
    await sleep(200);
    expect(attempts()).toBe(4);
    expect(app.logger.lines.filter((l) => l.includes('message could not be delivered'))).toHaveLength(4);
    // Still answering.
    const ok = threadReply('CERRR', threadTs, STRONG, 'UERROK', answerTs());
    await fake.sendEvent(ok, { eventId: 'EvErrOk' });
    await until(
      () => postLedger(fake, 'reply:').keys.has(`reply:CERRR:${ok.ts}`),
      () => 'a normal reply afterwards',
    );
  });

  it('falls back to plain text on msg_too_long and invalid_blocks, and gives up after the fallback is refused too', async () => {
    app = await startApp();
    const fake = app.fake;
    const threadTs = await postPrompt(app, 'CERRB');
    for (const [i, code] of ['msg_too_long', 'invalid_blocks', 'msg_blocks_too_long'].entries()) {
      const event = threadReply('CERRB', threadTs, STRONG, `UERRB${i}`, answerTs());
      fake.failWith('chat.postMessage', code, 1);
      tried += 1;
      const next = fake.nextCall('chat.postMessage', (c) => c.args.thread_ts === threadTs && okCall(c), 5000);
      await fake.sendEvent(event, { eventId: `EvErrB${i}` });
      const plain = await next;
      expect((plain.args.blocks as unknown[] | undefined) ?? []).toHaveLength(0);
      expect(String(plain.args.text).length).toBeGreaterThan(10);
      expect(String(plain.args.text).length).toBeLessThanOrEqual(3000);
      await until(
        async () =>
          (await app!.runtime.storage.ledger.outboxGet(`reply:CERRB:${event.ts}`))?.status === 'sent',
        () => 'sent',
      );
      handled += 1;
    }
    expect(app.logger.lines.filter((l) => l.includes('blocks rejected; sending plain text'))).toHaveLength(3);
    // Refused with blocks and as plain text: kept for one more try, then not retried forever.
    const event = threadReply('CERRB', threadTs, STRONG, 'UERRB9', answerTs());
    const key = `reply:CERRB:${event.ts}`;
    fake.failWith('chat.postMessage', 'invalid_blocks');
    tried += 1;
    await fake.sendEvent(event, { eventId: 'EvErrB9' });
    await until(
      async () => (await app!.runtime.storage.ledger.outboxGet(key)) !== null,
      () => 'queued',
    );
    await sleep(300);
    for (let i = 0; i < 5; i++) await app.runtime.slack.delivery.recover();
    const attempts =
      fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts === threadTs && !okCall(c))
        .length - 3;
    expect(attempts).toBeLessThanOrEqual(2);
    expect(await app.runtime.storage.ledger.outboxGet(key)).toMatchObject({
      status: 'sent',
      sentTs: 'failed:invalid_blocks',
    });
    handled += 1;
    fake.clearFailures();
  });

  it('keeps a reply refused with ratelimited pending and retries a prompt after the wait', async () => {
    app = await startApp({ now: DAY9 });
    const fake = app.fake;
    const { channels } = app.runtime.slack.core;
    const { scheduler } = app.runtime.slack;
    const threadTs = await postPrompt(app, 'CERRL');
    const event = threadReply('CERRL', threadTs, STRONG, 'UERRL', answerTs());
    fake.failWith('chat.postMessage', 'ratelimited', 1);
    tried += 1;
    await fake.sendEvent(event, { eventId: 'EvErrL' });
    await until(
      () => app!.logger.lines.some((l) => l.includes('listener failed')),
      () => 'the failed send',
    );
    expect((await app.runtime.storage.ledger.outboxGet(`reply:CERRL:${event.ts}`))?.status).toBe('pending');
    await app.runtime.slack.delivery.recover();
    expect(postLedger(fake, 'reply:').keys.get(`reply:CERRL:${event.ts}`)?.get(0)).toBe(1);
    handled += 1;

    await channels.saveSchedule(schedule('CERRL2'), DAY9 - 86_400_000);
    fake.failWith('chat.postMessage', 'ratelimited', 1);
    tried += 1;
    await scheduler.tick(DAY9 + MIN);
    expect((await channels.promptForDay('CERRL2', '2026-11-23'))?.status).toBe('pending');
    await scheduler.tick(DAY9 + MIN + 10_000);
    expect(posts(fake.calls, (c) => c.args.channel === 'CERRL2')).toHaveLength(1);
    await scheduler.tick(DAY9 + MIN + 31_000);
    expect(posts(fake.calls, (c) => c.args.channel === 'CERRL2' && okCall(c))).toHaveLength(1);
    expect((await channels.promptForDay('CERRL2', '2026-11-23'))?.status).toBe('posted');
    handled += 1;

    expect(count(app.dbPath, "SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'")).toBe(0);
  });
});
