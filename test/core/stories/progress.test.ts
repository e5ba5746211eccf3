import { describe, expect, it } from 'vitest';
import { type Attempt, progressOf, sparkline } from '../../../src/core/stories/progress.js';
import { loadContent } from '../../../src/infra/content-files.js';

const content = loadContent();
const DAY = 86_400_000;
// Wednesday 2025-03-12, 15:00 UTC.
const NOW = Date.UTC(2025, 2, 12, 15);
const daysAgo = (n: number, hour = 10) => Date.UTC(2025, 2, 12 - n, hour);
const attempt = (principle: string | null, score: number, createdAt: number): Attempt => ({
  principle,
  score,
  createdAt,
});

describe('streak', () => {
  it.each([
    { label: 'today, yesterday and the day before', days: [0, 1, 2], streak: 3 },
    { label: 'two attempts on the same day count once', days: [0, 0, 1], streak: 2 },
    { label: 'yesterday and before, nothing yet today', days: [1, 2, 3], streak: 3 },
    { label: 'a gap of one day breaks it', days: [0, 2, 3], streak: 1 },
    { label: 'last practice two days ago', days: [2, 3, 4], streak: 0 },
    { label: 'no practice at all', days: [], streak: 0 },
  ])('$label → $streak', ({ days, streak }) => {
    const attempts = days.map((d) => attempt('ownership', 60, daysAgo(d)));
    expect(progressOf(content, attempts, NOW).streakDays).toBe(streak);
  });

  it('counts days in the person’s timezone', () => {
    // 23:30 UTC yesterday is already today in UTC+2, so with today's attempt that is one day, not two.
    const attempts = [
      attempt('ownership', 60, daysAgo(1, 23) + 30 * 60_000),
      attempt('ownership', 60, daysAgo(0)),
    ];
    expect(progressOf(content, attempts, NOW, 0).streakDays).toBe(2);
    expect(progressOf(content, attempts, NOW, 120).streakDays).toBe(1);
  });
});

describe('progress', () => {
  const attempts = [
    attempt('ownership', 40, NOW - 5 * DAY),
    attempt('ownership', 80, NOW - 4 * DAY),
    attempt('dive-deep', 50, NOW - 3 * DAY),
    attempt('frugality', 70, NOW - 2 * DAY),
    attempt(null, 90, NOW - DAY),
  ];
  const progress = progressOf(content, [...attempts].reverse(), NOW);

  it('counts attempts and the rounded average', () => {
    expect(progress.attempts).toBe(5);
    expect(progress.averageScore).toBe(66);
  });

  it('keeps a per-principle trend, oldest first', () => {
    const ownership = progress.perPrinciple.find((p) => p.principle === 'ownership')!;
    expect(ownership).toEqual({ principle: 'ownership', attempts: 2, average: 60, trend: [40, 80] });
    expect(progress.perPrinciple).toHaveLength(16);
  });

  it('names the weakest principle by average, and the untried ones', () => {
    expect(progress.weakest).toBe('dive-deep');
    expect(progress.untried).toHaveLength(13);
    expect(progress.untried).not.toContain('ownership');
    expect(progress.recentScores).toEqual([40, 80, 50, 70, 90]);
  });

  it('breaks a tie for weakest by id, and has none without attempts', () => {
    const tie = progressOf(
      content,
      [attempt('think-big', 50, NOW), attempt('earn-trust', 50, NOW), attempt('frugality', 80, NOW)],
      NOW,
    );
    expect([tie.weakest, tie.strongest]).toEqual(['earn-trust', 'frugality']);
    const empty = progressOf(content, [], NOW);
    expect([empty.weakest, empty.averageScore, empty.untried.length]).toEqual([null, null, 16]);
  });

  it('names no strongest or weakest principle without evidence to compare', () => {
    const one = progressOf(content, [attempt('customer-obsession', 96, NOW)], NOW);
    expect([one.weakest, one.strongest]).toEqual([null, null]);
    const level = progressOf(content, [attempt('think-big', 70, NOW), attempt('earn-trust', 70, NOW)], NOW);
    expect([level.weakest, level.strongest]).toEqual([null, null]);
  });
});

describe('sparkline', () => {
  it.each([
    [[0, 50, 100], '▁▅█'],
    [[10, 30, 60, 90], '▁▃▅█'],
    [[-20, 140], '▁█'],
    [[], ''],
  ])('%j → "%s"', (scores, line) => {
    expect(sparkline(scores)).toBe(line);
  });
});
