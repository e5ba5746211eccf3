import {
  detachStoredAnswer,
  type SessionState,
  storedAnswerIds,
  withoutStoredAnswers,
  withStoredAnswers,
} from '../../src/core/practice/session.js';
import type { AnswerRecord, CoachStore, DeletedCounts, UserSettings } from '../../src/core/store.js';
import type { Story } from '../../src/core/stories/stories.js';
import { memoryTransactions } from './memory-transaction.js';

/** Copies through JSON, as the SQLite store does, so callers never share objects with the store. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

interface StoryRow extends Story {
  teamId: string;
  userId: string;
  answerId: number | null;
}

/** An in-memory CoachStore for core tests; it keeps the same contract as the SQLite one. */
export interface MemoryStore extends CoachStore {
  /** Every insertAnswer call, including ones that hit an existing (channel, message ts). */
  insertCalls: number;
  /** Every answer held (the channel twin reads them for digests). */
  allAnswers(): AnswerRecord[];
}

export function createMemoryStore(): MemoryStore {
  const users = new Map<string, UserSettings>();
  const homeOpened = new Set<string>();
  const answers: AnswerRecord[] = [];
  const sessions = new Map<string, { state: SessionState; order: number }>();
  const stories: StoryRow[] = [];
  let nextStory = 1;
  let saves = 0;
  const key = (teamId: string, userId: string) => `${teamId}/${userId}`;
  const snapshot = () => ({
    users: copy([...users]),
    homeOpened: [...homeOpened],
    answers: copy(answers),
    sessions: copy([...sessions]),
    stories: copy(stories),
    nextStory,
  });
  const restore = (saved: ReturnType<typeof snapshot>) => {
    users.clear();
    for (const [k, v] of saved.users) users.set(k, v);
    homeOpened.clear();
    for (const k of saved.homeOpened) homeOpened.add(k);
    answers.splice(0, answers.length, ...saved.answers);
    sessions.clear();
    for (const [k, v] of saved.sessions) sessions.set(k, v);
    stories.splice(0, stories.length, ...saved.stories);
    nextStory = saved.nextStory;
  };
  const mine = <T extends { teamId: string; userId: string }>(rows: T[], teamId: string, userId: string) =>
    rows.filter((r) => r.teamId === teamId && r.userId === userId);
  const toStory = ({ teamId: _t, userId: _u, ...story }: StoryRow): Story => copy(story);
  // As the SQL stores do: conversations pointing at an answer that changes or goes keep their own copy.
  const detachConversations = (id: number) => {
    for (const [key, entry] of sessions) {
      if (!entry.state.items.some((i) => i.answerId === id)) continue;
      const whole = readBack(entry.state);
      detachStoredAnswer(whole, id);
      sessions.set(key, { state: copy(withoutStoredAnswers(whole)), order: entry.order });
    }
  };
  // Sessions are kept as the SQL stores keep them: items that point at an answer row read it back from there.
  const readBack = (state: SessionState): SessionState => {
    const [hydrated] = withStoredAnswers(
      [copy(state)],
      new Map(
        storedAnswerIds([state]).flatMap((id) => {
          const a = answers.find((row) => row.id === id);
          return a
            ? [[id, { teamId: a.teamId, userId: a.userId, text: a.text, report: copy(a.report) }] as const]
            : [];
        }),
      ),
    );
    return hydrated!;
  };

  const store: MemoryStore = {
    insertCalls: 0,
    allAnswers: () => copy(answers),
    async getUser(teamId, userId) {
      return copy(users.get(key(teamId, userId)) ?? { teamId, userId, level: 'sde2', privacy: 'public' });
    },
    async saveUser(settings) {
      users.set(key(settings.teamId, settings.userId), copy(settings));
    },
    async homeOpened(teamId, userId) {
      return homeOpened.has(key(teamId, userId));
    },
    async markHomeOpened(teamId, userId) {
      homeOpened.add(key(teamId, userId));
    },
    async insertAnswer(answer) {
      store.insertCalls++;
      if (answer.channelId && answer.messageTs) {
        const existing = await store.findAnswerByMessage(answer.channelId, answer.messageTs);
        if (existing) return { record: existing, inserted: false };
      }
      const record: AnswerRecord = {
        ...copy(answer),
        // SQLite's rowid rule: one more than the largest id there now, so a deleted last row's id comes back.
        id: answers.reduce((most, a) => Math.max(most, a.id), 0) + 1,
        replyTs: answer.replyTs ?? null,
        edited: false,
        updatedAt: answer.createdAt,
      };
      answers.push(record);
      return { record: copy(record), inserted: true };
    },
    async findAnswerByMessage(channelId, messageTs) {
      const found = answers.find((a) => a.channelId === channelId && a.messageTs === messageTs);
      return found ? copy(found) : null;
    },
    async getAnswer(id) {
      const found = answers.find((a) => a.id === id);
      return found ? copy(found) : null;
    },
    async updateAnswer(id, patch, now) {
      const found = answers.find((a) => a.id === id);
      if (patch.text !== undefined || patch.report !== undefined) detachConversations(id);
      if (found) Object.assign(found, copy(patch), { updatedAt: now });
    },
    async deleteAnswer(id) {
      detachConversations(id);
      const i = answers.findIndex((a) => a.id === id);
      if (i >= 0) answers.splice(i, 1);
    },
    async listAnswers(teamId, userId) {
      return copy(mine(answers, teamId, userId).sort((a, b) => a.createdAt - b.createdAt || a.id - b.id));
    },
    async getSession(id) {
      const found = sessions.get(id);
      return found ? readBack(found.state) : null;
    },
    async saveSession(state) {
      sessions.set(state.id, { state: copy(withoutStoredAnswers(state)), order: saves++ });
    },
    async deleteSession(id) {
      sessions.delete(id);
    },
    async findActiveSession(teamId, userId, modes) {
      const active = [...sessions.values()]
        .filter(
          ({ state }) => state.teamId === teamId && state.userId === userId && state.status === 'active',
        )
        .filter(({ state }) => !modes || modes.includes(state.mode))
        .sort((a, b) => b.state.updatedAt - a.state.updatedAt || b.order - a.order);
      return active[0] ? readBack(active[0].state) : null;
    },
    async addStory(teamId, userId, story, now, answerId = null) {
      const row: StoryRow = {
        ...copy(story),
        id: nextStory++,
        createdAt: now,
        updatedAt: now,
        teamId,
        userId,
        answerId,
      };
      stories.push(row);
      return toStory(row);
    },
    async listStories(teamId, userId) {
      return mine(stories, teamId, userId).map(toStory);
    },
    async getStory(teamId, userId, id) {
      const found = mine(stories, teamId, userId).find((s) => s.id === id);
      return found ? toStory(found) : null;
    },
    async updateStory(teamId, userId, id, patch, now) {
      const found = mine(stories, teamId, userId).find((s) => s.id === id);
      if (!found) return null;
      Object.assign(found, copy(patch), { updatedAt: now });
      return toStory(found);
    },
    async deleteStory(teamId, userId, id) {
      const i = stories.findIndex((s) => s.teamId === teamId && s.userId === userId && s.id === id);
      if (i < 0) return false;
      stories.splice(i, 1);
      return true;
    },
    async exportUser(teamId, userId) {
      return {
        exportedFor: { teamId, userId },
        settings: await store.getUser(teamId, userId),
        answers: await store.listAnswers(teamId, userId),
        stories: await store.listStories(teamId, userId),
        sessions: [...sessions.values()]
          .filter(({ state }) => state.teamId === teamId && state.userId === userId)
          .map(({ state }) => ({
            id: state.id,
            kind: state.mode,
            status: state.status,
            createdAt: state.createdAt,
            updatedAt: state.updatedAt,
            state: readBack(state),
          })),
      };
    },
    // One at a time, and all or nothing: a throw puts every row back as it was.
    transaction: memoryTransactions(snapshot, restore),
    async forgetUser(teamId, userId): Promise<DeletedCounts> {
      const drop = <T extends { teamId: string; userId: string }>(rows: T[]) => {
        const before = rows.length;
        for (let i = rows.length - 1; i >= 0; i--) {
          if (rows[i]!.teamId === teamId && rows[i]!.userId === userId) rows.splice(i, 1);
        }
        return before - rows.length;
      };
      let sessionCount = 0;
      for (const [id, { state }] of sessions) {
        if (state.teamId === teamId && state.userId === userId) {
          sessions.delete(id);
          sessionCount++;
        }
      }
      // One users row in SQL holds both the settings and the App Home mark.
      const hadSettings = users.delete(key(teamId, userId));
      const hadHome = homeOpened.delete(key(teamId, userId));
      const settings = hadSettings || hadHome ? 1 : 0;
      return { answers: drop(answers), stories: drop(stories), sessions: sessionCount, settings };
    },
  };
  return store;
}
