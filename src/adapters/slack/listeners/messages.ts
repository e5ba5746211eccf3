import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { replyKey } from '../../../core/channel/channel.js';
import { parseStart } from '../../terminal/shell.js';
import { publishHome, type SlackContext, startDmSession } from '../context.js';
import type { OutgoingMessage } from '../delivery.js';
import { fitMessages } from '../render/blocks.js';
import { helpMessage } from '../render/channel.js';
import { renderOutputs, reportBlocks } from '../render/coaching.js';
import { nextTurn } from '../turns.js';

/** The message fields we read; Slack's union types are narrowed here once. */
interface MessageEvent {
  type: 'message';
  subtype?: string;
  channel: string;
  channel_type?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  team?: string;
  message?: {
    user?: string;
    bot_id?: string;
    text?: string;
    ts: string;
    thread_ts?: string;
    subtype?: string;
  };
  previous_message?: { ts: string; thread_ts?: string };
  deleted_ts?: string;
  files?: unknown[];
}

const ANSWER_SUBTYPES = new Set([undefined, 'thread_broadcast', 'file_share']);
const DM_COMMANDS: Record<string, 'next' | 'hint' | 'skip' | 'end'> = {
  next: 'next',
  hint: 'hint',
  skip: 'skip',
  end: 'end',
  stop: 'end',
  quit: 'end',
};

/** message events: thread answers, probe answers, edits, deletes, and DM practice. */
export function register(app: App, ctx: SlackContext): void {
  app.event('message', async ({ event, body, client, context }) => {
    const e = event as unknown as MessageEvent;
    const teamId = (body as { team_id?: string }).team_id ?? e.team ?? context.teamId ?? 'T0';
    const eventId = (body as { event_id?: string }).event_id;
    ctx.logger.debug({ eventId, retry: context.retryNum ?? 0, subtype: e.subtype ?? null }, 'message event');
    // Never answer ourselves or other bots.
    if (e.bot_id || e.subtype === 'bot_message' || e.message?.bot_id) return;
    // Scoring is CPU work: take turns, so a burst cannot hold back the acks of the envelopes behind it.
    await nextTurn();
    if (eventId && ctx.channels.isEventProcessed(eventId)) return;

    if (e.subtype === 'message_changed' && e.message?.user && e.message.text !== undefined) {
      await onEdit(ctx, client, e.channel, e.message.ts, e.message.text, e.message.user, e.ts);
    } else if (e.subtype === 'message_deleted') {
      const ts = e.deleted_ts ?? e.previous_message?.ts;
      if (ts) await onDelete(ctx, client, e.channel, ts);
    } else if (ANSWER_SUBTYPES.has(e.subtype) && e.user) {
      const text = e.text ?? '';
      if (e.channel_type === 'im') await onDirectMessage(ctx, client, teamId, e.user, e.channel, e.ts, text);
      else if (e.thread_ts && e.thread_ts !== e.ts)
        await onThreadReply(ctx, client, teamId, e.user, e.channel, e.thread_ts, e.ts, text);
    }
    if (eventId) ctx.channels.markEventProcessed(eventId, teamId, ctx.clock());
  });
}

async function onThreadReply(
  ctx: SlackContext,
  client: WebClient,
  teamId: string,
  userId: string,
  channelId: string,
  threadTs: string,
  ts: string,
  text: string,
): Promise<void> {
  const key = replyKey(channelId, ts);
  // A redelivered answer: make sure its reply went out, then stop.
  if (ctx.channels.outboxGet(key)) {
    await ctx.delivery.flush(key);
    return;
  }
  const queued = ctx.channels.transaction(() => {
    const d = ctx.channelService.threadReply({ teamId, channelId, userId, ts, threadTs, text });
    if (d.kind !== 'reply') return false;
    const cards = renderOutputs(d.outputs, {
      content: ctx.content,
      answerId: d.answer?.id ?? null,
      inThread: true,
    });
    const messages: OutgoingMessage[] = [...cards];
    if (d.privacy === 'ephemeral' && !d.isProbeAnswer) {
      messages.push({
        ...fitMessages([], `<@${userId}> your answer is scored; the card is visible only to you.`)[0]!,
        blocks: [],
        public: true,
      });
    }
    ctx.delivery.enqueue(
      key,
      teamId,
      userId,
      {
        channel: channelId,
        threadTs: d.prompt.messageTs,
        ephemeralUser: d.privacy === 'ephemeral' ? userId : null,
      },
      messages,
    );
    return true;
  });
  if (!queued) return;
  await ctx.delivery.flush(key);
  void publishHome(ctx, client, teamId, userId).catch(() => undefined);
}

