import type { BlockAction, StaticSelectAction } from '@slack/bolt';
import { ACTIONS } from '../../../../core/ids.js';
import { setLevel } from '../../../../core/usecases/index.js';
import { actorFor, type SlackContext } from '../../context.js';
import type { Listeners } from '../../listener-table.js';
import { send, teamOf } from '../send.js';

/** The App Home's level menu. */
export function register(app: Listeners, ctx: SlackContext): void {
  app.action<BlockAction<StaticSelectAction>>(
    ACTIONS.homeLevel,
    async ({ ack, action, body, client, respond }) => {
      await ack();
      const actor = actorFor(ctx, client, teamOf(body), body.user.id);
      await send(ctx, { client, userId: actor.userId, respond }, () =>
        setLevel(ctx.core, actor, action.selected_option?.value ?? ''),
      );
    },
  );
}
