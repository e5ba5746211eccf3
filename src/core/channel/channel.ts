import type { Coach } from '../coach.js';
import type { Content } from '../content/content.js';
import type { Clock, Logger, Random } from '../ports.js';
import {
  type ChannelSchedule,
  type Due,
  dueNow,
  localDate,
  pickPromptQuestion,
} from '../schedule/schedule.js';
import type { CoachStore } from '../store.js';
import type { ChannelStore, PromptRecord } from './ports.js';

export interface DigestData {
  channelId: string;
  weekStart: string;
  participants: number;
  answers: number;
  averageScore: number | null;
  previousAverage: number | null;
  mostImproved: { userId: string; delta: number } | null;
  hardestPrinciple: { id: string; average: number } | null;
  strongPhrase: string | null;
}

export interface ChannelServiceDeps {
  coach: Coach;
  coachStore: CoachStore;
  channels: ChannelStore;
  content: Content;
  clock: Clock;
  random: Random;
  logger: Logger;
}

const WEEK = 7 * 86_400_000;

/** The daily channel practice: due prompts, their question rotation, and the weekly digests. */
export function createChannelService(deps: ChannelServiceDeps) {
  const { channels, content, random } = deps;

  /** Prompts owed at `now` across all channels. */
  async function due(now: number, graceMs: number): Promise<Due[]> {
    const out: Due[] = [];
    for (const schedule of await channels.listSchedules()) {
      const d = dueNow(schedule, now, graceMs);
      if (!d) continue;
      const existing = await channels.promptForDay(schedule.channelId, d.localDate);
      if (existing) continue;
      out.push(d);
    }
    return out;
  }

  /** Claims the day's prompt (unique per channel and local date) with a question from the rotation. */
  async function claim(d: Due, now: number): Promise<PromptRecord | null> {
    const history = await channels.promptHistory(d.schedule.channelId);
    const question = pickPromptQuestion(content, {
      level: d.schedule.level,
      history,
      now,
      random,
      weakestPrinciple: d.schedule.weighted ? await weakestPrinciple(d.schedule.channelId, now) : null,
    });
    return channels.claimPrompt({
      teamId: d.schedule.teamId,
      channelId: d.schedule.channelId,
      localDate: d.localDate,
      questionId: question.id,
      principleId: question.principle,
      questionText: question.text,
      level: d.schedule.level,
      dueAt: d.dueAt,
      claimedAt: now,
    });
  }

  /** Today's prompt for a channel now (an admin's `/star prompt`), claimed like a scheduled one. */
  function promptNow(schedule: ChannelSchedule, now: number): Promise<PromptRecord | null> {
    const date = localDate(now, schedule.timezone);
    return claim({ schedule, dueAt: now, localDate: date, tooLate: false }, now);
  }

  async function weakestPrinciple(channelId: string, now: number): Promise<string | null> {
    const answers = await channels.channelAnswers(channelId, now - 8 * WEEK, now);
    const by = new Map<string, number[]>();
    for (const a of answers)
      if (a.principleId) by.set(a.principleId, [...(by.get(a.principleId) ?? []), a.score]);
    let worst: string | null = null;
    let worstAvg = Number.POSITIVE_INFINITY;
    for (const [p, scores] of by) {
      const avg = scores.reduce((x, y) => x + y, 0) / scores.length;
      if (avg < worstAvg) {
        worst = p;
        worstAvg = avg;
      }
    }
    return worst;
  }

  /** The weekly digest: participation, average and trend, most improved, hardest principle, a strong phrase. */
  async function digest(channelId: string, now: number, timezone: string): Promise<DigestData> {
    const week = await channels.channelAnswers(channelId, now - WEEK, now);
    const previous = await channels.channelAnswers(channelId, now - 2 * WEEK, now - WEEK);
    const avg = (xs: number[]) => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : null);
    const byUser = (list: typeof week) => {
      const m = new Map<string, number[]>();
      for (const a of list) m.set(a.userId, [...(m.get(a.userId) ?? []), a.score]);
      return m;
    };
    const now_ = byUser(week);
    const before = byUser(previous);
    let mostImproved: DigestData['mostImproved'] = null;
    for (const [user, scores] of now_) {
      const prev = before.get(user);
      if (!prev) continue;
      const delta = avg(scores)! - avg(prev)!;
      if (delta > 0 && (!mostImproved || delta > mostImproved.delta)) mostImproved = { userId: user, delta };
    }
    const byPrinciple = new Map<string, number[]>();
    for (const a of week)
      if (a.principleId) byPrinciple.set(a.principleId, [...(byPrinciple.get(a.principleId) ?? []), a.score]);
    let hardest: DigestData['hardestPrinciple'] = null;
    for (const [id, scores] of byPrinciple) {
      const average = avg(scores)!;
      if (!hardest || average < hardest.average) hardest = { id, average };
    }
    // An anonymised strong phrase: evidence quoted from the best answer of the week.
    const best = [...week].sort((a, b) => b.score - a.score)[0];
    const phrase =
      best && best.score >= content.scoring.verdicts.hire
        ? (best.report?.dimensions?.find((d) => d.id === 'quantified_result' && d.evidence.length)
            ?.evidence[0] ??
          best.report?.dimensions?.find((d) => d.evidence.length)?.evidence[0] ??
          null)
        : null;
    return {
      channelId,
      weekStart: localDate(now - WEEK, timezone),
      participants: now_.size,
      answers: week.length,
      averageScore: avg(week.map((a) => a.score)),
      previousAverage: avg(previous.map((a) => a.score)),
      mostImproved,
      hardestPrinciple: hardest,
      strongPhrase: phrase,
    };
  }

  return { due, claim, promptNow, digest };
}

export type ChannelService = ReturnType<typeof createChannelService>;
