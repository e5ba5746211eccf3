import type { DeliveryLedger, OutboxEntry } from '../../adapters/slack/ledger.js';
import type { Sql } from './driver.js';
import { groupCommit } from './group-commit.js';
import { unpack } from './packed.js';

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
  attempts: number;
}

const toOutbox = (r: OutboxRow): OutboxEntry => ({
  key: r.key,
  teamId: r.team_id,
  userId: r.user_id,
  channelId: r.channel_id,
  threadTs: r.thread_ts,
  payload: unpack(r.payload_json),
  status: r.status,
  sentTs: r.sent_ts,
  createdAt: Number(r.created_at),
  attempts: Number(r.attempts),
});

/** The author of a message event, so "forget me" can remove an event that still holds their words. */
function authorOf(body: unknown): string | null {
  const event = (body as { event?: { user?: unknown; message?: { user?: unknown } } } | null)?.event;
  if (typeof event?.user === 'string') return event.user;
  return typeof event?.message?.user === 'string' ? event.message.user : null;
}

/**
 * Once sent, an entry keeps only where it went (edits and deletes need it) and which parts were public (a
 * delete removes those), not the rendered text.
 */
function sentPayload(json: string): string {
  const payload = unpack<{
    target?: { ephemeralUser?: string | null };
    messages?: Array<{ public?: boolean }>;
    public?: number[];
  }>(json);
  const publicParts =
    payload.public ??
    (payload.messages ?? []).map((m) => (!payload.target?.ephemeralUser || m.public ? 1 : 0));
  return JSON.stringify({ target: payload.target, public: publicParts });
}

