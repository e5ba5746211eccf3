import { directMessage } from './direct.js';
import {
  answerInThread,
  deleteThreadMessage,
  editThreadAnswer,
  type ThreadEditInput,
  type ThreadMessageInput,
} from './thread.js';
import type { CoreDeps, Effects } from './types.js';

/** A message event, as the core needs it. */
export type MessageInput =
  | ({ kind: 'thread_reply' } & ThreadMessageInput)
  | { kind: 'direct'; teamId: string; userId: string; channel: string; ts: string; text: string }
  | ({ kind: 'edit' } & ThreadEditInput)
  | { kind: 'delete'; channelId: string; ts: string };

/**
 * Every message event: thread answers and chat, DMs, edits and deletes. An event id already handled (a
 * redelivery after the first copy finished) changes nothing.
 */
export async function onMessage(
  deps: CoreDeps,
  event: { eventId: string | null; teamId: string },
  input: MessageInput,
): Promise<Effects> {
  const { channels } = deps;
  if (event.eventId && channels.isEventProcessed(event.eventId)) return {};
  let effects: Effects;
  switch (input.kind) {
    case 'thread_reply':
      effects = await answerInThread(deps, input);
      break;
    case 'direct':
      effects = await directMessage(deps, input);
      break;
    case 'edit':
      effects = await editThreadAnswer(deps, input);
      break;
    case 'delete':
      effects = await deleteThreadMessage(deps, input);
      break;
  }
  // Messages owed are in the outbox by now: a crash before they are sent is recovered from there.
  if (event.eventId) channels.markEventProcessed(event.eventId, event.teamId, deps.clock());
  return effects;
}
