import type { BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../../../core/ids.js';
import { deleteStory } from '../../../../core/usecases/index.js';
import { actorFor, type SlackContext } from '../../context.js';
import type { Listeners } from '../../listener-table.js';
import { send, teamOf } from '../send.js';

/** "Delete" in the story bank (only the actor's own stories). */
export function register(app: Listeners, ctx: SlackContext): void {
  app.action<BlockAction<ButtonAction>>(
    ACTIONS.storyDelete,
    async ({ ack, action, body, client, respond }) => {
      await ack();
      const actor = actorFor(ctx, client, teamOf(body), body.user.id);
      await send(ctx, { client, userId: actor.userId, respond }, () =>
        deleteStory(ctx.core, actor, Number(action.value)),
      );
    },
  );
}
