import { VIEWS } from '../../../../core/ids.js';
import { submitStoryEdit } from '../../../../core/usecases/index.js';
import { actorFor, type SlackContext } from '../../context.js';
import type { Listeners } from '../../listener-table.js';
import { send, teamOf } from '../send.js';
import { type ViewState, viewMetadata } from './state.js';

/** The story rename / retag form submitted (only the actor's own story changes). */
export function register(app: Listeners, ctx: SlackContext): void {
  app.view(VIEWS.storyEdit, async ({ ack, view, body, client }) => {
    await ack();
    const actor = actorFor(ctx, client, teamOf(body), body.user.id);
    const { storyId } = viewMetadata<{ storyId: number }>(view.private_metadata);
    if (typeof storyId !== 'number') return;
    const values = view.state.values as ViewState;
    const input = {
      storyId,
      title: values.title?.value?.value ?? null,
      principles: (values.principles?.value?.selected_options ?? []).map((o) => o.value),
    };
    await send(ctx, { client, userId: actor.userId }, () => submitStoryEdit(ctx.core, actor, input));
  });
}