/** The Slack delivery ledger on SQLite or PostgreSQL: unique inserts and leases, no read-then-write races. */
export function createSqlLedger(sql: Sql): DeliveryLedger {
  const inserted = sql.dialect === 'sqlite' ? 'rowid' : 'seq';
  const lapsed = '(lease_until IS NULL OR lease_until < ?)';
  // After a reply: its entry marked sent and its event marked done, committed with the others of the same turn.
  const afterReply = groupCommit(sql);
  return {
    async inboxClaim(eventId, teamId, body, owner, now, leaseMs) {
      const added = await sql.run(
        `INSERT INTO inbox (event_id, team_id, user_id, body_json, received_at, owner, lease_until)
         SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM processed_events WHERE event_id = ?)
         ON CONFLICT (event_id) DO NOTHING`,
        [eventId, teamId, authorOf(body), JSON.stringify(body), now, owner, now + leaseMs, eventId],
      );
      if (added === 1) return 'claimed';
      const row = await sql.get<{ owner: string | null }>('SELECT owner FROM inbox WHERE event_id = ?', [
        eventId,
      ]);
      if (!row) return 'done';
      // Its handler died: take it over (one instance wins the update).
      const taken = await sql.run(
        `UPDATE inbox SET owner = ?, lease_until = ? WHERE event_id = ? AND ${lapsed}`,
        [owner, now + leaseMs, eventId, now],
      );
      return taken === 1 ? 'claimed' : 'busy';
    },
    async inboxRelease(eventId, owner) {
      await sql.run('UPDATE inbox SET owner = NULL, lease_until = NULL WHERE event_id = ? AND owner = ?', [
        eventId,
        owner,
      ]);
    },
    inboxDone: (eventId, teamId, now) =>
      afterReply(async () => {
        await sql.run('DELETE FROM inbox WHERE event_id = ?', [eventId]);
        await sql.run(
          'INSERT INTO processed_events (event_id, team_id, received_at) VALUES (?, ?, ?) ON CONFLICT (event_id) DO NOTHING',
          [eventId, teamId, now],
        );
      }),
    async inboxTakeOver(owner, now, leaseMs, limit, all = false) {
      const free = all ? '(owner IS NULL OR owner <> ?)' : lapsed;
      const rows = await sql.all<{ event_id: string; body_json: string }>(
        `SELECT event_id, body_json FROM inbox WHERE ${free} ORDER BY received_at, ${inserted} LIMIT ?`,
        [all ? owner : now, limit],
      );
      const taken: Array<{ eventId: string; body: unknown }> = [];
      for (const r of rows) {
        const won = await sql.run(
          `UPDATE inbox SET owner = ?, lease_until = ? WHERE event_id = ? AND ${free}`,
          [owner, now + leaseMs, r.event_id, all ? owner : now],
        );
        if (won === 1) taken.push({ eventId: r.event_id, body: JSON.parse(r.body_json) as unknown });
      }
      return taken;
    },
    pruneEvents: (before) => sql.run('DELETE FROM processed_events WHERE received_at < ?', [before]),

    async outboxGet(key) {
      const row = await sql.get<OutboxRow>('SELECT * FROM outbox WHERE key = ?', [key]);
      return row ? toOutbox(row) : null;
    },
    async outboxAdd(e) {
      const added = await sql.run(
        `INSERT INTO outbox (key, team_id, user_id, channel_id, thread_ts, payload_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (key) DO NOTHING`,
        // Plain JSON, not packed: it lives only until sent, and deflating it was on every reply's path.
        [e.key, e.teamId, e.userId, e.channelId, e.threadTs, JSON.stringify(e.payload), e.createdAt],
      );
      return added === 1;
    },
    async outboxClaim(key, owner, now, leaseMs) {
      const row = await sql.get<OutboxRow>(
        `UPDATE outbox SET owner = ?, lease_until = ?, attempts = attempts + 1
         WHERE key = ? AND status = 'pending' AND ${lapsed} RETURNING *`,
        [owner, now + leaseMs, key, now],
      );
      return row ? toOutbox(row) : null;
    },
    async outboxRelease(key, owner, unsent) {
      await sql.run(
        `UPDATE outbox SET owner = NULL, lease_until = NULL${unsent ? ', attempts = attempts - 1' : ''}
         WHERE key = ? AND status = 'pending'${owner === null ? '' : ' AND owner = ?'}`,
        owner === null ? [key] : [key, owner],
      );
    },
    outboxSent: (key, ts) =>
      afterReply(async () => {
        const row = await sql.get<{ payload_json: string }>('SELECT payload_json FROM outbox WHERE key = ?', [
          key,
        ]);
        if (!row) return;
        const kept = [sentPayload(row.payload_json), ts, key];
        if (sql.dialect === 'sqlite')
          // Written anew at the table's end: SQLite leaves the room of a row that shrinks in place unused in its
          // page (a sent entry is ~5 % of a pending one), so updated in place the outbox was mostly holes. Every
          // column is listed: one added to the outbox later must be added here, or the replace resets it.
          await sql.run(
            `INSERT OR REPLACE INTO outbox (key, team_id, user_id, channel_id, thread_ts, payload_json, status, sent_ts, created_at, owner, lease_until, attempts)
             SELECT key, team_id, user_id, channel_id, thread_ts, ?, 'sent', ?, created_at, NULL, NULL, attempts FROM outbox WHERE key = ?`,
            kept,
          );
        else
          await sql.run(
            "UPDATE outbox SET payload_json = ?, status = 'sent', sent_ts = ?, owner = NULL, lease_until = NULL WHERE key = ?",
            kept,
          );
      }),
    async outboxPending(now, limit) {
      const rows = await sql.all<OutboxRow>(
        `SELECT * FROM outbox WHERE status = 'pending' AND ${lapsed} ORDER BY created_at LIMIT ?`,
        [now, limit],
      );
      return rows.map(toOutbox);
    },
    async outboxDelete(key) {
      await sql.run('DELETE FROM outbox WHERE key = ?', [key]);
    },
    async renew(owner, now, leaseMs) {
      await sql.run('UPDATE inbox SET lease_until = ? WHERE owner = ?', [now + leaseMs, owner]);
      await sql.run("UPDATE outbox SET lease_until = ? WHERE owner = ? AND status = 'pending'", [
        now + leaseMs,
        owner,
      ]);
    },
    async lease(name, owner, now, leaseMs) {
      const held = await sql.run(
        `INSERT INTO leases (name, owner, lease_until) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
         WHERE leases.owner = excluded.owner OR leases.lease_until < ?`,
        [name, owner, now + leaseMs, now],
      );
      return held === 1;
    },
    async releaseLeases(owner) {
      if (owner === null) await sql.run('DELETE FROM leases', []);
      else await sql.run('DELETE FROM leases WHERE owner = ?', [owner]);
    },
  };
}
