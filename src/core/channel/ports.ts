import type { Level } from '../content/schema.js';
import type { ChannelSchedule, PromptHistory } from '../schedule/schedule.js';

export interface PromptRecord {
  id: number;
  teamId: string;
  channelId: string;
  localDate: string;
  questionId: string;
  principleId: string;
  questionText: string;
  level: Level;
  status: 'pending' | 'posted' | 'skipped' | 'failed';
  messageTs: string | null;
  dueAt: number;
  claimedAt: number;
  postedAt: number | null;
  error: string | null;
}

export type NewPrompt = Pick<
  PromptRecord,
  | 'teamId'
  | 'channelId'
  | 'localDate'
  | 'questionId'
  | 'principleId'
  | 'questionText'
  | 'level'
  | 'dueAt'
  | 'claimedAt'
>;

export interface ChannelAnswer {
  userId: string;
  principleId: string | null;
  score: number;
  createdAt: number;
  report: { dimensions?: Array<{ id: string; rating: number; evidence: string[] }> } | null;
}

/**
 * What the core keeps about channels: schedules, the daily prompt ledger and weekly digests. Async, so a
 * networked database can implement it. (The Slack delivery ledger — inbox, event dedupe, outbox — is the Slack
 * side's, behind its own port: src/adapters/slack/ledger.ts.)
 */
export interface ChannelStore {
  getSchedule(channelId: string): Promise<ChannelSchedule | null>;
  saveSchedule(schedule: ChannelSchedule, now: number): Promise<void>;
  listSchedules(): Promise<ChannelSchedule[]>;
  setPaused(channelId: string, paused: boolean, reason: string | null, now: number): Promise<void>;

  /** Claims today's prompt for a channel (a unique insert); null when it was already claimed, anywhere. */
  claimPrompt(prompt: NewPrompt): Promise<PromptRecord | null>;
  getPrompt(id: number): Promise<PromptRecord | null>;
  promptForDay(channelId: string, localDate: string): Promise<PromptRecord | null>;
  markPromptPosted(id: number, ts: string, now: number): Promise<void>;
  markPromptSkipped(id: number, reason: string): Promise<void>;
  markPromptFailed(id: number, error: string): Promise<void>;
  findPromptByTs(channelId: string, ts: string): Promise<PromptRecord | null>;
  pendingPrompts(): Promise<PromptRecord[]>;
  promptHistory(channelId: string): Promise<PromptHistory[]>;

  channelAnswers(channelId: string, since: number, until: number): Promise<ChannelAnswer[]>;
  /** Claims a week's digest for a channel (a unique insert); false when it was already claimed. */
  claimDigest(channelId: string, weekStart: string, now: number): Promise<boolean>;
  markDigestPosted(channelId: string, weekStart: string, ts: string): Promise<void>;

  /** Removes everything stored for a workspace (uninstall / tokens revoked). */
  forgetTeam(teamId: string): Promise<void>;
  /** Runs `fn` atomically; store calls inside it join the same transaction. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
}
