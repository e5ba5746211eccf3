/**
 * The Slack delivery ledger: what the Slack side keeps so that, with any number of instances on one
 * database, every event is handled once and every message we owe Slack is sent once.
 *
 * - Inbox: a message event is written before Slack gets its ack (Slack never redelivers an acked event).
 *   The write is a unique insert, so of two instances that receive the same event only one handles it. The
 *   handler holds a lease it renews while alive; when it dies the lease lapses and another instance takes the
 *   event over. Done events are remembered (dedupe of later redeliveries), without their text.
 * - Outbox: a reply is written in the same transaction as the state that caused it, then sent by whichever
 *   instance claims it (a lease again). An entry whose earlier attempt may have reached Slack is looked up in
 *   Slack by its metadata key before anything is sent again.
 * - Named leases: work that must run in one place at a time (the scheduler's pass).
 *
 * SQLite and PostgreSQL implement it (src/infra/sql/ledger-store.ts).
 */

/** A message we owe Slack, written before it is sent so a crash can neither lose nor double it. */
export interface OutboxEntry {
  key: string;
  teamId: string;
  /** The person whose words the message may quote, so "forget me" can remove it. */
  userId: string | null;
  channelId: string;
  threadTs: string | null;
  payload: unknown;
  status: 'pending' | 'sent';
  sentTs: string | null;
  createdAt: number;
  /** Send attempts started so far (by any instance). */
  attempts: number;
}

/** What claiming an event found. */
export type InboxClaim = 'claimed' | 'busy' | 'done';

export interface DeliveryLedger {
  /**
   * Records a received event and claims it for `owner` (a unique insert). 'busy': another handler holds it
   * (or this one does, for a redelivery still in progress); 'done': it was handled already.
   */
  inboxClaim(
    eventId: string,
    teamId: string | null,
    body: unknown,
    owner: string,
    now: number,
    leaseMs: number,
  ): Promise<InboxClaim>;
  /** Gives a held event back (its handler could not reach the database): the next sweep takes it again. */
  inboxRelease(eventId: string, owner: string): Promise<void>;
  /** The event is handled: forgotten from the inbox and remembered as processed, in one transaction. */
  inboxDone(eventId: string, teamId: string | null, now: number): Promise<void>;
  /**
   * Claims, for `owner`, events whose handler's lease has lapsed (oldest first). `all`: every event another
   * owner holds, lapsed or not (the only instance, starting: whoever held them is gone).
   */
  inboxTakeOver(
    owner: string,
    now: number,
    leaseMs: number,
    limit: number,
    all?: boolean,
  ): Promise<Array<{ eventId: string; body: unknown }>>;
  /** Removes remembered event ids older than `before`; returns how many. */
  pruneEvents(before: number): Promise<number>;

  outboxGet(key: string): Promise<OutboxEntry | null>;
  /** Adds a pending entry; false when the key is already there. */
  outboxAdd(entry: Omit<OutboxEntry, 'status' | 'sentTs' | 'attempts'>): Promise<boolean>;
  /**
   * Claims a pending entry for `owner` to send (counts an attempt); null when it is sent, gone, or another
   * live instance is sending it.
   */
  outboxClaim(key: string, owner: string, now: number, leaseMs: number): Promise<OutboxEntry | null>;
  /**
   * Gives a claim back (a transient failure): the entry stays pending for a later try. `unsent`: Slack
   * refused the attempt outright and nothing went out, so it does not count as an attempt. A null owner
   * releases whoever holds it (the only instance, taking over a dead one's claims).
   */
  outboxRelease(key: string, owner: string | null, unsent: boolean): Promise<void>;
  /** Marks an entry sent with Slack's ts values; only where it went (and which parts were public) is kept. */
  outboxSent(key: string, ts: string): Promise<void>;
  /** Pending entries nobody holds (never claimed, or their lease lapsed), oldest first. */
  outboxPending(now: number, limit: number): Promise<OutboxEntry[]>;
  outboxDelete(key: string): Promise<void>;

  /** Renews the leases `owner` holds (inbox and outbox): the instance is alive. */
  renew(owner: string, now: number, leaseMs: number): Promise<void>;
  /** Takes (or keeps) the named lease until `now + leaseMs`; false when another live owner holds it. */
  lease(name: string, owner: string, now: number, leaseMs: number): Promise<boolean>;
  /** Gives up the named leases `owner` holds (a clean stop); null: every lease (the only instance, starting). */
  releaseLeases(owner: string | null): Promise<void>;
}
