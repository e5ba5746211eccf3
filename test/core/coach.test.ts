import { describe, expect, it } from 'vitest';
import { type Coach, createCoach, type Origin } from '../../src/core/coach.js';
import { CoachError } from '../../src/core/errors.js';
import { silentLogger } from '../../src/core/ports.js';
import type { Input, SessionState } from '../../src/core/practice/session.js';
import { createRubric } from '../../src/core/rubric/score.js';
import { loadContent } from '../../src/infra/content-files.js';
import { createMemoryStore, type MemoryStore } from '../helpers/memory-store.js';
import { loadSeeds, strongText } from '../helpers/seeds.js';

const content = loadContent();
const rubric = createRubric(content);
const seeds = loadSeeds();

const T0 = Date.UTC(2025, 2, 10, 9);
const STRONG = strongText(seeds.strongAnswers[0]!);
const WEAK = seeds.weakAnswers[0]!.text;
/** The strong example of the follow-up a session is waiting on: the judge reads what each probe asks. */
function strongReply(state: SessionState): string {
  const open = state.items.flatMap((i) => i.probes).find((p) => p.label === null);
  return (open && content.probeById.get(open.id)?.strong.answer) ?? PROBE_ANSWER;
}

const PROBE_ANSWER =
  'I reproduced the failure locally, wrote a regression test that replays a day of traffic, and watched the drop-rate dashboard for two weeks; it stayed at zero.';
const DM: Origin = { source: 'dm' };
const who = { teamId: 'T1', userId: 'U1' };

function setup(): { coach: Coach; store: MemoryStore; tick: () => void } {
  const store = createMemoryStore();
  let now = T0;
  let seed = 1;
  const coach = createCoach({
    content,
    rubric,
    store,
    clock: () => now,
    random: () => {
      seed = (seed * 16807) % 2147483647;
      return (seed - 1) / 2147483646;
    },
    logger: silentLogger,
  });
  return { coach, store, tick: () => (now += 60_000) };
}

const text = (value: string, messageId?: string): Input => ({ type: 'text', text: value, messageId });

describe('createCoach over the store port', () => {
  it('stores an answer once, when it is scored, and not again for its probes', async () => {
    const { coach, store, tick } = setup();
    const started = await coach.start(
      { id: 'S1', mode: 'practice', ...who, level: 'sde2', questionId: 'own-outside-scope' },
      DM,
    );
    expect(started.stored).toEqual([]);
    expect((await coach.session('S1'))?.stage).toBe('awaiting_answer');

    tick();
    const answered = await coach.handle('S1', text(WEAK, 'm1'), DM);
    expect(answered.stored).toHaveLength(1);
    expect(answered.stored[0]).toMatchObject({
      ...who,
      source: 'dm',
      questionId: 'own-outside-scope',
      principleId: 'ownership',
      level: 'sde2',
      text: WEAK,
      score: answered.state.items[0]!.report!.score,
      verdict: answered.state.items[0]!.report!.verdict,
      createdAt: T0 + 60_000,
    });

    for (const id of ['m2', 'm3', 'm4']) {
      tick();
      expect(
        (await coach.handle('S1', text(strongReply((await coach.session('S1'))!), id), DM)).stored,
      ).toEqual([]);
    }
    expect((await coach.session('S1'))?.status).toBe('done');
    expect(await coach.answers(who.teamId, who.userId)).toHaveLength(1);
    expect(store.insertCalls).toBe(1);
  });

  it('ignores a redelivered message: nothing stored, the session unchanged', async () => {
    const { coach, store } = setup();
    await coach.start(
      { id: 'S1', mode: 'practice', ...who, level: 'sde2', questionId: 'own-outside-scope' },
      DM,
    );
    await coach.handle('S1', text(WEAK, 'm1'), DM);
    const before = await coach.session('S1');
    const again = await coach.handle('S1', text(WEAK, 'm1'), DM);
    expect(again.duplicate).toBe(true);
    expect(again.stored).toEqual([]);
    expect(await coach.session('S1')).toEqual(before);
    expect(store.insertCalls).toBe(1);
  });

  it('stores nothing for an answer it cannot score, or a skipped question', async () => {
    const { coach, store } = setup();
    await coach.start(
      { id: 'S1', mode: 'practice', ...who, level: 'sde2', questionId: 'own-outside-scope' },
      DM,
    );
    expect((await coach.handle('S1', text(':tada:', 'm1'), DM)).stored).toEqual([]);
    expect((await coach.handle('S1', { type: 'command', name: 'skip' }, DM)).stored).toEqual([]);
    expect(store.insertCalls).toBe(0);
    expect((await coach.handle('S1', text(STRONG, 'm2'), DM)).stored).toHaveLength(1);
  });

  it('stores one answer per mock question', async () => {
    const { coach, tick } = setup();
    await coach.start(
      { id: 'M1', mode: 'mock', ...who, level: 'senior', principle: 'ownership', count: 2 },
      DM,
    );
    const stored = [];
    for (const [i, answer] of [
      STRONG,
      PROBE_ANSWER,
      PROBE_ANSWER,
      WEAK,
      PROBE_ANSWER,
      PROBE_ANSWER,
    ].entries()) {
      tick();
      const reply = answer === PROBE_ANSWER ? strongReply((await coach.session('M1'))!) : answer;
      stored.push(...(await coach.handle('M1', text(reply, `m${i}`), DM)).stored);
    }
    expect(stored.map((a) => a.text)).toEqual([STRONG, WEAK]);
    expect(new Set(stored.map((a) => a.principleId)).size).toBe(2);
    expect((await coach.session('M1'))?.status).toBe('done');
  });

  it('keeps where a channel answer came from', async () => {
    const { coach } = setup();
    const origin: Origin = {
      source: 'channel',
      channelId: 'C1',
      messageTs: '1700000000.000100',
      threadTs: '1700000000.000001',
    };
    await coach.start(
      {
        id: 'C1:1700000000.000001:U1',
        mode: 'thread',
        ...who,
        level: 'sde2',
        questionId: 'own-outside-scope',
      },
      origin,
    );
    const [record] = (await coach.handle('C1:1700000000.000001:U1', text(WEAK, '1700000000.000100'), origin))
      .stored;
    expect(record).toMatchObject({
      channelId: 'C1',
      messageTs: '1700000000.000100',
      threadTs: '1700000000.000001',
    });
  });

  it('refuses to continue a session that does not exist', async () => {
    const { coach } = setup();
    await expect(coach.handle('nope', text(WEAK), DM)).rejects.toThrow(CoachError);
  });

  it('finds the active session of a person by mode', async () => {
    const { coach } = setup();
    await coach.start(
      { id: 'S1', mode: 'practice', ...who, level: 'sde2', questionId: 'own-outside-scope' },
      DM,
    );
    expect((await coach.activeSession(who.teamId, who.userId))?.id).toBe('S1');
    expect(await coach.activeSession(who.teamId, who.userId, ['mock'])).toBeNull();
    await coach.handle('S1', { type: 'command', name: 'end' }, DM);
    expect(await coach.activeSession(who.teamId, who.userId)).toBeNull();
  });
});