async function onEdit(
  ctx: SlackContext,
  client: WebClient,
  channelId: string,
  ts: string,
  text: string,
  userId: string,
  /** The ts of the `message_changed` event itself: one per edit, the same on a retry or a replay. */
  editTs: string,
): Promise<void> {
  const d = ctx.channelService.edit(channelId, ts, text);
  if (d.kind !== 'update') return;
  const blocks = reportBlocks(d.report, {
    content: ctx.content,
    answerId: d.answer.id,
    edited: true,
    inThread: true,
  });
  const [message] = fitMessages(blocks, `Re-scored after your edit: ${d.report.score}/100`);
  const sent = ctx.channels.outboxGet(d.replyKey);
  const replyTs =
    sent?.status === 'sent' && sent.sentTs && !sent.sentTs.startsWith('failed')
      ? sent.sentTs.split(',')[0]
      : null;
  if (d.privacy === 'public' && replyTs) {
    await client.chat.update({
      channel: channelId,
      ts: replyTs,
      text: message!.text,
      blocks: message!.blocks,
    });
    return;
  }
  const key = `${d.replyKey}:edit:${editTs}`;
  ctx.delivery.enqueue(
    key,
    d.answer.teamId,
    userId,
    {
      channel: channelId,
      threadTs: d.prompt.messageTs,
      ephemeralUser: d.privacy === 'ephemeral' ? userId : null,
    },
    [message!],
  );
  await ctx.delivery.flush(key);
}

async function onDelete(ctx: SlackContext, client: WebClient, channelId: string, ts: string): Promise<void> {
  const d = ctx.channelService.remove(channelId, ts);
  if (d.kind !== 'delete') return;
  const sent = ctx.channels.outboxGet(d.replyKey);
  ctx.channels.outboxDelete(d.replyKey);
  if (!sent?.sentTs || sent.sentTs.startsWith('failed')) return;
  const payload = sent.payload as { target?: { ephemeralUser?: string | null } };
  if (payload.target?.ephemeralUser) return;
  for (const replyTs of sent.sentTs.split(',')) {
    try {
      await client.chat.delete({ channel: channelId, ts: replyTs });
    } catch (error) {
      ctx.logger.warn({ channel: channelId, error: String(error) }, 'could not delete our reply');
    }
  }
}

async function onDirectMessage(
  ctx: SlackContext,
  client: WebClient,
  teamId: string,
  userId: string,
  channel: string,
  ts: string,
  text: string,
): Promise<void> {
  const key = `dm:${channel}:${ts}`;
  if (ctx.channels.outboxGet(key)) {
    await ctx.delivery.flush(key);
    return;
  }
  const word = text.trim().toLowerCase();
  const active = ctx.coach.activeSession(teamId, userId, ['practice', 'mock', 'walkthrough']);
  const start = parseStart(ctx.coach, text);
  if (word === 'help' || word === '?') {
    ctx.delivery.enqueue(key, teamId, userId, { channel }, [helpMessage()]);
    await ctx.delivery.flush(key);
    return;
  }
  if (
    start &&
    !('error' in start) &&
    (!active || active.stage === 'awaiting_answer' || active.mode === 'walkthrough')
  ) {
    await startDmSession(ctx, client, teamId, userId, {
      mode: start.mode,
      principle: start.principle,
      level: start.level,
      fromMessage: ts,
    });
    return;
  }
  if (!active) {
    const hint =
      start && 'error' in start
        ? start.error
        : 'Say "practice", "practice ownership senior", "mock", "walkthrough dive deep" or "help".';
    ctx.delivery.enqueue(key, teamId, userId, { channel }, fitMessages([], hint));
    await ctx.delivery.flush(key);
    return;
  }
  const command = DM_COMMANDS[word];
  const input =
    command !== undefined
      ? ({ type: 'command', name: command, messageId: ts } as const)
      : active.mode === 'walkthrough' && active.stage === 'walkthrough_step'
        ? ({ type: 'command', name: 'next', messageId: ts } as const)
        : ({ type: 'text', text, messageId: ts } as const);
  const step = ctx.channels.transaction(() => {
    const s = ctx.coach.handle(active.id, input, { source: 'dm', channelId: channel, messageTs: ts });
    if (s.duplicate) return null;
    const messages = renderOutputs(s.output, {
      content: ctx.content,
      sessionId: active.id,
      answerId: s.stored[0]?.id ?? null,
    });
    if (messages.length) ctx.delivery.enqueue(key, teamId, userId, { channel }, messages);
    return s;
  });
  if (!step) return;
  await ctx.delivery.flush(key);
  if (step.stored.length || step.state.status !== 'active')
    void publishHome(ctx, client, teamId, userId).catch(() => undefined);
}
