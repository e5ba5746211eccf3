import { COMMANDS } from '../../../../core/ids.js';
import { lookupCommand } from '../../../../core/usecases/index.js';
import { actorFor, type SlackContext } from '../../context.js';
import type { Listeners } from '../../listener-table.js';
import { send } from '../send.js';

/** `/lp [principle]` and `/lp reframe <principle> [story]`: lookups, privately. */
export function register(app: Listeners, ctx: SlackContext): void {
  app.command(COMMANDS.lp, async ({ command, ack, respond, client }) => {
    await ack();
    const actor = actorFor(ctx, client, command.team_id, command.user_id);
    await send(ctx, { client, userId: command.user_id, respond }, () =>
      lookupCommand(ctx.core, actor, command.text ?? ''),
    );
  });
}