describe('settings, stories and progress through the coach', () => {
  it('defaults to SDE2 in public and saves changes', async () => {
    const { coach } = setup();
    expect(await coach.settings('T1', 'U1')).toEqual({ level: 'sde2', privacy: 'public' });
    await coach.setSettings('T1', 'U1', { level: 'senior' });
    expect(await coach.settings('T1', 'U1')).toEqual({ level: 'senior', privacy: 'public' });
  });

  it('saves a scored answer as a story tagged with its principle and score', async () => {
    const { coach } = setup();
    await coach.start(
      { id: 'S1', mode: 'practice', ...who, level: 'sde2', questionId: 'own-outside-scope' },
      DM,
    );
    const [answer] = (await coach.handle('S1', text(STRONG, 'm1'), DM)).stored;
    const { story, created } = await coach.saveStory('T1', 'U1', { answerId: answer!.id });
    expect(created).toBe(true);
    expect(story).toMatchObject({ bestScore: answer!.score, text: STRONG, answerId: answer!.id });
    // Tagged with every principle the story shows, the question's own first.
    expect(story.principles[0]).toBe('ownership');
    expect(story.principles).toContain('dive-deep');
    expect(story.title.length).toBeGreaterThan(0);
    // A second save of the same answer finds the same story.
    expect(await coach.saveStory('T1', 'U1', { answerId: answer!.id })).toEqual({ story, created: false });
    expect(await coach.stories('T1', 'U1')).toHaveLength(1);
    expect((await coach.coverage('T1', 'U1')).find((r) => r.principle.id === 'ownership')?.status).toBe(
      'covered',
    );
    expect((await coach.bestStory('T1', 'U1', 'own-outside-scope'))?.story.id).toBe(story.id);
  });

  it('does not let a person save someone else’s answer', async () => {
    const { coach } = setup();
    await coach.start(
      { id: 'S1', mode: 'practice', ...who, level: 'sde2', questionId: 'own-outside-scope' },
      DM,
    );
    const [answer] = (await coach.handle('S1', text(STRONG, 'm1'), DM)).stored;
    await expect(coach.saveStory('T1', 'U2', { answerId: answer!.id })).rejects.toThrow(
      expect.objectContaining({ code: 'not_allowed' }),
    );
  });

  it('scores a pasted story and rejects an unknown principle or empty text', async () => {
    const { coach } = setup();
    const { story } = await coach.saveStory('T1', 'U1', {
      text: STRONG,
      principles: ['ownership'],
      title: 'Webhooks',
    });
    expect(story.bestScore).toBe(rubric.scoreAnswer(STRONG, { principle: 'ownership' }).score);
    await expect(coach.saveStory('T1', 'U1', { text: STRONG, principles: ['charisma'] })).rejects.toThrow(
      expect.objectContaining({ code: 'unknown_principle' }),
    );
    await expect(coach.saveStory('T1', 'U1', { text: '  ' })).rejects.toThrow(CoachError);
  });

  it('reframes a saved story for a principle named loosely', async () => {
    const { coach } = setup();
    const { story } = await coach.saveStory('T1', 'U1', {
      text: STRONG,
      principles: ['ownership'],
      title: 'Webhooks',
    });
    const r = await coach.reframe('cust obs', 'T1', 'U1', 'webhooks');
    expect(r.principle.id).toBe('customer-obsession');
    expect(r.applied?.story.id).toBe(story.id);
    await expect(coach.reframe('pizza')).rejects.toThrow(/Did you mean/);
    await expect(coach.reframe('dive deep', 'T1', 'U1', 'nothing like it')).rejects.toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
  });

  it('reports progress from stored answers', async () => {
    const { coach } = setup();
    await coach.start(
      { id: 'S1', mode: 'practice', ...who, level: 'sde2', questionId: 'own-outside-scope' },
      DM,
    );
    await coach.handle('S1', text(WEAK, 'm1'), DM);
    const progress = await coach.progress('T1', 'U1');
    // One principle tried: nothing to compare it with, so no weakest yet.
    expect(progress).toMatchObject({ attempts: 1, streakDays: 1, weakest: null, strongest: null });
  });
});
