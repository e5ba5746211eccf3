import { describe, expect, it } from 'vitest';
import {
  type ChannelSchedule,
  dueNow,
  isValidLocalTime,
  isValidTimezone,
  localDate,
  localWeekday,
  nextRunAt,
  type PromptHistory,
  pickPromptQuestion,
} from '../../../src/core/schedule/schedule.js';
import { loadContent } from '../../../src/infra/content-files.js';

const content = loadContent();
const DAY = 86_400_000;
const at = (iso: string) => Date.parse(iso);

const schedule = (over: Partial<ChannelSchedule> = {}): ChannelSchedule => ({
  teamId: 'T',
  channelId: 'C',
  localTime: '09:00',
  timezone: 'Europe/Berlin',
  weekdays: [1, 2, 3, 4, 5],
  level: 'sde2',
  privacy: 'public',
  weighted: false,
  paused: false,
  pauseReason: null,
  digestWeekday: null,
  createdBy: 'U',
  ...over,
});

/** A deterministic random sequence. */
function seeded(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

describe('schedule maths', () => {
  it.each([
    ['before the spring change', '2026-03-26T12:00:00Z', '2026-03-27T08:00:00.000Z'],
    ['over the spring-forward weekend', '2026-03-27T09:00:00Z', '2026-03-30T07:00:00.000Z'],
    ['over the autumn weekend', '2026-10-23T09:00:00Z', '2026-10-26T08:00:00.000Z'],
  ])('next 09:00 Berlin weekday run %s', (_label, from, expected) => {
    expect(new Date(nextRunAt(schedule(), at(from))!).toISOString()).toBe(expected);
  });

  it('handles a time that does not exist on the spring-forward day (02:30 Berlin)', () => {
    const s = schedule({ localTime: '02:30', weekdays: [0] });
    // 2026-03-29 02:30 does not exist locally; croner runs it at 03:00 CEST = 01:00Z.
    expect(new Date(nextRunAt(s, at('2026-03-28T12:00:00Z'))!).toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    );
  });

  it('has no next run without weekdays', () => {
    expect(nextRunAt(schedule({ weekdays: [] }), at('2026-03-26T12:00:00Z'))).toBeNull();
  });

  it('computes the local date and weekday in the channel zone', () => {
    expect(localDate(at('2026-11-22T23:30:00Z'), 'Europe/Berlin')).toBe('2026-11-23');
    expect(localDate(at('2026-11-22T23:30:00Z'), 'America/Los_Angeles')).toBe('2026-11-22');
    expect(localWeekday(at('2026-11-22T23:30:00Z'), 'Asia/Tokyo')).toBe(1);
  });

  it('owes today only: due within grace, too late after it, nothing while paused or on other days', () => {
    const grace = 2 * 3_600_000;
    expect(dueNow(schedule(), at('2026-11-23T08:30:00Z'), grace)).toMatchObject({
      localDate: '2026-11-23',
      tooLate: false,
    });
    expect(dueNow(schedule(), at('2026-11-23T10:30:00Z'), grace)).toMatchObject({ tooLate: true });
    expect(dueNow(schedule(), at('2026-11-23T07:59:00Z'), grace)).toBeNull(); // before 09:00, yesterday was Sunday
    expect(dueNow(schedule({ paused: true }), at('2026-11-23T08:30:00Z'), grace)).toBeNull();
    expect(dueNow(schedule(), at('2026-11-22T08:30:00Z'), grace)).toBeNull(); // Sunday
  });

  it('validates times and zones', () => {
    expect(isValidLocalTime('09:05')).toBe(true);
    expect(isValidLocalTime('24:00')).toBe(false);
    expect(isValidLocalTime('9:05')).toBe(false);
    expect(isValidTimezone('America/New_York')).toBe(true);
    expect(isValidTimezone('Mars/Olympus')).toBe(false);
  });
});

describe('question rotation', () => {
  it('covers all 16 principles in 16 days and repeats no question within 60 days', () => {
    const random = seeded(7);
    const history: PromptHistory[] = [];
    const start = at('2026-01-01T09:00:00Z');
    for (let day = 0; day < 90; day++) {
      const now = start + day * DAY;
      const q = pickPromptQuestion(content, { level: 'sde2', history, now, random });
      history.push({ questionId: q.id, principleId: q.principle, postedAt: now });
    }
    expect(new Set(history.slice(0, 16).map((h) => h.principleId)).size).toBe(16);
    for (const [i, h] of history.entries()) {
      const earlier = history.slice(0, i).filter((x) => x.questionId === h.questionId);
      for (const e of earlier) expect(h.postedAt - e.postedAt).toBeGreaterThanOrEqual(60 * DAY);
    }
  });

  it('leans toward the weakest principle when weighted, within the no-repeat rule', () => {
    const count = (weakestPrinciple: string | null) => {
      const random = seeded(3);
      const history: PromptHistory[] = [];
      for (let day = 0; day < 60; day++) {
        const now = at('2026-01-01T09:00:00Z') + day * DAY;
        const q = pickPromptQuestion(content, { level: 'sde2', history, now, random, weakestPrinciple });
        history.push({ questionId: q.id, principleId: q.principle, postedAt: now });
      }
      return history.filter((h) => h.principleId === 'dive-deep').length;
    };
    const plain = count(null);
    const weighted = count('dive-deep');
    expect(plain).toBeLessThanOrEqual(4);
    // Every Dive Deep question once in the 60 days, and never one twice.
    expect(weighted).toBe(content.questionsByPrinciple.get('dive-deep')!.length);
    expect(weighted).toBeGreaterThan(plain);
  });

  it('asks questions that suit the level', () => {
    const q = pickPromptQuestion(content, { level: 'principal', history: [], now: 0, random: () => 0.5 });
    expect(q.levels).toContain('principal');
  });
});
