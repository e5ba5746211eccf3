import { forgetWorkspace } from '../../../../core/usecases/index.js';
import type { SlackContext } from '../../context.js';
import type { Listeners } from '../../listener-table.js';
import { send } from '../send.js';

/** Uninstalled, or its tokens revoked: the workspace's data goes. */
export function register(app: Listeners, ctx: SlackContext): void {
  for (const name of ['app_uninstalled', 'tokens_revoked'] as const) {
    app.event(name, async ({ body, client }) => {
      const teamId = (body as { team_id?: string }).team_id;
      if (!teamId) return;
      await send(ctx, { client, userId: '' }, () => forgetWorkspace(ctx.core, teamId));
    });
  }
}
