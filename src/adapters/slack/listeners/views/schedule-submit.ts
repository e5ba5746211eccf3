import { VIEWS } from '../../../../core/ids.js';
import { type ScheduleInput, saveSchedule } from '../../../../core/usecases/index.js';
import { actorFor, type SlackContext } from '../../context.js';
import type { Listeners } from '../../listener-table.js';
import { noticeMarkdown } from '../../render/reply.js';
import { send, teamOf } from '../send.js';
import { type ViewState, viewMetadata } from './state.js';

/** The schedule form as the core's input. */
function scheduleInput(values: ViewState, channelId: string): ScheduleInput {
  const digest = values.digest?.value?.selected_option?.value;
  return {
    channelId,
    time: values.time?.value?.selected_time ?? '',
    timezone: values.timezone?.value?.selected_option?.value ?? '',
    weekdays: (values.weekdays?.value?.selected_options ?? []).map((o) => Number(o.value)),
    level: values.level?.value?.selected_option?.value ?? 'sde2',
    privacy: values.privacy?.value?.selected_option?.value ?? 'public',
    weighted: (values.weighted?.value?.selected_options ?? []).length > 0,
    digestWeekday: digest && digest !== 'none' ? Number(digest) : null,
  };
}

/**
 * The schedule form submitted. Its validation errors ride on the ack (Slack shows them under the fields),
 * so here the core call comes before the ack.
 */
export function register(app: Listeners, ctx: SlackContext): void {
  app.view(VIEWS.schedule, async ({ ack, view, body, client }) => {
    const actor = actorFor(ctx, client, teamOf(body), body.user.id);
    const { channelId = '' } = viewMetadata<{ channelId?: string }>(view.private_metadata);
    const effects = await saveSchedule(
      ctx.core,
      scheduleInput(view.state.values as ViewState, channelId),
      actor,
    );
    if (effects.errors) {
      const errors = Object.fromEntries(
        Object.entries(effects.errors).map(([k, n]) => [k, noticeMarkdown(n)]),
      );
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    await send(ctx, { client, userId: actor.userId }, async () => effects);
  });
}
