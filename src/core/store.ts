import type { Level } from './content/schema.js';
import type { SessionState } from './practice/session.js';
import type { Report } from './rubric/types.js';
import type { Story } from './stories/stories.js';

/** Where an answer came from. */
export type AnswerSource = 'channel' | 'dm' | 'terminal';

export interface AnswerRecord {
  id: number;
  teamId: string;
  userId: string;
  source: AnswerSource;
  channelId: string | null;
  messageTs: string | null;
  threadTs: string | null;
  questionId: string | null;
  principleId: string | null;
  level: Level;
  text: string;
  score: number | null;
  verdict: string | null;
  report: Report | null;
  replyTs: string | null;
  edited: boolean;
  createdAt: number;
  updatedAt: number;
}

export type NewAnswer = Omit<AnswerRecord, 'id' | 'replyTs' | 'edited' | 'updatedAt'> & {
  replyTs?: string | null;
};

export interface UserSettings {
  teamId: string;
  userId: string;
  level: Level;
  privacy: 'public' | 'ephemeral';
}

export interface DeletedCounts {
  answers: number;
  stories: number;
  sessions: number;
  settings: number;
}

/** Everything the core keeps about people. SQLite implements it; tests may use memory. */
export interface CoachStore {
  getUser(teamId: string, userId: string): UserSettings;
  saveUser(settings: UserSettings, now: number): void;

  /** Inserts, or returns the existing row for the same (channel, message ts) with `inserted: false`. */
  insertAnswer(answer: NewAnswer): { record: AnswerRecord; inserted: boolean };
  findAnswerByMessage(channelId: string, messageTs: string): AnswerRecord | null;
  getAnswer(id: number): AnswerRecord | null;
  updateAnswer(
    id: number,
    patch: Partial<Pick<AnswerRecord, 'text' | 'score' | 'verdict' | 'report' | 'replyTs' | 'edited'>>,
    now: number,
  ): void;
  deleteAnswer(id: number): void;
  listAnswers(teamId: string, userId: string): AnswerRecord[];

  getSession(id: string): SessionState | null;
  saveSession(state: SessionState): void;
  deleteSession(id: string): void;
  /** The most recent active session of a person, optionally of some modes. */
  findActiveSession(teamId: string, userId: string, modes?: SessionState['mode'][]): SessionState | null;

  addStory(
    teamId: string,
    userId: string,
    story: Omit<Story, 'id' | 'createdAt' | 'updatedAt'>,
    now: number,
    answerId?: number | null,
  ): Story;
  listStories(teamId: string, userId: string): Story[];
  getStory(teamId: string, userId: string, id: number): Story | null;
  updateStory(
    teamId: string,
    userId: string,
    id: number,
    patch: Partial<Pick<Story, 'title' | 'principles' | 'bestScore' | 'text'>>,
    now: number,
  ): Story | null;
  deleteStory(teamId: string, userId: string, id: number): boolean;

  /** All data about one person, as plain JSON. */
  exportUser(teamId: string, userId: string): Record<string, unknown>;
  /** Deletes every row about one person and says how many of each. */
  forgetUser(teamId: string, userId: string): DeletedCounts;
  /** Runs `fn` atomically (nested calls join the outer transaction). */
  transaction<T>(fn: () => T): T;
}
