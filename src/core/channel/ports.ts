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

/** A message we owe Slack, written before it is sent so a crash can neither lose nor double it. */
export interface OutboxEntry {
  key: string;
  teamId: string;
  /** The person whose words the message may quote, so "forget me" can remove it. */
  userId: string | null;
  channelId: string;
  threadTs: string | null;
  payload: unknown;
  status: 'pending' | 'sent';
  sentTs: string | null;
  createdAt: number;
}

export interface ChannelAnswer {
  userId: string;
  principleId: string | null;
  score: number;
  createdAt: number;
  report: { dimensions?: Array<{ id: string; rating: number; evidence: string[] }> } | null;
}

/** Channel schedules, the daily prompt ledger, event dedupe and the outbox. SQLite implements it. */
export interface ChannelStore {
  getSchedule(channelId: string): ChannelSchedule | null;
  saveSchedule(schedule: ChannelSchedule, now: number): void;
  listSchedules(): ChannelSchedule[];
  setPaused(channelId: string, paused: boolean, reason: string | null, now: number): void;

  /** Claims today's prompt for a channel; null when it was already claimed (posted or not). */
  claimPrompt(prompt: NewPrompt): PromptRecord | null;
  getPrompt(id: number): PromptRecord | null;
  promptForDay(channelId: string, localDate: string): PromptRecord | null;
  markPromptPosted(id: number, ts: string, now: number): void;
  markPromptSkipped(id: number, reason: string): void;
  markPromptFailed(id: number, error: string): void;
  findPromptByTs(channelId: string, ts: string): PromptRecord | null;
  pendingPrompts(): PromptRecord[];
  promptHistory(channelId: string): PromptHistory[];

  /** Keeps a received event until it is handled (written before Slack gets its ack); a restart replays the rest. */
  inboxAdd(eventId: string, teamId: string | null, body: unknown, now: number): void;
  inboxDone(eventId: string): void;
  inboxPending(): Array<{ eventId: string; body: unknown }>;

  isEventProcessed(eventId: string): boolean;
  markEventProcessed(eventId: string, teamId: string | null, now: number): void;
  pruneEvents(before: number): number;

  outboxGet(key: string): OutboxEntry | null;
  outboxAdd(entry: Omit<OutboxEntry, 'status' | 'sentTs'>): boolean;
  outboxSent(key: string, ts: string): void;
  outboxPending(): OutboxEntry[];
  outboxDelete(key: string): void;

  channelAnswers(channelId: string, since: number, until: number): ChannelAnswer[];
  claimDigest(channelId: string, weekStart: string, now: number): boolean;
  markDigestPosted(channelId: string, weekStart: string, ts: string): void;

  /** Removes everything stored for a workspace (uninstall / tokens revoked). */
  forgetTeam(teamId: string): void;
  /** Runs `fn` atomically. */
  transaction<T>(fn: () => T): T;
}
