import type { WebClient } from '@slack/web-api';
import type { Content } from '../../core/content/content.js';
import type { Clock, Logger } from '../../core/ports.js';
import type { Actor, CoreDeps } from '../../core/usecases/types.js';
import type { Delivery } from './delivery.js';
import type { Scheduler } from './scheduler.js';

/** What every listener may use: the core's use cases take `core`; the rest renders and sends. */
export interface SlackContext {
  core: CoreDeps;
  content: Content;
  delivery: Delivery;
  scheduler: Scheduler;
  logger: Logger;
  clock: Clock;
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

/** A person's IANA timezone from their Slack profile (UTC when Slack does not say). */
async function timezoneOf(ctx: SlackContext, client: WebClient, userId: string): Promise<string> {
  try {
    const info = await client.users.info({ user: userId });
    return (info.user as { tz?: string } | undefined)?.tz ?? 'UTC';
  } catch (error) {
    ctx.logger.warn({ user: userId, error: String(error) }, 'timezone lookup failed; using UTC');
    return 'UTC';
  }
}

/** The person acting, for the core: its admin and timezone checks ask Slack only when a use case needs them. */
export function actorFor(ctx: SlackContext, client: WebClient, teamId: string, userId: string): Actor {
  let admin: Promise<boolean> | null = null;
  let tz: Promise<string> | null = null;
  return {
    teamId,
    userId,
    isAdmin: () => {
      admin ??= isAdmin(ctx, client, userId);
      return admin;
    },
    timezone: () => {
      tz ??= timezoneOf(ctx, client, userId);
      return tz;
    },
  };
}

/** Opens (or reuses) the DM with a person and returns its channel id. */
export async function dmChannel(client: WebClient, userId: string): Promise<string> {
  const res = await client.conversations.open({ users: userId });
  return res.channel?.id ?? userId;
}
