import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../src/adapters/slack/ledger.js';
import { backends, type Stores } from './backends.js';

const LEASE = 30_000;
const body = (id: string, user = 'U1') => ({
  type: 'event_callback',
  event_id: id,
  event: { type: 'message', user },
});
const entry = (key: string, createdAt = 1_000): Omit<OutboxEntry, 'status' | 'sentTs' | 'attempts'> => ({
  key,
  teamId: 'T1',
  userId: 'U1',
  channelId: 'C1',
  threadTs: '1.0',
  payload: {
    target: { channel: 'C1', ephemeralUser: null },
    messages: [{ text: 'your score', public: true }],
  },
  createdAt,
});

describe.each(backends())('DeliveryLedger contract on $name', (backend) => {
  let db: Stores;
  let other: Stores;

  beforeEach(async () => {
    db = await backend.open();
    other = await db.another();
  });

  afterEach(async () => {
    await other.close();
    await db.close();
  });

  describe('inbox', () => {
    it('claims an event once, tells a second receiver it is busy, and done once handled', async () => {
      expect(await db.ledger.inboxClaim('Ev1', 'T1', body('Ev1'), 'a', 1_000, LEASE)).toBe('claimed');
      expect(await other.ledger.inboxClaim('Ev1', 'T1', body('Ev1'), 'b', 1_001, LEASE)).toBe('busy');
      // A redelivery to the instance that holds it is busy too: it is being handled.
      expect(await db.ledger.inboxClaim('Ev1', 'T1', body('Ev1'), 'a', 1_002, LEASE)).toBe('busy');
      await db.ledger.inboxDone('Ev1', 'T1', 2_000);
      expect(await other.ledger.inboxClaim('Ev1', 'T1', body('Ev1'), 'b', 2_001, LEASE)).toBe('done');
      expect(await db.ledger.inboxTakeOver('c', 10_000_000, LEASE, 10)).toEqual([]);
    });

    it('gives each of many events to exactly one of two instances claiming them at once', async () => {
      const ids = Array.from({ length: 40 }, (_, i) => `EvRace${i}`);
      const results = await Promise.all(
        ids.flatMap((id) => [
          db.ledger.inboxClaim(id, 'T1', body(id), 'a', 1_000, LEASE).then((r) => ({ id, owner: 'a', r })),
          other.ledger.inboxClaim(id, 'T1', body(id), 'b', 1_000, LEASE).then((r) => ({ id, owner: 'b', r })),
        ]),
      );
      for (const id of ids) {
        const claims = results.filter((x) => x.id === id && x.r === 'claimed');
        expect(claims, id).toHaveLength(1);
      }
    });

    it('lets another instance take over an event whose handler stopped renewing its lease', async () => {
      await db.ledger.inboxClaim('EvOld', 'T1', body('EvOld'), 'dead', 1_000, LEASE);
      await db.ledger.inboxClaim('EvNew', 'T1', body('EvNew'), 'dead', 2_000, LEASE);
      await db.ledger.inboxClaim('EvLive', 'T1', body('EvLive'), 'alive', 2_000, LEASE);
      await db.ledger.renew('alive', 20_000, LEASE);
      // Before the lease lapses, nothing is taken.
      expect(await other.ledger.inboxTakeOver('b', 20_000, LEASE, 10)).toEqual([]);
      const taken = await other.ledger.inboxTakeOver('b', 40_000, LEASE, 10);
      expect(taken.map((t) => t.eventId)).toEqual(['EvOld', 'EvNew']);
      expect(taken[0]?.body).toEqual(body('EvOld'));
      // Taken means held: a third instance finds nothing, a redelivery is busy.
      expect(await db.ledger.inboxTakeOver('c', 40_001, LEASE, 10)).toEqual([]);
      expect(await db.ledger.inboxClaim('EvOld', 'T1', body('EvOld'), 'c', 40_002, LEASE)).toBe('busy');
      // A redelivery after the taker died too is claimed.
      expect(await db.ledger.inboxClaim('EvNew', 'T1', body('EvNew'), 'c', 80_000, LEASE)).toBe('claimed');
    });

    it('lets the only instance, starting, take every event others hold, lapsed or not, but not its own', async () => {
      await db.ledger.inboxClaim('EvA', 'T1', body('EvA'), 'dead', 1_000, LEASE);
      await db.ledger.inboxClaim('EvB', 'T1', body('EvB'), 'me', 1_001, LEASE);
      const taken = await db.ledger.inboxTakeOver('me', 2_000, LEASE, 10, true);
      expect(taken.map((t) => t.eventId)).toEqual(['EvA']);
      // Taken with a normal lease: if this instance dies too, the next one takes the event again.
      expect(
        (await other.ledger.inboxTakeOver('next', 2_000 + LEASE + 1, LEASE, 10)).map((t) => t.eventId),
      ).toEqual(['EvA', 'EvB']);
    });

    it('takes over one lapsed event in one instance only when two sweep at once', async () => {
      for (let i = 0; i < 20; i++)
        await db.ledger.inboxClaim(`EvS${i}`, 'T1', body(`EvS${i}`), 'dead', 1_000 + i, LEASE);
      const [a, b] = await Promise.all([
        db.ledger.inboxTakeOver('a', 100_000, LEASE, 50),
        other.ledger.inboxTakeOver('b', 100_000, LEASE, 50),
      ]);
      const all = [...a, ...b].map((t) => t.eventId).sort();
      expect(all).toEqual(Array.from({ length: 20 }, (_, i) => `EvS${i}`).sort());
    });

    it('forgets processed event ids older than the cut-off', async () => {
      await db.ledger.inboxClaim('EvP1', null, body('EvP1'), 'a', 1_000, LEASE);
      await db.ledger.inboxDone('EvP1', null, 1_000);
      await db.ledger.inboxClaim('EvP2', null, body('EvP2'), 'a', 5_000, LEASE);
      await db.ledger.inboxDone('EvP2', null, 5_000);
      expect(await db.ledger.pruneEvents(2_000)).toBe(1);
      expect(await db.ledger.inboxClaim('EvP2', null, body('EvP2'), 'a', 6_000, LEASE)).toBe('done');
    });
  });

  describe('outbox', () => {
    it('adds an entry once and reads it back', async () => {
      expect(await db.ledger.outboxAdd(entry('reply:C1:1'))).toBe(true);
      expect(await other.ledger.outboxAdd({ ...entry('reply:C1:1'), payload: { other: true } })).toBe(false);
      expect(await db.ledger.outboxGet('reply:C1:1')).toEqual({
        ...entry('reply:C1:1'),
        status: 'pending',
        sentTs: null,
        attempts: 0,
      });
      expect(await db.ledger.outboxGet('nope')).toBeNull();
    });

    it('lets one instance at a time send an entry, counts attempts, and hands it on when the lease lapses', async () => {
      await db.ledger.outboxAdd(entry('k1'));
      expect((await db.ledger.outboxClaim('k1', 'a', 1_000, LEASE))?.attempts).toBe(1);
      expect(await other.ledger.outboxClaim('k1', 'b', 2_000, LEASE)).toBeNull();
      expect(await db.ledger.outboxPending(2_000, 10)).toEqual([]);
      // The holder died: after its lease, another instance may claim it (and must look it up in Slack first,
      // which the attempt count tells it).
      expect(await other.ledger.outboxPending(40_000, 10)).toHaveLength(1);
      expect((await other.ledger.outboxClaim('k1', 'b', 40_000, LEASE))?.attempts).toBe(2);
      await other.ledger.outboxSent('k1', '111.222');
      expect(await db.ledger.outboxClaim('k1', 'a', 200_000, LEASE)).toBeNull();
      expect(await db.ledger.outboxGet('k1')).toMatchObject({
        status: 'sent',
        sentTs: '111.222',
        attempts: 2,
      });
    });

    it('claims each entry in exactly one of two instances racing for it', async () => {
      const keys = Array.from({ length: 30 }, (_, i) => `race${i}`);
      for (const key of keys) await db.ledger.outboxAdd(entry(key));
      const wins = await Promise.all(
        keys.flatMap((key) => [
          db.ledger.outboxClaim(key, 'a', 1_000, LEASE).then((e) => (e ? key : null)),
          other.ledger.outboxClaim(key, 'b', 1_000, LEASE).then((e) => (e ? key : null)),
        ]),
      );
      expect(wins.filter(Boolean).sort()).toEqual([...keys].sort());
    });

    it('gives a claim back: a refused attempt does not count, a failed one does', async () => {
      await db.ledger.outboxAdd(entry('k2'));
      await db.ledger.outboxClaim('k2', 'a', 1_000, LEASE);
      await other.ledger.outboxRelease('k2', 'b', true); // not b's to release
      expect(await other.ledger.outboxClaim('k2', 'b', 1_001, LEASE)).toBeNull();
      await db.ledger.outboxRelease('k2', 'a', true);
      expect((await other.ledger.outboxClaim('k2', 'b', 1_002, LEASE))?.attempts).toBe(1);
      await other.ledger.outboxRelease('k2', 'b', false);
      expect((await db.ledger.outboxClaim('k2', 'a', 1_003, LEASE))?.attempts).toBe(2);
      await db.ledger.outboxRelease('k2', null, false);
      expect(await db.ledger.outboxPending(1_004, 10)).toHaveLength(1);
    });

    it('keeps only where a sent message went and which parts were public, not its text', async () => {
      await db.ledger.outboxAdd(entry('k3'));
      await db.ledger.outboxSent('k3', '9.9');
      const sent = await db.ledger.outboxGet('k3');
      expect(sent?.payload).toEqual({ target: { channel: 'C1', ephemeralUser: null }, public: [1] });
      expect(JSON.stringify(sent)).not.toContain('your score');
    });

    it('lists pending entries oldest first, skipping held and sent ones, and deletes', async () => {
      await db.ledger.outboxAdd(entry('late', 3_000));
      await db.ledger.outboxAdd(entry('early', 1_000));
      await db.ledger.outboxAdd(entry('held', 2_000));
      await db.ledger.outboxAdd(entry('done', 500));
      await db.ledger.outboxClaim('held', 'a', 5_000, LEASE);
      await db.ledger.outboxSent('done', '1.1');
      expect((await other.ledger.outboxPending(6_000, 10)).map((e) => e.key)).toEqual(['early', 'late']);
      expect((await other.ledger.outboxPending(6_000, 1)).map((e) => e.key)).toEqual(['early']);
      await db.ledger.renew('a', 30_000, LEASE);
      expect((await other.ledger.outboxPending(40_000, 10)).map((e) => e.key)).toEqual(['early', 'late']);
      await other.ledger.outboxDelete('early');
      expect(await db.ledger.outboxGet('early')).toBeNull();
    });
  });

  describe('named leases', () => {
    it('are held by one owner until they lapse, renewed by taking them again, and released', async () => {
      expect(await db.ledger.lease('scheduler', 'a', 1_000, LEASE)).toBe(true);
      expect(await other.ledger.lease('scheduler', 'b', 2_000, LEASE)).toBe(false);
      expect(await db.ledger.lease('scheduler', 'a', 20_000, LEASE)).toBe(true);
      expect(await other.ledger.lease('scheduler', 'b', 40_000, LEASE)).toBe(false);
      expect(await other.ledger.lease('scheduler', 'b', 60_000, LEASE)).toBe(true);
      expect(await other.ledger.lease('prompt:1', 'b', 60_000, LEASE)).toBe(true);
      await other.ledger.releaseLeases('b');
      expect(await db.ledger.lease('scheduler', 'a', 60_001, LEASE)).toBe(true);
      expect(await db.ledger.lease('prompt:1', 'a', 60_001, LEASE)).toBe(true);
      await db.ledger.releaseLeases(null);
      expect(await other.ledger.lease('scheduler', 'b', 60_002, LEASE)).toBe(true);
    });

    it('go to exactly one of many instances asking at once', async () => {
      const extra = await Promise.all([db.another(), db.another()]);
      try {
        const all = [db, other, ...extra];
        const won = await Promise.all(all.map((s, i) => s.ledger.lease('digest', `o${i}`, 1_000, LEASE)));
        expect(won.filter(Boolean)).toHaveLength(1);
      } finally {
        if (backend.name !== 'memory') for (const s of extra) await s.close();
      }
    });
  });
});
