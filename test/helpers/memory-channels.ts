import type { DeliveryLedger, OutboxEntry } from '../../src/adapters/slack/ledger.js';
import type { ChannelAnswer, ChannelStore, PromptRecord } from '../../src/core/channel/ports.js';
import type { ChannelSchedule } from '../../src/core/schedule/schedule.js';
import type { AnswerRecord } from '../../src/core/store.js';
import { memoryTransactions } from './memory-transaction.js';

/** Copies through JSON, as the SQL stores do, so callers never share objects with the store. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * An in-memory ChannelStore with the SQL stores' contract. `answers` reads the coach twin's answers (the
 * digest reads what people answered in the channel).
 */
export function createMemoryChannels(answers: () => AnswerRecord[] = () => []): ChannelStore {
  const schedules = new Map<string, ChannelSchedule>();
  const prompts: PromptRecord[] = [];
  const digests = new Map<string, { status: 'pending' | 'posted'; ts: string | null }>();
  let nextPrompt = 1;
  const find = (test: (p: PromptRecord) => boolean) => {
    const found = prompts.find(test);
    return found ? copy(found) : null;
  };
  const update = (id: number, patch: Partial<PromptRecord>) => {
    const found = prompts.find((p) => p.id === id);
    if (found) Object.assign(found, patch);
  };
  const store: ChannelStore = {
    async getSchedule(channelId) {
      const found = schedules.get(channelId);
      return found ? copy(found) : null;
    },
    async saveSchedule(schedule) {
      schedules.set(schedule.channelId, {
        ...copy(schedule),
        weekdays: [...new Set(schedule.weekdays)].sort(),
      });
    },
    async listSchedules() {
      return [...schedules.values()].sort((a, b) => (a.channelId < b.channelId ? -1 : 1)).map(copy);
    },
    async setPaused(channelId, paused, reason) {
      const found = schedules.get(channelId);
      if (found) Object.assign(found, { paused, pauseReason: reason });
    },
    async claimPrompt(p) {
      if (prompts.some((x) => x.channelId === p.channelId && x.localDate === p.localDate)) return null;
      const record: PromptRecord = {
        ...copy(p),
        id: nextPrompt++,
        status: 'pending',
        messageTs: null,
        postedAt: null,
        error: null,
      };
      prompts.push(record);
      return copy(record);
    },
    getPrompt: async (id) => find((p) => p.id === id),
    promptForDay: async (channelId, localDate) =>
      find((p) => p.channelId === channelId && p.localDate === localDate),
    async markPromptPosted(id, ts, now) {
      update(id, { status: 'posted', messageTs: ts, postedAt: now, error: null });
    },
    async markPromptSkipped(id, reason) {
      update(id, { status: 'skipped', error: reason });
    },
    async markPromptFailed(id, error) {
      update(id, { status: 'failed', error });
    },
    findPromptByTs: async (channelId, ts) => find((p) => p.channelId === channelId && p.messageTs === ts),
    async pendingPrompts() {
      return prompts
        .filter((p) => p.status === 'pending')
        .sort((a, b) => a.dueAt - b.dueAt || a.id - b.id)
        .map(copy);
    },
    async promptHistory(channelId) {
      return prompts
        .filter((p) => p.channelId === channelId && (p.status === 'posted' || p.status === 'pending'))
        .map((p) => ({
          questionId: p.questionId,
          principleId: p.principleId,
          postedAt: p.postedAt ?? p.claimedAt,
        }))
        .sort((a, b) => a.postedAt - b.postedAt);
    },
    async channelAnswers(channelId, since, until) {
      return answers()
        .filter(
          (a) =>
            a.channelId === channelId &&
            a.source === 'channel' &&
            a.score !== null &&
            a.createdAt >= since &&
            a.createdAt < until,
        )
        .sort((a, b) => a.createdAt - b.createdAt)
        .map(
          (a): ChannelAnswer => ({
            userId: a.userId,
            principleId: a.principleId,
            score: a.score as number,
            createdAt: a.createdAt,
            report: copy(a.report) as ChannelAnswer['report'],
          }),
        );
    },
    async claimDigest(channelId, weekStart) {
      const key = `${channelId}/${weekStart}`;
      if (digests.has(key)) return false;
      digests.set(key, { status: 'pending', ts: null });
      return true;
    },
    async markDigestPosted(channelId, weekStart, ts) {
      const found = digests.get(`${channelId}/${weekStart}`);
      if (found) Object.assign(found, { status: 'posted', ts });
    },
    async forgetTeam(teamId) {
      for (const [channelId, schedule] of schedules) {
        if (schedule.teamId !== teamId) continue;
        schedules.delete(channelId);
        for (const key of [...digests.keys()]) if (key.startsWith(`${channelId}/`)) digests.delete(key);
      }
      for (let i = prompts.length - 1; i >= 0; i--) if (prompts[i]!.teamId === teamId) prompts.splice(i, 1);
    },
    transaction: memoryTransactions(
      () => copy({ schedules: [...schedules], prompts, digests: [...digests], nextPrompt }),
      (saved) => {
        schedules.clear();
        for (const [k, v] of saved.schedules) schedules.set(k, v);
        prompts.splice(0, prompts.length, ...saved.prompts);
        digests.clear();
        for (const [k, v] of saved.digests) digests.set(k, v);
        nextPrompt = saved.nextPrompt;
      },
    ),
  };
  return store;
}

