import type { BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../../../core/ids.js';
import { openPromptForm } from '../../../../core/usecases/index.js';
import { actorFor, type SlackContext } from '../../context.js';
import type { Listeners } from '../../listener-table.js';
import { send, teamOf } from '../send.js';

/** "Answer in a form" under a daily question: the five-field STAR form. */
export function register(app: Listeners, ctx: SlackContext): void {
  app.action<BlockAction<ButtonAction>>(
    ACTIONS.promptForm,
    async ({ ack, action, body, client, respond }) => {
      await ack();
      const actor = actorFor(ctx, client, teamOf(body), body.user.id);
      await send(ctx, { client, userId: actor.userId, respond, triggerId: body.trigger_id }, () =>
        openPromptForm(ctx.core, Number(action.value)),
      );
    },
  );
}
