import { COMMANDS } from '../../../../core/ids.js';
import { starCommand } from '../../../../core/usecases/index.js';
import { actorFor, dmChannel, type SlackContext } from '../../context.js';
import type { Listeners } from '../../listener-table.js';
import { send } from '../send.js';

/** `/star …`: practice, stories, schedule, settings and data. Every subcommand is one core call. */
export function register(app: Listeners, ctx: SlackContext): void {
  app.command(COMMANDS.star, async ({ command, ack, respond, client }) => {
    await ack();
    const actor = actorFor(ctx, client, command.team_id, command.user_id);
    const input = {
      text: command.text ?? '',
      channelId: command.channel_id,
      dmChannel: () => dmChannel(client, command.user_id),
      requestId: command.trigger_id,
    };
    await send(ctx, { client, userId: command.user_id, respond, triggerId: command.trigger_id }, () =>
      starCommand(ctx.core, actor, input),
    );
  });
}
