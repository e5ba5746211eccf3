import type { BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../../../core/ids.js';
import { saveStoryFromAnswer } from '../../../../core/usecases/index.js';
import { actorFor, type SlackContext } from '../../context.js';
import type { Listeners } from '../../listener-table.js';
import { send, teamOf } from '../send.js';

/** "Save as story" under a score card (the answer must be the actor's own). */
export function register(app: Listeners, ctx: SlackContext): void {
  app.action<BlockAction<ButtonAction>>(ACTIONS.saveStory, async ({ ack, action, body, client, respond }) => {
    await ack();
    const actor = actorFor(ctx, client, teamOf(body), body.user.id);
    await send(ctx, { client, userId: actor.userId, respond }, () =>
      saveStoryFromAnswer(ctx.core, actor, Number(action.value)),
    );
  });
}
