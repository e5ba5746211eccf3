import type { BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../../../core/ids.js';
import { openStoryEdit } from '../../../../core/usecases/index.js';
import { actorFor, type SlackContext } from '../../context.js';
import type { Listeners } from '../../listener-table.js';
import { send, teamOf } from '../send.js';

/** "Rename / retag" in the story bank: the edit form for one of the actor's stories. */
export function register(app: Listeners, ctx: SlackContext): void {
  app.action<BlockAction<ButtonAction>>(ACTIONS.storyEdit, async ({ ack, action, body, client, respond }) => {
    await ack();
    const actor = actorFor(ctx, client, teamOf(body), body.user.id);
    await send(ctx, { client, userId: actor.userId, respond, triggerId: body.trigger_id }, () =>
      openStoryEdit(ctx.core, actor, Number(action.value)),
    );
  });
}
