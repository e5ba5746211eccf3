import type { WebClient } from '@slack/web-api';
import type { Clock, Logger } from '../../core/ports.js';
import type { DeliveryLedger } from './ledger.js';
import { LIMITS, type SlackMessage, truncate } from './render/blocks.js';

/** Where a reply goes. An ephemeral message is seen only by `ephemeralUser`. */
export interface Target {
  channel: string;
  threadTs?: string | null;
  ephemeralUser?: string | null;
}

export interface OutgoingMessage extends SlackMessage {
  /** Overrides the target's ephemeral user: e.g. a public ack next to a private score card. */
  public?: boolean;
}

interface Payload {
  target: Target;
  messages: OutgoingMessage[];
}

export const METADATA_EVENT = 'star_coach_message';

/** Errors after which retrying the same post is pointless. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'messages_tab_disabled',
  'user_not_found',
  'cannot_dm_bot',
  'restricted_action',
  'thread_not_found',
]);
const TOO_BIG = new Set(['msg_too_long', 'invalid_blocks', 'msg_blocks_too_long', 'invalid_arguments']);

/** Errors that pass: rate limits, Slack-side failures, and network or HTTP errors (no Slack error code). */
export function isTransient(code: string | null): boolean {
  return (
    code === null ||
    ['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout'].includes(code)
  );
}

export function slackError(error: unknown): string | null {
  const data = (error as { data?: { error?: string } } | undefined)?.data;
  if (data?.error) return data.error;
  const code = (error as { code?: string } | undefined)?.code;
  return code === 'slack_webapi_rate_limited_error' ? 'ratelimited' : null;
}

/**
 * The outbox: a reply is written (pending) in the same transaction as the state that caused it, then sent
 * with message metadata carrying its key by whichever instance claims it (a lease; a dead instance's lease
 * lapses and another takes over). An entry an earlier attempt may have posted is checked against Slack (by
 * that key) before anything is sent again, so a reply is neither lost nor doubled, with any number of
 * instances.
 */
