import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { postPrompt } from '../helpers/slack-app.js';
import {
  ANSWERS,
  answerTs,
  count,
  crashCounter,
  type FaultApp,
  integrity,
  postLedger,
  seeded,
  sleep,
  startApp,
  threadReply,
  until,
} from './harness.js';
import { printRows, record } from './report.js';

const ANSWER_COUNT = 260;

describe('socket drops', () => {
  let app: FaultApp | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });
  afterAll(() => printRows('Socket drops'));

  it('answers every event once when the socket is told to disconnect or dropped mid-stream', async () => {
    const crashes = crashCounter();
    // A short ack timeout: an envelope whose ack is lost with its socket counts as undelivered quickly.
    // The client waits clientPingTimeout before reconnecting: 1 s keeps the gaps short.
    app = await startApp({
      fakeOptions: { ackTimeoutMs: 1500, waitTimeoutMs: 5000 },
      clientPingTimeout: 1000,
    });
    const fake = app.fake;
    const rng = seeded(8002);
    const threads: Array<{ channel: string; ts: string }> = [];
    for (const channel of ['CSOCK1', 'CSOCK2', 'CSOCK3', 'CSOCK4'])
      threads.push({ channel, ts: await postPrompt(app, channel) });
    const answers = Array.from({ length: ANSWER_COUNT }, (_, i) => {
      const t = threads[i % threads.length]!;
      return {
        event: threadReply(t.channel, t.ts, rng.pick(ANSWERS), `USOCK${i}`, answerTs()),
        eventId: `EvSock${i}`,
        attempts: 0,
      };
    });
    type Answer = (typeof answers)[number];

    // Drops mid-stream, each once the previous gap has closed and 30 events went through:
    // graceful `disconnect` (refresh_requested, warning) and abrupt terminations.
    const faults: Array<() => void> = [
      () => fake.disconnect('refresh_requested'),
      () => fake.dropSocket(),
      () => fake.disconnect('warning'),
      () => fake.dropSocket(),
      () => {
        fake.disconnect('refresh_requested');
        fake.dropSocket();
      },
    ];
    const faultCount = faults.length;
    let sinceFault = 0;
    let gap = false;
    let gapSends = 0;
    const undelivered: Answer[] = [];
    const inFlight: Array<Promise<unknown>> = [];
    let deliveries = 0;
    const send = (a: Answer) => {
      deliveries += 1;
      const attempt = a.attempts++;
      return fake.sendEvent(a.event, {
        eventId: a.eventId,
        ...(attempt > 0 ? { retryAttempt: attempt, retryReason: 'timeout' } : {}),
      });
    };
    const opened = fake.connectionsOpened;
    for (const a of answers) {
      const fault = !gap && sinceFault >= 30 ? faults.shift() : undefined;
      if (fault) {
        sinceFault = 0;
        fault();
        gap = true;
        void fake.waitConnected(10_000).then(() => {
          gap = false;
        });
      }
      if (gap) {
        // Slack tried while no socket was up: the attempt failed and will come again as a retry.
        gapSends += 1;
        deliveries += 1;
        a.attempts += 1;
        undelivered.push(a);
      } else {
        sinceFault += 1;
        inFlight.push(send(a).catch(() => undelivered.push(a)));
      }
      await sleep(gap ? 50 : rng.int(0, 6));
    }
    await Promise.allSettled(inFlight);
    // Redeliver, as Slack would, until every event has been acked once.
    for (let round = 0; undelivered.length && round < 5; round++) {
      await fake.waitConnected(10_000);
      const batch = undelivered.splice(0);
      await Promise.all(batch.map((a) => send(a).catch(() => undelivered.push(a))));
    }
    expect(undelivered).toHaveLength(0);

    const expected = answers.map((a) => `reply:${a.event.channel}:${a.event.ts}`);
    await until(
      () => expected.every((k) => postLedger(fake, 'reply:').keys.has(k)),
      () => `replies to all answers (have ${postLedger(fake, 'reply:').keys.size}/${ANSWER_COUNT})`,
      30_000,
      100,
    );
    // Anything a drop interrupted mid-post is still owed: the app's periodic recover would send it.
    await app.runtime.slack.delivery.recover();
    await sleep(200);
    const ledger = postLedger(fake, 'reply:');
    const rows = count(app.dbPath, "SELECT COUNT(*) AS n FROM answers WHERE channel_id LIKE 'CSOCK%'");
    const reconnects = fake.connectionsOpened - opened;
    record({
      scenario: `2. socket drops (${faultCount} drops, ${reconnects} reconnects)`,
      inputs: deliveries,
      duplicates: deliveries - ANSWER_COUNT,
      replies: ledger.total,
      lost: ANSWER_COUNT - rows,
      doublePosts: ledger.doubles,
      crashes: crashes.count,
      restarts: reconnects,
      integrity: integrity(app.dbPath),
    });
    crashes.dispose();

    expect(faults).toHaveLength(0);
    expect(gapSends).toBeGreaterThan(0);
    expect(reconnects).toBeGreaterThanOrEqual(faultCount);
    expect(ledger.keys.size).toBe(ANSWER_COUNT);
    expect(ledger.doubles).toBe(0);
    expect(rows).toBe(ANSWER_COUNT);
    expect(count(app.dbPath, "SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'")).toBe(0);
    expect(crashes.count).toBe(0);
  });
});
