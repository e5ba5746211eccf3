import type { ChannelAnswer, ChannelStore, OutboxEntry, PromptRecord } from '../../core/channel/ports.js';
import type { Level } from '../../core/content/schema.js';
import type { ChannelSchedule, PromptHistory } from '../../core/schedule/schedule.js';
import type { Db } from './database.js';

interface ScheduleRow {
  team_id: string;
  channel_id: string;
  local_time: string;
  timezone: string;
  weekdays: string;
  level: Level;
  privacy: 'public' | 'ephemeral';
  weighted: number;
  paused: number;
  pause_reason: string | null;
  digest_weekday: number | null;
  created_by: string;
}

interface PromptRow {
  id: number;
  team_id: string;
  channel_id: string;
  local_date: string;
  question_id: string;
  principle_id: string;
  question_text: string;
  level: Level;
  status: PromptRecord['status'];
  message_ts: string | null;
  due_at: number;
  claimed_at: number;
  posted_at: number | null;
  error: string | null;
}

interface OutboxRow {
  key: string;
  team_id: string;
  user_id: string | null;
  channel_id: string;
  thread_ts: string | null;
  payload_json: string;
  status: 'pending' | 'sent';
  sent_ts: string | null;
  created_at: number;
}

const toSchedule = (r: ScheduleRow): ChannelSchedule => ({
  teamId: r.team_id,
  channelId: r.channel_id,
  localTime: r.local_time,
  timezone: r.timezone,
  weekdays: r.weekdays ? r.weekdays.split(',').map(Number) : [],
  level: r.level,
  privacy: r.privacy,
  weighted: r.weighted === 1,
  paused: r.paused === 1,
  pauseReason: r.pause_reason,
  digestWeekday: r.digest_weekday,
  createdBy: r.created_by,
});

const toPrompt = (r: PromptRow): PromptRecord => ({
  id: r.id,
  teamId: r.team_id,
  channelId: r.channel_id,
  localDate: r.local_date,
  questionId: r.question_id,
  principleId: r.principle_id,
  questionText: r.question_text,
  level: r.level,
  status: r.status,
  messageTs: r.message_ts,
  dueAt: r.due_at,
  claimedAt: r.claimed_at,
  postedAt: r.posted_at,
  error: r.error,
});

const toOutbox = (r: OutboxRow): OutboxEntry => ({
  key: r.key,
  teamId: r.team_id,
  userId: r.user_id,
  channelId: r.channel_id,
  threadTs: r.thread_ts,
  payload: JSON.parse(r.payload_json),
  status: r.status,
  sentTs: r.sent_ts,
  createdAt: r.created_at,
});

