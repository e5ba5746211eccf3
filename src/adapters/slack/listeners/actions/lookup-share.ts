import type { BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../../../core/ids.js';
import { sharePrinciple } from '../../../../core/usecases/index.js';
import { actorFor, type SlackContext } from '../../context.js';
import type { Listeners } from '../../listener-table.js';
import { send, teamOf } from '../send.js';

/** "Share in channel" on a principle card: the card for everyone, without anyone's stories. */
export function register(app: Listeners, ctx: SlackContext): void {
  app.action<BlockAction<ButtonAction>>(
    ACTIONS.lookupShare,
    async ({ ack, action, body, client, respond }) => {
      await ack();
      const actor = actorFor(ctx, client, teamOf(body), body.user.id);
      await send(ctx, { client, userId: actor.userId, respond }, () =>
        sharePrinciple(ctx.core, actor, action.value ?? ''),
      );
    },
  );
}
