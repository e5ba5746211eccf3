import type { WebClient } from '@slack/web-api';
import type { ChannelService } from '../../core/channel/channel.js';
import type { ChannelStore, PromptRecord } from '../../core/channel/ports.js';
import type { Content } from '../../core/content/content.js';
import { KEYS } from '../../core/ids.js';
import type { Clock, Logger } from '../../core/ports.js';
import { localDate, localWeekday } from '../../core/schedule/schedule.js';
import { isTransient, METADATA_EVENT, slackError } from './delivery.js';
import type { DeliveryLedger } from './ledger.js';
import { digestMessage, promptMessage } from './render/channel.js';

/** Whether a prompt is in Slack after a post attempt, and the Slack error when not. */
export type PostOutcome = { posted: true } | { posted: false; error: string };

const PAUSE_ON = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'restricted_action']);

export interface SchedulerDeps {
  /**
   * A workspace's client (its own bot token when installed through OAuth), rejecting rate-limited calls
   * instead of waiting, so a prompt is never hours late.
   */
  clientFor: (teamId: string) => Promise<WebClient>;
  channelService: ChannelService;
  channels: ChannelStore;
  content: Content;
  clock: Clock;
  logger: Logger;
  graceMs: number;
  /** Leases: one scheduler pass at a time across instances, one post of a prompt at a time. */
  ledger: DeliveryLedger;
  owner: string;
  /** How long the scheduler's lease lasts without renewal (a dead instance's passes resume elsewhere after it). */
  leaseMs: number;
}

