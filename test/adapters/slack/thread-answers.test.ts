import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/infra/content-files.js';
import { unpack } from '../../../src/infra/sql/packed.js';
import { buildEventCallback, type RecordedCall } from '../../helpers/fake-slack.js';
import { dailySchedule } from '../../helpers/schedule.js';
import { loadSeeds, strongText } from '../../helpers/seeds.js';
import {
  postPrompt,
  threadReply as reply,
  slashCommand,
  startTestApp,
  type TestApp,
  userTs,
} from '../../helpers/slack-app.js';

const seeds = loadSeeds();
const STRONG = strongText(seeds.strongAnswers[0]!);
const WEAK = seeds.weakAnswers[0]!.text;
const PROBE_ANSWERS = seeds.probes.map((p) => p.strong);
const TEAM = 'T0TEST';

const allText = (call: { args: Record<string, unknown> }) =>
  JSON.stringify([call.args.text, call.args.blocks]);
const settle = (ms = 200) => new Promise((r) => setTimeout(r, ms));

function count(dbPath: string, sql: string, ...params: unknown[]): number {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare(sql).get(...params) as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('thread answers over Socket Mode', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await startTestApp();
  });
  afterEach(async () => {
    // Nothing the app sent was refused by the (validating) fake Slack.
    const refused = app.fake.refused;
    await app.stop();
    expect(refused).toEqual([]);
  });

  /** Posts the bot's next answered message in the thread after `act`. */
  async function threadPost(promptTs: string, act: () => Promise<unknown>): Promise<RecordedCall> {
    const start = app.fake.calls.length;
    const next = app.fake.nextCall(
      'chat.postMessage',
      (c) => c.args.thread_ts === promptTs && c.status !== undefined && app.fake.calls.indexOf(c) >= start,
    );
    await act();
    return next;
  }

  const threadPosts = (promptTs: string) =>
    app.fake.callsOf('chat.postMessage').filter((c) => c.args.thread_ts === promptTs);

  it('gives thanks, jokes and mentions no card, and reads the next real reply as the follow-up answer', async () => {
    const promptTs = await postPrompt(app);
    const card = await threadPost(promptTs, () => app.fake.sendEvent(reply('C1', promptTs, STRONG, 'U1')));
    expect(allText(card)).toMatch(/Bar Raiser follow-up 1/);
    const before = threadPosts(promptTs).length;

    await app.fake.sendEvent(reply('C1', promptTs, 'thanks, this was useful!', 'U1'));
    await app.fake.sendEvent(reply('C1', promptTs, '<!channel> <@U1> lol nice one', 'U1'));
    await app.fake.sendEvent(reply('C1', promptTs, '🙌🙌', 'U1'));
    await settle();
    // No card, no hint (U1 has answered), nothing stored for the chat.
    expect(threadPosts(promptTs)).toHaveLength(before);
    expect(app.fake.callsOf('chat.postEphemeral')).toHaveLength(0);
    expect(count(app.dbPath, 'SELECT COUNT(*) AS n FROM answers')).toBe(1);

    const judged = await threadPost(promptTs, () =>
      app.fake.sendEvent(reply('C1', promptTs, PROBE_ANSWERS[0]!, 'U1')),
    );
    expect(allText(judged)).toMatch(/\*(Strong|Partly there|Weak)\* —/);
    expect(allText(judged)).not.toMatch(/\d+\/100 ·/);
  });

  it('answers an event it holds even when its ack cannot go out (the socket dropped after the claim)', async () => {
    const promptTs = await postPrompt(app);
    const body = buildEventCallback(reply('C1', promptTs, STRONG, 'U7'), { teamId: TEAM });
    const card = await threadPost(promptTs, () =>
      app.runtime.slack.app.processEvent({
        body,
        ack: async () => {
          throw new Error('socket not ready');
        },
      }),
    );
    expect(allText(card)).toMatch(/Bar Raiser follow-up 1/);
    expect(app.logger.lines.some((l) => l.includes('ack failed'))).toBe(true);
    // Handled and remembered: Slack's redelivery of the unacked event changes nothing.
    await settle();
    expect(count(app.dbPath, 'SELECT COUNT(*) AS n FROM inbox')).toBe(0);
    expect(
      count(app.dbPath, 'SELECT COUNT(*) AS n FROM processed_events WHERE event_id = ?', body.event_id),
    ).toBe(1);
    const posts = threadPosts(promptTs).length;
    let acked = false;
    await app.runtime.slack.app.processEvent({
      body,
      ack: async () => {
        acked = true;
      },
    });
    await settle();
    expect(acked).toBe(true);
    expect(threadPosts(promptTs)).toHaveLength(posts);
    expect(count(app.dbPath, "SELECT COUNT(*) AS n FROM answers WHERE user_id = 'U7'")).toBe(1);
  });

  it('tells someone who has not answered, once and privately, that chat is not scored', async () => {
    const promptTs = await postPrompt(app);
    const hint = app.fake.nextCall('chat.postEphemeral', (c) => c.status !== undefined);
    await app.fake.sendEvent(reply('C1', promptTs, 'thanks, this was useful!', 'U3'));
    const call = await hint;
    expect(call.args).toMatchObject({ channel: 'C1', user: 'U3', thread_ts: promptTs });
    expect(allText(call)).toMatch(/did not score it/);
    await app.fake.sendEvent(reply('C1', promptTs, 'haha same', 'U3'));
    await app.fake.sendEvent(reply('C1', promptTs, '<@U2> how long did yours take?', 'U3'));
    await settle();
    expect(app.fake.callsOf('chat.postEphemeral')).toHaveLength(1);
    expect(threadPosts(promptTs)).toHaveLength(0);

    // Then a real answer from them is scored as usual.
    const card = await threadPost(promptTs, () => app.fake.sendEvent(reply('C1', promptTs, WEAK, 'U3')));
    expect(allText(card)).toMatch(/\/100/);
  });

  it('scores chat once it is edited into an answer', async () => {
    const promptTs = await postPrompt(app);
    const ts = userTs();
    await app.fake.sendEvent(reply('C1', promptTs, 'ok here goes', 'U4', ts));
    await settle();
    const card = await threadPost(promptTs, () =>
      app.fake.sendEvent({
        type: 'message',
        subtype: 'message_changed',
        channel: 'C1',
        ts: userTs(),
        message: { type: 'message', user: 'U4', text: STRONG, ts, thread_ts: promptTs },
        previous_message: { ts },
      }),
    );
    expect(allText(card)).toMatch(/\/100/);
  });

  it('keeps a person’s cards private after /star privacy private, unless the channel is always public', async () => {
    const [said] = await slashCommand(app.fake, {
      command: '/star',
      text: 'privacy private',
      user_id: 'U5',
      channel_id: 'C1',
      team_id: TEAM,
    });
    expect(String(said!.text)).toMatch(/now private to you/);

    const promptTs = await postPrompt(app, 'C1', 'public');
    const card = app.fake.nextCall('chat.postEphemeral', (c) => c.status !== undefined);
    const note = app.fake.nextCall('chat.postMessage', (c) => c.args.thread_ts === promptTs);
    await app.fake.sendEvent(reply('C1', promptTs, STRONG, 'U5'));
    const privateCard = await card;
    expect(privateCard.args).toMatchObject({ user: 'U5', thread_ts: promptTs });
    expect(allText(privateCard)).toMatch(/\/100/);
    // The follow-up says the reply itself will be public.
    expect(allText(privateCard)).toMatch(/Your reply is public/);
    const publicNote = await note;
    expect(allText(publicNote)).toMatch(/visible only to them/);
    expect(allText(publicNote)).not.toMatch(/\/100/);

    // Someone with the default setting is public in the same channel.
    const other = await threadPost(promptTs, () => app.fake.sendEvent(reply('C1', promptTs, STRONG, 'U6')));
    expect(allText(other)).toMatch(/\/100/);

    // A channel set to always public shows U5's card to everyone.
    const forcedTs = await postPrompt(app, 'C2', 'always_public');
    const forced = await threadPost(forcedTs, () => app.fake.sendEvent(reply('C2', forcedTs, STRONG, 'U5')));
    expect(allText(forced)).toMatch(/\/100/);
    expect(app.fake.callsOf('chat.postEphemeral').filter((c) => c.args.channel === 'C2')).toHaveLength(0);
  });

  it('rewrites the card and the wrap-up when the answer is edited, and removes everything when it is deleted', async () => {
    const promptTs = await postPrompt(app);
    const answerTs = userTs();
    const card = await threadPost(promptTs, () =>
      app.fake.sendEvent(reply('C1', promptTs, STRONG, 'U1', answerTs)),
    );
    const ours = [(card.response as { ts: string }).ts];
    let wrap: RecordedCall | undefined;
    for (let i = 0; !wrap; i++) {
      expect(i).toBeLessThan(6);
      const judged = await threadPost(promptTs, () =>
        app.fake.sendEvent(reply('C1', promptTs, PROBE_ANSWERS[i]!, 'U1')),
      );
      ours.push((judged.response as { ts: string }).ts);
      await settle(150);
      wrap = threadPosts(promptTs).find((c) => /Wrap-up/.test(allText(c)) && c.status !== undefined);
    }
    const last = wrap;
    ours.push((wrap.response as { ts: string }).ts);
    // The wrap-up is its own message, after the last judgement.
    const wrapTs = ours.at(-1)!;
    const before = /\((\d+)\/100, (\d+) before the follow-ups\)/.exec(allText(last))!;
    // The strong seed story passes whatever the day's question (a story that does not answer it stops at lean hire).
    const bands = loadContent().scoring.verdicts;
    expect(Number(before[2])).toBeGreaterThanOrEqual(bands.lean_hire);

    const updates = app.fake.waitForCalls('chat.update', 2);
    await app.fake.sendEvent({
      type: 'message',
      subtype: 'message_changed',
      channel: 'C1',
      ts: userTs(),
      message: { type: 'message', user: 'U1', text: WEAK, ts: answerTs, thread_ts: promptTs },
      previous_message: { ts: answerTs },
    });
    const [cardUpdate, wrapUpdate] = await updates;
    expect(cardUpdate!.args.ts).toBe(ours[0]);
    expect(allText(cardUpdate!)).toMatch(/_edited_/);
    // The card keeps its follow-up.
    expect(allText(cardUpdate!)).toMatch(/Bar Raiser follow-up 1/);
    expect(wrapUpdate!.args.ts).toBe(wrapTs);
    const after = /\((\d+)\/100, (\d+) before the follow-ups\)/.exec(allText(wrapUpdate!))!;
    expect(Number(after[2])).toBeLessThan(bands.lean_no_hire);
    expect(Number(after[1])).toBeLessThan(Number(before[1]));

    await app.fake.sendEvent({
      type: 'message',
      subtype: 'message_deleted',
      channel: 'C1',
      ts: userTs(),
      deleted_ts: answerTs,
      previous_message: { ts: answerTs, thread_ts: promptTs },
    });
    await app.fake.waitForCalls('chat.delete', ours.length);
    await settle();
    expect(
      app.fake
        .callsOf('chat.delete')
        .map((c) => c.args.ts)
        .sort(),
    ).toEqual([...ours].sort());
    expect(count(app.dbPath, 'SELECT COUNT(*) AS n FROM answers')).toBe(0);
    expect(count(app.dbPath, "SELECT COUNT(*) AS n FROM conversations WHERE id LIKE 'thread:%'")).toBe(0);
  });

  it('keeps an answer once (its conversation points at it) and keeps the scored words when an edit no longer scores', async () => {
    const promptTs = await postPrompt(app);
    const answerTs = userTs();
    await threadPost(promptTs, () => app.fake.sendEvent(reply('C1', promptTs, STRONG, 'U1', answerTs)));
    const stored = () => {
      const db = new Database(app.dbPath, { readonly: true });
      try {
        const row = db.prepare("SELECT state_json FROM conversations WHERE id LIKE 'thread:%'").get() as {
          state_json: string;
        };
        return {
          raw: JSON.stringify(unpack(row.state_json)),
          answers: db.prepare('SELECT * FROM answers').all(),
        };
      } finally {
        db.close();
      }
    };
    const words = JSON.stringify(STRONG.slice(0, 60)).slice(1, -1);
    const first = stored();
    expect(first.answers).toHaveLength(1);
    expect(first.raw).not.toContain(words);
    expect(first.raw).toContain('"answerId"');

    // Edited into something that cannot be scored: the answer row takes the new text, unscored...
    await app.fake.sendEvent({
      type: 'message',
      subtype: 'message_changed',
      channel: 'C1',
      ts: userTs(),
      message: { type: 'message', user: 'U1', text: '👍👍👍', ts: answerTs, thread_ts: promptTs },
      previous_message: { ts: answerTs },
    });
    await app.fake.waitForCalls('chat.update', 1);
    await settle();
    const edited = stored();
    expect(edited.answers).toMatchObject([{ text: '👍👍👍', score: null }]);
    // ...and the conversation keeps its own copy of what was scored, so the follow-up still has its answer.
    expect(edited.raw).toContain(words);
    expect(edited.raw).not.toContain('"answerId"');
    const judged = await threadPost(promptTs, () =>
      app.fake.sendEvent(reply('C1', promptTs, PROBE_ANSWERS[0]!, 'U1')),
    );
    expect(allText(judged)).not.toMatch(/not scored|could not score/i);
  });

  it('publishes the App Home after an answer only for someone who has opened it', async () => {
    const promptTs = await postPrompt(app);
    await threadPost(promptTs, () => app.fake.sendEvent(reply('C1', promptTs, STRONG, 'U1')));
    await settle();
    expect(app.fake.callsOf('views.publish').filter((c) => c.args.user_id === 'U1')).toHaveLength(0);

    const opened = app.fake.nextCall('views.publish', (c) => c.args.user_id === 'U2');
    await app.fake.sendEvent({ type: 'app_home_opened', user: 'U2', channel: 'DU2', tab: 'home' });
    expect(JSON.stringify((await opened).args.view)).toMatch(/No scored answers yet/);
    const refreshed = app.fake.nextCall(
      'views.publish',
      (c) => c.args.user_id === 'U2' && /1 answer\b/.test(JSON.stringify(c.args.view)),
    );
    await threadPost(promptTs, () => app.fake.sendEvent(reply('C1', promptTs, STRONG, 'U2')));
    await refreshed;
  });

  it('/star prompt posts a question in a channel with no schedule, then offers the schedule form', async () => {
    const refused = await slashCommand(app.fake, {
      command: '/star',
      text: 'prompt',
      user_id: 'U1',
      channel_id: 'C7',
      team_id: TEAM,
    });
    expect(String(refused[0]!.text)).toMatch(/Only workspace admins/);

    const posted = app.fake.nextCall('chat.postMessage', (c) => c.args.channel === 'C7' && !c.args.thread_ts);
    const [response] = await slashCommand(app.fake, {
      command: '/star',
      text: 'prompt',
      user_id: 'UADMIN',
      channel_id: 'C7',
      team_id: TEAM,
    });
    expect(allText(await posted)).toMatch(/Today's question/);
    expect(JSON.stringify(response)).toMatch(/Set up a daily question/);
    expect(await app.runtime.slack.core.channels.getSchedule('C7')).toBeNull();

    // Answers in its thread are coached like any other.
    const promptTs = ((await posted).response as { ts: string }).ts;
    const card = await threadPost(promptTs, () => app.fake.sendEvent(reply('C7', promptTs, STRONG, 'U2')));
    expect(allText(card)).toMatch(/\/100/);

    // Once a day: a second /star prompt does not post again.
    const [again] = await slashCommand(app.fake, {
      command: '/star',
      text: 'prompt',
      user_id: 'UADMIN',
      channel_id: 'C7',
      team_id: TEAM,
    });
    expect(String(again!.text)).toMatch(/already in this channel/);

    // The offered button opens the schedule form: a timepicker and a timezone menu set to the admin's zone.
    app.fake.setUser('UADMIN', { tz: 'Asia/Kolkata' });
    const opened = app.fake.nextCall('views.open', (c) => c.status !== undefined);
    await app.fake.sendInteractive({
      type: 'block_actions',
      user: { id: 'UADMIN', team_id: TEAM },
      channel: { id: 'C7' },
      actions: [
        { type: 'button', action_id: 'schedule_open', block_id: 'schedule', value: 'C7', action_ts: '1.2' },
      ],
    });
    const view = await opened;
    expect(view.response).toMatchObject({ ok: true });
    const blocks = (
      view.args.view as { blocks: Array<{ block_id: string; element: Record<string, unknown> }> }
    ).blocks;
    const el = (id: string) => blocks.find((b) => b.block_id === id)!.element;
    expect(el('time')).toMatchObject({ type: 'timepicker', initial_time: '09:00' });
    expect(el('timezone')).toMatchObject({
      type: 'static_select',
      initial_option: { value: 'Asia/Kolkata' },
    });
    expect(JSON.stringify(el('privacy'))).toMatch(/always_public/);
  });

  it('answers a DM quiz with "1" and "2" instead of starting a session', async () => {
    const dm = async (text: string) => {
      const start = app.fake.calls.length;
      const next = app.fake.nextCall(
        'chat.postMessage',
        (c) => c.args.channel === 'DU9' && c.status !== undefined && app.fake.calls.indexOf(c) >= start,
      );
      return app.fake
        .sendEvent({
          type: 'message',
          channel: 'DU9',
          channel_type: 'im',
          user: 'U9',
          text,
          ts: userTs(),
          team: TEAM,
        })
        .then(() => next)
        .then(allText);
    };
    expect(await dm('walkthrough dive deep')).toMatch(/Dive Deep: /);
    const quiz = await dm('skip');
    expect(quiz).toMatch(/Quiz 1 of 3/);
    // The options are written out in full; the buttons carry their numbers.
    expect(quiz).toMatch(/\*1\.\* /);
    expect(await dm('2')).toMatch(/Correct\.|The answer is \*\d\./);
    expect(await dm('1')).toMatch(/Correct\.|The answer is \*\d\./);
    const sessions = await app.runtime.slack.core.coach.activeSession(TEAM, 'U9');
    expect(sessions?.mode).toBe('walkthrough');
    expect(
      count(app.dbPath, "SELECT COUNT(*) AS n FROM conversations WHERE kind IN ('mock', 'practice')"),
    ).toBe(0);
  });

  it('keeps the weekly schedule in the admin’s own timezone list', async () => {
    await app.runtime.slack.core.channels.saveSchedule(
      dailySchedule('C8', { timezone: 'Pacific/Chatham' }),
      app.clock.now,
    );
    const opened = app.fake.nextCall('views.open', (c) => c.status !== undefined);
    await app.fake.sendSlashCommand({
      command: '/star',
      text: 'schedule',
      user_id: 'UADMIN',
      channel_id: 'C8',
      team_id: TEAM,
    });
    const view = await opened;
    expect(view.response).toMatchObject({ ok: true });
    expect(JSON.stringify(view.args.view)).toMatch(
      /"initial_option":\{"text":\{"type":"plain_text","text":"Pacific\/Chatham"\},"value":"Pacific\/Chatham"\}/,
    );
  });
});
