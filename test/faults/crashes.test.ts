import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChannelSchedule } from '../../src/core/schedule/schedule.js';
import { createSqlChannelStore } from '../../src/infra/sql/channel-store.js';
import { sqliteSql } from '../../src/infra/sql/sqlite.js';
import { type Db, openDatabase } from '../../src/infra/sqlite/database.js';
import { type FakeSlack, type RecordedCall, startFakeSlack } from '../helpers/fake-slack.js';
import { dailySchedule } from '../helpers/schedule.js';
import { postPrompt } from '../helpers/slack-app.js';
import {
  ANSWERS,
  APP_TOKEN,
  type AppProcess,
  answerTs,
  BOT_TOKEN,
  count,
  dmMessage,
  integrity,
  okCall,
  openRo,
  postLedger,
  STRONG,
  seeded,
  sleep,
  spawnApp,
  startApp,
  TEAM,
  threadReply,
  until,
} from './harness.js';
import { printRows, record } from './report.js';

const RESTARTS = Number(process.env.FAULTS_RESTARTS ?? 50);
/** Follow-ups answered in all, at least: those sent while processes were being killed, topped up after. */
const FOLLOW_UPS = 10;
const STANDBYS = 3;
const DM_USERS = ['UCDM1', 'UCDM2', 'UCDM3', 'UCDM4'];

interface Child extends AppProcess {
  warm: Promise<void>;
}

function spawnChild(env: NodeJS.ProcessEnv): Child {
  const app = spawnApp(env);
  const warm = new Promise<void>((resolve, reject) => {
    app.proc.on('message', (m) => {
      if ((m as { type?: string }).type === 'warm') resolve();
    });
    void app.exited.then(() => reject(new Error(`child exited before it was warm: ${app.stderr.join('')}`)));
  });
  warm.catch(() => undefined);
  return { ...app, warm };
}

/** One message a person sent, and what Slack knows about its delivery. */
interface Sent {
  kind: 'answer' | 'followup' | 'dm-practice' | 'dm-answer';
  event: ReturnType<typeof threadReply> | ReturnType<typeof dmMessage>;
  eventId: string;
  attempts: number;
  acked: boolean;
  /** Deliveries whose ack has not come back yet (forgotten when their socket's process is killed). */
  inFlight: Set<number>;
}

const schedule = (channelId: string, localTime: string): ChannelSchedule =>
  dailySchedule(channelId, { teamId: TEAM, localTime });

