import type { Level } from '../../core/content/schema.js';
import {
  detachStoredAnswer,
  type SessionState,
  type StoredAnswer,
  storedAnswerIds,
  withoutStoredAnswers,
  withStoredAnswers,
} from '../../core/practice/session.js';
import type { Report } from '../../core/rubric/types.js';
import type { AnswerRecord, CoachStore, DeletedCounts, UserSettings } from '../../core/store.js';
import type { Story } from '../../core/stories/stories.js';
import type { Sql } from './driver.js';
import { type Packed, packerFor, unpack } from './packed.js';

interface AnswerRow {
  id: number;
  team_id: string;
  user_id: string;
  source: AnswerRecord['source'];
  channel_id: string | null;
  message_ts: string | null;
  thread_ts: string | null;
  question_id: string | null;
  principle_id: string | null;
  level: Level;
  text: string;
  score: number | null;
  verdict: string | null;
  report_json: Packed | null;
  reply_ts: string | null;
  edited: number;
  created_at: number;
  updated_at: number;
}

interface StoryRow {
  id: number;
  title: string;
  text: string;
  principles_json: string;
  best_score: number;
  answer_id: number | null;
  created_at: number;
  updated_at: number;
}

/**
 * An answer row as the core sees it. The report is unpacked when first read: listings (the App Home,
 * progress, digests) read scores and never the report, and unpacking every report was most of their cost.
 */