/** Channel schedules, prompt ledger, event dedupe and outbox on SQLite (bound parameters only). */
export function createSqliteChannelStore(db: Db): ChannelStore {
  const q = {
    getSchedule: db.prepare('SELECT * FROM schedules WHERE channel_id = ?'),
    saveSchedule: db.prepare(
      `INSERT INTO schedules (team_id, channel_id, local_time, timezone, weekdays, level, privacy, weighted, paused, pause_reason, digest_weekday, created_by, created_at, updated_at)
       VALUES (@teamId, @channelId, @localTime, @timezone, @weekdays, @level, @privacy, @weighted, @paused, @pauseReason, @digestWeekday, @createdBy, @now, @now)
       ON CONFLICT (channel_id) DO UPDATE SET team_id = excluded.team_id, local_time = excluded.local_time, timezone = excluded.timezone,
         weekdays = excluded.weekdays, level = excluded.level, privacy = excluded.privacy, weighted = excluded.weighted, paused = excluded.paused,
         pause_reason = excluded.pause_reason, digest_weekday = excluded.digest_weekday, created_by = excluded.created_by, updated_at = excluded.updated_at`,
    ),
    listSchedules: db.prepare('SELECT * FROM schedules ORDER BY channel_id'),
    setPaused: db.prepare(
      'UPDATE schedules SET paused = ?, pause_reason = ?, updated_at = ? WHERE channel_id = ?',
    ),
    claimPrompt: db.prepare(
      `INSERT INTO prompts (team_id, channel_id, local_date, question_id, principle_id, question_text, level, status, due_at, claimed_at)
       VALUES (@teamId, @channelId, @localDate, @questionId, @principleId, @questionText, @level, 'pending', @dueAt, @claimedAt)
       ON CONFLICT (channel_id, local_date) DO NOTHING`,
    ),
    getPrompt: db.prepare('SELECT * FROM prompts WHERE id = ?'),
    promptForDay: db.prepare('SELECT * FROM prompts WHERE channel_id = ? AND local_date = ?'),
    posted: db.prepare(
      "UPDATE prompts SET status = 'posted', message_ts = ?, posted_at = ?, error = NULL WHERE id = ?",
    ),
    skipped: db.prepare("UPDATE prompts SET status = 'skipped', error = ? WHERE id = ?"),
    failed: db.prepare("UPDATE prompts SET status = 'failed', error = ? WHERE id = ?"),
    byTs: db.prepare('SELECT * FROM prompts WHERE channel_id = ? AND message_ts = ?'),
    pending: db.prepare("SELECT * FROM prompts WHERE status = 'pending' ORDER BY due_at, id"),
    history: db.prepare(
      "SELECT question_id, principle_id, COALESCE(posted_at, claimed_at) AS at FROM prompts WHERE channel_id = ? AND status IN ('posted', 'pending') ORDER BY at",
    ),
    inboxAdd: db.prepare(
      'INSERT OR IGNORE INTO inbox (event_id, team_id, user_id, body_json, received_at) VALUES (?, ?, ?, ?, ?)',
    ),
    inboxDone: db.prepare('DELETE FROM inbox WHERE event_id = ?'),
    inboxPending: db.prepare('SELECT event_id, body_json FROM inbox ORDER BY received_at, rowid'),
    eventSeen: db.prepare('SELECT 1 FROM processed_events WHERE event_id = ?'),
    eventMark: db.prepare(
      'INSERT OR IGNORE INTO processed_events (event_id, team_id, received_at) VALUES (?, ?, ?)',
    ),
    eventPrune: db.prepare('DELETE FROM processed_events WHERE received_at < ?'),
    outboxGet: db.prepare('SELECT * FROM outbox WHERE key = ?'),
    outboxAdd: db.prepare(
      `INSERT INTO outbox (key, team_id, user_id, channel_id, thread_ts, payload_json, created_at) VALUES (@key, @teamId, @userId, @channelId, @threadTs, @payload, @createdAt)
       ON CONFLICT (key) DO NOTHING`,
    ),
    // Once sent, only where it went is kept (edits and deletes need it), and which parts were public (a
    // delete removes those), not the rendered text.
    outboxSent: db.prepare(
      `UPDATE outbox SET status = 'sent', sent_ts = ?, payload_json = json_object(
         'target', json(payload_json) -> '$.target',
         'public', COALESCE(json(payload_json) -> '$.public',
           (SELECT json_group_array(CASE WHEN json_extract(payload_json, '$.target.ephemeralUser') IS NULL
                                           OR json_extract(value, '$.public') THEN 1 ELSE 0 END)
              FROM json_each(payload_json, '$.messages')))
       ) WHERE key = ?`,
    ),
    outboxPending: db.prepare("SELECT * FROM outbox WHERE status = 'pending' ORDER BY created_at"),
    outboxDelete: db.prepare('DELETE FROM outbox WHERE key = ?'),
    channelAnswers: db.prepare(
      `SELECT user_id, principle_id, score, created_at, report_json FROM answers
       WHERE channel_id = ? AND source = 'channel' AND score IS NOT NULL AND created_at >= ? AND created_at < ? ORDER BY created_at`,
    ),
    claimDigest: db.prepare(
      "INSERT INTO digests (channel_id, week_start, status, created_at) VALUES (?, ?, 'pending', ?) ON CONFLICT DO NOTHING",
    ),
    digestPosted: db.prepare(
      "UPDATE digests SET status = 'posted', message_ts = ? WHERE channel_id = ? AND week_start = ?",
    ),
  };
  const forgetTeamStatements = [
    'DELETE FROM stories WHERE team_id = ?',
    'DELETE FROM answers WHERE team_id = ?',
    'DELETE FROM conversations WHERE team_id = ?',
    'DELETE FROM users WHERE team_id = ?',
    'DELETE FROM digests WHERE channel_id IN (SELECT channel_id FROM schedules WHERE team_id = ?)',
    'DELETE FROM prompts WHERE team_id = ?',
    'DELETE FROM schedules WHERE team_id = ?',
    'DELETE FROM processed_events WHERE team_id = ?',
    'DELETE FROM inbox WHERE team_id = ?',
    'DELETE FROM outbox WHERE team_id = ?',
  ].map((sql) => db.prepare(sql));

  return {
    getSchedule(channelId) {
      const row = q.getSchedule.get(channelId) as ScheduleRow | undefined;
      return row ? toSchedule(row) : null;
    },
    saveSchedule(s, now) {
      q.saveSchedule.run({
        ...s,
        weekdays: [...new Set(s.weekdays)].sort().join(','),
        weighted: s.weighted ? 1 : 0,
        paused: s.paused ? 1 : 0,
        now,
      });
    },
    listSchedules: () => (q.listSchedules.all() as ScheduleRow[]).map(toSchedule),
    setPaused(channelId, paused, reason, now) {
      q.setPaused.run(paused ? 1 : 0, reason, now, channelId);
    },
    claimPrompt(prompt) {
      const info = q.claimPrompt.run(prompt);
      return info.changes === 1 ? toPrompt(q.getPrompt.get(Number(info.lastInsertRowid)) as PromptRow) : null;
    },
    getPrompt(id) {
      const row = q.getPrompt.get(id) as PromptRow | undefined;
      return row ? toPrompt(row) : null;
    },
    promptForDay(channelId, date) {
      const row = q.promptForDay.get(channelId, date) as PromptRow | undefined;
      return row ? toPrompt(row) : null;
    },
    markPromptPosted(id, ts, now) {
      q.posted.run(ts, now, id);
    },
    markPromptSkipped(id, reason) {
      q.skipped.run(reason, id);
    },
    markPromptFailed(id, error) {
      q.failed.run(error, id);
    },
    findPromptByTs(channelId, ts) {
      const row = q.byTs.get(channelId, ts) as PromptRow | undefined;
      return row ? toPrompt(row) : null;
    },
    pendingPrompts: () => (q.pending.all() as PromptRow[]).map(toPrompt),
    promptHistory: (channelId) =>
      (q.history.all(channelId) as Array<{ question_id: string; principle_id: string; at: number }>).map(
        (r): PromptHistory => ({ questionId: r.question_id, principleId: r.principle_id, postedAt: r.at }),
      ),
    inboxAdd(eventId, teamId, body, now) {
      const event = (body as { event?: { user?: unknown; message?: { user?: unknown } } } | null)?.event;
      const user =
        typeof event?.user === 'string'
          ? event.user
          : typeof event?.message?.user === 'string'
            ? event.message.user
            : null;
      q.inboxAdd.run(eventId, teamId, user, JSON.stringify(body), now);
    },
    inboxDone(eventId) {
      q.inboxDone.run(eventId);
    },
    inboxPending: () =>
      (q.inboxPending.all() as Array<{ event_id: string; body_json: string }>).map((r) => ({
        eventId: r.event_id,
        body: JSON.parse(r.body_json) as unknown,
      })),
    isEventProcessed: (eventId) => q.eventSeen.get(eventId) !== undefined,
    markEventProcessed(eventId, teamId, now) {
      q.eventMark.run(eventId, teamId, now);
    },
    pruneEvents: (before) => q.eventPrune.run(before).changes,
    outboxGet(key) {
      const row = q.outboxGet.get(key) as OutboxRow | undefined;
      return row ? toOutbox(row) : null;
    },
    outboxAdd(entry) {
      return q.outboxAdd.run({ ...entry, payload: JSON.stringify(entry.payload) }).changes === 1;
    },
    outboxSent(key, ts) {
      q.outboxSent.run(ts, key);
    },
    outboxPending: () => (q.outboxPending.all() as OutboxRow[]).map(toOutbox),
    outboxDelete(key) {
      q.outboxDelete.run(key);
    },
    channelAnswers: (channelId, since, until) =>
      (
        q.channelAnswers.all(channelId, since, until) as Array<{
          user_id: string;
          principle_id: string | null;
          score: number;
          created_at: number;
          report_json: string | null;
        }>
      ).map(
        (r): ChannelAnswer => ({
          userId: r.user_id,
          principleId: r.principle_id,
          score: r.score,
          createdAt: r.created_at,
          report: r.report_json ? JSON.parse(r.report_json) : null,
        }),
      ),
    claimDigest: (channelId, weekStart, now) => q.claimDigest.run(channelId, weekStart, now).changes === 1,
    markDigestPosted(channelId, weekStart, ts) {
      q.digestPosted.run(ts, channelId, weekStart);
    },
    forgetTeam: db.transaction((teamId: string) => {
      for (const s of forgetTeamStatements) s.run(teamId);
    }),
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
  };
}
