import type { Effects } from '../../../core/usecases/types.js';
import type { SlackContext } from '../context.js';
import { applyEffects, type SendIo } from '../effects.js';
import { userMessage } from '../errors.js';
import { noticeMessage } from '../render/reply.js';

/**
 * Runs one core call and renders + sends what it returns. A failure is told to the person kindly (when the
 * payload has a response URL), then rethrown so `app.error()` logs it.
 */
export async function send(ctx: SlackContext, io: SendIo, call: () => Promise<Effects>): Promise<void> {
  try {
    await applyEffects(ctx, io, await call());
  } catch (error) {
    if (io.respond) {
      const m = noticeMessage(userMessage(error));
      await io
        .respond({ response_type: 'ephemeral', replace_original: false, text: m.text, blocks: m.blocks })
        .catch(() => undefined);
    }
    throw error;
  }
}

/** The workspace of an interaction payload. */
export function teamOf(body: { team?: { id?: string } | null; user?: { team_id?: string } }): string {
  return body.team?.id ?? body.user?.team_id ?? 'T0';
}
