import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSeeds, strongText } from '../../helpers/seeds.js';
import {
  postPrompt,
  threadReply as reply,
  startTestApp,
  type TestApp,
  userTs,
} from '../../helpers/slack-app.js';

const seeds = loadSeeds();
const STRONG = strongText(seeds.strongAnswers[0]!);

const allText = (call: { args: Record<string, unknown> }) =>
  JSON.stringify([call.args.text, call.args.blocks]);

describe('daily channel practice over Socket Mode', () => {
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

  it('posts one threaded score card with a probe even when the event arrives three times', async () => {
    const promptTs = await postPrompt(app);
    const event = reply('C1', promptTs, STRONG);
    const card = app.fake.nextCall('chat.postMessage', (c) => c.args.thread_ts === promptTs);
    await Promise.all([
      app.fake.sendEvent(event, { eventId: 'Ev1' }),
      app.fake.sendEvent(event, { eventId: 'Ev1', retryAttempt: 1, retryReason: 'timeout' }),
    ]);
    await app.fake.sendEvent(event, { eventId: 'Ev1', retryAttempt: 2, retryReason: 'timeout' });
    const call = await card;
    await new Promise((r) => setTimeout(r, 150));
    const replies = app.fake.callsOf('chat.postMessage').filter((c) => c.args.thread_ts === promptTs);
    expect(replies).toHaveLength(1);
    expect(call.args.channel).toBe('C1');
    expect(allText(call)).toMatch(/Bar Raiser follow-up/);
    expect(allText(call)).toMatch(/\/100/);
    const db = new Database(app.dbPath, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM answers WHERE channel_id = ?').get('C1')).toEqual({ n: 1 });
    db.close();
  });

  it("judges the author's next reply as the probe answer and scores a third party's reply as a new answer", async () => {
    const promptTs = await postPrompt(app);
    const first = app.fake.nextCall('chat.postMessage', (c) => c.args.thread_ts === promptTs);
    await app.fake.sendEvent(reply('C1', promptTs, STRONG, 'U1'), { eventId: 'Ev10' });
    await first;

    const judged = app.fake.nextCall('chat.postMessage', (c) => c.args.thread_ts === promptTs);
    await app.fake.sendEvent(
      reply(
        'C1',
        promptTs,
        'I reproduced the failure locally, wrote a regression test and watched the error dashboard for two weeks after the release; errors stayed at zero.',
        'U1',
      ),
      { eventId: 'Ev11' },
    );
    const judgement = await judged;
    expect(allText(judgement)).toMatch(/Strong|Partly there|Weak/);
    expect(allText(judgement)).not.toMatch(/\/100 ·/);

    const other = app.fake.nextCall('chat.postMessage', (c) => c.args.thread_ts === promptTs);
    await app.fake.sendEvent(reply('C1', promptTs, seeds.weakAnswers[0]!.text, 'U2'), { eventId: 'Ev12' });
    const card = await other;
    expect(allText(card)).toMatch(/\/100/);
    expect(allText(card)).toMatch(/Escalated, not owned/);
    expect(allText(card)).not.toMatch(/escalated_not_owned/);
  });

  it('updates its reply when an answer is edited and deletes it when the answer is deleted', async () => {
    const promptTs = await postPrompt(app);
    const answerTs = userTs();
    const card = app.fake.nextCall(
      'chat.postMessage',
      (c) => c.args.thread_ts === promptTs && c.status !== undefined,
    );
    await app.fake.sendEvent(reply('C1', promptTs, seeds.weakAnswers[0]!.text, 'U1', answerTs), {
      eventId: 'Ev20',
    });
    const posted = await card;
    const replyTs = (posted.response as { ts: string }).ts;

    const update = app.fake.nextCall('chat.update');
    await app.fake.sendEvent(
      {
        type: 'message',
        subtype: 'message_changed',
        channel: 'C1',
        ts: userTs(),
        message: { type: 'message', user: 'U1', text: STRONG, ts: answerTs, thread_ts: promptTs },
        previous_message: { ts: answerTs },
      },
      { eventId: 'Ev21' },
    );
    const updated = await update;
    expect(updated.args.ts).toBe(replyTs);
    expect(allText(updated)).toMatch(/edited/);

    const del = app.fake.nextCall('chat.delete');
    await app.fake.sendEvent(
      {
        type: 'message',
        subtype: 'message_deleted',
        channel: 'C1',
        ts: userTs(),
        deleted_ts: answerTs,
        previous_message: { ts: answerTs, thread_ts: promptTs },
      },
      { eventId: 'Ev22' },
    );
    expect((await del).args.ts).toBe(replyTs);
    const db = new Database(app.dbPath, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM answers WHERE message_ts = ?').get(answerTs)).toEqual({
      n: 0,
    });
    db.close();
  });

  it('never echoes live mentions and keeps a 40,000-character answer within Slack limits', async () => {
    const promptTs = await postPrompt(app);
    const hostile = `<!channel> <!here> <@U123> please look. ${STRONG}`;
    const card = app.fake.nextCall(
      'chat.postMessage',
      (c) => c.args.thread_ts === promptTs && c.status !== undefined,
    );
    await app.fake.sendEvent(reply('C1', promptTs, hostile), { eventId: 'Ev30' });
    const posted = await card;
    expect(posted.response).toMatchObject({ ok: true });
    for (const c of app.fake.callsOf('chat.postMessage')) {
      expect(allText(c)).not.toMatch(/<!channel>|<!here>|<@U123>/);
    }

    const huge = `${STRONG} `.repeat(40).slice(0, 40_000);
    const hugeReply = app.fake.nextCall(
      'chat.postMessage',
      (c) => c.args.thread_ts === promptTs && c.status !== undefined,
    );
    await app.fake.sendEvent(reply('C1', promptTs, huge, 'U3'), { eventId: 'Ev31' });
    const last = await hugeReply;
    expect(last.response).toMatchObject({ ok: true });
    const blocks = last.args.blocks as unknown[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(blocks).length).toBeLessThan(12_000 * 1.5);
    expect(allText(last)).toMatch(/Over time/);
  });

  it('ignores bots, its own messages and replies outside its prompt threads', async () => {
    const promptTs = await postPrompt(app);
    const before = app.fake.callsOf('chat.postMessage').length;
    await app.fake.sendEvent(
      { ...reply('C1', promptTs, STRONG), bot_id: 'B999', subtype: 'bot_message' },
      { eventId: 'Ev40' },
    );
    await app.fake.sendEvent(reply('C1', '1700000000.999999', STRONG), { eventId: 'Ev41' });
    await app.fake.sendEvent(
      { type: 'message', channel: 'C1', channel_type: 'channel', user: 'U1', text: STRONG, ts: userTs() },
      { eventId: 'Ev42' },
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(app.fake.callsOf('chat.postMessage').length).toBe(before);
  });

  it('refuses /star schedule from a non-admin and saves an admin schedule from the modal', async () => {
    const refused = app.fake.nextResponse();
    await app.fake.sendSlashCommand({
      command: '/star',
      text: 'schedule',
      user_id: 'U1',
      channel_id: 'C9',
      team_id: 'T0TEST',
      trigger_id: 't1',
    });
    expect(JSON.stringify((await refused).body)).toMatch(/Only workspace admins/);
    expect(app.fake.callsOf('views.open')).toHaveLength(0);

    const opened = app.fake.nextCall('views.open');
    await app.fake.sendSlashCommand({
      command: '/star',
      text: 'schedule',
      user_id: 'UADMIN',
      channel_id: 'C9',
      team_id: 'T0TEST',
      trigger_id: 't2',
    });
    const view = (await opened).args.view as { private_metadata: string };
    expect(JSON.parse(view.private_metadata)).toEqual({ channelId: 'C9' });

    const submit = (user: string) => ({
      type: 'view_submission',
      team: { id: 'T0TEST' },
      user: { id: user, team_id: 'T0TEST' },
      view: {
        id: 'V1',
        callback_id: 'schedule_submit',
        private_metadata: view.private_metadata,
        state: {
          values: {
            time: { value: { type: 'timepicker', selected_time: '08:30' } },
            timezone: { value: { type: 'static_select', selected_option: { value: 'America/New_York' } } },
            weekdays: { value: { type: 'checkboxes', selected_options: [{ value: '1' }, { value: '3' }] } },
            level: { value: { type: 'static_select', selected_option: { value: 'senior' } } },
            privacy: { value: { type: 'radio_buttons', selected_option: { value: 'ephemeral' } } },
            weighted: { value: { type: 'checkboxes', selected_options: [] } },
            digest: { value: { type: 'static_select', selected_option: { value: '5' } } },
          },
        },
      },
    });
    const bad = await app.fake.sendInteractive(submit('U1'));
    expect(JSON.stringify(bad.payload)).toMatch(/Only workspace admins/);
    expect(await app.runtime.slack.core.channels.getSchedule('C9')).toBeNull();

    await app.fake.sendInteractive(submit('UADMIN'));
    const saved = await app.runtime.slack.core.channels.getSchedule('C9');
    expect(saved).toMatchObject({
      localTime: '08:30',
      timezone: 'America/New_York',
      weekdays: [1, 3],
      level: 'senior',
      privacy: 'ephemeral',
      digestWeekday: 5,
    });
  });

  it('sends ephemeral score cards with a short public ack when the channel is private', async () => {
    const promptTs = await postPrompt(app, 'C2', 'ephemeral');
    const eph = app.fake.nextCall('chat.postEphemeral');
    const ack = app.fake.nextCall('chat.postMessage', (c) => c.args.thread_ts === promptTs);
    await app.fake.sendEvent(reply('C2', promptTs, STRONG, 'U7'), { eventId: 'Ev50' });
    const card = await eph;
    expect(card.args.user).toBe('U7');
    expect(allText(card)).toMatch(/\/100/);
    const publicAck = await ack;
    expect(allText(publicAck)).not.toMatch(/\/100/);
  });
});
