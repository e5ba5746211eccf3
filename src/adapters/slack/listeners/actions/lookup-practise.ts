import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../../../core/ids.js';
import { practisePrinciple } from '../../../../core/usecases/index.js';
import { actorFor, dmChannel, type SlackContext } from '../../context.js';
import { send, teamOf } from '../send.js';

/** "Practise this" on a principle card: a practice on it in the actor's DM. */
export function register(app: App, ctx: SlackContext): void {
  app.action<BlockAction<ButtonAction>>(
    ACTIONS.lookupPractise,
    async ({ ack, action, body, client, respond }) => {
      await ack();
      const actor = actorFor(ctx, client, teamOf(body), body.user.id);
      const input = {
        principleId: action.value ?? '',
        channel: await dmChannel(client, actor.userId),
        requestId: action.action_ts,
        confirm: true,
      };
      await send(ctx, { client, userId: actor.userId, respond }, () =>
        practisePrinciple(ctx.core, actor, input),
      );
    },
  );
}
