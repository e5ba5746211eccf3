import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSlack } from '../../src/bin/slack.js';
import { readConfig } from '../../src/infra/config.js';
import { createLogger } from '../../src/infra/logger.js';
import { createSqlCoachStore } from '../../src/infra/sql/coach-store.js';
import { sqliteSql } from '../../src/infra/sql/sqlite.js';
import { openDatabase } from '../../src/infra/sqlite/database.js';
import {
  buildEventCallback,
  type FakeSlack,
  signSlackRequest,
  startFakeSlack,
} from '../helpers/fake-slack.js';
import { dailySchedule } from '../helpers/schedule.js';
import { capturingLogger, postPrompt, slashCommand, type TestApp } from '../helpers/slack-app.js';
import {
  APP_TOKEN,
  answerTs,
  BOT_TOKEN,
  count,
  crashCounter,
  dmMessage,
  type FaultApp,
  integrity,
  okCall,
  openRo,
  postLedger,
  quiesce,
  SIGNING_SECRET,
  STRONG,
  sleep,
  startApp,
  TEAM,
  teeLogger,
  threadReply,
  until,
} from './harness.js';
import { printRows, record } from './report.js';

const SECRETS = [BOT_TOKEN, APP_TOKEN, SIGNING_SECRET, BOT_TOKEN.slice(5), APP_TOKEN.slice(5)];
const allLogs: string[] = [];
let tried = 0;
let refused = 0;
const crashes = crashCounter();

afterAll(async () => {
  crashes.dispose();
  printRows('Security');
});

/** A block_actions click on a button, as Slack sends it. */
const click = (user: string, actionId: string, value: string) => ({
  type: 'block_actions',
  user: { id: user, team_id: TEAM },
  team: { id: TEAM },
  channel: { id: `D${user}` },
  container: { type: 'message', message_ts: '1700000000.000100', channel_id: `D${user}` },
  actions: [{ action_id: actionId, block_id: 'b', type: 'button', value, action_ts: '1700000000.1' }],
});

const submit = (
  user: string,
  callbackId: string,
  privateMetadata: string,
  values: Record<string, unknown>,
) => ({
  type: 'view_submission',
  user: { id: user, team_id: TEAM },
  team: { id: TEAM },
  view: {
    id: `V${callbackId}${user}`,
    callback_id: callbackId,
    private_metadata: privateMetadata,
    state: { values },
  },
});

