import type { BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../../../core/ids.js';
import { openSchedule } from '../../../../core/usecases/index.js';
import { actorFor, type SlackContext } from '../../context.js';
import type { Listeners } from '../../listener-table.js';
import { send, teamOf } from '../send.js';

/** "Set up a daily question" after `/star prompt` in a channel without a schedule. */
export function register(app: Listeners, ctx: SlackContext): void {
  app.action<BlockAction<ButtonAction>>(
    ACTIONS.scheduleOpen,
    async ({ ack, action, body, client, respond }) => {
      await ack();
      const actor = actorFor(ctx, client, teamOf(body), body.user.id);
      await send(ctx, { client, userId: actor.userId, respond, triggerId: body.trigger_id }, () =>
        openSchedule(ctx.core, actor, action.value ?? ''),
      );
    },
  );
}
