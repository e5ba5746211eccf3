import { openHome } from '../../../../core/usecases/index.js';
import type { SlackContext } from '../../context.js';
import type { Listeners } from '../../listener-table.js';
import { send } from '../send.js';

/** The App Home tab was opened: publish it fresh. */
export function register(app: Listeners, ctx: SlackContext): void {
  app.event('app_home_opened', async ({ event, client, body }) => {
    if (event.tab !== 'home' || typeof event.user !== 'string') return;
    const teamId = (body as { team_id?: string }).team_id ?? 'T0';
    await send(ctx, { client, userId: event.user }, () => openHome(ctx.core, { teamId, userId: event.user }));
  });
}
