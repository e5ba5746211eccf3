import type { BlockAction, ButtonAction } from '@slack/bolt';
import { ACTION_PATTERNS } from '../../../../core/ids.js';
import { openPrinciple } from '../../../../core/usecases/index.js';
import { actorFor, type SlackContext } from '../../context.js';
import type { Listeners } from '../../listener-table.js';
import { send, teamOf } from '../send.js';

/** A suggested principle under an unknown `/lp` name: its card. */
export function register(app: Listeners, ctx: SlackContext): void {
  app.action<BlockAction<ButtonAction>>(
    ACTION_PATTERNS.lookupOpen,
    async ({ ack, action, body, client, respond }) => {
      await ack();
      const actor = actorFor(ctx, client, teamOf(body), body.user.id);
      await send(ctx, { client, userId: actor.userId, respond }, () =>
        openPrinciple(ctx.core, actor, action.value ?? ''),
      );
    },
  );
}