function toAnswer(r: AnswerRow): AnswerRecord {
  let report: Report | null | undefined = r.report_json ? undefined : null;
  return {
    id: Number(r.id),
    teamId: r.team_id,
    userId: r.user_id,
    source: r.source,
    channelId: r.channel_id,
    messageTs: r.message_ts,
    threadTs: r.thread_ts,
    questionId: r.question_id,
    principleId: r.principle_id,
    level: r.level,
    text: r.text,
    score: r.score,
    verdict: r.verdict,
    get report() {
      if (report === undefined) report = unpack<Report>(r.report_json!);
      return report;
    },
    set report(value) {
      report = value;
    },
    replyTs: r.reply_ts,
    edited: r.edited === 1,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

const toStory = (r: StoryRow): Story => ({
  id: Number(r.id),
  title: r.title,
  text: r.text,
  principles: JSON.parse(r.principles_json) as string[],
  bestScore: r.best_score,
  answerId: r.answer_id === null ? null : Number(r.answer_id),
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

/** The core's store on SQLite or PostgreSQL (one set of queries; bound parameters only). */
export function createSqlCoachStore(sql: Sql): CoachStore {
  // Ties between rows of the same millisecond are broken by insertion order.
  const inserted = sql.dialect === 'sqlite' ? 'rowid' : 'seq';
  const pack = packerFor(sql.dialect);

  /** Fills in the items kept by reference to an answer row (a few hundred ids per query at most). */
  async function hydrate(states: SessionState[]): Promise<SessionState[]> {
    const ids = storedAnswerIds(states);
    const rows = new Map<number, StoredAnswer>();
    for (let at = 0; at < ids.length; at += 500) {
      const batch = ids.slice(at, at + 500);
      const placeholders = batch.map(() => '?').join(', ');
      const found = await sql.all<{
        id: number;
        team_id: string;
        user_id: string;
        text: string;
        report_json: Packed | null;
      }>(`SELECT id, team_id, user_id, text, report_json FROM answers WHERE id IN (${placeholders})`, batch);
      for (const r of found)
        rows.set(Number(r.id), {
          teamId: r.team_id,
          userId: r.user_id,
          text: r.text,
          report: r.report_json ? unpack<Report>(r.report_json) : null,
        });
    }
    return withStoredAnswers(states, rows);
  }

  /**
   * Gives every conversation of the answer's author that points at the answer its own copy of the words, before
   * the row changes or goes. Edits and deletes are rare; each reads that person's conversations once.
   */
  async function detachConversations(id: number): Promise<void> {
    const owner = await sql.get<{ team_id: string; user_id: string }>(
      'SELECT team_id, user_id FROM answers WHERE id = ?',
      [id],
    );
    if (!owner) return;
    const rows = await sql.all<{ state_json: Packed }>(
      'SELECT state_json FROM conversations WHERE team_id = ? AND user_id = ?',
      [owner.team_id, owner.user_id],
    );
    const pointing = rows
      .map((r) => unpack<SessionState>(r.state_json))
      .filter((state) => state.items.some((i) => i.answerId === id));
    for (const state of await hydrate(pointing))
      if (detachStoredAnswer(state, id)) await store.saveSession(state);
  }

  const store: CoachStore = {
    async getUser(teamId, userId) {
      const row = await sql.get<{ level: Level; privacy: UserSettings['privacy'] }>(
        'SELECT level, privacy FROM users WHERE team_id = ? AND user_id = ?',
        [teamId, userId],
      );
      return { teamId, userId, level: row?.level ?? 'sde2', privacy: row?.privacy ?? 'public' };
    },
    async saveUser(s, now) {
      await sql.run(
        `INSERT INTO users (team_id, user_id, level, privacy, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (team_id, user_id) DO UPDATE SET level = excluded.level, privacy = excluded.privacy, updated_at = excluded.updated_at`,
        [s.teamId, s.userId, s.level, s.privacy, now, now],
      );
    },
    async homeOpened(teamId, userId) {
      const row = await sql.get<{ at: number | null }>(
        'SELECT home_opened_at AS at FROM users WHERE team_id = ? AND user_id = ?',
        [teamId, userId],
      );
      return row?.at != null;
    },
    async markHomeOpened(teamId, userId, now) {
      await sql.run(
        `INSERT INTO users (team_id, user_id, created_at, updated_at, home_opened_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (team_id, user_id) DO UPDATE SET home_opened_at = excluded.home_opened_at
         WHERE users.home_opened_at IS NULL`,
        [teamId, userId, now, now, now],
      );
    },
    async insertAnswer(a) {
      const row = await sql.get<AnswerRow>(
        `INSERT INTO answers (team_id, user_id, source, channel_id, message_ts, thread_ts, question_id, principle_id, level, text, score, verdict, report_json, reply_ts, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (channel_id, message_ts) DO NOTHING RETURNING *`,
        [
          a.teamId,
          a.userId,
          a.source,
          a.channelId,
          a.messageTs,
          a.threadTs,
          a.questionId,
          a.principleId,
          a.level,
          a.text,
          a.score,
          a.verdict,
          a.report ? pack(a.report) : null,
          a.replyTs ?? null,
          a.createdAt,
          a.createdAt,
        ],
      );
      if (row) return { record: toAnswer(row), inserted: true };
      return { record: (await store.findAnswerByMessage(a.channelId!, a.messageTs!))!, inserted: false };
    },
    async findAnswerByMessage(channelId, messageTs) {
      const row = await sql.get<AnswerRow>('SELECT * FROM answers WHERE channel_id = ? AND message_ts = ?', [
        channelId,
        messageTs,
      ]);
      return row ? toAnswer(row) : null;
    },
    async getAnswer(id) {
      const row = await sql.get<AnswerRow>('SELECT * FROM answers WHERE id = ?', [id]);
      return row ? toAnswer(row) : null;
    },
    updateAnswer: (id, patch, now) =>
      sql.transaction(async () => {
        if (patch.text !== undefined || patch.report !== undefined) await detachConversations(id);
        const values: Array<[string, unknown]> = [
          ['text', patch.text],
          ['score', patch.score],
          ['verdict', patch.verdict],
          ['report_json', patch.report === undefined ? undefined : patch.report ? pack(patch.report) : null],
          ['reply_ts', patch.replyTs],
          ['edited', patch.edited === undefined ? undefined : patch.edited ? 1 : 0],
        ];
        const set = values.filter(([, v]) => v !== undefined);
        // Column names come from the fixed list above, never from input; values are bound.
        await sql.run(
          `UPDATE answers SET updated_at = ?${set.map(([c]) => `, ${c} = ?`).join('')} WHERE id = ?`,
          [now, ...set.map(([, v]) => v), id],
        );
      }),
    deleteAnswer: (id) =>
      sql.transaction(async () => {
        await detachConversations(id);
        await sql.run('DELETE FROM answers WHERE id = ?', [id]);
      }),
    async listAnswers(teamId, userId) {
      const rows = await sql.all<AnswerRow>(
        'SELECT * FROM answers WHERE team_id = ? AND user_id = ? ORDER BY created_at, id',
        [teamId, userId],
      );
      return rows.map(toAnswer);
    },
    async getSession(id) {
      const row = await sql.get<{ state_json: Packed }>('SELECT state_json FROM conversations WHERE id = ?', [
        id,
      ]);
      return row ? ((await hydrate([unpack<SessionState>(row.state_json)]))[0] ?? null) : null;
    },
    async saveSession(state) {
      await sql.run(
        `INSERT INTO conversations (id, team_id, user_id, kind, status, state_json, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, state_json = excluded.state_json, updated_at = excluded.updated_at`,
        [
          state.id,
          state.teamId,
          state.userId,
          state.mode,
          state.status,
          pack(withoutStoredAnswers(state)),
          state.createdAt,
          state.updatedAt,
        ],
      );
    },
    async deleteSession(id) {
      await sql.run('DELETE FROM conversations WHERE id = ?', [id]);
    },
    async findActiveSession(teamId, userId, modes) {
      const rows = await sql.all<{ state_json: Packed }>(
        `SELECT state_json FROM conversations WHERE team_id = ? AND user_id = ? AND status = 'active' ORDER BY updated_at DESC, ${inserted} DESC`,
        [teamId, userId],
      );
      for (const row of rows) {
        const state = unpack<SessionState>(row.state_json);
        if (!modes || modes.includes(state.mode)) return (await hydrate([state]))[0] ?? null;
      }
      return null;
    },
    async addStory(teamId, userId, story, now, answerId = null) {
      const row = await sql.get<StoryRow>(
        `INSERT INTO stories (team_id, user_id, title, text, principles_json, best_score, answer_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
        [
          teamId,
          userId,
          story.title,
          story.text,
          JSON.stringify(story.principles),
          story.bestScore,
          answerId,
          now,
          now,
        ],
      );
      return toStory(row!);
    },
    async listStories(teamId, userId) {
      const rows = await sql.all<StoryRow>(
        'SELECT * FROM stories WHERE team_id = ? AND user_id = ? ORDER BY id',
        [teamId, userId],
      );
      return rows.map(toStory);
    },
    async getStory(teamId, userId, id) {
      const row = await sql.get<StoryRow>(
        'SELECT * FROM stories WHERE team_id = ? AND user_id = ? AND id = ?',
        [teamId, userId, id],
      );
      return row ? toStory(row) : null;
    },
    async updateStory(teamId, userId, id, patch, now) {
      const current = await store.getStory(teamId, userId, id);
      if (!current) return null;
      const next = { ...current, ...patch };
      await sql.run(
        'UPDATE stories SET title = ?, text = ?, principles_json = ?, best_score = ?, updated_at = ? WHERE team_id = ? AND user_id = ? AND id = ?',
        [next.title, next.text, JSON.stringify(next.principles), next.bestScore, now, teamId, userId, id],
      );
      return store.getStory(teamId, userId, id);
    },
    async deleteStory(teamId, userId, id) {
      return (
        (await sql.run('DELETE FROM stories WHERE team_id = ? AND user_id = ? AND id = ?', [
          teamId,
          userId,
          id,
        ])) === 1
      );
    },
    async exportUser(teamId, userId) {
      const sessions = await sql.all<{
        id: string;
        kind: string;
        status: string;
        state_json: Packed;
        created_at: number;
        updated_at: number;
      }>(
        'SELECT id, kind, status, state_json, created_at, updated_at FROM conversations WHERE team_id = ? AND user_id = ?',
        [teamId, userId],
      );
      const states = await hydrate(sessions.map((r) => unpack<SessionState>(r.state_json)));
      return {
        exportedFor: { teamId, userId },
        settings: await store.getUser(teamId, userId),
        answers: await store.listAnswers(teamId, userId),
        stories: await store.listStories(teamId, userId),
        sessions: sessions.map((r, i) => ({
          id: r.id,
          kind: r.kind,
          status: r.status,
          createdAt: Number(r.created_at),
          updatedAt: Number(r.updated_at),
          state: states[i],
        })),
      };
    },
    forgetUser(teamId, userId) {
      return sql.transaction(async (): Promise<DeletedCounts> => {
        const del = (table: string) =>
          sql.run(`DELETE FROM ${table} WHERE team_id = ? AND user_id = ?`, [teamId, userId]);
        const stories = await del('stories');
        const answers = await del('answers');
        const sessions = await del('conversations');
        const settings = await del('users');
        // Messages we still owed them, and events still holding their words.
        await del('outbox');
        await del('inbox');
        return { answers, stories, sessions, settings };
      });
    },
    transaction: (fn) => sql.transaction(fn),
  };
  return store;
}
