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
 * Every message event: thread answers and chat, DMs, edits and deletes. Each is idempotent by the message it
 * came from (its reply's key): a redelivery finds the reply already owed and changes nothing. (The Slack side
 * also dedupes event ids across instances before the core is called.)
 */
export async function onMessage(deps: CoreDeps, input: MessageInput): Promise<Effects> {
  switch (input.kind) {
    case 'thread_reply':
      return answerInThread(deps, input);
    case 'direct':
      return directMessage(deps, input);
    case 'edit':
      return editThreadAnswer(deps, input);
    case 'delete':
      return deleteThreadMessage(deps, input);
  }
}
