import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTION_PATTERNS } from '../../../../core/ids.js';
import { practisePrinciple } from '../../../../core/usecases/index.js';
import { actorFor, dmChannel, type SlackContext } from '../../context.js';
import { send, teamOf } from '../send.js';

/** "Practise <principle>" for a story-bank gap or the App Home's weakest principle. */
export function register(app: App, ctx: SlackContext): void {
  app.action<BlockAction<ButtonAction>>(
    ACTION_PATTERNS.practiseGap,
    async ({ ack, action, body, client, respond }) => {
      await ack();
      const actor = actorFor(ctx, client, teamOf(body), body.user.id);
      const input = {
        principleId: action.value ?? '',
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