describe('security', () => {
  it('HTTP mode rejects bad signatures, missing headers and old timestamps (401), accepts a good one (200)', async () => {
    const fake = await startFakeSlack();
    const dir = mkdtempSync(join(tmpdir(), 'star-faults-http-'));
    const lines: string[] = [];
    const logger = createLogger('debug', { write: (l: string) => void lines.push(l) });
    const captured = capturingLogger();
    const config = readConfig({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_MODE: 'http',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      DATABASE_PATH: join(dir, 'http.db'),
      PORT: '0',
    });
    const runtime = await buildSlack(config, {
      logger: teeLogger(logger, captured),
      retryConfig: { retries: 0 },
      schedulerIntervalMs: 0,
    });
    const server = (await runtime.slack.start(0)) as Server;
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
      const clock = { now: Date.now() };
      const threadTs = await postPrompt({ runtime, fake, clock } as unknown as TestApp, 'CHTTP');
      const post = (body: string, headers: Record<string, string>) =>
        fetch(url, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json', ...headers },
        }).then((r) => r.status);
      const answer = (user: string) => {
        const event = threadReply('CHTTP', threadTs, STRONG, user, answerTs());
        return { event, body: JSON.stringify(buildEventCallback(event, { eventId: `EvHttp${user}` })) };
      };
      const now = () => Math.floor(Date.now() / 1000);
      const cases: Array<{
        name: string;
        user: string;
        headers: (body: string) => Record<string, string>;
        expected: number;
      }> = [
        {
          name: 'wrong secret',
          user: 'UHTTP1',
          headers: (b) => signSlackRequest('not-the-secret', b),
          expected: 401,
        },
        { name: 'no headers', user: 'UHTTP2', headers: () => ({}), expected: 401 },
        {
          name: 'no signature',
          user: 'UHTTP3',
          headers: (b) => ({
            'x-slack-request-timestamp': signSlackRequest(SIGNING_SECRET, b)['x-slack-request-timestamp'],
          }),
          expected: 401,
        },
        {
          name: 'no timestamp',
          user: 'UHTTP4',
          headers: (b) => ({ 'x-slack-signature': signSlackRequest(SIGNING_SECRET, b)['x-slack-signature'] }),
          expected: 401,
        },
        {
          name: '6 minutes old',
          user: 'UHTTP5',
          headers: (b) => signSlackRequest(SIGNING_SECRET, b, now() - 360),
          expected: 401,
        },
        {
          name: '5 min 5 s old',
          user: 'UHTTP6',
          headers: (b) => signSlackRequest(SIGNING_SECRET, b, now() - 305),
          expected: 401,
        },
        {
          name: 'signed for another body',
          user: 'UHTTP7',
          headers: (b) => signSlackRequest(SIGNING_SECRET, `${b} `),
          expected: 401,
        },
        {
          name: 'v1 signature',
          user: 'UHTTP8',
          headers: (b) => ({
            ...signSlackRequest(SIGNING_SECRET, b),
            'x-slack-signature': signSlackRequest(SIGNING_SECRET, b)['x-slack-signature'].replace(
              'v0=',
              'v1=',
            ),
          }),
          expected: 401,
        },
        { name: 'good', user: 'UHTTPOK', headers: (b) => signSlackRequest(SIGNING_SECRET, b), expected: 200 },
      ];
      const results: Record<string, number> = {};
      const bodies = new Map<string, string>();
      for (const c of cases) {
        const { event, body } = answer(c.user);
        bodies.set(c.user, event.ts);
        if (c.expected === 401) tried += 1;
        results[c.name] = await post(body, c.headers(body));
        if (c.expected === 401 && results[c.name] === 401) refused += 1;
      }
      // A replay of the good request (same body and signature, inside 5 minutes) changes nothing.
      const { event: goodEvent, body: goodBody } = answer('UHTTPREPLAY');
      const goodHeaders = signSlackRequest(SIGNING_SECRET, goodBody);
      tried += 1;
      const replay = [await post(goodBody, goodHeaders), await post(goodBody, goodHeaders)];
      // A signed body that is not JSON is refused without taking the server down.
      const junk = '{"type":';
      tried += 1;
      const junkStatus = await post(junk, signSlackRequest(SIGNING_SECRET, junk));
      if (junkStatus >= 400 && junkStatus < 500) refused += 1;
      await until(
        () => postLedger(fake, 'reply:').keys.size >= 2,
        () => 'the two accepted answers replied',
        10_000,
      );
      await quiesce(fake, 200);
      expect(results).toEqual(Object.fromEntries(cases.map((c) => [c.name, c.expected])));
      expect(replay).toEqual([200, 200]);
      expect(junkStatus).toBeGreaterThanOrEqual(400);
      expect(junkStatus).toBeLessThan(500);
      const replied = [...postLedger(fake, 'reply:').keys.keys()];
      expect(replied.sort()).toEqual(
        [`reply:CHTTP:${bodies.get('UHTTPOK')}`, `reply:CHTTP:${goodEvent.ts}`].sort(),
      );
      expect(postLedger(fake, 'reply:').doubles).toBe(0);
      refused += 1;
      expect(count(config.databasePath, "SELECT COUNT(*) AS n FROM answers WHERE channel_id = 'CHTTP'")).toBe(
        2,
      );
      allLogs.push(...lines, ...captured.lines);
    } finally {
      await runtime.stop();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('in Socket Mode', () => {
    let app: FaultApp;
    let fake: FakeSlack;

    it('refuses admin-only /star commands from non-admins: no modal, no post, no change', async () => {
      app = await startApp({ pino: true, fakeOptions: { admins: ['UWSADMIN'] } });
      fake = app.fake;
      const { channels } = app.runtime.slack.core;
      await channels.saveSchedule(
        dailySchedule('CSEC', { teamId: TEAM, weekdays: [1, 2, 3, 4, 5] }),
        app.clock.now,
      );
      for (const sub of ['schedule', 'prompt', 'pause', 'resume', 'PAUSE']) {
        const refusal = fake.nextResponse();
        tried += 1;
        await fake.sendSlashCommand({
          command: '/star',
          text: sub,
          user_id: 'UNOBODY',
          channel_id: 'CSEC',
          team_id: TEAM,
        });
        expect(JSON.stringify((await refusal).body)).toMatch(/Only workspace admins/);
        refused += 1;
      }
      await sleep(100);
      expect(fake.callsOf('views.open')).toHaveLength(0);
      expect(fake.callsOf('chat.postMessage')).toHaveLength(0);
      expect(await channels.getSchedule('CSEC')).toMatchObject({ paused: false });
      expect(await channels.promptForDay('CSEC', '2026-11-23')).toBeNull();
      // A forged schedule_submit from a non-admin is refused too.
      tried += 1;
      const forged = await fake.sendInteractive(
        submit('UNOBODY', 'schedule_submit', JSON.stringify({ channelId: 'CSEC' }), {
          time: { value: { type: 'timepicker', selected_time: '03:00' } },
          timezone: { value: { type: 'static_select', selected_option: { value: 'UTC' } } },
          weekdays: { value: { type: 'checkboxes', selected_options: [{ value: '0' }] } },
        }),
      );
      expect(JSON.stringify(forged.payload)).toMatch(/Only workspace admins/);
      expect(await channels.getSchedule('CSEC')).toMatchObject({ localTime: '09:00', createdBy: 'UADMIN' });
      refused += 1;
      // Admins (ADMIN_USER_IDS or a workspace admin per users.info) can.
      const paused = fake.nextResponse();
      await fake.sendSlashCommand({
        command: '/star',
        text: 'pause',
        user_id: 'UWSADMIN',
        channel_id: 'CSEC',
        team_id: TEAM,
      });
      expect(JSON.stringify((await paused).body)).toMatch(/Paused/);
      expect(await channels.getSchedule('CSEC')).toMatchObject({ paused: true });
      const opened = fake.nextCall('views.open');
      await fake.sendSlashCommand({
        command: '/star',
        text: 'schedule',
        user_id: 'UADMIN',
        channel_id: 'CSEC',
        team_id: TEAM,
      });
      await opened;
    });

    it("never lets one person act on another's answers, stories or sessions through buttons, views or commands", async () => {
      const { channels, coachStore } = app.runtime.slack.core;
      await channels.setPaused('CSEC', false, null, app.clock.now);
      const threadTs = await postPrompt(app, 'CSEC2');
      // The victim: a scored answer, a story from it, and an active DM practice session.
      const victimAnswer = threadReply('CSEC2', threadTs, STRONG, 'UVICTIM', answerTs());
      await fake.sendEvent(victimAnswer);
      await until(
        async () => (await coachStore.findAnswerByMessage('CSEC2', victimAnswer.ts)) !== null,
        () => 'victim answer',
      );
      const answerId = (await coachStore.findAnswerByMessage('CSEC2', victimAnswer.ts))!.id;
      await fake.sendInteractive(click('UVICTIM', 'save_story', String(answerId)));
      await until(
        async () => (await coachStore.listStories(TEAM, 'UVICTIM')).length === 1,
        () => 'victim story',
      );
      const story = (await coachStore.listStories(TEAM, 'UVICTIM'))[0]!;
      await fake.sendEvent(dmMessage('UVICTIM', 'practice ownership'));
      await until(
        async () => (await app.runtime.slack.core.coach.activeSession(TEAM, 'UVICTIM')) !== null,
        () => 'victim session',
      );
      const session = (await app.runtime.slack.core.coach.activeSession(TEAM, 'UVICTIM'))!;
      const snapshot = async () => ({
        answers: await coachStore.listAnswers(TEAM, 'UVICTIM'),
        stories: await coachStore.listStories(TEAM, 'UVICTIM'),
        session: await coachStore.getSession(session.id),
      });
      const before = await snapshot();
      // The attacker has data of their own, so "forget me" has something to delete.
      const attackerAnswer = threadReply('CSEC2', threadTs, STRONG, 'UATTACK', answerTs());
      await fake.sendEvent(attackerAnswer);
      await until(
        async () => (await coachStore.findAnswerByMessage('CSEC2', attackerAnswer.ts)) !== null,
        () => 'attacker answer',
      );
      await quiesce(fake, 150);
      const viewsBefore = fake.callsOf('views.open').length;
      const dmPostsBefore = fake.calls.filter(
        (c) => c.method === 'chat.postMessage' && c.args.channel === 'DUVICTIM',
      ).length;

      const attempts: Array<{ name: string; payload: Record<string, unknown>; refusal: RegExp | null }> = [
        {
          name: 'save_story',
          payload: click('UATTACK', 'save_story', String(answerId)),
          refusal: /isn't yours|only/i,
        },
        {
          name: 'story_delete',
          payload: click('UATTACK', 'story_delete', String(story.id)),
          refusal: /no story/,
        },
        {
          name: 'story_edit',
          payload: click('UATTACK', 'story_edit', String(story.id)),
          refusal: /no story/,
        },
        ...['session_next', 'session_hint', 'session_skip', 'session_end'].map((id) => ({
          name: id,
          payload: click('UATTACK', id, session.id),
          refusal: /isn't yours/,
        })),
        {
          name: 'quiz_answer_1',
          payload: click('UATTACK', 'quiz_answer_1', `${session.id}|1`),
          refusal: /isn't yours/,
        },
        {
          name: 'session_form',
          payload: click('UATTACK', 'session_form', session.id),
          refusal: /isn't yours/,
        },
        {
          name: 'story_edit_submit',
          payload: submit('UATTACK', 'story_edit_submit', JSON.stringify({ storyId: story.id }), {
            title: { value: { type: 'plain_text_input', value: 'pwned' } },
            principles: { value: { type: 'multi_static_select', selected_options: [] } },
          }),
          refusal: null,
        },
        {
          name: 'star_answer_submit (session)',
          payload: submit(
            'UATTACK',
            'star_answer_submit',
            JSON.stringify({ kind: 'session', sessionId: session.id }),
            {
              situation: { value: { type: 'plain_text_input', value: 'hijack' } },
              action: { value: { type: 'plain_text_input', value: 'I took over your session' } },
            },
          ),
          refusal: null,
        },
      ];
      for (const a of attempts) {
        tried += 1;
        const seen = fake.responses.length;
        await fake.sendInteractive(a.payload);
        if (a.refusal) {
          await until(
            () => fake.responses.length > seen,
            () => `the answer to ${a.name}`,
            5000,
          );
          expect(JSON.stringify(fake.responses.slice(seen).map((r) => r.body)), a.name).toMatch(a.refusal);
        } else await quiesce(fake, 100);
        refused += 1;
      }
      // Commands carrying another person's ids.
      for (const text of [`story ${story.id} title pwned`, `story ${story.id} tag ownership`]) {
        tried += 1;
        const [response] = await slashCommand(fake, {
          command: '/star',
          text,
          user_id: 'UATTACK',
          channel_id: 'CSEC2',
          team_id: TEAM,
        });
        expect(JSON.stringify(response)).toMatch(/no story/);
        refused += 1;
      }
      // Export holds only the clicker's own data.
      tried += 1;
      await fake.sendSlashCommand({
        command: '/star',
        text: 'export',
        user_id: 'UATTACK',
        channel_id: 'CSEC2',
        team_id: TEAM,
      });
      await until(
        () => [...fake.uploads.values()].some((u) => u.completed),
        () => 'the export upload',
        10_000,
      );
      const exported = [...fake.uploads.values()].find((u) => u.completed)!.content.toString('utf8');
      expect(exported).toContain('UATTACK');
      expect(exported).not.toContain('UVICTIM');
      expect(exported).not.toContain(victimAnswer.ts);
      refused += 1;
      // "Forget me" deletes only the clicker's data.
      tried += 1;
      const seen = fake.responses.length;
      await fake.sendInteractive(click('UATTACK', 'forget_confirm', 'confirm'));
      await until(
        () => fake.responses.length > seen,
        () => 'the forget answer',
        5000,
      );
      expect(JSON.stringify(fake.responses.slice(seen).map((r) => r.body))).toMatch(/deleted 1 answer/);
      refused += 1;
      await quiesce(fake, 150);

      expect(fake.callsOf('views.open')).toHaveLength(viewsBefore);
      expect(
        fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === 'DUVICTIM'),
      ).toHaveLength(dmPostsBefore);
      expect(await coachStore.listStories(TEAM, 'UATTACK')).toHaveLength(0);
      expect(await coachStore.listAnswers(TEAM, 'UATTACK')).toHaveLength(0);
      expect(await snapshot()).toEqual(before);
      expect(app.logger.lines.some((l) => l.includes('not yours') || l.includes('not_allowed'))).toBe(true);
    });

    it('keeps tokens and the signing secret out of every log line, even on auth and HTTP errors', async () => {
      // Error paths whose messages could carry request details.
      fake.failWith('users.info', 'invalid_auth', 2);
      fake.failWith('chat.postMessage', 'token_revoked', 1);
      fake.setHandler('views.publish', () => ({ status: 500, body: `upstream failed for ${BOT_TOKEN}` }));
      const threadTs = await postPrompt(app, 'CSEC3');
      await fake.sendSlashCommand({
        command: '/star',
        text: 'schedule',
        user_id: 'UNOBODY2',
        channel_id: 'CSEC3',
        team_id: TEAM,
      });
      await fake.sendEvent(threadReply('CSEC3', threadTs, STRONG, 'UTOK', answerTs()));
      await fake.sendEvent({ type: 'app_home_opened', user: 'UTOK', tab: 'home' });
      fake.rateLimit('chat.postMessage', 1, 0);
      await fake.sendEvent(threadReply('CSEC3', threadTs, STRONG, 'UTOK2', answerTs()));
      await quiesce(fake, 300);
      fake.resetHandler('views.publish');
      // The app did use them (so the scan is meaningful).
      expect(fake.calls.some((c) => c.token === BOT_TOKEN)).toBe(true);
      expect(fake.calls.some((c) => c.token === APP_TOKEN)).toBe(true);
      allLogs.push(...app.logger.lines, ...app.pinoLines);
      expect(allLogs.length).toBeGreaterThan(100);
      expect(allLogs.some((l) => /invalid_auth|token_revoked|500/.test(l))).toBe(true);
      const leaks = allLogs.filter((l) => SECRETS.some((s) => l.includes(s)));
      tried += 1;
      expect(leaks).toEqual([]);
      refused += 1;
    });

    it('creates the database (and its WAL files) owner-only', async () => {
      const dir = app.dir;
      const base = basename(app.dbPath);
      const files = readdirSync(dir).filter((f) => f.startsWith(base));
      expect(files).toContain(base);
      const modes = Object.fromEntries(
        files.map((f) => [f, (statSync(join(dir, f)).mode & 0o777).toString(8)]),
      );
      tried += 1;
      expect(modes[base]).toBe('600');
      for (const f of files) expect(modes[f], f).toBe('600');
      refused += 1;
      const db = openRo(app.dbPath);
      db.close();
      record({
        scenario: `7. security (${refused}/${tried} attacks blocked)`,
        inputs: tried,
        duplicates: 1,
        replies: fake.calls.filter((c) => c.method === 'chat.postMessage' && okCall(c)).length,
        lost: 0,
        doublePosts: postLedger(fake, '').doubles,
        crashes: crashes.count,
        restarts: 0,
        integrity: integrity(app.dbPath),
      });
      await app.stop();
      expect(refused).toBe(tried);
      expect(crashes.count).toBe(0);
    });
  });

  it('uses bound parameters for all SQL: no string-built statements outside the reviewed column list', async () => {
    const root = new URL('../../src/', import.meta.url);
    const files: string[] = [];
    const walk = (dir: URL) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const url = new URL(`${entry.name}${entry.isDirectory() ? '/' : ''}`, dir);
        if (entry.isDirectory()) walk(url);
        else if (entry.name.endsWith('.ts')) files.push(url.pathname);
      }
    };
    walk(root);
    // Reviewed interpolations: each names a fixed fragment of SQL written in the same file, never input.
    // lapsed/free: the lease conditions of the ledger; inserted: the insertion-order column (rowid | seq);
    // where: prompt()'s condition, always one of three literals; table: forgetUser's fixed table list;
    // the updateAnswer SET list is built from fixed column names (values are bound); the outbox release
    // adds a fixed clause; PRAGMA user_version cannot take a parameter, and its value is a migration's number;
    // placeholders: one '?' per bound id of an IN list.
    const REVIEWED = new Set([
      'lapsed',
      'free',
      'inserted',
      'where',
      'table',
      'next.version',
      'm.version',
      'placeholders',
    ]);
    const ALLOWED = [
      /^`UPDATE answers SET updated_at = \?\$\{set\.map\(\(\[c\]\) => `, \$\{c\} = \?`\)\.join\(''\)\} WHERE id = \?`$/,
      /^`UPDATE outbox SET owner = NULL, lease_until = NULL\$\{unsent \? ', attempts = attempts - 1' : ''\}[^`]*\$\{owner === null \? '' : ' AND owner = \?'\}`$/,
    ];
    // Statements that are not literals: migration files, and the driver passing a caller's statement on.
    const ALLOWED_EXPRESSIONS = [
      'sql',
      'next.sql',
      'm.sql',
      'migration.sql',
      'statement',
      'numbered(statement)',
      'text',
    ];
    const SQL =
      /\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|WHERE|VALUES)\b|user_version|journal_mode|synchronous/;
    // A template literal, allowing one level of nested template inside an interpolation.
    const TEMPLATE = /`(?:[^`\\$]|\\.|\$(?!\{)|\$\{(?:[^{}`]|`[^`]*`|\{[^{}]*\})*\})*`/g;
    const reviewedTemplate = (literal: string) =>
      ALLOWED.some((a) => a.test(literal)) ||
      [...literal.matchAll(/\$\{([^}]*)\}/g)].every((m) => REVIEWED.has(m[1]!.trim()));
    const found: string[] = [];
    let statements = 0;
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      const rel = file.slice(file.indexOf('/src/') + 1);
      const usesDb =
        /^src\/infra\/(sql|sqlite|postgres)\//.test(rel) ||
        /better-sqlite3|from 'pg'|sqlite\/database/.test(source);
      if (!usesDb) continue;
      // 1. Template literals with an interpolation that look like SQL.
      for (const m of source.matchAll(TEMPLATE)) {
        if (m[0].includes('${') && SQL.test(m[0]) && !reviewedTemplate(m[0])) found.push(`${rel}: ${m[0]}`);
      }
      // 2. Every statement handed to a database: a plain literal, or one of the reviewed forms.
      for (const m of source.matchAll(
        /\b(?:db|check|from|database|sql|client|pool|lock|admin)\.(prepare|exec|pragma|run|get|all|query)(?:<[^>(]*>)?\(\s*(`(?:[^`\\]|\\.)*`|'[^']*'|"[^"]*"|[^,)]*)/g,
      )) {
        statements += 1;
        const arg = m[2]!.trim();
        const plain =
          /^'[^']*'$|^"[^"]*"$|^`[^`$]*`$/.test(arg) || (/^['"`]/.test(arg) && !arg.includes('${'));
        const template = arg.startsWith('`') && reviewedTemplate(arg);
        if (!plain && !template && !ALLOWED_EXPRESSIONS.includes(arg)) found.push(`${rel}: .${m[1]}(${arg}`);
      }
      // 3. SQL glued together with +.
      for (const m of source.matchAll(
        /(['"`])\s*(?:SELECT|INSERT|UPDATE|DELETE)\b[^'"`]*\1\s*\+|\+\s*(['"`])\s*(?:WHERE|AND|OR|VALUES|SET)\b/g,
      )) {
        found.push(`${rel}: ${m[0]}`);
      }
    }
    expect(statements).toBeGreaterThan(40);
    expect(found).toEqual([]);
    // The reviewed column list: keys outside the fixed set never reach the SQL; values are bound.
    const dir = mkdtempSync(join(tmpdir(), 'star-faults-sql-'));
    try {
      const db = openDatabase(join(dir, 'sql.db'));
      const store = createSqlCoachStore(sqliteSql(db));
      const { record: answer } = await store.insertAnswer({
        teamId: TEAM,
        userId: 'USQL',
        source: 'channel',
        channelId: 'CSQL',
        messageTs: '1.1',
        threadTs: '1.0',
        questionId: null,
        principleId: null,
        level: 'sde2',
        text: 'original',
        score: null,
        verdict: null,
        report: null,
        createdAt: 1,
      });
      const hostile = "x'; DROP TABLE answers; --";
      await store.updateAnswer(
        answer.id,
        {
          text: hostile,
          verdict: hostile,
          'score = 0, user_id': 'UEVIL',
          'edited = 1 WHERE 1=1; DROP TABLE stories; --': 1,
        } as never,
        2,
      );
      const after = (await store.getAnswer(answer.id))!;
      expect(after).toMatchObject({ text: hostile, verdict: hostile, userId: 'USQL', edited: false });
      expect(
        db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name IN ('answers', 'stories')").get(),
      ).toEqual({ n: 2 });
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
