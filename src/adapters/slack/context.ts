import type { WebClient } from '@slack/web-api';
import type { ChannelService } from '../../core/channel/channel.js';
import type { ChannelStore } from '../../core/channel/ports.js';
import type { Coach } from '../../core/coach.js';
import type { Content } from '../../core/content/content.js';
import type { Level } from '../../core/content/schema.js';
import type { Clock, Logger, Random } from '../../core/ports.js';
import type { Mode, Output } from '../../core/practice/session.js';
import type { CoachStore } from '../../core/store.js';
import type { Delivery } from './delivery.js';
import { renderOutputs } from './render/coaching.js';
import { homeView } from './render/private.js';
import type { Scheduler } from './scheduler.js';

/** What every listener may use. Listeners hold no state of their own. */
export interface SlackContext {
  content: Content;
  coach: Coach;
  coachStore: CoachStore;
  channels: ChannelStore;
  channelService: ChannelService;
  delivery: Delivery;
  scheduler: Scheduler;
  logger: Logger;
  clock: Clock;
  random: Random;
  newId: () => string;
  adminUserIds: string[];
  /** Answers to `users.info` admin checks, cached for a few minutes. */
  adminCache: Map<string, { admin: boolean; at: number }>;
}

const ADMIN_TTL = 10 * 60_000;

/** Admins: ADMIN_USER_IDS, or Slack workspace admins and owners (users.info, cached). */
export async function isAdmin(ctx: SlackContext, client: WebClient, userId: string): Promise<boolean> {
  if (ctx.adminUserIds.includes(userId)) return true;
  const cached = ctx.adminCache.get(userId);
  if (cached && ctx.clock() - cached.at < ADMIN_TTL) return cached.admin;
  try {
    const res = await client.users.info({ user: userId });
    const u = res.user as { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean } | undefined;
    const admin = Boolean(u?.is_admin || u?.is_owner || u?.is_primary_owner);
    ctx.adminCache.set(userId, { admin, at: ctx.clock() });
    return admin;
  } catch (error) {
    ctx.logger.warn({ user: userId, error: String(error) }, 'admin check failed; treating as not an admin');
    return false;
  }
}

/** Opens (or reuses) the DM with a person and returns its channel id. */
export async function dmChannel(client: WebClient, userId: string): Promise<string> {
  const res = await client.conversations.open({ users: userId });
  return res.channel?.id ?? userId;
}

/** Sends core outputs into a DM through the outbox, keyed so a redelivery sends nothing twice. */
export async function sendToDm(
  ctx: SlackContext,
  key: string,
  teamId: string,
  userId: string,
  channel: string,
  outputs: Output[],
  sessionId: string | null,
  answerId: number | null = null,
): Promise<void> {
  const messages = renderOutputs(outputs, { content: ctx.content, sessionId, answerId });
  if (!messages.length) return;
  ctx.delivery.enqueue(key, teamId, userId, { channel }, messages);
  await ctx.delivery.flush(key);
}

/** Starts a DM practice session (practice, walkthrough or mock) and posts its first step. */
export async function startDmSession(
  ctx: SlackContext,
  client: WebClient,
  teamId: string,
  userId: string,
  options: {
    mode: Mode;
    principle?: string | null;
    level?: Level | null;
    questionId?: string | null;
    /** The ts of the DM that asked: a redelivered or replayed request then finds its session, not a new one. */
    fromMessage?: string | null;
  },
): Promise<void> {
  const channel = await dmChannel(client, userId);
  const id = `dm:${teamId}:${userId}:${options.fromMessage ?? ctx.newId()}`;
  const key = `start:${id}`;
  // The session and its first message are stored together, once; a second request only (re)sends it.
  ctx.channels.transaction(() => {
    if (ctx.channels.outboxGet(key)) return;
    const previous = ctx.coach.activeSession(teamId, userId, ['practice', 'mock', 'walkthrough']);
    if (previous) ctx.coach.handle(previous.id, { type: 'command', name: 'end' }, { source: 'dm' });
    const level = options.level ?? ctx.coach.settings(teamId, userId).level;
    const step = ctx.coach.start(
      {
        id,
        mode: options.mode,
        teamId,
        userId,
        level,
        principle: options.principle ?? null,
        questionId: options.questionId ?? null,
        count: options.mode === 'mock' ? 2 : undefined,
      },
      { source: 'dm', channelId: channel },
    );
    const messages = renderOutputs(step.output, { content: ctx.content, sessionId: id, answerId: null });
    if (messages.length) ctx.delivery.enqueue(key, teamId, userId, { channel }, messages);
  });
  await ctx.delivery.flush(key);
}

/** Re-publishes a person's App Home. */
export async function publishHome(
  ctx: SlackContext,
  client: WebClient,
  teamId: string,
  userId: string,
): Promise<void> {
  const settings = ctx.coach.settings(teamId, userId);
  const progress = ctx.coach.progress(teamId, userId);
  const rows = ctx.coach.coverage(teamId, userId);
  const recent = ctx.coach
    .answers(teamId, userId)
    .slice(-5)
    .reverse()
    .map((a) => ({ principle: a.principleId, score: a.score, verdict: a.verdict, createdAt: a.createdAt }));
  await client.views.publish({
    user_id: userId,
    view: homeView(ctx.content, settings, progress, rows, recent),
  });
}
