import type { WebClient } from '@slack/web-api';
import type { ChannelService } from '../../core/channel/channel.js';
import type { ChannelStore, PromptRecord } from '../../core/channel/ports.js';
import type { Content } from '../../core/content/content.js';
import { KEYS } from '../../core/ids.js';
import type { Clock, Logger } from '../../core/ports.js';
import { localDate, localWeekday } from '../../core/schedule/schedule.js';
import { isTransient, METADATA_EVENT, slackError } from './delivery.js';
import { digestMessage, promptMessage } from './render/channel.js';

/** Whether a prompt is in Slack after a post attempt, and the Slack error when not. */
export type PostOutcome = { posted: true } | { posted: false; error: string };

const PAUSE_ON = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'restricted_action']);

export interface SchedulerDeps {
  /** A client that rejects rate-limited calls instead of waiting, so a prompt is never hours late. */
  client: WebClient;
  channelService: ChannelService;
  channels: ChannelStore;
  content: Content;
  clock: Clock;
  logger: Logger;
  graceMs: number;
  startedAt: number;
}

/** Posts each channel's daily prompt exactly once, on time or within grace, and the weekly digests. */
export function createScheduler(deps: SchedulerDeps) {
  const { client, channelService, channels, content, clock, logger } = deps;
  const retryAt = new Map<number, number>();
  /** Set when Slack rate-limits a post: the soonest time the next pass may run. */
  let wakeAt: number | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  /** The ts of this prompt in Slack (by its metadata), null if not there, undefined if Slack cannot be asked now. */
  async function findPosted(prompt: PromptRecord): Promise<string | null | undefined> {
    try {
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

  /** Posts a claimed prompt (or finds it posted before a crash); says whether it is in Slack now. */
  async function post(prompt: PromptRecord, now: number): Promise<PostOutcome> {
    const waitUntil = retryAt.get(prompt.id);
    if (waitUntil && now < waitUntil) return { posted: false, error: 'ratelimited' };
    // A claim left by a crash may already be in Slack: look before posting again.
    if (prompt.claimedAt < deps.startedAt) {
      const ts = await findPosted(prompt);
      if (ts === undefined) {
        // Posting now could post it twice: ask again on a later tick.
        retryAt.set(prompt.id, now + 30_000);
        return { posted: false, error: 'service_unavailable' };
      }
      if (ts) {
        channels.markPromptPosted(prompt.id, ts, now);
        return { posted: true };
      }
    }
    if (now - prompt.dueAt > deps.graceMs) {
      channels.markPromptSkipped(prompt.id, 'too late');
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
      const res = await client.chat.postMessage({
        channel: prompt.channelId,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        metadata: { event_type: METADATA_EVENT, event_payload: { key: KEYS.prompt(prompt.id) } },
      });
      channels.markPromptPosted(prompt.id, res.ts!, clock());
      retryAt.delete(prompt.id);
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
        channels.markPromptFailed(prompt.id, code);
        channels.setPaused(prompt.channelId, true, code, now);
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
      retryAt.set(prompt.id, now + 60_000);
      return { posted: false, error: code ?? 'unknown_error' };
    }
  }

  async function tellOwner(channelId: string, code: string): Promise<void> {
    const schedule = channels.getSchedule(channelId);
    if (!schedule) return;
    try {
      await client.chat.postMessage({
        channel: schedule.createdBy,
        text: `I could not post the daily question in <#${channelId}> (${code}), so I paused its schedule. Invite me back (/invite @STAR Coach) and run /star resume there.`,
      });
    } catch (error) {
      logger.warn({ channel: channelId, error: slackError(error) }, 'could not tell the schedule owner');
    }
  }

  async function digests(now: number): Promise<void> {
    for (const schedule of channels.listSchedules()) {
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
      if (!channels.claimDigest(schedule.channelId, weekStart, now)) continue;
      const data = channelService.digest(schedule.channelId, now, schedule.timezone);
      if (!data.answers) continue;
      const message = digestMessage(data, content);
      try {
        const res = await client.chat.postMessage({
          channel: schedule.channelId,
          text: message.text,
          blocks: message.blocks,
        });
        channels.markDigestPosted(schedule.channelId, weekStart, res.ts!);
      } catch (error) {
        logger.warn({ channel: schedule.channelId, error: slackError(error) }, 'weekly digest not posted');
      }
    }
  }

  /** One pass: pending claims first (crash recovery, rate limits), then newly due prompts, then digests. */
  async function tick(now = clock()): Promise<void> {
    wakeAt = null;
    for (const prompt of channels.pendingPrompts()) {
      if (wakeAt !== null) break;
      await post(prompt, now);
    }
    for (const due of channelService.due(now, deps.graceMs)) {
      if (wakeAt !== null) break;
      const prompt = channelService.claim(due, now);
      if (!prompt) continue;
      if (due.tooLate) {
        channels.markPromptSkipped(prompt.id, 'too late');
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
    for (const prompt of channels.pendingPrompts()) {
      if (prompt.claimedAt >= deps.startedAt) continue;
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

  return { tick, start, stop, recoverClaims, postPrompt: post };
}

export type Scheduler = ReturnType<typeof createScheduler>;
