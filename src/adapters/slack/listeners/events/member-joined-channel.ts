import { joinedChannel } from '../../../../core/usecases/index.js';
import type { SlackContext } from '../../context.js';
import type { Listeners } from '../../listener-table.js';
import { send } from '../send.js';

/** The bot was added to a channel: it introduces itself, once. */
export function register(app: Listeners, ctx: SlackContext): void {
  app.event('member_joined_channel', async ({ event, context, body, client }) => {
    if (event.user !== context.botUserId || typeof event.channel !== 'string') return;
    const teamId = (body as { team_id?: string }).team_id ?? event.team ?? 'T0';
    await send(ctx, { client, userId: event.user }, () =>
      joinedChannel(ctx.core, { teamId, channelId: event.channel }),
    );
  });
}