export function createDelivery(deps: {
  /** The Web API client for a workspace (its own bot token when installed through OAuth). */
  clientFor: (teamId: string) => Promise<WebClient>;
  ledger: DeliveryLedger;
  logger: Logger;
  clock: Clock;
  /** This instance, as lease owner. */
  owner: string;
  leaseMs: number;
}) {
  const { clientFor, ledger, logger, clock, owner, leaseMs } = deps;
  const inFlight = new Map<string, Promise<string[]>>();

  function enqueue(
    key: string,
    teamId: string,
    userId: string | null,
    target: Target,
    messages: OutgoingMessage[],
  ): Promise<boolean> {
    return ledger.outboxAdd({
      key,
      teamId,
      userId,
      channelId: target.channel,
      threadTs: target.threadTs ?? null,
      payload: { target, messages } satisfies Payload,
      createdAt: clock(),
    });
  }

  /**
   * The parts of a message Slack already shows, found by their metadata (part number → ts); undefined when
   * Slack could not be asked for now (rate limited, unavailable): then nothing is posted until it can be.
   */
  async function alreadyPosted(
    client: WebClient,
    key: string,
    target: Target,
    since: number,
  ): Promise<Map<number, string> | undefined> {
    const found = new Map<number, string>();
    const collect = (list: unknown[] | undefined) => {
      for (const m of (list ?? []) as Array<{
        ts?: string;
        metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
      }>) {
        const payload = m.metadata?.event_type === METADATA_EVENT ? m.metadata.event_payload : undefined;
        if (payload?.key === key && m.ts) found.set(Number(payload.part ?? 0), m.ts);
      }
    };
    try {
      if (target.threadTs) {
        const res = await client.conversations.replies({
          channel: target.channel,
          ts: target.threadTs,
          include_all_metadata: true,
          limit: 200,
        });
        collect(res.messages);
      } else {
        const res = await client.conversations.history({
          channel: target.channel,
          oldest: String(since / 1000 - 60),
          include_all_metadata: true,
          limit: 100,
        });
        collect(res.messages);
      }
      return found;
    } catch (error) {
      const code = slackError(error);
      logger.warn(
        { key, error: code ?? String(error) },
        'could not check whether a message was already posted',
      );
      // A check that can never work here (no access to the history) must not hold the message back forever.
      return isTransient(code) ? undefined : found;
    }
  }

  async function post(
    client: WebClient,
    key: string,
    target: Target,
    message: OutgoingMessage,
    part: number,
  ): Promise<string> {
    const ephemeralUser = message.public ? null : target.ephemeralUser;
    const base = {
      channel: target.channel,
      text: message.text,
      blocks: message.blocks,
      ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
    };
    const send = async (m: { text: string; blocks?: SlackMessage['blocks'] }) => {
      if (ephemeralUser) {
        const res = await client.chat.postEphemeral({ ...base, ...m, user: ephemeralUser });
        return res.message_ts ?? '';
      }
      const res = await client.chat.postMessage({
        ...base,
        ...m,
        unfurl_links: false,
        unfurl_media: false,
        metadata: { event_type: METADATA_EVENT, event_payload: { key, part } },
      });
      return res.ts ?? '';
    };
    try {
      return await send({ text: message.text, blocks: message.blocks });
    } catch (error) {
      const code = slackError(error);
      if (code && TOO_BIG.has(code)) {
        // Blocks Slack refused: the plain-text fallback still reaches the person.
        logger.warn({ key, error: code }, 'blocks rejected; sending plain text');
        return send({ text: truncate(message.text, LIMITS.fallbackText), blocks: [] });
      }
      throw error;
    }
  }

  const sentTs = (sent: string | null) => (sent && !sent.startsWith('failed') ? sent.split(',') : []);

  async function send(key: string): Promise<string[]> {
    const entry = await ledger.outboxClaim(key, owner, clock(), leaseMs);
    if (!entry) {
      // Sent already, gone, or another live instance is sending it.
      const now = await ledger.outboxGet(key);
      return now?.status === 'sent' ? sentTs(now.sentTs) : [];
    }
    const { target, messages } = entry.payload as Payload;
    let client: WebClient;
    try {
      client = await clientFor(entry.teamId);
    } catch (error) {
      await ledger.outboxRelease(key, owner, true);
      throw error;
    }
    // An earlier attempt (this instance's, or one that died) may have posted some parts: parts Slack shows are
    // not posted again; parts go out in order, so the ones before them (even ephemeral) went too.
    let done = new Map<number, string>();
    if (entry.attempts > 1 && (!target.ephemeralUser || messages.some((m) => m.public))) {
      const found = await alreadyPosted(client, key, target, entry.createdAt);
      if (!found) {
        await ledger.outboxRelease(key, owner, false);
        throw new Error('cannot check Slack for an earlier post yet; the message stays pending');
      }
      done = found;
    }
    const last = Math.max(-1, ...done.keys());
    const ts: string[] = [];
    let postedNow = 0;
    try {
      for (const [i, m] of messages.entries()) {
        const known = done.get(i) ?? (i < last ? '' : undefined);
        if (known !== undefined) ts.push(known);
        else {
          ts.push(await post(client, key, target, m, i));
          postedNow++;
        }
      }
    } catch (error) {
      const code = slackError(error);
      // A size/format error here means even the plain-text fallback was refused: retrying cannot help.
      if (code && (PERMANENT.has(code) || TOO_BIG.has(code))) {
        logger.warn({ key, channel: target.channel, error: code }, 'message could not be delivered');
        await ledger.outboxSent(key, `failed:${code}`);
        throw error;
      }
      // Slack refused it outright and nothing went out: this attempt did not count.
      await ledger.outboxRelease(key, owner, postedNow === 0 && code !== null && done.size === 0);
      throw error;
    }
    const posted = ts.filter(Boolean);
    await ledger.outboxSent(key, posted.join(','));
    return posted;
  }

  /**
   * Waits for this instance's send of `key`, if one is under way: an edit or a delete that follows its answer
   * closely then finds the reply marked sent (with its ts), not pending.
   */
  async function settled(key: string): Promise<void> {
    await inFlight.get(key)?.catch(() => undefined);
  }

  /** Sends a pending outbox entry (once, even if called concurrently); returns the posted ts values. */
  function flush(key: string): Promise<string[]> {
    const running = inFlight.get(key);
    if (running) return running;
    const p = send(key).finally(() => inFlight.delete(key));
    inFlight.set(key, p);
    return p;
  }

  /**
   * Rewrites a message already in Slack under `key` (chat.update of each part; extra parts are posted or
   * removed). False when it cannot be rewritten in place: never sent, failed, or a private (ephemeral) card.
   */
  async function rewrite(key: string, messages: SlackMessage[]): Promise<boolean> {
    await settled(key);
    const entry = await ledger.outboxGet(key);
    if (entry?.status !== 'sent' || !entry.sentTs || entry.sentTs.startsWith('failed')) return false;
    const { target } = entry.payload as Payload;
    if (target.ephemeralUser) return false;
    const old = entry.sentTs.split(',').filter(Boolean);
    const ts: string[] = [];
    try {
      const client = await clientFor(entry.teamId);
      for (const [i, m] of messages.entries()) {
        if (i < old.length) {
          await client.chat.update({ channel: target.channel, ts: old[i]!, text: m.text, blocks: m.blocks });
          ts.push(old[i]!);
        } else {
          ts.push(await post(client, key, target, m, i));
        }
      }
      for (const extra of old.slice(messages.length))
        await client.chat.delete({ channel: target.channel, ts: extra });
    } catch (error) {
      logger.warn({ key, error: slackError(error) ?? String(error) }, 'could not rewrite a sent message');
      return false;
    }
    await ledger.outboxSent(key, ts.join(','));
    return true;
  }

  /** Removes what was sent under `key` from Slack (public parts; Slack lets no app delete an ephemeral one). */
  async function retract(key: string): Promise<void> {
    await settled(key);
    const entry = await ledger.outboxGet(key);
    if (!entry) return;
    await ledger.outboxDelete(key);
    if (!entry.sentTs || entry.sentTs.startsWith('failed')) return;
    // A sent entry keeps its target and which parts were public (1) or private (0), in order.
    const { target, public: flags = [] } = entry.payload as { target: Target; public?: number[] };
    const sent = entry.sentTs.split(',').filter(Boolean);
    for (const [i, ts] of sent.entries()) {
      const isPublic = sent.length === flags.length ? flags[i] === 1 : !target.ephemeralUser;
      if (!isPublic) continue;
      try {
        const client = await clientFor(entry.teamId);
        await client.chat.delete({ channel: target.channel, ts });
      } catch (error) {
        logger.warn({ key, error: slackError(error) ?? String(error) }, 'could not delete our reply');
      }
    }
  }

  /**
   * Sends everything still pending that nobody holds (after a restart, a rate limit, or another instance's
   * death). `takeAll`: this is the only instance (SQLite), so any lease still standing is a dead one.
   */
  async function recover(takeAll = false): Promise<number> {
    let sent = 0;
    const now = takeAll ? Number.MAX_SAFE_INTEGER : clock();
    for (const entry of await ledger.outboxPending(now, 500)) {
      if (takeAll) await ledger.outboxRelease(entry.key, null, false);
      try {
        await flush(entry.key);
        sent++;
      } catch (error) {
        logger.warn(
          { key: entry.key, error: slackError(error) ?? String(error) },
          'pending message not sent yet',
        );
      }
    }
    return sent;
  }

  return { enqueue, flush, recover, rewrite, retract };
}

export type Delivery = ReturnType<typeof createDelivery>;
