import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { ACTIONS } from '../../../../core/ids.js';
import { practisePrinciple } from '../../../../core/usecases/index.js';
import { actorFor, dmChannel, type SlackContext } from '../../context.js';
import type { Listeners } from '../../listener-table.js';
import { send, teamOf } from '../send.js';

/**
 * A "Practise <principle>" button: a practice on the button's principle in the actor's DM. `confirm`: say so
 * where the button was (a principle card); buttons in the DM or App Home need no confirmation.
 */
export function practiseButton(ctx: SlackContext, confirm: boolean) {
  return async ({
    ack,
    action,
    body,
    client,
    respond,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) => {
    await ack();
    const actor = actorFor(ctx, client, teamOf(body), body.user.id);
    const input = {
      principleId: action.value ?? '',
      channel: await dmChannel(client, actor.userId),
      requestId: action.action_ts,
      confirm,
    };
    await send(ctx, { client, userId: actor.userId, respond }, () =>
      practisePrinciple(ctx.core, actor, input),
    );
  };
}

/** "Practise this" on a principle card. */
export function register(app: Listeners, ctx: SlackContext): void {
  app.action<BlockAction<ButtonAction>>(ACTIONS.lookupPractise, practiseButton(ctx, true));
}
