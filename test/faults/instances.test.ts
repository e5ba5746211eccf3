import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../../src/infra/storage.js';
import { type FakeSlack, startFakeSlack } from '../helpers/fake-slack.js';
import { dailySchedule } from '../helpers/schedule.js';
import { dropDatabase, freshDatabase, restartPostgres } from '../postgres-server.js';
import {
  ANSWERS,
  APP_TOKEN,
  answerTs,
  BOT_TOKEN,
  postLedger,
  seeded,
  sleep,
  spawnApp,
  TEAM,
  threadReply,
  until,
} from './harness.js';
import { printRows, record } from './report.js';

/**
 * Several instances of the real app (separate processes, as `npm start` runs them) on one PostgreSQL
 * database and one Slack app: Slack spreads events over their Socket Mode connections and delivers some
 * twice, to different instances; one instance is killed mid-burst; the database restarts mid-run.
 */

const INSTANCES = 3;
const url = process.env.TEST_DATABASE_URL;

interface Instance {
  proc: ChildProcess;
  ready: Promise<void>;
  exited: Promise<void>;
  stderr: string[];
}

interface Sent {
  event: ReturnType<typeof threadReply>;
  eventId: string;
  acked: boolean;
  attempts: number;
}

describe.skipIf(!url)('several instances on PostgreSQL', () => {
  let fake: FakeSlack;
  let storage: Storage;
  let databaseUrl: string;
  const database = `faults_instances_${process.pid}`;
  const instances: Instance[] = [];
  const rng = seeded(8009);
  let env: NodeJS.ProcessEnv;

  /**
   * An instance: the test's child (which reports `ready` over IPC), or `star-coach start` itself, the built
   * executable `npm start` runs (ready once its Socket Mode connection is up).
   */
  const spawnInstance = (kind: 'child' | 'npm-start' = 'child'): Instance => {
    const before = fake.connectionsOpened;
    const { proc, stderr, exited: ended } = spawnApp(env, kind === 'child' ? 'child' : 'start');
    const exited = ended.then(() => undefined);
    const ready = new Promise<void>((resolve, reject) => {
      proc.on('message', (m) => {
        if ((m as { type?: string }).type === 'ready') resolve();
      });
      if (kind === 'npm-start') {
        until(
          () => fake.connectionsOpened > before,
          () => 'star-coach start to connect',
          30_000,
        ).then(resolve, reject);
      }
      void exited.then(() => reject(new Error(`instance exited before it was ready: ${stderr.join('')}`)));
    });
    ready.catch(() => undefined);
    const instance = { proc, ready, exited, stderr };
    instances.push(instance);
    return instance;
  };

  /** Posts today's question in a new channel through the instances' schedulers; returns its ts. */
  const promptIn = async (channel: string): Promise<string> => {
    const now = new Date();
    const hhmm = `${String(now.getUTCHours()).padStart(2, '0')}:${String(now.getUTCMinutes()).padStart(2, '0')}`;
    await storage.channels.saveSchedule(
      dailySchedule(channel, { teamId: TEAM, localTime: hhmm }),
      Date.now(),
    );
    let ts: string | undefined;
    await until(
      () => {
        ts = fake.channelMessages.find((m) => m.channel === channel && !m.thread_ts)?.ts as
          | string
          | undefined;
        return ts !== undefined;
      },
      () => `the daily question in ${channel}`,
      20_000,
    );
    return ts!;
  };

  /** Delivers an answer over one connection; a delivery whose ack never comes is left for a redelivery. */
  const deliver = async (s: Sent, via: number) => {
    s.attempts += 1;
    try {
      await fake.sendEvent(s.event, { eventId: s.eventId, via, retryAttempt: s.attempts - 1 });
      s.acked = true;
    } catch {
      // No ack (the instance died, or the database was away for longer than Slack waits): Slack retries.
    }
  };

  /** Slack's retries: every answer not acked yet is delivered again, over some live connection. */
  const redeliverUnacked = async (sent: Sent[]) => {
    for (let round = 0; round < 10 && sent.some((s) => !s.acked); round++) {
      await Promise.all(sent.filter((s) => !s.acked).map((s) => deliver(s, rng.int(0, 9))));
    }
  };

  /** Replies to answers in a channel: distinct answers replied to, messages posted, and doubles. */
  const replies = (channel: string) => {
    const ledger = postLedger(fake, `reply:${channel}:`);
    return { keys: ledger.keys.size, all: ledger.total, doubles: ledger.doubles };
  };

  beforeAll(async () => {
    databaseUrl = await freshDatabase(url!, database);
    storage = await openStorage({ databasePath: ':memory:', databaseUrl });
    fake = await startFakeSlack({ ackTimeoutMs: 3000, waitTimeoutMs: 10_000, spread: true });
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_API_URL: fake.apiUrl,
      DATABASE_URL: databaseUrl,
      ADMIN_USER_IDS: 'UADMIN',
      LOG_LEVEL: 'error',
      SCHEDULER_INTERVAL_MS: '200',
      CLIENT_PING_TIMEOUT_MS: '5000',
      LEASE_MS: '3000',
    };
    // Two test children, then the real executable (one at a time, so each connection is told apart).
    for (let i = 0; i < INSTANCES - 1; i++) spawnInstance();
    await Promise.all(instances.map((i) => i.ready));
    await spawnInstance('npm-start').ready;
    await until(
      () => fake.connections === INSTANCES,
      () => `${INSTANCES} Socket Mode connections`,
      20_000,
    );
  }, 120_000);

  afterAll(async () => {
    for (const i of instances) i.proc.kill('SIGKILL');
    await Promise.all(instances.map((i) => i.exited));
    await storage?.close();
    await fake?.close();
    await dropDatabase(url!, database);
    printRows('Several instances');
  });

  /**
   * One burst in a new channel: `count` answers in batches, each delivered over connection i (and a second
   * time over the next one when `twice(i)`), `during(start)` called before each batch (a kill, a restart);
   * then Slack's redeliveries of whatever was not acked, and the wait for every reply.
   */
  async function burst(options: {
    channel: string;
    count: number;
    batch: number;
    twice?: (i: number) => boolean;
    during?: (start: number) => void;
    settle?: () => Promise<unknown>;
  }) {
    const { channel, count, batch } = options;
    const threadTs = await promptIn(channel);
    // The daily question was posted once, whatever the number of schedulers.
    expect(fake.channelMessages.filter((m) => m.channel === channel && !m.thread_ts)).toHaveLength(1);
    const sent: Sent[] = Array.from({ length: count }, (_, i) => ({
      event: threadReply(channel, threadTs, ANSWERS[i % ANSWERS.length]!, `U${channel}${i}`, answerTs()),
      eventId: `Ev${channel}${String(i).padStart(5, '0')}`,
      acked: false,
      attempts: 0,
    }));
    for (let start = 0; start < count; start += batch) {
      options.during?.(start);
      await Promise.all(
        sent.slice(start, start + batch).flatMap((s, k) => {
          const i = start + k;
          return options.twice?.(i) ? [deliver(s, i), deliver(s, i + 1)] : [deliver(s, i)];
        }),
      );
    }
    await options.settle?.();
    await redeliverUnacked(sent);
    await until(
      () => replies(channel).keys >= count,
      () => `a reply to every answer (${replies(channel).keys} of ${count})`,
      120_000,
      100,
    );
    await sleep(1_500);
    const r = replies(channel);
    return {
      ...r,
      deliveries: sent.reduce((n, x) => n + x.attempts, 0),
      lost: count - r.keys,
      doubled: r.all - r.keys,
    };
  }

  it('answers 1,000 answers spread over 3 instances, a third delivered twice to different instances, once each', async () => {
    const r = await burst({ channel: 'CINST1', count: 1000, batch: 30, twice: (i) => i % 3 === 0 });
    record({
      scenario: '9a. 3 instances on PostgreSQL, 1/3 sent twice',
      inputs: 1000,
      duplicates: r.deliveries - 1000,
      replies: r.all,
      lost: r.lost,
      doublePosts: r.doubled,
      crashes: 0,
      restarts: 0,
      integrity: 'ok',
    });
    expect([r.keys, r.all, r.doubles]).toEqual([1000, 1000, 0]);
  }, 240_000);

  it('finishes the work of an instance killed with SIGKILL mid-burst: none lost, none doubled', async () => {
    const victim = instances[1]!;
    const r = await burst({
      channel: 'CINST2',
      count: 300,
      batch: 20,
      during: (start) => {
        if (start === 100) victim.proc.kill('SIGKILL');
      },
      settle: () => victim.exited,
    });
    record({
      scenario: '9b. 3 instances, one SIGKILLed mid-burst',
      inputs: 300,
      duplicates: r.deliveries - 300,
      replies: r.all,
      lost: r.lost,
      doublePosts: r.doubled,
      crashes: 1,
      restarts: 0,
      integrity: 'ok',
    });
    expect([r.keys, r.all]).toEqual([300, 300]);
    // The survivors carry on; a replacement joins.
    await spawnInstance().ready;
  }, 180_000);

  it.skipIf(!process.env.TEST_POSTGRES_DIR)(
    'reconnects after PostgreSQL restarts mid-run and loses nothing',
    async () => {
      let restarted: Promise<void> | null = null;
      const r = await burst({
        channel: 'CINST3',
        count: 200,
        batch: 20,
        during: (start) => {
          if (start === 60)
            restarted = sleep(50).then(() => restartPostgres(process.env.TEST_POSTGRES_DIR!, 'fast'));
        },
        settle: async () => restarted,
      });
      record({
        scenario: '9c. 3 instances, PostgreSQL restarted mid-run',
        inputs: 200,
        duplicates: r.deliveries - 200,
        replies: r.all,
        lost: r.lost,
        doublePosts: r.doubled,
        crashes: 0,
        restarts: 1,
        integrity: 'ok',
      });
      expect([r.keys, r.all]).toEqual([200, 200]);
      // Every instance but the one killed above is still running.
      const dead = instances.filter(
        (i) => i !== instances[1] && (i.proc.exitCode !== null || i.proc.signalCode !== null),
      );
      expect(
        dead.map((i) => `${i.proc.spawnargs.slice(-2).join(' ')}: ${i.stderr.join('').slice(0, 3000)}`),
      ).toEqual([]);
    },
    180_000,
  );
});