interface InboxRow {
  eventId: string;
  teamId: string | null;
  body: unknown;
  receivedAt: number;
  order: number;
  owner: string | null;
  leaseUntil: number | null;
}

interface OutboxRow extends OutboxEntry {
  owner: string | null;
  leaseUntil: number | null;
}

/** An in-memory DeliveryLedger with the SQL ledger's contract (one process: every call is atomic). */
export function createMemoryLedger(): DeliveryLedger {
  const inbox = new Map<string, InboxRow>();
  const processed = new Map<string, number>();
  const outbox = new Map<string, OutboxRow>();
  const leases = new Map<string, { owner: string; until: number }>();
  let order = 0;
  const lapsed = (row: { leaseUntil: number | null }, now: number) =>
    row.leaseUntil === null || row.leaseUntil < now;
  const entry = ({ owner: _o, leaseUntil: _l, ...rest }: OutboxRow): OutboxEntry => copy(rest);
  return {
    async inboxClaim(eventId, teamId, body, owner, now, leaseMs) {
      if (processed.has(eventId)) return 'done';
      const row = inbox.get(eventId);
      if (!row) {
        inbox.set(eventId, {
          eventId,
          teamId,
          body: copy(body),
          receivedAt: now,
          order: order++,
          owner,
          leaseUntil: now + leaseMs,
        });
        return 'claimed';
      }
      if (!lapsed(row, now)) return 'busy';
      Object.assign(row, { owner, leaseUntil: now + leaseMs });
      return 'claimed';
    },
    async inboxRelease(eventId, owner) {
      const row = inbox.get(eventId);
      if (row?.owner === owner) Object.assign(row, { owner: null, leaseUntil: null });
    },
    async inboxDone(eventId, _teamId, now) {
      inbox.delete(eventId);
      if (!processed.has(eventId)) processed.set(eventId, now);
    },
    async inboxTakeOver(owner, now, leaseMs, limit, all = false) {
      return [...inbox.values()]
        .filter((row) => (all ? row.owner !== owner : lapsed(row, now)))
        .sort((a, b) => a.receivedAt - b.receivedAt || a.order - b.order)
        .slice(0, limit)
        .map((row) => {
          Object.assign(row, { owner, leaseUntil: now + leaseMs });
          return { eventId: row.eventId, body: copy(row.body) };
        });
    },
    async pruneEvents(before) {
      let n = 0;
      for (const [id, at] of processed) {
        if (at < before) {
          processed.delete(id);
          n++;
        }
      }
      return n;
    },
    async outboxGet(key) {
      const row = outbox.get(key);
      return row ? entry(row) : null;
    },
    async outboxAdd(e) {
      if (outbox.has(e.key)) return false;
      outbox.set(e.key, {
        ...copy(e),
        status: 'pending',
        sentTs: null,
        attempts: 0,
        owner: null,
        leaseUntil: null,
      });
      return true;
    },
    async outboxClaim(key, owner, now, leaseMs) {
      const row = outbox.get(key);
      if (row?.status !== 'pending' || !lapsed(row, now)) return null;
      Object.assign(row, { owner, leaseUntil: now + leaseMs, attempts: row.attempts + 1 });
      return entry(row);
    },
    async outboxRelease(key, owner, unsent) {
      const row = outbox.get(key);
      if (row?.status !== 'pending' || (owner !== null && row.owner !== owner)) return;
      Object.assign(row, { owner: null, leaseUntil: null, attempts: row.attempts - (unsent ? 1 : 0) });
    },
    async outboxSent(key, ts) {
      const row = outbox.get(key);
      if (!row) return;
      const payload = row.payload as {
        target?: { ephemeralUser?: string | null };
        messages?: Array<{ public?: boolean }>;
        public?: number[];
      };
      const publicParts =
        payload.public ??
        (payload.messages ?? []).map((m) => (!payload.target?.ephemeralUser || m.public ? 1 : 0));
      Object.assign(row, {
        status: 'sent',
        sentTs: ts,
        payload: copy({ target: payload.target, public: publicParts }),
        owner: null,
        leaseUntil: null,
      });
    },
    async outboxPending(now, limit) {
      return [...outbox.values()]
        .filter((row) => row.status === 'pending' && lapsed(row, now))
        .sort((a, b) => a.createdAt - b.createdAt)
        .slice(0, limit)
        .map(entry);
    },
    async outboxDelete(key) {
      outbox.delete(key);
    },
    async renew(owner, now, leaseMs) {
      for (const row of inbox.values()) if (row.owner === owner) row.leaseUntil = now + leaseMs;
      for (const row of outbox.values()) {
        if (row.owner === owner && row.status === 'pending') row.leaseUntil = now + leaseMs;
      }
    },
    async lease(name, owner, now, leaseMs) {
      const held = leases.get(name);
      if (held && held.owner !== owner && held.until >= now) return false;
      leases.set(name, { owner, until: now + leaseMs });
      return true;
    },
    async releaseLeases(owner) {
      for (const [name, held] of leases) if (owner === null || held.owner === owner) leases.delete(name);
    },
  };
}
