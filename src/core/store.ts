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

/**
 * Everything the core keeps about people. Async, so a networked database can implement it: SQLite and
 * PostgreSQL do (src/infra/sql), and tests use an in-memory twin that keeps the same contract.
 */
export interface CoachStore {
  getUser(teamId: string, userId: string): Promise<UserSettings>;
  saveUser(settings: UserSettings, now: number): Promise<void>;
  /** Whether the person has ever opened their App Home (only then is it kept current after changes). */
  homeOpened(teamId: string, userId: string): Promise<boolean>;
  /** Records that the person opened their App Home. */
  markHomeOpened(teamId: string, userId: string, now: number): Promise<void>;

  /** Inserts, or returns the existing row for the same (channel, message ts) with `inserted: false`. */
  insertAnswer(answer: NewAnswer): Promise<{ record: AnswerRecord; inserted: boolean }>;
  findAnswerByMessage(channelId: string, messageTs: string): Promise<AnswerRecord | null>;
  getAnswer(id: number): Promise<AnswerRecord | null>;
  /**
   * Changes an answer. A conversation that keeps an item by reference to it (`Item.answerId`) and would see
   * its text or report change gets its own copy of the words it had first; it may point at the row again by
   * saving the item with the new words.
   */
  updateAnswer(
    id: number,
    patch: Partial<Pick<AnswerRecord, 'text' | 'score' | 'verdict' | 'report' | 'replyTs' | 'edited'>>,
    now: number,
  ): Promise<void>;
  /** Deletes an answer; a conversation that kept an item by reference to it gets its own copy first. */
  deleteAnswer(id: number): Promise<void>;
  listAnswers(teamId: string, userId: string): Promise<AnswerRecord[]>;

  getSession(id: string): Promise<SessionState | null>;
  saveSession(state: SessionState): Promise<void>;
  deleteSession(id: string): Promise<void>;
  /** The most recent active session of a person, optionally of some modes. */
  findActiveSession(
    teamId: string,
    userId: string,
    modes?: SessionState['mode'][],
  ): Promise<SessionState | null>;

  addStory(
    teamId: string,
    userId: string,
    story: Omit<Story, 'id' | 'createdAt' | 'updatedAt'>,
    now: number,
    answerId?: number | null,
  ): Promise<Story>;
  listStories(teamId: string, userId: string): Promise<Story[]>;
  getStory(teamId: string, userId: string, id: number): Promise<Story | null>;
  updateStory(
    teamId: string,
    userId: string,
    id: number,
    patch: Partial<Pick<Story, 'title' | 'principles' | 'bestScore' | 'text'>>,
    now: number,
  ): Promise<Story | null>;
  deleteStory(teamId: string, userId: string, id: number): Promise<boolean>;

  /** All data about one person, as plain JSON. */
  exportUser(teamId: string, userId: string): Promise<Record<string, unknown>>;
  /** Deletes every row about one person and says how many of each. */
  forgetUser(teamId: string, userId: string): Promise<DeletedCounts>;
  /** Runs `fn` atomically; every store call inside it, however deep, joins the same transaction. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
}
