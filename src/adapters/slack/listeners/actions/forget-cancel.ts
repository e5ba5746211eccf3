import type { BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../../../core/ids.js';
import { keepData } from '../../../../core/usecases/index.js';
import { actorFor, type SlackContext } from '../../context.js';
import type { Listeners } from '../../listener-table.js';
import { send, teamOf } from '../send.js';

/** "Keep it" after `/star forget-me`. */
export function register(app: Listeners, ctx: SlackContext): void {
  app.action<BlockAction<ButtonAction>>(ACTIONS.forgetCancel, async ({ ack, body, client, respond }) => {
    await ack();
    const actor = actorFor(ctx, client, teamOf(body), body.user.id);
    await send(ctx, { client, userId: actor.userId, respond }, () => keepData());
  });
}
