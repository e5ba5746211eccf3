import type { Coach } from '../coach.js';
import type { Content } from '../content/content.js';
import type { Clock, Logger, Random } from '../ports.js';
import type { Output } from '../practice/session.js';
import type { Report } from '../rubric/types.js';
import {
  type ChannelSchedule,
  type Due,
  dueNow,
  localDate,
  pickPromptQuestion,
} from '../schedule/schedule.js';
import type { AnswerRecord, CoachStore } from '../store.js';
import type { ChannelStore, PromptRecord } from './ports.js';

/** A message posted in a channel thread, as the core needs it. */
export interface ThreadMessage {
  teamId: string;
  channelId: string;
  userId: string;
  ts: string;
  threadTs: string;
  text: string;
}

export type ThreadDecision =
  | { kind: 'ignore'; reason: 'not_our_thread' | 'top_level' }
  | { kind: 'duplicate'; key: string }
  | {
      kind: 'reply';
      /** Outbox key of the reply: one reply per incoming message, ever. */
      key: string;
      prompt: PromptRecord;
      outputs: Output[];
      privacy: 'public' | 'ephemeral';
      userId: string;
      answer: AnswerRecord | null;
      isProbeAnswer: boolean;
    };

export type EditDecision =
  | { kind: 'ignore' }
  | {
      kind: 'update';
      replyKey: string;
      report: Report;
      answer: AnswerRecord;
      privacy: 'public' | 'ephemeral';
      prompt: PromptRecord;
    };

export type DeleteDecision = { kind: 'ignore' } | { kind: 'delete'; replyKey: string; answerId: number };

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

export const replyKey = (channelId: string, ts: string) => `reply:${channelId}:${ts}`;
export const threadSessionId = (channelId: string, threadTs: string, userId: string) =>
  `thread:${channelId}:${threadTs}:${userId}`;

const WEEK = 7 * 86_400_000;