const metaKey = (c: RecordedCall) =>
  (c.args.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key ?? '';

describe('crashes', () => {
  afterAll(() => printRows('Crashes'));

  it(`survives ${RESTARTS} SIGKILLs at random points: nothing lost, nothing doubled, database intact, sessions resume`, async () => {
    const rng = seeded(8004);
    const fake: FakeSlack = await startFakeSlack({ ackTimeoutMs: 1500, waitTimeoutMs: 8000 });
    const dir = mkdtempSync(join(tmpdir(), 'star-faults-crash-'));
    const dbPath = join(dir, 'coach.db');
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_API_URL: fake.apiUrl,
      DATABASE_PATH: dbPath,
      ADMIN_USER_IDS: 'UADMIN',
      LOG_LEVEL: 'warn',
      WAIT_FOR_GO: '1',
      SCHEDULER_INTERVAL_MS: '100',
      CLIENT_PING_TIMEOUT_MS: '1000',
    };
    const standbys: Child[] = [];
    const children: Child[] = [];
    let db: Db | null = null;
    const sent: Sent[] = [];
    let unexpectedExits = 0;
    let seq = 0;
    let deliveries = 0;
    let kills = 0;
    let practiceResends = 0;
    let schedules = 0;

    const deliver = (s: Sent) => {
      const attempt = s.attempts++;
      deliveries += 1;
      const delivery = deliveries;
      s.inFlight.add(delivery);
      fake
        .sendEvent(s.event, {
          eventId: s.eventId,
          ...(attempt > 0 ? { retryAttempt: Math.min(attempt, 3), retryReason: 'timeout' } : {}),
        })
        .then(
          () => {
            s.acked = true;
          },
          () => undefined,
        )
        .finally(() => {
          s.inFlight.delete(delivery);
        });
    };
    const newMessage = (kind: Sent['kind'], event: Sent['event']) => {
      const s: Sent = {
        kind,
        event,
        eventId: `EvCrash${++seq}`,
        attempts: 0,
        acked: false,
        inFlight: new Set(),
      };
      sent.push(s);
      deliver(s);
      return s;
    };
    /** Prompts Slack shows (posted, whatever the database says yet). */
    const threads = () =>
      fake.calls
        .filter((c) => c.method === 'chat.postMessage' && okCall(c) && metaKey(c).startsWith('prompt:'))
        .map((c) => ({ channel: String(c.args.channel), ts: (c.response as { ts: string }).ts }));
    const replyOf = (s: Sent) =>
      fake.calls.find(
        (c) =>
          c.method === 'chat.postMessage' &&
          okCall(c) &&
          (metaKey(c) === `reply:${s.event.channel}:${s.event.ts}` ||
            metaKey(c) === `dm:${s.event.channel}:${s.event.ts}`),
      );
    // Each "practice" gets its own first question, keyed by the asking message's ts (a slow one still counts).
    const startOf = (s: Sent) =>
      fake.calls.find(
        (c) =>
          c.method === 'chat.postMessage' &&
          okCall(c) &&
          metaKey(c) === `start:dm:${TEAM}:${s.event.user}:${s.event.ts}`,
      );
    const dmStarted = (user: string) =>
      fake.calls.some(
        (c) =>
          c.method === 'chat.postMessage' && okCall(c) && metaKey(c).startsWith(`start:dm:${TEAM}:${user}:`),
      );

    /** Answers whose reply asked a follow-up that their author has not answered yet. */
    const awaitingFollowUp = () =>
      sent.filter(
        (s) =>
          s.kind === 'answer' &&
          s.acked &&
          !sent.some((f) => f.kind === 'followup' && f.event.user === s.event.user) &&
          /Follow-up/.test(String(replyOf(s)?.args.text ?? '')),
      );
    /** The author's next reply in the thread answers the Bar Raiser follow-up. */
    const answerFollowUp = (s: Sent) => {
      const e = s.event as ReturnType<typeof threadReply>;
      newMessage(
        'followup',
        threadReply(
          e.channel,
          e.thread_ts,
          'I wrote a regression test and watched the error dashboard for two weeks; errors stayed at zero.',
          e.user,
          answerTs(),
        ),
      );
    };

    /** What a person does while the app runs: answer prompts, answer follow-ups, practise in DMs. */
    const act = (cycle: number) => {
      const open = threads();
      if (open.length) {
        for (let k = rng.int(1, 3); k > 0; k--) {
          const t = rng.pick(open);
          newMessage('answer', threadReply(t.channel, t.ts, rng.pick(ANSWERS), `UCR${seq + 1}`, answerTs()));
        }
      }
      // The author's next reply answers the Bar Raiser follow-up, across restarts.
      const answered = awaitingFollowUp();
      if (answered.length && rng.chance(0.6)) answerFollowUp(rng.pick(answered));
      for (const user of DM_USERS) {
        const mine = sent.filter((s) => s.event.user === user);
        const practice = mine.filter((s) => s.kind === 'dm-practice');
        if (mine.some((s) => s.kind === 'dm-answer')) continue;
        if (dmStarted(user)) {
          if (rng.chance(0.5)) newMessage('dm-answer', dmMessage(user, STRONG));
        } else if (
          !practice.length ||
          (practice.every((s) => s.acked) && cycle - (practiceCycle.get(user) ?? 0) >= 3)
        ) {
          // No question came back (the process died around it): the person asks again.
          if (practice.length) practiceResends += 1;
          practiceCycle.set(user, cycle);
          newMessage('dm-practice', dmMessage(user, 'practice'));
        }
      }
    };
    const practiceCycle = new Map<string, number>();
    const connectMs: number[] = [];
    let diagnostics = () => '';

    // Processes needed: one per restart plus the first; each warms up while its predecessor runs.
    let spawned = 0;
    const refill = () => {
      while (standbys.length < STANDBYS && spawned < RESTARTS + 1) {
        standbys.push(spawnChild(env));
        spawned += 1;
      }
    };
    const takeStandby = async (): Promise<Child> => {
      refill();
      const child = standbys.shift()!;
      await child.warm;
      refill();
      children.push(child);
      return child;
    };

    try {
      for (let cycle = 0; cycle <= RESTARTS; cycle++) {
        const final = cycle === RESTARTS;
        const child = await takeStandby();
        const opened = fake.connectionsOpened;
        child.proc.send('go');
        const killAfter = final ? 0 : rng.int(0, 450);
        let started = Date.now();
        // Some kills land during startup and recovery, before the socket is even up.
        if (final || !rng.chance(0.15)) {
          await until(
            () => fake.connectionsOpened > opened,
            () => 'the new process to connect',
            15_000,
            5,
          );
          connectMs.push(Date.now() - started);
          started = Date.now();
          if (!db) db = openDatabase(dbPath);
          if (db && cycle < 32 && cycle % 2 === 0) {
            // A new channel whose daily question is due now.
            const now = new Date();
            const hhmm = `${String(now.getUTCHours()).padStart(2, '0')}:${String(now.getUTCMinutes()).padStart(2, '0')}`;
            await createSqlChannelStore(sqliteSql(db)).saveSchedule(
              schedule(`CCR${cycle}`, hhmm),
              Date.now(),
            );
            schedules += 1;
          }
          // Slack redelivers what was never acked, then people keep writing.
          for (const s of sent) if (!s.acked && s.inFlight.size === 0) deliver(s);
          while (Date.now() - started < killAfter || final) {
            act(cycle);
            await sleep(rng.int(5, 60));
            if (final) break;
          }
        } else started -= rng.int(0, 250);
        if (final) break;
        await sleep(Math.max(0, killAfter - (Date.now() - started)));
        child.proc.kill('SIGKILL');
        kills += 1;
        const exit = await child.exited;
        if (exit.signal !== 'SIGKILL') unexpectedExits += 1;
        await fake.waitDisconnected(5000).catch(() => undefined);
        // Give in-flight acks of the dead socket their last chance to count, then forget them.
        await sleep(5);
        for (const s of sent) s.inFlight.clear();
      }

      // The last process runs on: Slack redelivers everything unacked until each is acked once.
      const last = children[children.length - 1]!;
      diagnostics = () =>
        `connect ms: ${connectMs.join(',')}\nunacked: ${JSON.stringify(sent.filter((s) => !s.acked).map((s) => [s.kind, s.eventId, s.attempts, s.inFlight.size]))}\nconnections: ${fake.connections}/${fake.connectionsOpened}\nlast stderr: ${last.stderr.join('').slice(-3000)}`;
      await fake.waitConnected(15_000);
      await until(
        () => {
          for (const s of sent) if (!s.acked && s.inFlight.size === 0) deliver(s);
          return sent.every((s) => s.acked);
        },
        () => `every event acked (${sent.filter((s) => !s.acked).length} left)`,
        // The last process first works through what the killed ones left (hundreds of events on a busy machine).
        60_000,
        200,
      );
      // People finish what they started: answer the follow-ups and DM questions still open.
      for (let round = 0; round < 6; round++) {
        act(RESTARTS + round);
        await sleep(300);
      }
      const everyMessageAnswered = () =>
        until(
          () => {
            for (const s of sent) if (!s.acked && s.inFlight.size === 0) deliver(s);
            return sent.every(
              (s) => s.acked && (s.kind === 'dm-practice' ? startOf(s) : replyOf(s)) !== undefined,
            );
          },
          () => {
            const missing = sent.filter(
              (s) => (s.kind === 'dm-practice' ? startOf(s) : replyOf(s)) === undefined,
            );
            // What each missing one was, and what the app sent its author, to tell a lost answer from a slow one.
            const detail = missing.map((s) => {
              const to = fake.calls
                .filter((c) => c.args.channel === s.event.channel || c.args.user === s.event.user)
                .slice(-3)
                .map((c) => `${c.method} ${metaKey(c)} ${String(c.args.text ?? '').slice(0, 60)}`);
              return `${s.kind} ${s.event.user} ts=${s.event.ts} acked=${s.acked} attempts=${s.attempts} last calls: ${to.join(' | ')}`;
            });
            return `a reply to every message (${missing.length} missing)\n${detail.join('\n')}\n${diagnostics()}`;
          },
          60_000,
          200,
        );
      await everyMessageAnswered();
      // Everyone who got a question answers it: a question that arrived after the rounds above (the last
      // process had hundreds of events to work through) is answered now.
      let late = 0;
      for (const user of DM_USERS) {
        if (sent.some((s) => s.event.user === user && s.kind === 'dm-answer') || !dmStarted(user)) continue;
        newMessage('dm-answer', dmMessage(user, STRONG));
        late += 1;
      }
      if (late) await everyMessageAnswered();
      // How many follow-ups were answered while processes were being killed depends on how fast the machine
      // replied (a slow run answered 5; most replies come from the last process, working through what the killed
      // ones left). The authors of the earliest answers still waiting answer theirs now, up to FOLLOW_UPS in all,
      // so every run checks that many thread sessions resumed from the database.
      const answeredSoFar = sent.filter((s) => s.kind === 'followup').length;
      const topUp = awaitingFollowUp().slice(0, Math.max(0, FOLLOW_UPS - answeredSoFar));
      for (const s of topUp) answerFollowUp(s);
      if (topUp.length) await everyMessageAnswered();
      await sleep(300);
      last.proc.kill('SIGTERM');
      const lastExit = await last.exited;
      if (lastExit.code !== 0) unexpectedExits += 1;
      for (const s of standbys) s.proc.kill('SIGKILL');
      await Promise.all(standbys.map((s) => s.exited));
      db?.close();
      db = null;

      // Verify against the database the app left behind.
      const ro = openRo(dbPath);
      const rowsFor = ro.prepare('SELECT COUNT(*) AS n FROM answers WHERE channel_id = ? AND message_ts = ?');
      const rows = (s: Sent) => (rowsFor.get(s.event.channel, s.event.ts) as { n: number }).n;
      const answers = sent.filter((s) => s.kind === 'answer');
      const followups = sent.filter((s) => s.kind === 'followup');
      const dmAnswers = sent.filter((s) => s.kind === 'dm-answer');
      const lostAnswers = [...answers, ...dmAnswers].filter((s) => rows(s) !== 1 || !replyOf(s));
      const lostFollowups = followups.filter((s) => !replyOf(s));
      // Follow-ups after a restart are judged as answers to the follow-up: the thread session resumed.
      const notResumed = followups.filter(
        (s) => rows(s) !== 0 || /\/100/.test(String(replyOf(s)?.args.text)),
      );
      const dmSessions = DM_USERS.map(
        (u) =>
          ro.prepare("SELECT COUNT(*) AS n FROM answers WHERE user_id = ? AND source = 'dm'").get(u) as {
            n: number;
          },
      );
      const prompts = ro
        .prepare('SELECT id, channel_id, local_date, status, message_ts FROM prompts ORDER BY id')
        .all() as Array<{
        id: number;
        channel_id: string;
        status: string;
        message_ts: string | null;
      }>;
      const pendingOutbox = (
        ro.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'").get() as { n: number }
      ).n;
      const inboxLeft = (ro.prepare('SELECT COUNT(*) AS n FROM inbox').get() as { n: number }).n;
      ro.close();
      const ledger = postLedger(fake, '');
      const promptPosts = fake.calls.filter(
        (c) =>
          c.method === 'chat.postMessage' &&
          okCall(c) &&
          !c.args.thread_ts &&
          String(c.args.channel).startsWith('CCR'),
      );
      const perChannel = new Map<string, number>();
      for (const c of promptPosts)
        perChannel.set(String(c.args.channel), (perChannel.get(String(c.args.channel)) ?? 0) + 1);
      const promptDoubles = [...perChannel.values()].filter((n) => n > 1).length;
      const check = integrity(dbPath);
      // One question back per "practice" a person sent: none lost, none doubled by a replay.
      const practiceAnswered = DM_USERS.map((u) => ({
        user: u,
        asked: sent.filter((s) => s.kind === 'dm-practice' && s.event.user === u).length,
        started: fake.calls.filter(
          (c) =>
            c.method === 'chat.postMessage' && okCall(c) && metaKey(c).startsWith(`start:dm:${TEAM}:${u}:`),
        ).length,
      }));
      const startDoubles = practiceAnswered.reduce((n, p) => n + Math.max(0, p.started - p.asked), 0);
      const startsLost = practiceAnswered.reduce((n, p) => n + Math.max(0, p.asked - p.started), 0);

      record({
        scenario: `4. crashes (SIGKILL x${kills}, real processes)`,
        inputs: sent.length,
        duplicates: deliveries - sent.length,
        replies: ledger.total,
        lost: lostAnswers.length + lostFollowups.length + startsLost,
        doublePosts: ledger.doubles + promptDoubles + startDoubles,
        crashes: unexpectedExits,
        restarts: kills,
        integrity: check,
      });
      console.log(
        `crash scenario: ${answers.length} answers, ${followups.length} follow-ups (${topUp.length} of them sent at the end), ${dmAnswers.length} DM answers, ${prompts.length} prompts, ${practiceResends} "practice" re-asked`,
      );

      expect(kills).toBe(RESTARTS);
      expect(unexpectedExits).toBe(0);
      expect(check).toBe('ok');
      expect(answers.length).toBeGreaterThan(100);
      expect(
        lostAnswers.map(
          (s) => `${s.kind} ${s.event.channel} ${s.event.ts} rows=${rows(s)} reply=${Boolean(replyOf(s))}`,
        ),
      ).toEqual([]);
      expect(lostFollowups).toHaveLength(0);
      expect(ledger.doubles).toBe(0);
      expect(promptDoubles).toBe(0);
      expect(practiceAnswered.filter((p) => p.asked !== p.started)).toEqual([]);
      expect(followups.length).toBeGreaterThanOrEqual(FOLLOW_UPS);
      expect(notResumed.map((s) => s.event.ts)).toEqual([]);
      // One DM answer stored per person, whatever the crashes and replays.
      expect(dmSessions.map((r) => r.n)).toEqual(DM_USERS.map(() => 1));
      expect(schedules).toBeGreaterThan(8);
      expect(prompts.length).toBe(schedules);
      expect(prompts.every((p) => p.status === 'posted')).toBe(true);
      for (const p of prompts) {
        const posts = promptPosts.filter((c) => metaKey(c) === `prompt:${p.id}`);
        expect(posts).toHaveLength(1);
        expect((posts[0]!.response as { ts: string }).ts).toBe(p.message_ts);
      }
      expect(pendingOutbox).toBe(0);
      expect(inboxLeft).toBe(0);
    } catch (error) {
      // What a failure needs to be understood: timings, what Slack still owes, and the database's view.
      console.log(diagnostics());
      try {
        const ro = openRo(dbPath);
        for (const t of ['answers', 'processed_events', 'inbox', 'outbox', 'prompts', 'conversations']) {
          console.log(t, ro.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get());
        }
        const missing = sent.filter((x) => x.kind !== 'dm-practice' && !replyOf(x));
        console.log('missing replies', JSON.stringify(missing.map((m) => m.kind)));
        for (const m of missing.slice(0, 4)) {
          const seen = ro
            .prepare('SELECT COUNT(*) AS n FROM processed_events WHERE event_id = ?')
            .get(m.eventId);
          const kept = ro.prepare('SELECT COUNT(*) AS n FROM inbox WHERE event_id = ?').get(m.eventId);
          const row = ro.prepare('SELECT COUNT(*) AS n FROM answers WHERE message_ts = ?').get(m.event.ts);
          console.log('missing', m.kind, m.eventId, m.event.channel, m.event.ts, {
            acked: m.acked,
            attempts: m.attempts,
            seen,
            kept,
            row,
          });
        }
        ro.close();
      } catch (e) {
        console.log('no database to inspect', e);
      }
      throw error;
    } finally {
      db?.close();
      for (const c of [...children, ...standbys])
        if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('replays an acked DM "practice" cut off by a crash once: one session, one question', async () => {
    const app = await startApp();
    const fake = app.fake;
    try {
      // The question reaches Slack, but the process dies before it hears back (the post never returns).
      let hold = true;
      fake.setHandler('chat.postMessage', async (args) => {
        const ts = fake.nextTs();
        fake.channelMessages.push({
          type: 'message',
          text: args.text,
          user: fake.botUserId,
          bot_id: fake.botId,
          ts,
          channel: String(args.channel),
          metadata: args.metadata,
          blocks: args.blocks,
        });
        if (hold && String(args.channel).startsWith('D')) await new Promise(() => undefined);
        return { ok: true, channel: args.channel, ts };
      });
      const asked = fake.nextCall('chat.postMessage', (c) => c.args.channel === 'DUREPLAY');
      await fake.sendEvent(dmMessage('UREPLAY', 'practice ownership'));
      await asked;
      hold = false;
      app.clock.now += 1000;
      await app.restart();
      await until(
        () =>
          count(app.dbPath, 'SELECT COUNT(*) AS n FROM inbox') === 0 &&
          count(app.dbPath, "SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'") === 0,
        () => 'the replay and the resend',
      );
      await sleep(300);
      const questions = fake.calls.filter(
        (c) => c.method === 'chat.postMessage' && c.args.channel === 'DUREPLAY',
      );
      const sessions = count(app.dbPath, "SELECT COUNT(*) AS n FROM conversations WHERE user_id = 'UREPLAY'");
      const active = count(
        app.dbPath,
        "SELECT COUNT(*) AS n FROM conversations WHERE user_id = 'UREPLAY' AND status = 'active'",
      );
      record({
        scenario: '4b. crash mid-"practice", replayed after restart',
        inputs: 1,
        duplicates: 1,
        replies: questions.length,
        lost: questions.length === 0 ? 1 : 0,
        doublePosts: Math.max(0, questions.length - 1),
        crashes: 0,
        restarts: 1,
        integrity: integrity(app.dbPath),
      });
      expect(questions).toHaveLength(1);
      expect(sessions).toBe(1);
      expect(active).toBe(1);
      expect(count(app.dbPath, 'SELECT COUNT(*) AS n FROM inbox')).toBe(0);
    } finally {
      await app.stop();
    }
  });

  it('does not post again after a crash when Slack cannot be asked what was already posted', async () => {
    const app = await startApp({ now: Date.UTC(2026, 10, 23, 9, 0) });
    const fake = app.fake;
    try {
      const threadTs = await postPrompt(app, 'CCHK');
      const privateTs = await postPrompt(app, 'CCHKP', 'ephemeral');
      // A reply, a private card's public note and a daily prompt reach Slack, but the process dies before
      // it hears back.
      let hold = true;
      fake.setHandler('chat.postMessage', async (args) => {
        const ts = fake.nextTs();
        fake.channelMessages.push({
          type: 'message',
          text: args.text,
          user: fake.botUserId,
          bot_id: fake.botId,
          ts,
          channel: String(args.channel),
          metadata: args.metadata,
          ...(args.thread_ts ? { thread_ts: args.thread_ts } : {}),
        });
        if (hold) await new Promise(() => undefined);
        return { ok: true, channel: args.channel, ts };
      });
      const answer = threadReply('CCHK', threadTs, STRONG, 'UCHK', answerTs());
      const replied = fake.nextCall('chat.postMessage', (c) => c.args.thread_ts === threadTs);
      await fake.sendEvent(answer);
      await replied;
      const privateAnswer = threadReply('CCHKP', privateTs, STRONG, 'UCHKP', answerTs());
      const note = fake.nextCall('chat.postMessage', (c) => c.args.thread_ts === privateTs);
      await fake.sendEvent(privateAnswer);
      await note;
      const { channels } = app.runtime.slack.core;
      const { scheduler } = app.runtime.slack;
      await channels.saveSchedule(
        { ...(await channels.getSchedule('CCHK'))!, channelId: 'CCHK2' },
        app.clock.now,
      );
      const prompted = fake.nextCall('chat.postMessage', (c) => c.args.channel === 'CCHK2');
      void scheduler.tick(app.clock.now + 60_000).catch(() => undefined);
      await prompted;
      // Restart while Slack refuses the look-ups (rate limited, then an outage).
      hold = false;
      fake.failWith('conversations.replies', 'ratelimited', 3);
      fake.failWith('conversations.history', 'internal_error', 3);
      app.clock.now += 120_000;
      await app.restart();
      await sleep(200);
      // Later passes, once Slack answers again.
      for (let i = 0; i < 4; i++) {
        await app.runtime.slack.delivery.recover();
        await app.runtime.slack.scheduler.tick(app.clock.now + i * 60_000);
      }
      const replies = fake.channelMessages.filter((m) => m.thread_ts === threadTs);
      const prompts = fake.channelMessages.filter((m) => m.channel === 'CCHK2' && !m.thread_ts);
      const notes = fake.channelMessages.filter((m) => m.thread_ts === privateTs);
      const cards = fake.calls.filter(
        (c) => c.method === 'chat.postEphemeral' && c.args.thread_ts === privateTs,
      );
      record({
        scenario: '4c. restart while the "already posted?" check fails',
        inputs: 3,
        duplicates: 2,
        replies: replies.length + prompts.length + notes.length + cards.length,
        lost: (replies.length ? 0 : 1) + (prompts.length ? 0 : 1) + (notes.length ? 0 : 1),
        doublePosts:
          Math.max(0, replies.length - 1) +
          Math.max(0, prompts.length - 1) +
          Math.max(0, notes.length - 1) +
          Math.max(0, cards.length - 1),
        crashes: 0,
        restarts: 1,
        integrity: integrity(app.dbPath),
      });
      expect(replies).toHaveLength(1);
      expect(prompts).toHaveLength(1);
      expect(notes).toHaveLength(1);
      expect(cards).toHaveLength(1);
      expect((await app.runtime.storage.ledger.outboxGet(`reply:CCHK:${answer.ts}`))?.status).toBe('sent');
      expect((await app.runtime.slack.core.channels.promptForDay('CCHK2', '2026-11-23'))?.status).toBe(
        'posted',
      );
    } finally {
      await app.stop();
    }
  });
});
