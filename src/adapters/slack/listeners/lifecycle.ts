import type { App } from '@slack/bolt';
import { publishHome, type SlackContext } from '../context.js';
import { onboardingMessage } from '../render/channel.js';

/** Joining a channel, the App Home, and uninstall. */
export function register(app: App, ctx: SlackContext): void {
  app.event('member_joined_channel', async ({ event, context, body }) => {
    if (event.user !== context.botUserId) return;
    const team = (body as { team_id?: string }).team_id ?? event.team ?? 'T0';
    // Keyed by channel: re-adding the bot never repeats the introduction.
    const key = `onboard:${event.channel}`;
    ctx.delivery.enqueue(key, team, null, { channel: event.channel }, [onboardingMessage()]);
    await ctx.delivery.flush(key);
  });

  app.event('app_home_opened', async ({ event, client, body }) => {
    if (event.tab !== 'home') return;
    const team = (body as { team_id?: string }).team_id ?? 'T0';
    await publishHome(ctx, client, team, event.user);
  });

  const forgetWorkspace = async ({ body }: { body: unknown }) => {
    const team = (body as { team_id?: string }).team_id;
    if (!team) return;
    ctx.channels.forgetTeam(team);
    ctx.logger.warn({ team }, 'workspace data removed (uninstalled or tokens revoked)');
  };
  app.event('app_uninstalled', forgetWorkspace);
  app.event('tokens_revoked', forgetWorkspace);
}