/** The daily channel practice: prompts, threaded answers, probes, edits, deletes and digests. */
export function createChannelService(deps: ChannelServiceDeps) {
  const { coach, coachStore, channels, content, clock, random } = deps;

  function threadReply(msg: ThreadMessage): ThreadDecision {
    if (msg.ts === msg.threadTs) return { kind: 'ignore', reason: 'top_level' };
    const prompt = channels.findPromptByTs(msg.channelId, msg.threadTs);
    if (!prompt) return { kind: 'ignore', reason: 'not_our_thread' };
    const key = replyKey(msg.channelId, msg.ts);
    if (channels.outboxGet(key) || coachStore.findAnswerByMessage(msg.channelId, msg.ts))
      return { kind: 'duplicate', key };
    const schedule = channels.getSchedule(msg.channelId);
    const privacy = schedule?.privacy ?? 'public';
    const sessionId = threadSessionId(msg.channelId, msg.threadTs, msg.userId);
    const origin = {
      source: 'channel' as const,
      channelId: msg.channelId,
      messageTs: msg.ts,
      threadTs: msg.threadTs,
    };
    const reply = (
      outputs: Output[],
      answer: AnswerRecord | null,
      isProbeAnswer: boolean,
    ): ThreadDecision => ({
      kind: 'reply',
      key,
      prompt,
      outputs,
      privacy,
      userId: msg.userId,
      answer,
      isProbeAnswer,
    });
    const existing = coach.session(sessionId);
    // The author's next reply after a follow-up answers it; anything else is a (new) answer.
    if (existing && existing.status === 'active' && existing.stage === 'awaiting_probe') {
      const step = coach.handle(sessionId, { type: 'text', text: msg.text, messageId: msg.ts }, origin);
      if (step.duplicate) return { kind: 'duplicate', key };
      return reply(step.output, null, true);
    }
    const userLevel = coach.settings(msg.teamId, msg.userId).level;
    const level = userLevel !== 'sde2' ? userLevel : prompt.level;
    coach.start(
      {
        id: sessionId,
        mode: 'thread',
        teamId: msg.teamId,
        userId: msg.userId,
        level,
        questionId: prompt.questionId,
      },
      origin,
    );
    const step = coach.handle(sessionId, { type: 'text', text: msg.text, messageId: msg.ts }, origin);
    let answer = step.stored[0] ?? null;
    if (!answer) {
      // Unscorable text (empty, emoji, another language) is kept too, so an edit can be scored later.
      answer = coachStore.insertAnswer({
        teamId: msg.teamId,
        userId: msg.userId,
        source: 'channel',
        channelId: msg.channelId,
        messageTs: msg.ts,
        threadTs: msg.threadTs,
        questionId: prompt.questionId,
        principleId: prompt.principleId,
        level,
        text: msg.text,
        score: null,
        verdict: 'not_scored',
        report: null,
        createdAt: clock(),
      }).record;
    }
    return reply(step.output, answer, false);
  }

  function edit(channelId: string, ts: string, text: string): EditDecision {
    const answer = coachStore.findAnswerByMessage(channelId, ts);
    if (answer?.source !== 'channel' || !answer.threadTs) return { kind: 'ignore' };
    const prompt = channels.findPromptByTs(channelId, answer.threadTs);
    if (!prompt) return { kind: 'ignore' };
    const report = coach.rubric.scoreAnswer(text, { question: answer.questionId, level: answer.level });
    const scored = report.status === 'scored';
    coachStore.updateAnswer(
      answer.id,
      {
        text,
        score: scored ? report.score : null,
        verdict: scored ? report.verdict : 'not_scored',
        report: scored ? report : null,
        edited: true,
      },
      clock(),
    );
    const privacy = channels.getSchedule(channelId)?.privacy ?? 'public';
    return {
      kind: 'update',
      replyKey: replyKey(channelId, ts),
      report,
      answer: coachStore.getAnswer(answer.id)!,
      privacy,
      prompt,
    };
  }

  function remove(channelId: string, ts: string): DeleteDecision {
    const answer = coachStore.findAnswerByMessage(channelId, ts);
    if (!answer) return { kind: 'ignore' };
    coachStore.deleteAnswer(answer.id);
    if (answer.threadTs) {
      const sessionId = threadSessionId(channelId, answer.threadTs, answer.userId);
      const session = coachStore.getSession(sessionId);
      if (session?.seen.includes(ts)) coachStore.deleteSession(sessionId);
    }
    return { kind: 'delete', replyKey: replyKey(channelId, ts), answerId: answer.id };
  }

  /** Prompts owed at `now` across all channels. */
  function due(now: number, graceMs: number): Due[] {
    const out: Due[] = [];
    for (const schedule of channels.listSchedules()) {
      const d = dueNow(schedule, now, graceMs);
      if (!d) continue;
      const existing = channels.promptForDay(schedule.channelId, d.localDate);
      if (existing) continue;
      out.push(d);
    }
    return out;
  }

  /** Claims the day's prompt (unique per channel and local date) with a question from the rotation. */
  function claim(d: Due, now: number): PromptRecord | null {
    const history = channels.promptHistory(d.schedule.channelId);
    const question = pickPromptQuestion(content, {
      level: d.schedule.level,
      history,
      now,
      random,
      weakestPrinciple: d.schedule.weighted ? weakestPrinciple(d.schedule.channelId, now) : null,
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
  function promptNow(schedule: ChannelSchedule, now: number): PromptRecord | null {
    const date = localDate(now, schedule.timezone);
    return claim({ schedule, dueAt: now, localDate: date, tooLate: false }, now);
  }

  function weakestPrinciple(channelId: string, now: number): string | null {
    const answers = channels.channelAnswers(channelId, now - 8 * WEEK, now);
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
  function digest(channelId: string, now: number, timezone: string): DigestData {
    const week = channels.channelAnswers(channelId, now - WEEK, now);
    const previous = channels.channelAnswers(channelId, now - 2 * WEEK, now - WEEK);
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

  return { threadReply, edit, remove, due, claim, promptNow, digest };
}

export type ChannelService = ReturnType<typeof createChannelService>;
