/**
 * Answers, not chat: decides whether a thread reply is an attempt at an answer (or a follow-up answer) or
 * chat around it (thanks, jokes, a question to someone, a mention, an emoji). Small, deterministic rules on
 * the words that are left once mentions, links and emoji are taken out; long texts are always answers.
 */

export type ChatReason =
  | 'no_text'
  | 'emoji_only'
  | 'mention_only'
  | 'thanks'
  | 'laughter'
  | 'addressed'
  | 'question'
  | 'short_chat';

export type ReplyKind = { kind: 'answer' } | { kind: 'chat'; reason: ChatReason };

/** At least this many words is always an attempt at an answer, whatever else it holds. */
export const ALWAYS_ANSWER_WORDS = 25;
/** Below this, thanks or praise anywhere makes it chat ("really useful, thanks!"). */
const SHORT_WORDS = 12;

const MENTION = /<@[UW][A-Z0-9]+(?:\|[^>]*)?>/g;
const BROADCAST = /<!(?:channel|here|everyone|subteam\^[^>]*)(?:\|[^>]*)?>/g;
const LINK = /<(?:https?|mailto):[^>]*>/g;
const EMOJI_CODE = /:[a-z0-9_+'-]+:/gi;
const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u200D|\uFE0F|\u20E3/gu;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

const LAUGHTER = /(?:^|[^\p{L}])(?:lol|lmao|rofl|ha(?:ha)+h?|he(?:he)+|jk)(?:$|[^\p{L}])/iu;
const THANKS_START =
  /^(?:thanks|thank you|thank u|thx|ty|tysm|cheers|much appreciated|appreciated|nice|great|awesome|cool|amazing|brilliant|love (?:it|this|that)|good (?:one|stuff|point|answer|question|call)|well done|well said|congrats|congratulations|kudos|agreed|same here|so true|this (?:is|was) (?:great|useful|helpful|super|really|so|very|gold)|\+1)\b/i;
const THANKS_ANYWHERE =
  /\b(?:thanks|thank you|thx|appreciate(?:d)?|kudos|congrats|great (?:answer|question|one|stuff)|nice one|well done|(?:so|really|very|super) (?:useful|helpful))\b/i;
const FIRST_PERSON = /\b(?:i|i'm|i've|i'd|i'll|me|my|we|we've|we're|we'd|our|us)\b/i;
const PAST_TENSE = /\b[a-z]{3,}ed\b/i;

/** Whether a thread reply is an answer attempt or chat; the same text always gets the same result. */
export function classifyThreadReply(raw: string): ReplyKind {
  const text = raw.trim();
  if (!text) return { kind: 'chat', reason: 'no_text' };
  const hadMention = MENTION.test(text) || BROADCAST.test(text);
  MENTION.lastIndex = 0;
  BROADCAST.lastIndex = 0;
  const withoutMarkup = text.replace(MENTION, ' ').replace(BROADCAST, ' ').replace(LINK, ' ');
  const withoutEmoji = withoutMarkup.replace(EMOJI_CODE, ' ').replace(EMOJI, ' ');
  const hadEmoji = withoutEmoji !== withoutMarkup;
  const rest = withoutEmoji.replace(/\s+/g, ' ').trim();
  const words = rest.match(WORD) ?? [];
  if (!/\p{L}/u.test(rest)) {
    if (hadEmoji) return { kind: 'chat', reason: 'emoji_only' };
    if (hadMention) return { kind: 'chat', reason: 'mention_only' };
    return { kind: 'chat', reason: 'short_chat' };
  }
  if (words.length >= ALWAYS_ANSWER_WORDS || rest.length >= 160) return { kind: 'answer' };
  // Mostly another script (where words are not space-separated): an attempt the rubric explains kindly.
  const letters = rest.match(/\p{L}/gu)?.length ?? 0;
  const latin = rest.match(/\p{Script=Latin}/gu)?.length ?? 0;
  if (letters >= 20 && latin < letters / 2) return { kind: 'answer' };
  if (LAUGHTER.test(rest)) return { kind: 'chat', reason: 'laughter' };
  if (THANKS_START.test(rest) || (words.length < SHORT_WORDS && THANKS_ANYWHERE.test(rest)))
    return { kind: 'chat', reason: 'thanks' };
  if (/^<@[UW]/.test(text)) return { kind: 'chat', reason: 'addressed' };
  if (rest.endsWith('?')) return { kind: 'chat', reason: 'question' };
  // A short reply that tells what someone did is a (short) answer: the rubric says what is missing.
  if (FIRST_PERSON.test(rest)) return { kind: 'answer' };
  if (words.length >= 8 && PAST_TENSE.test(rest)) return { kind: 'answer' };
  return { kind: 'chat', reason: 'short_chat' };
}
