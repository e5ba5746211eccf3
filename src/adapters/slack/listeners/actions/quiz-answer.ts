import type { BlockAction, ButtonAction } from '@slack/bolt';
import { ACTION_PATTERNS } from '../../../../core/ids.js';
import { sessionAction } from '../../../../core/usecases/index.js';
import { actorFor, dmChannel, type SlackContext } from '../../context.js';
import type { Listeners } from '../../listener-table.js';
import { send, teamOf } from '../send.js';

/** A quiz option's button in a walkthrough (value: "<session id>|<option>"). */
export function register(app: Listeners, ctx: SlackContext): void {
  app.action<BlockAction<ButtonAction>>(
    ACTION_PATTERNS.quizAnswer,
    async ({ ack, action, body, client, respond }) => {
      await ack();
      const actor = actorFor(ctx, client, teamOf(body), body.user.id);
      const [sessionId = '', choice = ''] = (action.value ?? '').split('|');
      const input = {
        sessionId,
        channel: await dmChannel(client, actor.userId),
        input: { type: 'quiz', choice: Number(choice) } as const,
        requestId: action.action_ts,
      };
      await send(ctx, { client, userId: actor.userId, respond }, () => sessionAction(ctx.core, actor, input));
    },
  );
}
