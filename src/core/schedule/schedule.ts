import { Cron } from 'croner';
import type { Content, QuestionEntry } from '../content/content.js';
import type { Level } from '../content/schema.js';
import type { Random } from '../ports.js';

/**
 * Who sees a score card in a channel: `public` (public unless the person chose private), `ephemeral` (private
 * to each author) or `always_public` (public for everyone, whatever their own setting).
 */
export type ChannelPrivacy = 'public' | 'ephemeral' | 'always_public';
export const CHANNEL_PRIVACIES: readonly ChannelPrivacy[] = ['public', 'ephemeral', 'always_public'];

/** A person's own default for their thread answers. */
export type PersonalPrivacy = 'public' | 'ephemeral';

/** The privacy of one person's card in a channel: the channel's rule, else the person's default. */
export function effectivePrivacy(channel: ChannelPrivacy | null, personal: PersonalPrivacy): PersonalPrivacy {
  if (channel === 'ephemeral') return 'ephemeral';
  if (channel === 'always_public') return 'public';
  return personal;
}

/** A channel's daily practice schedule. Weekdays: 0 = Sunday … 6 = Saturday. */
export interface ChannelSchedule {
  teamId: string;
  channelId: string;
  /** Local wall time "HH:MM". */
  localTime: string;
  /** IANA zone, e.g. "Europe/Berlin". */
  timezone: string;
  weekdays: number[];
  level: Level;
  privacy: ChannelPrivacy;
  /** Lean the rotation toward the channel's weakest principle. */
  weighted: boolean;
  paused: boolean;
  pauseReason: string | null;
  /** Weekday of the weekly digest, or null for none. */
  digestWeekday: number | null;
  createdBy: string;
}

export const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** True when the zone is a real IANA zone this runtime knows. */
export function isValidTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz.length > 0;
  } catch {
    return false;
  }
}

export function isValidLocalTime(value: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}

/**
 * One value per key, built on first use and kept: the scheduler asks the same few zones and patterns about every
 * channel at every tick, and a new Intl.DateTimeFormat or Cron each time made a tick over 50 channels take
 * 25-40 ms (3 ms now) and hold native memory until a full garbage collection.
 */
function memo<T>(build: (key: string) => T, limit = 500): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      // Bounded, for a workspace with more distinct zones or times than that: start over.
      if (cache.size >= limit) cache.clear();
      value = build(key);
      cache.set(key, value);
    }
    return value;
  };
}

// A paused Cron is never started, so one per pattern and zone can be shared by every schedule with them.
const cronOf = memo((key) => {
  const [pattern, timezone] = key.split('\n') as [string, string];
  return new Cron(pattern, { timezone, paused: true });
});

function cronFor(schedule: Pick<ChannelSchedule, 'localTime' | 'timezone' | 'weekdays'>): Cron {
  const [hh, mm] = schedule.localTime.split(':').map(Number);
  const days = [...new Set(schedule.weekdays)].sort().join(',');
  return cronOf(`0 ${mm} ${hh} * * ${days}\n${schedule.timezone}`);
}

/** The next time the prompt is due strictly after `after` (ms), or null when no weekday is set. */
export function nextRunAt(
  schedule: Pick<ChannelSchedule, 'localTime' | 'timezone' | 'weekdays'>,
  after: number,
): number | null {
  if (!schedule.weekdays.length) return null;
  const next = cronFor(schedule).nextRun(new Date(after));
  return next ? next.getTime() : null;
}

/** The most recent due time at or before `now`, or null. DST gaps and overlaps are croner's job. */
export function lastRunAt(
  schedule: Pick<ChannelSchedule, 'localTime' | 'timezone' | 'weekdays'>,
  now: number,
): number | null {
  if (!schedule.weekdays.length) return null;
  const runs = cronFor(schedule).previousRuns(1, new Date(now + 1));
  return runs[0] ? runs[0].getTime() : null;
}

/** "YYYY-MM-DD" of an instant in a zone: the key of "one prompt per channel per day". */
export function localDate(at: number, timezone: string): string {
  return dateFormat(timezone).format(new Date(at));
}

const dateFormat = memo(
  (timeZone) =>
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
);
const weekdayFormat = memo((timeZone) => new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' }));

/** Weekday (0 = Sunday) of an instant in a zone. */
export function localWeekday(at: number, timezone: string): number {
  const name = weekdayFormat(timezone).format(new Date(at));
  return WEEKDAY_NAMES.indexOf(name as (typeof WEEKDAY_NAMES)[number]);
}

export interface Due {
  schedule: ChannelSchedule;
  dueAt: number;
  localDate: string;
  /** Past the grace window: log and skip rather than post hours late. */
  tooLate: boolean;
}

/** The prompt a schedule owes at `now`: its last due time today, whether it is still in grace. */
export function dueNow(schedule: ChannelSchedule, now: number, graceMs: number): Due | null {
  if (schedule.paused) return null;
  const dueAt = lastRunAt(schedule, now);
  if (dueAt === null) return null;
  const date = localDate(dueAt, schedule.timezone);
  // Only today's prompt is owed: yesterday's missed one is not posted now.
  if (date !== localDate(now, schedule.timezone)) return null;
  return { schedule, dueAt, localDate: date, tooLate: now - dueAt > graceMs };
}

export interface PromptHistory {
  questionId: string;
  principleId: string;
  postedAt: number;
}

/**
 * Picks the next question for a channel: all 16 principles over time (least recently used first),
 * no question repeated within `noRepeatDays`, optionally leaning toward the weakest principle.
 */
export function pickPromptQuestion(
  content: Content,
  options: {
    level: Level;
    history: PromptHistory[];
    now: number;
    random: Random;
    weakestPrinciple?: string | null;
    noRepeatDays?: number;
  },
): QuestionEntry {
  const { history, now, random, level } = options;
  const window = (options.noRepeatDays ?? 60) * 86_400_000;
  const recent = new Set(history.filter((h) => now - h.postedAt < window).map((h) => h.questionId));
  const lastUsed = new Map<string, number>();
  for (const h of history)
    lastUsed.set(h.principleId, Math.max(lastUsed.get(h.principleId) ?? 0, h.postedAt));
  const order = [...content.principles].sort(
    (a, b) =>
      (lastUsed.get(a.id) ?? 0) - (lastUsed.get(b.id) ?? 0) ||
      content.principles.indexOf(a) - content.principles.indexOf(b),
  );
  let principle = order[0]!;
  if (options.weakestPrinciple && content.principleById.has(options.weakestPrinciple) && random() < 0.35) {
    principle = content.principleById.get(options.weakestPrinciple)!;
  }
  const candidates = (pool: QuestionEntry[]) => pool.filter((q) => !recent.has(q.id));
  const forLevel = (content.questionsByPrinciple.get(principle.id) ?? []).filter((q) =>
    q.levels.includes(level),
  );
  let pool = candidates(forLevel);
  if (!pool.length) pool = candidates(content.questionsByPrinciple.get(principle.id) ?? []);
  if (!pool.length) pool = candidates(content.questions);
  if (!pool.length) pool = content.questions;
  return pool[Math.min(pool.length - 1, Math.floor(random() * pool.length))]!;
}
