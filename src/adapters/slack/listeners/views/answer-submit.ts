import { VIEWS } from '../../../../core/ids.js';
import { submitAnswerForm } from '../../../../core/usecases/index.js';
import { actorFor, dmChannel, type SlackContext } from '../../context.js';
import type { Listeners } from '../../listener-table.js';
import { send, teamOf } from '../send.js';
import { type ViewState, viewMetadata } from './state.js';

type Target = { kind: 'prompt'; promptId: number } | { kind: 'session'; sessionId: string };

/** The STAR answer form submitted: for a daily question's thread, or for a DM session. */
export function register(app: Listeners, ctx: SlackContext): void {
  app.view(VIEWS.answer, async ({ ack, view, body, client }) => {
    await ack();
    const actor = actorFor(ctx, client, teamOf(body), body.user.id);
    const meta = viewMetadata<Target>(view.private_metadata) as Partial<Target>;
    const to: Target | null =
      meta.kind === 'prompt' && typeof meta.promptId === 'number'
        ? { kind: 'prompt', promptId: meta.promptId }
        : meta.kind === 'session' && typeof meta.sessionId === 'string'
          ? { kind: 'session', sessionId: meta.sessionId }
          : null;
    if (!to) return;
    const values = view.state.values as ViewState;
    const field = (id: string) => values[id]?.value?.value ?? null;
    const input = {
      to,
      viewId: view.id,
      parts: {
        situation: field('situation'),
        task: field('task'),
        action: field('action'),
        result: field('result'),
        reflection: field('reflection'),
      },
      dmChannel: () => dmChannel(client, actor.userId),
    };
    await send(ctx, { client, userId: actor.userId }, () => submitAnswerForm(ctx.core, actor, input));
  });
}
