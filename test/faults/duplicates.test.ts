import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { AckMessage, RecordedCall } from '../helpers/fake-slack.js';
import { postPrompt } from '../helpers/slack-app.js';
import {
  ANSWERS,
  answerTs,
  count,
  crashCounter,
  dmMessage,
  type FaultApp,
  integrity,
  openRo,
  postLedger,
  quiesce,
  STRONG,
  seeded,
  startApp,
  threadReply,
  until,
} from './harness.js';
import { printRows, record } from './report.js';

const ANSWER_COUNT = 1000;
const CHANNELS = 20;
const BATCH = 50;

describe('duplicates and retries', () => {
  let app: FaultApp | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });
  afterAll(() => printRows('Duplicates and retries'));

  it('answers each of 1,000 answers exactly once when Slack delivers them 1-3 times, some in parallel', async () => {
    const crashes = crashCounter();
    app = await startApp();
    const rng = seeded(8001);
    const threads: Array<{ channel: string; ts: string }> = [];
    for (let c = 1; c <= CHANNELS; c++) {
      const channel = `CDUP${String(c).padStart(2, '0')}`;
      threads.push({ channel, ts: await postPrompt(app, channel) });
    }
    const answers = Array.from({ length: ANSWER_COUNT }, (_, i) => {
      const thread = threads[i % CHANNELS]!;
      const event = threadReply(thread.channel, thread.ts, rng.pick(ANSWERS), `UDUP${i}`, answerTs());
      return {
        event,
        eventId: `EvDup${String(i).padStart(5, '0')}`,
        deliveries: rng.int(1, 3),
        parallel: rng.chance(0.35),
      };
    });
    const late: Array<() => Promise<AckMessage>> = [];
    let delivered = 0;
    const fake = app.fake;
    const send = (a: (typeof answers)[number], attempt: number) => {
      delivered += 1;
      return fake.sendEvent(a.event, {
        eventId: a.eventId,
        ...(attempt > 0 ? { retryAttempt: attempt, retryReason: 'timeout' } : {}),
      });
    };
    const deliver = async (a: (typeof answers)[number]) => {
      if (a.parallel) {
        // The first delivery and its retries arrive together (a slow ack, a reconnect).
        await Promise.all(Array.from({ length: a.deliveries }, (_, k) => send(a, k)));
        return;
      }
      await send(a, 0);
      for (let k = 1; k < a.deliveries; k++) {
        // Some retries come a while later, after other answers (Slack's +1 min / +5 min).
        if (rng.chance(0.3)) late.push(() => send(a, k));
        else await send(a, k);
      }
    };
    for (let i = 0; i < answers.length; i += BATCH)
      await Promise.all(answers.slice(i, i + BATCH).map(deliver));
    for (let i = 0; i < late.length; i += BATCH) await Promise.all(late.slice(i, i + BATCH).map((f) => f()));

    const expected = answers.map((a) => `reply:${a.event.channel}:${a.event.ts}`);
    await until(
      () => expected.every((k) => postLedger(fake, 'reply:').keys.has(k)),
      () => `replies to all answers (have ${postLedger(fake, 'reply:').keys.size}/${ANSWER_COUNT})`,
      60_000,
      100,
    );
    await new Promise((r) => setTimeout(r, 300));
    const ledger = postLedger(fake, 'reply:');
    const rows = count(app.dbPath, 'SELECT COUNT(*) AS n FROM answers WHERE channel_id LIKE ?', 'CDUP%');
    const pending = count(app.dbPath, "SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'");
    const db = openRo(app.dbPath);
    const one = db.prepare('SELECT COUNT(*) AS n FROM answers WHERE channel_id = ? AND message_ts = ?');
    const lost = answers.filter(
      (a) => (one.get(a.event.channel, a.event.ts) as { n: number }).n !== 1,
    ).length;
    db.close();
    const unique = answers.reduce((n, a) => n + a.deliveries, 0);
    record({
      scenario: '1. duplicates + retries (1-3x, parallel)',
      inputs: delivered,
      duplicates: delivered - ANSWER_COUNT,
      replies: ledger.total,
      lost,
      doublePosts: ledger.doubles,
      crashes: crashes.count,
      restarts: 0,
      integrity: integrity(app.dbPath),
    });
    crashes.dispose();

    expect(delivered).toBe(unique);
    expect(delivered - ANSWER_COUNT).toBeGreaterThan(900);
    expect(ledger.keys.size).toBe(ANSWER_COUNT);
    expect(ledger.doubles).toBe(0);
    // Exactly one reply (its one or more parts, each once) per distinct answer.
    for (const key of expected) expect([...ledger.keys.get(key)!.values()].every((n) => n === 1)).toBe(true);
    expect(rows).toBe(ANSWER_COUNT);
    expect(lost).toBe(0);
    expect(pending).toBe(0);
    expect(crashes.count).toBe(0);
    expect(integrity(app.dbPath)).toBe('ok');
  });

  it('answers edits and DM requests delivered several times in parallel once', async () => {
    const crashes = crashCounter();
    app = await startApp();
    const fake = app.fake;
    const privateTs = await postPrompt(app, 'CDUPP', 'ephemeral');
    const publicTs = await postPrompt(app, 'CDUPQ');
    let delivered = 0;
    const burst = (event: Record<string, unknown>, eventId: string, n = 3) => {
      delivered += n;
      return Promise.all(
        Array.from({ length: n }, (_, k) =>
          fake.sendEvent(event, { eventId, ...(k ? { retryAttempt: k, retryReason: 'timeout' } : {}) }),
        ),
      );
    };
    const users = Array.from({ length: 8 }, (_, i) => `UDUPE${i}`);
    const originals = users.map((u, i) =>
      threadReply(i % 2 ? 'CDUPP' : 'CDUPQ', i % 2 ? privateTs : publicTs, ANSWERS[1]!, u, answerTs()),
    );
    for (const [i, e] of originals.entries()) await fake.sendEvent(e, { eventId: `EvDupE${i}` });
    await until(
      () =>
        count(
          app!.dbPath,
          "SELECT COUNT(*) AS n FROM outbox WHERE key LIKE 'reply:CDUP_:%' AND status = 'sent'",
        ) === 8,
      () => '8 first replies',
    );
    const before = fake.calls.length;
    // Each answer edited once; Slack delivers each edit three times at once (the clock moves meanwhile).
    const ticking = setInterval(() => {
      app!.clock.now += 1000;
    }, 1);
    await Promise.all(
      originals.map((e, i) =>
        burst(
          {
            type: 'message',
            subtype: 'message_changed',
            channel: e.channel,
            ts: answerTs(),
            message: { type: 'message', user: e.user, text: STRONG, ts: e.ts, thread_ts: e.thread_ts },
            previous_message: { ts: e.ts },
          },
          `EvDupEdit${i}`,
        ),
      ),
    );
    // DM practice requests, each delivered three times at once.
    await Promise.all(users.map((u, i) => burst(dmMessage(u, 'practice'), `EvDupDm${i}`)));
    await quiesce(fake, 300);
    clearInterval(ticking);
    const after = fake.calls.slice(before);
    const rescored = (c: RecordedCall) =>
      /Re-scored|edited/i.test(JSON.stringify([c.args.text, c.args.blocks]));
    // A re-scored card: a new (ephemeral) message, or an update of the public card (repeating an update
    // with the same content shows nothing new, so updates count once per card).
    const posted = after.filter(
      (c) => ['chat.postEphemeral', 'chat.postMessage'].includes(c.method) && rescored(c),
    );
    const updated = new Set(
      after
        .filter((c) => c.method === 'chat.update' && rescored(c))
        .map((c) => `${c.args.channel}:${c.args.ts}`),
    );
    const questions = users.map(
      (u) => after.filter((c) => c.method === 'chat.postMessage' && c.args.channel === `D${u}`).length,
    );
    const editCount = posted.length + updated.size;
    record({
      scenario: '1b. edits + DM requests (3x, parallel)',
      inputs: delivered,
      duplicates: delivered - 16,
      replies: editCount + questions.reduce((a, b) => a + b, 0),
      lost: questions.filter((n) => n === 0).length + Math.max(0, 8 - editCount),
      doublePosts: questions.reduce((n, q) => n + Math.max(0, q - 1), 0) + Math.max(0, editCount - 8),
      crashes: crashes.count,
      restarts: 0,
      integrity: integrity(app.dbPath),
    });
    crashes.dispose();
    expect(questions).toEqual(users.map(() => 1));
    expect(editCount).toBe(8);
    expect(
      count(app.dbPath, "SELECT COUNT(*) AS n FROM conversations WHERE id LIKE 'dm:%' AND status = 'active'"),
    ).toBe(8);
  });
});
