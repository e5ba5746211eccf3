import type { Content } from '../content/content.js';

/** One scored attempt, as the progress view needs it. */
export interface Attempt {
  principle: string | null;
  score: number;
  createdAt: number;
}

export interface PrincipleProgress {
  principle: string;
  attempts: number;
  average: number | null;
  /** Scores oldest to newest (the last ten). */
  trend: number[];
}

export interface Progress {
  attempts: number;
  averageScore: number | null;
  /** Consecutive days with practice, ending today or yesterday. */
  streakDays: number;
  perPrinciple: PrincipleProgress[];
  /**
   * Strongest and weakest principle by average, only once there is evidence to compare: at least
   * MIN_PRINCIPLES_TO_RANK principles tried, with different averages.
   */
  weakest: string | null;
  strongest: string | null;
  untried: string[];
  recentScores: number[];
}

const DAY = 86_400_000;
/** Naming a "weakest" principle needs at least this many principles to compare. */
export const MIN_PRINCIPLES_TO_RANK = 2;

/** Day number of a timestamp in a timezone given as an offset in minutes. */
const dayOf = (ms: number, offsetMinutes: number) => Math.floor((ms + offsetMinutes * 60_000) / DAY);

/** Attempts, streak, trend per principle and the weakest principle, for the App Home and digests. */
export function progressOf(content: Content, attempts: Attempt[], now: number, offsetMinutes = 0): Progress {
  const sorted = [...attempts].sort((a, b) => a.createdAt - b.createdAt);
  const perPrinciple = content.principles.map((p) => {
    const mine = sorted.filter((a) => a.principle === p.id);
    const average = mine.length ? Math.round(mine.reduce((n, a) => n + a.score, 0) / mine.length) : null;
    return { principle: p.id, attempts: mine.length, average, trend: mine.slice(-10).map((a) => a.score) };
  });
  const days = new Set(sorted.map((a) => dayOf(a.createdAt, offsetMinutes)));
  const today = dayOf(now, offsetMinutes);
  let streakDays = 0;
  let day = days.has(today) ? today : today - 1;
  while (days.has(day)) {
    streakDays++;
    day--;
  }
  const tried = perPrinciple
    .filter((p) => p.average !== null)
    .sort((a, b) => a.average! - b.average! || a.principle.localeCompare(b.principle));
  const low = tried[0];
  const high = tried[tried.length - 1];
  const ranked = tried.length >= MIN_PRINCIPLES_TO_RANK && low && high && low.average! < high.average!;
  const weakest = ranked ? low.principle : null;
  const strongest = ranked ? high.principle : null;
  return {
    attempts: sorted.length,
    averageScore: sorted.length ? Math.round(sorted.reduce((n, a) => n + a.score, 0) / sorted.length) : null,
    streakDays,
    perPrinciple,
    weakest,
    strongest,
    untried: perPrinciple.filter((p) => p.attempts === 0).map((p) => p.principle),
    recentScores: sorted.slice(-12).map((a) => a.score),
  };
}

const SPARK = '▁▂▃▄▅▆▇█';

/** A text sparkline of 0-100 scores. */
export function sparkline(scores: number[]): string {
  return scores.map((s) => SPARK[Math.min(7, Math.max(0, Math.floor((s / 100) * 8)))]).join('');
}
