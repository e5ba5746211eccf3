import type { BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../../../core/ids.js';
import { practisePrompt } from '../../../../core/usecases/index.js';
import { actorFor, dmChannel, type SlackContext } from '../../context.js';
import type { Listeners } from '../../listener-table.js';
import { send, teamOf } from '../send.js';

/** "Practise privately" under a daily question: the same question in a DM practice. */
export function register(app: Listeners, ctx: SlackContext): void {
  app.action<BlockAction<ButtonAction>>(
    ACTIONS.promptPrivate,
    async ({ ack, action, body, client, respond }) => {
      await ack();
      const actor = actorFor(ctx, client, teamOf(body), body.user.id);
      const input = {
        promptId: Number(action.value),
        channel: await dmChannel(client, actor.userId),
        requestId: action.action_ts,
      };
      await send(ctx, { client, userId: actor.userId, respond }, () =>
        practisePrompt(ctx.core, actor, input),
      );
    },
  );
}
