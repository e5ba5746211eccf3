import type { ChannelAnswer, ChannelStore, PromptRecord } from '../../core/channel/ports.js';
import type { Level } from '../../core/content/schema.js';
import type { ChannelSchedule, PromptHistory } from '../../core/schedule/schedule.js';
import type { Sql } from './driver.js';
import { type Packed, unpack } from './packed.js';

interface ScheduleRow {
  team_id: string;
  channel_id: string;
  local_time: string;
  timezone: string;
  weekdays: string;
  level: Level;
  privacy: ChannelSchedule['privacy'];
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
  id: Number(r.id),
  teamId: r.team_id,
  channelId: r.channel_id,
  localDate: r.local_date,
  questionId: r.question_id,
  principleId: r.principle_id,
  questionText: r.question_text,
  level: r.level,
  status: r.status,
  messageTs: r.message_ts,
  dueAt: Number(r.due_at),
  claimedAt: Number(r.claimed_at),
  postedAt: r.posted_at === null ? null : Number(r.posted_at),
  error: r.error,
});

/** Every table holding a workspace's data, and how to select its rows. */
const TEAM_TABLES = [
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
  'DELETE FROM installations WHERE team_id = ?',
];

/** Channel schedules, the prompt ledger and digests on SQLite or PostgreSQL (bound parameters only). */
export function createSqlChannelStore(sql: Sql): ChannelStore {
  const prompt = async (where: string, params: unknown[]) => {
    const row = await sql.get<PromptRow>(`SELECT * FROM prompts WHERE ${where}`, params);
    return row ? toPrompt(row) : null;
  };
  return {
    async getSchedule(channelId) {
      const row = await sql.get<ScheduleRow>('SELECT * FROM schedules WHERE channel_id = ?', [channelId]);
      return row ? toSchedule(row) : null;
    },
    async saveSchedule(s, now) {
      await sql.run(
        `INSERT INTO schedules (team_id, channel_id, local_time, timezone, weekdays, level, privacy, weighted, paused, pause_reason, digest_weekday, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (channel_id) DO UPDATE SET team_id = excluded.team_id, local_time = excluded.local_time, timezone = excluded.timezone,
           weekdays = excluded.weekdays, level = excluded.level, privacy = excluded.privacy, weighted = excluded.weighted, paused = excluded.paused,
           pause_reason = excluded.pause_reason, digest_weekday = excluded.digest_weekday, created_by = excluded.created_by, updated_at = excluded.updated_at`,
        [
          s.teamId,
          s.channelId,
          s.localTime,
          s.timezone,
          [...new Set(s.weekdays)].sort().join(','),
          s.level,
          s.privacy,
          s.weighted ? 1 : 0,
          s.paused ? 1 : 0,
          s.pauseReason,
          s.digestWeekday,
          s.createdBy,
          now,
          now,
        ],
      );
    },
    listSchedules: async () =>
      (await sql.all<ScheduleRow>('SELECT * FROM schedules ORDER BY channel_id')).map(toSchedule),
    async setPaused(channelId, paused, reason, now) {
      await sql.run(
        'UPDATE schedules SET paused = ?, pause_reason = ?, updated_at = ? WHERE channel_id = ?',
        [paused ? 1 : 0, reason, now, channelId],
      );
    },
    async claimPrompt(p) {
      const row = await sql.get<PromptRow>(
        `INSERT INTO prompts (team_id, channel_id, local_date, question_id, principle_id, question_text, level, status, due_at, claimed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)
         ON CONFLICT (channel_id, local_date) DO NOTHING RETURNING *`,
        [
          p.teamId,
          p.channelId,
          p.localDate,
          p.questionId,
          p.principleId,
          p.questionText,
          p.level,
          p.dueAt,
          p.claimedAt,
        ],
      );
      return row ? toPrompt(row) : null;
    },
    getPrompt: (id) => prompt('id = ?', [id]),
    promptForDay: (channelId, date) => prompt('channel_id = ? AND local_date = ?', [channelId, date]),
    async markPromptPosted(id, ts, now) {
      await sql.run(
        "UPDATE prompts SET status = 'posted', message_ts = ?, posted_at = ?, error = NULL WHERE id = ?",
        [ts, now, id],
      );
    },
    async markPromptSkipped(id, reason) {
      await sql.run("UPDATE prompts SET status = 'skipped', error = ? WHERE id = ?", [reason, id]);
    },
    async markPromptFailed(id, error) {
      await sql.run("UPDATE prompts SET status = 'failed', error = ? WHERE id = ?", [error, id]);
    },
    findPromptByTs: (channelId, ts) => prompt('channel_id = ? AND message_ts = ?', [channelId, ts]),
    pendingPrompts: async () =>
      (await sql.all<PromptRow>("SELECT * FROM prompts WHERE status = 'pending' ORDER BY due_at, id")).map(
        toPrompt,
      ),
    promptHistory: async (channelId) =>
      (
        await sql.all<{ question_id: string; principle_id: string; at: number }>(
          "SELECT question_id, principle_id, COALESCE(posted_at, claimed_at) AS at FROM prompts WHERE channel_id = ? AND status IN ('posted', 'pending') ORDER BY at",
          [channelId],
        )
      ).map(
        (r): PromptHistory => ({
          questionId: r.question_id,
          principleId: r.principle_id,
          postedAt: Number(r.at),
        }),
      ),
    channelAnswers: async (channelId, since, until) =>
      (
        await sql.all<{
          user_id: string;
          principle_id: string | null;
          score: number;
          created_at: number;
          report_json: Packed | null;
        }>(
          `SELECT user_id, principle_id, score, created_at, report_json FROM answers
           WHERE channel_id = ? AND source = 'channel' AND score IS NOT NULL AND created_at >= ? AND created_at < ? ORDER BY created_at`,
          [channelId, since, until],
        )
      ).map(
        (r): ChannelAnswer => ({
          userId: r.user_id,
          principleId: r.principle_id,
          score: r.score,
          createdAt: Number(r.created_at),
          report: r.report_json ? unpack(r.report_json) : null,
        }),
      ),
    claimDigest: async (channelId, weekStart, now) =>
      (await sql.run(
        "INSERT INTO digests (channel_id, week_start, status, created_at) VALUES (?, ?, 'pending', ?) ON CONFLICT DO NOTHING",
        [channelId, weekStart, now],
      )) === 1,
    async markDigestPosted(channelId, weekStart, ts) {
      await sql.run(
        "UPDATE digests SET status = 'posted', message_ts = ? WHERE channel_id = ? AND week_start = ?",
        [ts, channelId, weekStart],
      );
    },
    forgetTeam: (teamId) =>
      sql.transaction(async () => {
        for (const statement of TEAM_TABLES) await sql.run(statement, [teamId]);
      }),
    transaction: (fn) => sql.transaction(fn),
  };
}
