import type { RespondArguments } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Content } from '../../core/content/content.js';
import { notice } from '../../core/notice.js';
import type { Effects, Reply } from '../../core/usecases/types.js';
import { dmChannel, type SlackContext } from './context.js';
import type { OutgoingMessage } from './delivery.js';
import { postFailure } from './errors.js';
import type { SlackMessage } from './render/blocks.js';
import { homeView } from './render/home.js';
import { renderModal, renderReply } from './render/reply.js';

/** What a listener has to send with: the client, and the response URL or trigger of its payload. */
export interface SendIo {
  client: WebClient;
  /** The acting person (App Home, files, ephemeral notes go to them). */
  userId: string;
  respond?: (message: RespondArguments) => Promise<unknown>;
  triggerId?: string;
}

const ephemeral = (m: SlackMessage, replaceOriginal = false): RespondArguments => ({
  response_type: 'ephemeral',
  replace_original: replaceOriginal,
  text: m.text,
  blocks: m.blocks,
});

/** Renders a reply to Slack messages (used by the outbox queue and the responses below). */
export function render(ctx: SlackContext, reply: Reply): SlackMessage[] {
  return renderReply(reply, ctx.content);
}

/** Renders a queued message's parts, each part keeping its public flag. */
export function renderParts(
  content: Content,
  parts: Array<{ reply: Reply; public?: boolean }>,
): OutgoingMessage[] {
  return parts.flatMap((p) =>
    renderReply(p.reply, content).map((m) => (p.public ? { ...m, public: true } : m)),
  );
}

/**
 * The "render + send" step of every listener: does what a use case asked, in an order that suits Slack
 * (a modal first, while its trigger is fresh; then the response; then messages, rewrites and removals).
 */
export async function applyEffects(ctx: SlackContext, io: SendIo, effects: Effects): Promise<void> {
  const { client } = io;
  if (effects.modal && io.triggerId)
    await client.views.open({ trigger_id: io.triggerId, view: renderModal(effects.modal) });
  if (io.respond) {
    if (effects.reply) for (const m of render(ctx, effects.reply)) await io.respond(ephemeral(m));
    if (effects.replaceOriginal)
      for (const m of render(ctx, effects.replaceOriginal)) await io.respond(ephemeral(m, true));
    if (effects.share)
      for (const m of render(ctx, effects.share))
        await io.respond({
          response_type: 'in_channel',
          replace_original: false,
          text: m.text,
          blocks: m.blocks,
        });
  }
  for (const key of effects.send ?? []) await ctx.delivery.flush(key);
  for (const r of effects.rewrite ?? []) {
    if (await ctx.delivery.rewrite(r.key, render(ctx, r.reply))) continue;
    const f = r.fallback;
    await ctx.delivery.enqueue(f.key, f.teamId, f.userId, f.target, renderParts(ctx.content, f.parts));
    await ctx.delivery.flush(f.key);
  }
  for (const key of effects.retract ?? []) await ctx.delivery.retract(key);
  if (effects.prompt) {
    const outcome = await ctx.scheduler.postPrompt(effects.prompt.record, ctx.clock());
    const reply: Reply = outcome.posted
      ? {
          kind: 'prompt_posted',
          scheduled: effects.prompt.scheduled,
          channelId: effects.prompt.record.channelId,
        }
      : { kind: 'notice', notice: notice(postFailure(outcome.error)) };
    if (io.respond) for (const m of render(ctx, reply)) await io.respond(ephemeral(m));
  }
  if (effects.notify) {
    for (const m of render(ctx, effects.notify.reply)) {
      await client.chat
        .postEphemeral({ channel: effects.notify.channel, user: io.userId, text: m.text, blocks: m.blocks })
        .catch((error) => ctx.logger.warn({ error: String(error) }, 'confirmation not posted'));
    }
  }
  if (effects.file) {
    const dm = await dmChannel(client, io.userId);
    await client.files.uploadV2({
      channel_id: dm,
      filename: effects.file.filename,
      title: effects.file.title,
      content: effects.file.content,
      initial_comment: effects.file.comment,
    });
  }
  if (effects.home) {
    const { userId, load } = effects.home;
    // The App Home is a convenience: a failure to refresh it must not fail what the person did.
    await load()
      .then((data) => data && client.views.publish({ user_id: userId, view: homeView(ctx.content, data) }))
      .catch((error) => ctx.logger.warn({ error: String(error) }, 'App Home not refreshed'));
  }
}
