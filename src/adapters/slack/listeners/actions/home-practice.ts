import type { BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../../../core/ids.js';
import { practisePrinciple } from '../../../../core/usecases/index.js';
import { actorFor, dmChannel, type SlackContext } from '../../context.js';
import type { Listeners } from '../../listener-table.js';
import { send, teamOf } from '../send.js';

/** "Start a practice" in the App Home. */
export function register(app: Listeners, ctx: SlackContext): void {
  app.action<BlockAction<ButtonAction>>(
    ACTIONS.homePractice,
    async ({ ack, action, body, client, respond }) => {
      await ack();
      const actor = actorFor(ctx, client, teamOf(body), body.user.id);
      const input = {
        principleId: null,
        channel: await dmChannel(client, actor.userId),
        requestId: action.action_ts,
        confirm: false,
      };
      await send(ctx, { client, userId: actor.userId, respond }, () =>
        practisePrinciple(ctx.core, actor, input),
      );
    },
  );
}
