import { type MessageInput, onMessage } from '../../../../core/usecases/index.js';
import type { SlackContext } from '../../context.js';
import type { Listeners } from '../../listener-table.js';
import { send } from '../send.js';

/** The message fields we read; Slack's union types are narrowed here once. */
interface MessageEvent {
  subtype?: string;
  channel: string;
  channel_type?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  team?: string;
  message?: { user?: string; bot_id?: string; text?: string; ts: string; thread_ts?: string };
  previous_message?: { ts: string; thread_ts?: string };
  deleted_ts?: string;
}

/** Subtypes that carry a person's new message. */
const NEW_MESSAGE = new Set([undefined, 'thread_broadcast', 'file_share']);

/** Slack's message event as the core's input; null for what is not ours to handle (bots, ourselves, joins). */
export function messageInput(e: MessageEvent, teamId: string): MessageInput | null {
  // Never answer ourselves or other bots.
  if (e.bot_id || e.subtype === 'bot_message' || e.message?.bot_id) return null;
  if (e.subtype === 'message_changed') {
    const m = e.message;
    if (!m?.user || typeof m.text !== 'string' || typeof m.ts !== 'string') return null;
    return {
      kind: 'edit',
      teamId,
      channelId: e.channel,
      userId: m.user,
      ts: m.ts,
      threadTs: m.thread_ts ?? null,
      text: m.text,
      editTs: e.ts,
    };
  }
  if (e.subtype === 'message_deleted') {
    const ts = e.deleted_ts ?? e.previous_message?.ts;
    return ts ? { kind: 'delete', channelId: e.channel, ts } : null;
  }
  if (!NEW_MESSAGE.has(e.subtype) || !e.user || typeof e.ts !== 'string') return null;
  const text = typeof e.text === 'string' ? e.text : '';
  if (e.channel_type === 'im')
    return { kind: 'direct', teamId, userId: e.user, channel: e.channel, ts: e.ts, text };
  if (!e.thread_ts || e.thread_ts === e.ts) return null;
  return {
    kind: 'thread_reply',
    teamId,
    channelId: e.channel,
    userId: e.user,
    ts: e.ts,
    threadTs: e.thread_ts,
    text,
  };
}

/** Message events: thread answers and chat, DM practice, edits and deletes. */
export function register(app: Listeners, ctx: SlackContext): void {
  app.event('message', async ({ event, body, client, context }) => {
    const e = event as unknown as MessageEvent;
    const teamId = (body as { team_id?: string }).team_id ?? e.team ?? context.teamId ?? 'T0';
    const input = messageInput(e, teamId);
    if (!input || typeof e.channel !== 'string') return;
    const userId = 'userId' in input ? input.userId : '';
    await send(ctx, { client, userId }, () => onMessage(ctx.core, input));
  });
}
