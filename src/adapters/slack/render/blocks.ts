import type { ActionsBlock, Button, ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';

/** Slack's limits, checked in one place (see notes/slack-platform.md §3.3). */
export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  /** Total block text per message: Slack rejects around 13k; stay well under. */
  messageText: 10_000,
  fallbackText: 3000,
  buttonText: 75,
  optionText: 75,
  actionId: 255,
  buttonValue: 2000,
} as const;

/** A message ready for chat.postMessage / chat.update (channel and thread are added by the sender). */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/**
 * Escapes user text for mrkdwn: no live `<!channel>`, `<!here>`, `<@U…>` or links, no broken
 * formatting. Slack's own three escapes plus neutralised broadcast words and formatting marks.
 */
export function escapeUserText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(channel|here|everyone)\b/gi, '@\u2060$1')
    .replace(/`/g, "'")
    .replace(/\*/g, '∗')
    .replace(/~/g, '∼')
    .replace(/_/g, '\u200B_');
}

/** Trusted text (content, the coach's own words) for mrkdwn: only Slack's three control characters escaped. */
export function escapeControl(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts text to `max` characters on a word boundary, with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > max * 0.6 ? space : max - 1)}…`;
}

export function section(markdown: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(markdown, LIMITS.sectionText) } };
}

export function header(text: string): HeaderBlock {
  return {
    type: 'header',
    text: { type: 'plain_text', text: truncate(text, LIMITS.headerText), emoji: true },
  };
}

export function context(...markdown: string[]): ContextBlock {
  return {
    type: 'context',
    elements: markdown
      .slice(0, LIMITS.contextElements)
      .map((t) => ({ type: 'mrkdwn', text: truncate(t, LIMITS.sectionText) })),
  };
}

export function divider(): KnownBlock {
  return { type: 'divider' };
}

export function button(actionId: string, text: string, value = '', style?: 'primary' | 'danger'): Button {
  const b: Button = {
    type: 'button',
    action_id: actionId.slice(0, LIMITS.actionId),
    text: { type: 'plain_text', text: truncate(text, LIMITS.buttonText), emoji: true },
    value: value.slice(0, LIMITS.buttonValue),
  };
  if (style) b.style = style;
  return b;
}

export function actions(blockId: string | null, ...elements: Button[]): ActionsBlock {
  const block: ActionsBlock = { type: 'actions', elements: elements.slice(0, LIMITS.actionsElements) };
  if (blockId) block.block_id = blockId;
  return block;
}

/** Characters of text a block carries (what Slack counts toward its message limit). */
export function blockTextLength(block: KnownBlock): number {
  let n = 0;
  const visit = (v: unknown): void => {
    if (typeof v === 'string') return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x);
      return;
    }
    if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'text' && typeof x === 'string') n += x.length;
        else visit(x);
      }
    }
  };
  visit(block);
  return n;
}

/**
 * Splits blocks into messages that each fit Slack's limits (≤50 blocks, text well under 12k);
 * every message gets a plain-text fallback.
 */
export function fitMessages(blocks: KnownBlock[], fallback: string): SlackMessage[] {
  const messages: SlackMessage[] = [];
  let current: KnownBlock[] = [];
  let size = 0;
  for (const block of blocks) {
    const length = blockTextLength(block);
    if (current.length && (current.length >= LIMITS.blocksPerMessage || size + length > LIMITS.messageText)) {
      messages.push({ text: '', blocks: current });
      current = [];
      size = 0;
    }
    current.push(block);
    size += length;
  }
  if (current.length || !messages.length) messages.push({ text: '', blocks: current });
  const base = truncate(fallback, LIMITS.fallbackText - 20);
  return messages.map((m, i) => ({
    ...m,
    text: messages.length > 1 ? `${base} (${i + 1}/${messages.length})` : base,
  }));
}
