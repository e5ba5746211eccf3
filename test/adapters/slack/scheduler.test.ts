import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelSchedule } from '../../../src/core/schedule/schedule.js';
import { dailySchedule } from '../../helpers/schedule.js';
import { startTestApp, type TestApp } from '../../helpers/slack-app.js';

const at = (iso: string) => Date.parse(iso);

/** Weekdays at 09:00 Berlin time. */
function schedule(channelId: string, overrides: Partial<ChannelSchedule> = {}): ChannelSchedule {
  return dailySchedule(channelId, { timezone: 'Europe/Berlin', weekdays: [1, 2, 3, 4, 5], ...overrides });
}

describe('daily prompt scheduler', () => {
  let app: TestApp;
  afterEach(async () => {
    await app.stop();
  });

  const posts = (channel: string) =>
    app.fake.callsOf('chat.postMessage').filter((c) => c.args.channel === channel && !c.args.thread_ts);
  const tickAt = async (iso: string) => {
    app.clock.now = at(iso);
    await app.runtime.slack.scheduler.tick(app.clock.now);
  };

  it('posts once at 09:00 Berlin time on both sides of the spring DST change, never on weekends', async () => {
    app = await startTestApp({ now: at('2026-03-27T07:00:00Z') });
    await app.runtime.slack.core.channels.saveSchedule(schedule('C1'), app.clock.now);
    await tickAt('2026-03-27T07:59:30Z'); // Friday 08:59 CET
    expect(posts('C1')).toHaveLength(0);
    await tickAt('2026-03-27T08:00:20Z'); // 09:00 CET
    await tickAt('2026-03-27T08:05:00Z');
    expect(posts('C1')).toHaveLength(1);
    await tickAt('2026-03-28T08:00:30Z'); // Saturday
    await tickAt('2026-03-29T07:00:30Z'); // Sunday, the change
    expect(posts('C1')).toHaveLength(1);
    await tickAt('2026-03-30T06:59:30Z'); // Monday 08:59 CEST
    expect(posts('C1')).toHaveLength(1);
    await tickAt('2026-03-30T07:00:30Z'); // 09:00 CEST
    expect(posts('C1')).toHaveLength(2);
    const blocks = JSON.stringify(posts('C1')[1]!.args.blocks);
    expect(blocks).toMatch(/Today's question/);
  });

  it('follows the autumn DST change in New York', async () => {
    app = await startTestApp({ now: at('2026-10-30T12:00:00Z') });
    await app.runtime.slack.core.channels.saveSchedule(
      schedule('C2', { timezone: 'America/New_York' }),
      app.clock.now,
    );
    await tickAt('2026-10-30T13:00:30Z'); // Friday 09:00 EDT
    expect(posts('C2')).toHaveLength(1);
    await tickAt('2026-11-02T13:00:30Z'); // Monday 08:00 EST: not yet
    expect(posts('C2')).toHaveLength(1);
    await tickAt('2026-11-02T14:00:30Z'); // 09:00 EST
    expect(posts('C2')).toHaveLength(2);
  });

  it('posts a prompt claimed before a crash exactly once after the restart', async () => {
    app = await startTestApp({ now: at('2026-11-23T08:00:10Z') });
    const { channels, channelService } = app.runtime.slack.core;
    await channels.saveSchedule(schedule('C3'), app.clock.now);
    const due = await channelService.due(app.clock.now, 2 * 3_600_000);
    expect(due).toHaveLength(1);
    const claimed = (await channelService.claim(due[0]!, app.clock.now))!;
    expect(claimed.status).toBe('pending');
    app.clock.now += 5_000;
    await app.restart();
    await app.runtime.slack.scheduler.tick(app.clock.now);
    await app.runtime.slack.scheduler.tick(app.clock.now + 1000);
    expect(posts('C3')).toHaveLength(1);
    expect(await app.runtime.slack.core.channels.getPrompt(claimed.id)).toMatchObject({ status: 'posted' });
  });

  it('does not post again when the crash came after Slack accepted the post', async () => {
    app = await startTestApp({ now: at('2026-11-23T08:00:10Z') });
    const { channels, channelService } = app.runtime.slack.core;
    await channels.saveSchedule(schedule('C4'), app.clock.now);
    const claimed = (await channelService.claim(
      (
        await channelService.due(app.clock.now, 7_200_000)
      )[0]!,
      app.clock.now,
    ))!;
    // The post reached Slack, then the process died before recording it.
    const res = await fetch(`${app.fake.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer xoxb-test-secret-token' },
      body: JSON.stringify({
        channel: 'C4',
        text: 'question',
        metadata: { event_type: 'star_coach_message', event_payload: { key: `prompt:${claimed.id}` } },
      }),
    });
    const { ts } = (await res.json()) as { ts: string };
    app.clock.now += 5_000;
    await app.restart();
    await app.runtime.slack.scheduler.tick(app.clock.now);
    expect(posts('C4')).toHaveLength(1);
    expect(await app.runtime.slack.core.channels.getPrompt(claimed.id)).toMatchObject({
      status: 'posted',
      messageTs: ts,
    });
  });

  it('posts a missed prompt when the app comes back within the grace window', async () => {
    app = await startTestApp({ now: at('2026-11-23T06:00:00Z') });
    const { channels } = app.runtime.slack.core;
    await channels.saveSchedule(schedule('C5'), app.clock.now);
    // The app was down at 09:00 CET (08:00Z) and comes back at 09:45 local: within the 2 h grace.
    await tickAt('2026-11-23T08:45:00Z');
    expect(posts('C5')).toHaveLength(1);
    expect(await channels.promptForDay('C5', '2026-11-23')).toMatchObject({ status: 'posted' });
  });

  it('skips, rather than posts hours late, a prompt the app was down for', async () => {
    app = await startTestApp({ now: at('2026-11-23T10:31:00Z') });
    await app.runtime.slack.core.channels.saveSchedule(schedule('C7'), app.clock.now);
    await app.runtime.slack.scheduler.tick(app.clock.now); // 11:31 CET, due 09:00
    expect(posts('C7')).toHaveLength(0);
    expect(await app.runtime.slack.core.channels.promptForDay('C7', '2026-11-23')).toMatchObject({
      status: 'skipped',
    });
    expect(app.logger.lines.some((l) => /skipped/.test(l))).toBe(true);
  });

  it('pauses the schedule and tells its owner when it cannot post in the channel', async () => {
    app = await startTestApp({ now: at('2026-11-23T08:00:30Z') });
    await app.runtime.slack.core.channels.saveSchedule(schedule('C8'), app.clock.now);
    app.fake.setHandler('chat.postMessage', (args) =>
      args.channel === 'C8'
        ? { ok: false, error: 'not_in_channel' }
        : { ok: true, channel: args.channel, ts: app.fake.nextTs() },
    );
    await app.runtime.slack.scheduler.tick(app.clock.now);
    expect(await app.runtime.slack.core.channels.getSchedule('C8')).toMatchObject({
      paused: true,
      pauseReason: 'not_in_channel',
    });
    expect(
      app.fake
        .callsOf('chat.postMessage')
        .some((c) => c.args.channel === 'UADMIN' && /paused/.test(String(c.args.text))),
    ).toBe(true);
    await app.runtime.slack.scheduler.tick(app.clock.now + 60_000);
    expect(app.fake.callsOf('chat.postMessage').filter((c) => c.args.channel === 'C8')).toHaveLength(1);
  });
});
