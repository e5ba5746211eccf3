import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewPrompt } from '../../src/core/channel/ports.js';
import type { NewAnswer } from '../../src/core/store.js';
import { dailySchedule } from '../helpers/schedule.js';
import { backends, type Stores } from './backends.js';

const prompt = (channelId: string, localDate: string, overrides: Partial<NewPrompt> = {}): NewPrompt => ({
  teamId: 'T1',
  channelId,
  localDate,
  questionId: 'own-outside-scope',
  principleId: 'ownership',
  questionText: 'Tell me about a time you took on something outside your area.',
  level: 'sde2',
  dueAt: 1_000,
  claimedAt: 1_000,
  ...overrides,
});

const channelAnswer = (overrides: Partial<NewAnswer>): NewAnswer => ({
  teamId: 'T1',
  userId: 'U1',
  source: 'channel',
  channelId: 'C1',
  messageTs: '1.1',
  threadTs: '1.0',
  questionId: 'own-outside-scope',
  principleId: 'ownership',
  level: 'sde2',
  text: 'I fixed it.',
  score: 70,
  verdict: 'lean_hire',
  report: null,
  createdAt: 1_000,
  ...overrides,
});

describe.each(backends())('ChannelStore contract on $name', (backend) => {
  let db: Stores;

  beforeEach(async () => {
    db = await backend.open();
  });

  afterEach(async () => {
    await db.close();
  });

  it('saves, overwrites, lists (by channel) and pauses schedules', async () => {
    const { channels } = db;
    await channels.saveSchedule(dailySchedule('C2', { weekdays: [5, 1, 3, 1] }), 1_000);
    await channels.saveSchedule(dailySchedule('C1'), 1_000);
    expect(await channels.getSchedule('C2')).toEqual(dailySchedule('C2', { weekdays: [1, 3, 5] }));
    await channels.saveSchedule(dailySchedule('C2', { localTime: '10:30', privacy: 'ephemeral' }), 2_000);
    expect(await channels.getSchedule('C2')).toMatchObject({ localTime: '10:30', privacy: 'ephemeral' });
    expect((await channels.listSchedules()).map((s) => s.channelId)).toEqual(['C1', 'C2']);
    await channels.setPaused('C1', true, 'not_in_channel', 3_000);
    expect(await channels.getSchedule('C1')).toMatchObject({ paused: true, pauseReason: 'not_in_channel' });
    await channels.setPaused('C1', false, null, 4_000);
    expect(await channels.getSchedule('C1')).toMatchObject({ paused: false, pauseReason: null });
    expect(await channels.getSchedule('C9')).toBeNull();
  });

  it('claims a channel’s prompt for a day once, even when two instances claim it at once', async () => {
    const other = await db.another();
    try {
      const [a, b] = await Promise.all([
        db.channels.claimPrompt(prompt('C1', '2026-11-23')),
        other.channels.claimPrompt(prompt('C1', '2026-11-23')),
      ]);
      expect([a, b].filter(Boolean)).toHaveLength(1);
      const claimed = (a ?? b)!;
      expect(claimed).toMatchObject({ status: 'pending', messageTs: null, postedAt: null, error: null });
      expect(await db.channels.claimPrompt(prompt('C1', '2026-11-23'))).toBeNull();
      expect(await db.channels.claimPrompt(prompt('C1', '2026-11-24'))).not.toBeNull();
      expect(await db.channels.claimPrompt(prompt('C2', '2026-11-23'))).not.toBeNull();
    } finally {
      if (backend.name !== 'memory') await other.close();
    }
  });

  it('records how a prompt ended and finds it by day and by message', async () => {
    const { channels } = db;
    const a = (await channels.claimPrompt(prompt('C1', '2026-11-23', { dueAt: 2_000 })))!;
    const b = (await channels.claimPrompt(prompt('C1', '2026-11-24', { dueAt: 1_000 })))!;
    const c = (await channels.claimPrompt(prompt('C2', '2026-11-24', { dueAt: 3_000 })))!;
    expect((await channels.pendingPrompts()).map((p) => p.id)).toEqual([b.id, a.id, c.id]);
    await channels.markPromptPosted(a.id, '100.1', 5_000);
    await channels.markPromptSkipped(b.id, 'too late');
    await channels.markPromptFailed(c.id, 'not_in_channel');
    expect(await channels.getPrompt(a.id)).toMatchObject({
      status: 'posted',
      messageTs: '100.1',
      postedAt: 5_000,
    });
    expect(await channels.promptForDay('C1', '2026-11-24')).toMatchObject({
      status: 'skipped',
      error: 'too late',
    });
    expect(await channels.getPrompt(c.id)).toMatchObject({ status: 'failed', error: 'not_in_channel' });
    expect((await channels.findPromptByTs('C1', '100.1'))?.id).toBe(a.id);
    expect(await channels.findPromptByTs('C2', '100.1')).toBeNull();
    expect(await channels.pendingPrompts()).toEqual([]);
    expect(await channels.promptHistory('C1')).toEqual([
      { questionId: 'own-outside-scope', principleId: 'ownership', postedAt: 5_000 },
    ]);
  });

  it('reads a channel’s scored answers in a time window for the digest', async () => {
    await db.coachStore.insertAnswer(channelAnswer({ messageTs: '1', createdAt: 1_000, score: 50 }));
    await db.coachStore.insertAnswer(
      channelAnswer({ messageTs: '2', createdAt: 2_000, score: 80, userId: 'U2' }),
    );
    await db.coachStore.insertAnswer(channelAnswer({ messageTs: '3', createdAt: 3_000 }));
    await db.coachStore.insertAnswer(channelAnswer({ messageTs: '4', createdAt: 2_000, channelId: 'C2' }));
    await db.coachStore.insertAnswer(
      channelAnswer({ messageTs: null, channelId: null, createdAt: 2_000, source: 'terminal' }),
    );
    const window = await db.channels.channelAnswers('C1', 1_000, 3_000);
    expect(window.map((a) => [a.userId, a.score, a.createdAt])).toEqual([
      ['U1', 50, 1_000],
      ['U2', 80, 2_000],
    ]);
  });

  it('claims a weekly digest once per channel and week', async () => {
    expect(await db.channels.claimDigest('C1', '2026-11-23', 1_000)).toBe(true);
    expect(await db.channels.claimDigest('C1', '2026-11-23', 2_000)).toBe(false);
    expect(await db.channels.claimDigest('C1', '2026-11-30', 2_000)).toBe(true);
    await db.channels.markDigestPosted('C1', '2026-11-23', '5.5');
    expect(await db.channels.claimDigest('C1', '2026-11-23', 3_000)).toBe(false);
  });

  it('forgets one workspace’s schedules and prompts and keeps the others’', async () => {
    const { channels } = db;
    await channels.saveSchedule(dailySchedule('C1', { teamId: 'T1' }), 1_000);
    await channels.saveSchedule(dailySchedule('C2', { teamId: 'T2' }), 1_000);
    await channels.claimPrompt(prompt('C1', '2026-11-23', { teamId: 'T1' }));
    await channels.claimPrompt(prompt('C2', '2026-11-23', { teamId: 'T2' }));
    await channels.forgetTeam('T1');
    expect(await channels.getSchedule('C1')).toBeNull();
    expect(await channels.promptForDay('C1', '2026-11-23')).toBeNull();
    expect(await channels.getSchedule('C2')).not.toBeNull();
    expect(await channels.promptForDay('C2', '2026-11-23')).not.toBeNull();
  });

  it('keeps nothing of a transaction that throws', async () => {
    const { channels } = db;
    await expect(
      channels.transaction(async () => {
        await channels.saveSchedule(dailySchedule('C1'), 1_000);
        await channels.claimPrompt(prompt('C1', '2026-11-23'));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await channels.getSchedule('C1')).toBeNull();
    expect(await channels.promptForDay('C1', '2026-11-23')).toBeNull();
    await channels.transaction(async () => {
      await channels.saveSchedule(dailySchedule('C1'), 1_000);
    });
    expect(await channels.getSchedule('C1')).not.toBeNull();
  });
});
