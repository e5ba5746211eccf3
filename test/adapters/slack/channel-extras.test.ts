import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSeeds, strongText } from '../../helpers/seeds.js';
import { postPrompt, slashCommand, startTestApp, type TestApp, userTs } from '../../helpers/slack-app.js';

const seeds = loadSeeds();
const STRONG = strongText(seeds.strongAnswers[1]!);
const WEAK = seeds.weakAnswers[0]!.text;
const DAY = 86_400_000;

describe('channel onboarding, help and the weekly digest', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await startTestApp({ now: Date.parse('2026-11-16T08:00:00Z') });
  });
  afterEach(async () => {
    // Nothing the app sent was refused by the (validating) fake Slack.
    const refused = app.fake.refused;
    await app.stop();
    expect(refused).toEqual([]);
  });

  it('introduces itself once when added to a channel, and not for other members', async () => {
    const intro = app.fake.nextCall('chat.postMessage', (c) => c.args.channel === 'C5');
    await app.fake.sendEvent(
      { type: 'member_joined_channel', user: 'U0BOT', channel: 'C5', team: 'T0TEST' },
      { eventId: 'EvJ1' },
    );
    expect(String((await intro).args.text)).toMatch(/\/star schedule/);
    await app.fake.sendEvent(
      { type: 'member_joined_channel', user: 'U0BOT', channel: 'C5', team: 'T0TEST' },
      { eventId: 'EvJ2' },
    );
    await app.fake.sendEvent(
      { type: 'member_joined_channel', user: 'U42', channel: 'C5', team: 'T0TEST' },
      { eventId: 'EvJ3' },
    );
    await new Promise((r) => setTimeout(r, 150));
    expect(app.fake.callsOf('chat.postMessage').filter((c) => c.args.channel === 'C5')).toHaveLength(1);
  });

  it('explains everything in one ephemeral /star help', async () => {
    const [help] = await slashCommand(app.fake, {
      command: '/star',
      text: 'help',
      user_id: 'U1',
      channel_id: 'C1',
      team_id: 'T0TEST',
      trigger_id: 't',
    });
    const text = JSON.stringify(help);
    expect(text).toMatch(/ephemeral/);
    for (const word of ['/star schedule', '/star practice', '/lp reframe', '/star export', '/star forget-me'])
      expect(text).toContain(word);
  });

  it('posts a weekly digest with participation, average and trend, most improved, hardest principle and an anonymised strong line', async () => {
    const { channels } = app.runtime.slack.core;
    // Last week: U1 answers weakly. This week: U1 strongly, U2 weakly.
    const promptTs1 = await postPrompt(app, 'C1');
    const first = app.fake.nextCall('chat.postMessage', (c) => c.args.thread_ts === promptTs1);
    await app.fake.sendEvent(
      { type: 'message', channel: 'C1', user: 'U1', text: WEAK, ts: userTs(), thread_ts: promptTs1 },
      { eventId: 'EvD1' },
    );
    await first;
    app.clock.now += 7 * DAY;
    const promptTs2 = (await channels.getPrompt(
      (await channels.claimPrompt({
        teamId: 'T0TEST',
        channelId: 'C1',
        localDate: '2026-11-23',
        questionId: 'own-outside-scope',
        principleId: 'ownership',
        questionText: 'q',
        level: 'sde2',
        dueAt: app.clock.now,
        claimedAt: app.clock.now,
      }))!.id,
    ))!;
    await channels.markPromptPosted(promptTs2.id, '1700000999.000001', app.clock.now);
    for (const [user, text, id] of [
      ['U1', STRONG, 'EvD2'],
      ['U2', WEAK, 'EvD3'],
    ] as const) {
      const reply = app.fake.nextCall('chat.postMessage', (c) => c.args.thread_ts === '1700000999.000001');
      await app.fake.sendEvent(
        { type: 'message', channel: 'C1', user, text, ts: userTs(), thread_ts: '1700000999.000001' },
        { eventId: id },
      );
      await reply;
    }
    // Digest on Mondays at the schedule's time (09:00 UTC); 2026-11-23 is a Monday.
    await channels.saveSchedule({ ...(await channels.getSchedule('C1'))!, digestWeekday: 1 }, app.clock.now);
    app.clock.now = Date.parse('2026-11-23T09:30:00Z');
    const digest = app.fake.nextCall(
      'chat.postMessage',
      (c) => c.args.channel === 'C1' && /digest/i.test(String(c.args.text)),
    );
    await app.runtime.slack.scheduler.tick(app.clock.now);
    const body = JSON.stringify((await digest).args.blocks);
    expect(body).toMatch(/2 people, 2 answers/);
    expect(body).toMatch(/Most improved:\* <@U1>/);
    expect(body).toMatch(/Hardest principle this week/);
    expect(body).toMatch(/anonymised/);
    expect(body).not.toMatch(/U2/);
    await app.runtime.slack.scheduler.tick(app.clock.now + 60_000);
    expect(
      app.fake.callsOf('chat.postMessage').filter((c) => /digest/i.test(String(c.args.text))),
    ).toHaveLength(1);
  });
});