/** Posts each channel's daily prompt exactly once, on time or within grace, and the weekly digests. */
export function createScheduler(deps: SchedulerDeps) {
  const { clientFor, channelService, channels, content, clock, logger, ledger, owner } = deps;
  const retryAt = new Map<number, number>();
  /** Prompts this process claimed; any other pending prompt may have been posted by an instance that died. */
  const claimedHere = new Set<number>();
  /** Prompts whose last post attempt had no answer from Slack (it may have gone through). */
  const uncertain = new Set<number>();
  const posting = new Set<number>();
  /** Set when Slack rate-limits a post: the soonest time the next pass may run. */
  let wakeAt: number | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  /** The ts of this prompt in Slack (by its metadata), null if not there, undefined if Slack cannot be asked now. */
  async function findPosted(prompt: PromptRecord): Promise<string | null | undefined> {
    try {
      const client = await clientFor(prompt.teamId);
      const res = await client.conversations.history({
        channel: prompt.channelId,
        oldest: String(prompt.claimedAt / 1000 - 60),
        include_all_metadata: true,
        limit: 100,
      });
      const hit = (res.messages ?? []).find(
        (m) =>
          (m as { metadata?: { event_type?: string; event_payload?: { key?: string } } }).metadata
            ?.event_type === METADATA_EVENT &&
          (m as { metadata?: { event_payload?: { key?: string } } }).metadata?.event_payload?.key ===
            KEYS.prompt(prompt.id),
      );
      return hit?.ts ?? null;
    } catch (error) {
      const code = slackError(error);
      logger.warn(
        { channel: prompt.channelId, error: code ?? String(error) },
        'could not check for an earlier post',
      );
      return isTransient(code) ? undefined : null;
    }
  }

  /**
   * Posts a claimed prompt (or finds it posted by an attempt that died); says whether it is in Slack now. One
   * post of a prompt at a time, in this process and across instances (a lease per prompt).
   */
  async function post(prompt: PromptRecord, now: number): Promise<PostOutcome> {
    if (posting.has(prompt.id)) return { posted: false, error: 'busy' };
    posting.add(prompt.id);
    try {
      if (!(await ledger.lease(KEYS.prompt(prompt.id), owner, now, 60_000)))
        return { posted: false, error: 'busy' };
      return await postHeld(prompt, now);
    } finally {
      posting.delete(prompt.id);
    }
  }

  async function postHeld(prompt: PromptRecord, now: number): Promise<PostOutcome> {
    const current = await channels.getPrompt(prompt.id);
    // Settled meanwhile (by another instance, or an earlier pass).
    if (current && current.status !== 'pending')
      return current.status === 'posted'
        ? { posted: true }
        : { posted: false, error: current.error ?? current.status };
    const waitUntil = retryAt.get(prompt.id);
    if (waitUntil && now < waitUntil) return { posted: false, error: 'ratelimited' };
    // A claim this process did not make (a crash, another instance), or an attempt Slack never answered, may
    // already be in Slack: look before posting again.
    if (!claimedHere.has(prompt.id) || uncertain.has(prompt.id)) {
      const ts = await findPosted(prompt);
      if (ts === undefined) {
        // Posting now could post it twice: ask again on a later tick.
        retryAt.set(prompt.id, now + 30_000);
        return { posted: false, error: 'service_unavailable' };
      }
      if (ts) {
        await channels.markPromptPosted(prompt.id, ts, now);
        return { posted: true };
      }
      // Not in Slack: from here on this process's attempts are the only ones.
      claimedHere.add(prompt.id);
      uncertain.delete(prompt.id);
    }
    if (now - prompt.dueAt > deps.graceMs) {
      await channels.markPromptSkipped(prompt.id, 'too late');
      logger.warn(
        {
          channel: prompt.channelId,
          date: prompt.localDate,
          lateMinutes: Math.round((now - prompt.dueAt) / 60000),
        },
        'daily prompt skipped: past the grace window',
      );
      return { posted: false, error: 'too_late' };
    }
    const message = promptMessage(prompt, content);
    try {
      const client = await clientFor(prompt.teamId);
      const res = await client.chat.postMessage({
        channel: prompt.channelId,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        metadata: { event_type: METADATA_EVENT, event_payload: { key: KEYS.prompt(prompt.id) } },
      });
      await channels.markPromptPosted(prompt.id, res.ts!, clock());
      retryAt.delete(prompt.id);
      uncertain.delete(prompt.id);
      logger.info(
        { channel: prompt.channelId, date: prompt.localDate, question: prompt.questionId },
        'daily prompt posted',
      );
      return { posted: true };
    } catch (error) {
      const code = slackError(error);
      if (code === 'ratelimited') {
        const after = Number((error as { retryAfter?: number }).retryAfter ?? 30);
        retryAt.set(prompt.id, now + after * 1000);
        // Slack asked us to wait: stop this pass and come back as soon as it allows, not at the next interval.
        wakeAt = Math.min(wakeAt ?? Number.POSITIVE_INFINITY, now + after * 1000);
        logger.warn(
          { channel: prompt.channelId, retryAfter: after },
          'daily prompt rate limited; will retry',
        );
        return { posted: false, error: code };
      }
      if (code && PAUSE_ON.has(code)) {
        await channels.markPromptFailed(prompt.id, code);
        await channels.setPaused(prompt.channelId, true, code, now);
        logger.warn(
          { channel: prompt.channelId, error: code },
          'schedule paused: cannot post in this channel',
        );
        await tellOwner(prompt.channelId, code);
        return { posted: false, error: code };
      }
      logger.error(
        { channel: prompt.channelId, error: code ?? String(error) },
        'daily prompt failed; will retry',
      );
      if (code === null) uncertain.add(prompt.id);
      retryAt.set(prompt.id, now + 60_000);
      return { posted: false, error: code ?? 'unknown_error' };
    }
  }

  async function tellOwner(channelId: string, code: string): Promise<void> {
    const schedule = await channels.getSchedule(channelId);
    if (!schedule) return;
    try {
      const client = await clientFor(schedule.teamId);
      await client.chat.postMessage({
        channel: schedule.createdBy,
        text: `I could not post the daily question in <#${channelId}> (${code}), so I paused its schedule. Invite me back (/invite @STAR Coach) and run /star resume there.`,
      });
    } catch (error) {
      logger.warn({ channel: channelId, error: slackError(error) }, 'could not tell the schedule owner');
    }
  }

  async function digests(now: number): Promise<void> {
    for (const schedule of await channels.listSchedules()) {
      if (schedule.paused || schedule.digestWeekday === null) continue;
      if (localWeekday(now, schedule.timezone) !== schedule.digestWeekday) continue;
      const localNow = new Intl.DateTimeFormat('en-GB', {
        timeZone: schedule.timezone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(now));
      if (localNow < schedule.localTime) continue;
      const weekStart = localDate(now, schedule.timezone);
      if (!(await channels.claimDigest(schedule.channelId, weekStart, now))) continue;
      const data = await channelService.digest(schedule.channelId, now, schedule.timezone);
      if (!data.answers) continue;
      const message = digestMessage(data, content);
      try {
        const client = await clientFor(schedule.teamId);
        const res = await client.chat.postMessage({
          channel: schedule.channelId,
          text: message.text,
          blocks: message.blocks,
        });
        await channels.markDigestPosted(schedule.channelId, weekStart, res.ts!);
      } catch (error) {
        logger.warn({ channel: schedule.channelId, error: slackError(error) }, 'weekly digest not posted');
      }
    }
  }

  /**
   * One pass: pending claims first (crash recovery, rate limits), then newly due prompts, then digests. With
   * several instances, only the holder of the scheduler's lease runs passes: one per tick overall.
   */
  async function tick(now = clock()): Promise<void> {
    if (!(await ledger.lease('scheduler', owner, now, deps.leaseMs))) return;
    wakeAt = null;
    for (const prompt of await channels.pendingPrompts()) {
      if (wakeAt !== null) break;
      await post(prompt, now);
    }
    for (const due of await channelService.due(now, deps.graceMs)) {
      if (wakeAt !== null) break;
      const prompt = await channelService.claim(due, now);
      if (!prompt) continue;
      claimedHere.add(prompt.id);
      if (due.tooLate) {
        await channels.markPromptSkipped(prompt.id, 'too late');
        logger.warn(
          { channel: prompt.channelId, date: prompt.localDate },
          'daily prompt skipped: the app was down past the grace window',
        );
        continue;
      }
      await post(prompt, now);
    }
    await digests(now);
  }

  /**
   * Settles the claims a crash left pending (found in Slack → recorded, else posted or skipped), before
   * events flow again: a reply to a prompt posted just before the crash must find its thread.
   */
  async function recoverClaims(now = clock()): Promise<void> {
    if (!(await ledger.lease('scheduler', owner, now, deps.leaseMs))) return;
    for (const prompt of await channels.pendingPrompts()) {
      if (claimedHere.has(prompt.id)) continue;
      try {
        await post(prompt, now);
      } catch (error) {
        logger.warn({ channel: prompt.channelId, error: String(error) }, 'could not settle a pending prompt');
      }
    }
  }

  /** Runs `tick` once now and then every `intervalMs`; overlapping ticks are skipped. */
  function start(intervalMs = 20_000): void {
    const run = () => {
      if (running) return;
      running = tick()
        .catch((error) => logger.error({ error: String(error) }, 'scheduler tick failed'))
        .finally(() => {
          running = null;
          if (timer && wakeAt !== null) {
            const early = setTimeout(run, Math.max(0, wakeAt - clock()));
            early.unref();
          }
        });
    };
    run();
    timer = setInterval(run, intervalMs);
    timer.unref();
  }

  async function stop(): Promise<void> {
    if (timer) clearInterval(timer);
    timer = null;
    await running;
  }

  /** Posts a prompt this process just claimed (an admin's `/star prompt`). */
  const postPrompt = (prompt: PromptRecord, now: number) => {
    claimedHere.add(prompt.id);
    return post(prompt, now);
  };

  return { tick, start, stop, recoverClaims, postPrompt };
}

export type Scheduler = ReturnType<typeof createScheduler>;
