import type { Level } from '../../core/content/schema.js';
import type { SessionState } from '../../core/practice/session.js';
import type { AnswerRecord, CoachStore, DeletedCounts, UserSettings } from '../../core/store.js';
import type { Story } from '../../core/stories/stories.js';
import type { Db } from './database.js';

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
  report_json: string | null;
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

const toAnswer = (r: AnswerRow): AnswerRecord => ({
  id: r.id,
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
  report: r.report_json ? JSON.parse(r.report_json) : null,
  replyTs: r.reply_ts,
  edited: r.edited === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toStory = (r: StoryRow): Story => ({
  id: r.id,
  title: r.title,
  text: r.text,
  principles: JSON.parse(r.principles_json) as string[],
  bestScore: r.best_score,
  answerId: r.answer_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** The core's store on SQLite; every statement uses bound parameters. */
export function createSqliteCoachStore(db: Db): CoachStore {
  const q = {
    getUser: db.prepare('SELECT level, privacy FROM users WHERE team_id = ? AND user_id = ?'),
    saveUser: db.prepare(
      `INSERT INTO users (team_id, user_id, level, privacy, created_at, updated_at) VALUES (@teamId, @userId, @level, @privacy, @now, @now)
       ON CONFLICT (team_id, user_id) DO UPDATE SET level = excluded.level, privacy = excluded.privacy, updated_at = excluded.updated_at`,
    ),
    insertAnswer: db.prepare(
      `INSERT INTO answers (team_id, user_id, source, channel_id, message_ts, thread_ts, question_id, principle_id, level, text, score, verdict, report_json, reply_ts, created_at, updated_at)
       VALUES (@teamId, @userId, @source, @channelId, @messageTs, @threadTs, @questionId, @principleId, @level, @text, @score, @verdict, @report, @replyTs, @createdAt, @createdAt)
       ON CONFLICT (channel_id, message_ts) DO NOTHING`,
    ),
    byMessage: db.prepare('SELECT * FROM answers WHERE channel_id = ? AND message_ts = ?'),
    byId: db.prepare('SELECT * FROM answers WHERE id = ?'),
    deleteAnswer: db.prepare('DELETE FROM answers WHERE id = ?'),
    listAnswers: db.prepare(
      'SELECT * FROM answers WHERE team_id = ? AND user_id = ? ORDER BY created_at, id',
    ),
    getSession: db.prepare('SELECT state_json FROM conversations WHERE id = ?'),
    saveSession: db.prepare(
      `INSERT INTO conversations (id, team_id, user_id, kind, status, state_json, created_at, updated_at)
       VALUES (@id, @teamId, @userId, @mode, @status, @json, @createdAt, @updatedAt)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, state_json = excluded.state_json, updated_at = excluded.updated_at`,
    ),
    deleteSession: db.prepare('DELETE FROM conversations WHERE id = ?'),
    activeSessions: db.prepare(
      `SELECT state_json FROM conversations WHERE team_id = ? AND user_id = ? AND status = 'active' ORDER BY updated_at DESC, rowid DESC`,
    ),
    addStory: db.prepare(
      `INSERT INTO stories (team_id, user_id, title, text, principles_json, best_score, answer_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    listStories: db.prepare('SELECT * FROM stories WHERE team_id = ? AND user_id = ? ORDER BY id'),
    getStory: db.prepare('SELECT * FROM stories WHERE team_id = ? AND user_id = ? AND id = ?'),
    updateStory: db.prepare(
      'UPDATE stories SET title = ?, text = ?, principles_json = ?, best_score = ?, updated_at = ? WHERE team_id = ? AND user_id = ? AND id = ?',
    ),
    deleteStory: db.prepare('DELETE FROM stories WHERE team_id = ? AND user_id = ? AND id = ?'),
    userSessions: db.prepare(
      'SELECT id, kind, status, state_json, created_at, updated_at FROM conversations WHERE team_id = ? AND user_id = ?',
    ),
    forgetAnswers: db.prepare('DELETE FROM answers WHERE team_id = ? AND user_id = ?'),
    forgetStories: db.prepare('DELETE FROM stories WHERE team_id = ? AND user_id = ?'),
    forgetSessions: db.prepare('DELETE FROM conversations WHERE team_id = ? AND user_id = ?'),
    forgetUser: db.prepare('DELETE FROM users WHERE team_id = ? AND user_id = ?'),
    forgetOutbox: db.prepare('DELETE FROM outbox WHERE team_id = ? AND user_id = ?'),
    forgetInbox: db.prepare('DELETE FROM inbox WHERE team_id = ? AND user_id = ?'),
  };

  const forget = db.transaction((teamId: string, userId: string): DeletedCounts => {
    const stories = q.forgetStories.run(teamId, userId).changes;
    const answers = q.forgetAnswers.run(teamId, userId).changes;
    const sessions = q.forgetSessions.run(teamId, userId).changes;
    const settings = q.forgetUser.run(teamId, userId).changes;
    // Messages we still owed them may quote their words.
    q.forgetOutbox.run(teamId, userId);
    q.forgetInbox.run(teamId, userId);
    return { answers, stories, sessions, settings };
  });

  const store: CoachStore = {
    getUser(teamId, userId) {
      const row = q.getUser.get(teamId, userId) as
        | { level: Level; privacy: UserSettings['privacy'] }
        | undefined;
      return { teamId, userId, level: row?.level ?? 'sde2', privacy: row?.privacy ?? 'public' };
    },
    saveUser(settings, now) {
      q.saveUser.run({ ...settings, now });
    },
    insertAnswer(a) {
      const info = q.insertAnswer.run({
        ...a,
        report: a.report ? JSON.stringify(a.report) : null,
        replyTs: a.replyTs ?? null,
      });
      if (info.changes === 1)
        return { record: store.getAnswer(Number(info.lastInsertRowid))!, inserted: true };
      return { record: store.findAnswerByMessage(a.channelId!, a.messageTs!)!, inserted: false };
    },
    findAnswerByMessage(channelId, messageTs) {
      const row = q.byMessage.get(channelId, messageTs) as AnswerRow | undefined;
      return row ? toAnswer(row) : null;
    },
    getAnswer(id) {
      const row = q.byId.get(id) as AnswerRow | undefined;
      return row ? toAnswer(row) : null;
    },
    updateAnswer(id, patch, now) {
      const values: Record<string, unknown> = {
        text: patch.text,
        score: patch.score,
        verdict: patch.verdict,
        report_json:
          patch.report === undefined ? undefined : patch.report ? JSON.stringify(patch.report) : null,
        reply_ts: patch.replyTs,
        edited: patch.edited === undefined ? undefined : patch.edited ? 1 : 0,
      };
      const columns = Object.keys(values).filter((c) => values[c] !== undefined);
      const params: Record<string, unknown> = { id, now };
      for (const c of columns) params[c] = values[c];
      // Column names come from the fixed object above, never from input; values are bound.
      const sets = ['updated_at = @now', ...columns.map((c) => `${c} = @${c}`)];
      db.prepare(`UPDATE answers SET ${sets.join(', ')} WHERE id = @id`).run(params);
    },
    deleteAnswer(id) {
      q.deleteAnswer.run(id);
    },
    listAnswers(teamId, userId) {
      return (q.listAnswers.all(teamId, userId) as AnswerRow[]).map(toAnswer);
    },
    getSession(id) {
      const row = q.getSession.get(id) as { state_json: string } | undefined;
      return row ? (JSON.parse(row.state_json) as SessionState) : null;
    },
    saveSession(state) {
      q.saveSession.run({ ...state, json: JSON.stringify(state) });
    },
    deleteSession(id) {
      q.deleteSession.run(id);
    },
    findActiveSession(teamId, userId, modes) {
      for (const row of q.activeSessions.all(teamId, userId) as Array<{ state_json: string }>) {
        const state = JSON.parse(row.state_json) as SessionState;
        if (!modes || modes.includes(state.mode)) return state;
      }
      return null;
    },
    addStory(teamId, userId, story, now, answerId = null) {
      const info = q.addStory.run(
        teamId,
        userId,
        story.title,
        story.text,
        JSON.stringify(story.principles),
        story.bestScore,
        answerId,
        now,
        now,
      );
      return store.getStory(teamId, userId, Number(info.lastInsertRowid))!;
    },
    listStories(teamId, userId) {
      return (q.listStories.all(teamId, userId) as StoryRow[]).map(toStory);
    },
    getStory(teamId, userId, id) {
      const row = q.getStory.get(teamId, userId, id) as StoryRow | undefined;
      return row ? toStory(row) : null;
    },
    updateStory(teamId, userId, id, patch, now) {
      const current = store.getStory(teamId, userId, id);
      if (!current) return null;
      const next = { ...current, ...patch };
      q.updateStory.run(
        next.title,
        next.text,
        JSON.stringify(next.principles),
        next.bestScore,
        now,
        teamId,
        userId,
        id,
      );
      return store.getStory(teamId, userId, id);
    },
    deleteStory(teamId, userId, id) {
      return q.deleteStory.run(teamId, userId, id).changes === 1;
    },
    exportUser(teamId, userId) {
      return {
        exportedFor: { teamId, userId },
        settings: store.getUser(teamId, userId),
        answers: store.listAnswers(teamId, userId),
        stories: store.listStories(teamId, userId),
        sessions: (
          q.userSessions.all(teamId, userId) as Array<{
            id: string;
            kind: string;
            status: string;
            state_json: string;
            created_at: number;
            updated_at: number;
          }>
        ).map((r) => ({
          id: r.id,
          kind: r.kind,
          status: r.status,
          createdAt: r.created_at,
          updatedAt: r.updated_at,
          state: JSON.parse(r.state_json),
        })),
      };
    },
    forgetUser(teamId, userId) {
      return forget(teamId, userId);
    },
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
  };
  return store;
}
