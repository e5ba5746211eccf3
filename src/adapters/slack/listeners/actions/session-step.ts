import type { BlockAction, ButtonAction } from '@slack/bolt';
import { ACTION_PATTERNS, SESSION_STEP_ACTIONS } from '../../../../core/ids.js';
import { sessionAction } from '../../../../core/usecases/index.js';
import { actorFor, dmChannel, type SlackContext } from '../../context.js';
import type { Listeners } from '../../listener-table.js';
import { send, teamOf } from '../send.js';

/** A DM session's Next / Hint / Skip / End buttons (the session must be the actor's own). */
export function register(app: Listeners, ctx: SlackContext): void {
  app.action<BlockAction<ButtonAction>>(
    ACTION_PATTERNS.sessionStep,
    async ({ ack, action, body, client, respond }) => {
      await ack();
      const actor = actorFor(ctx, client, teamOf(body), body.user.id);
      const input = {
        sessionId: action.value ?? '',
        channel: await dmChannel(client, actor.userId),
        input: { type: 'command', name: SESSION_STEP_ACTIONS[action.action_id] ?? 'next' } as const,
        requestId: action.action_ts,
      };
      await send(ctx, { client, userId: actor.userId, respond }, () => sessionAction(ctx.core, actor, input));
    },
  );
}
