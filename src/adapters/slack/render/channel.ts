import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { DigestData } from '../../../core/channel/channel.js';
import type { ChatReason } from '../../../core/channel/classify.js';
import type { PromptRecord } from '../../../core/channel/ports.js';
import type { Content } from '../../../core/content/content.js';
import { LEVELS, type Principle } from '../../../core/content/schema.js';
import { ACTIONS, VIEWS } from '../../../core/ids.js';
import { LEVEL_LABEL, plural } from '../../../core/labels.js';
import { MOCK_MAX_QUESTIONS, MOCK_QUESTIONS } from '../../../core/practice/session.js';
import { type ChannelPrivacy, type ChannelSchedule, WEEKDAY_NAMES } from '../../../core/schedule/schedule.js';
import { timezoneGroups } from '../../../core/schedule/timezones.js';
import type { Story } from '../../../core/stories/stories.js';
import {
  actions,
  button,
  context,
  escapeUserText,
  fitMessages,
  header,
  LIMITS,
  type SlackMessage,
  section,
  truncate,
} from './blocks.js';

const option = (text: string, value: string): PlainTextOption => ({
  text: { type: 'plain_text', text: truncate(text, LIMITS.optionText) },
  value,
});

/** The daily prompt: principle, question, level, time budget, how to answer, three buttons. */
export function promptMessage(prompt: PromptRecord, content: Content): SlackMessage {
  const principle = content.principleById.get(prompt.principleId)!;
  const budget = content.levels.levels[prompt.level].budget;
  const seconds = budget.situation + budget.task + budget.action + budget.result + budget.reflection;
  const blocks: KnownBlock[] = [
    header(`Today's question · ${principle.name}`),
    section(`>${prompt.questionText}`),
    context(
      `Level: ${LEVEL_LABEL[prompt.level]} · aim for about ${Math.round(seconds / 6) / 10} minutes spoken (~${Math.round((seconds / 60) * content.levels.wordsPerMinute.typical)} words)`,
      'Reply *in this thread* with a STAR answer (labels like *Situation:* are optional). You get a score card and a Bar Raiser follow-up; chat in the thread is left alone.',
    ),
    actions(
      'prompt',
      button(ACTIONS.promptTips, 'Tips for this LP', String(prompt.id)),
      button(ACTIONS.promptForm, 'Answer in a form', String(prompt.id), 'primary'),
      button(ACTIONS.promptPrivate, 'Practise privately', String(prompt.id)),
    ),
  ];
  return fitMessages(blocks, `Today's ${principle.name} question: ${prompt.questionText}`)[0]!;
}

/** Posted once when the bot joins a channel. */
export function onboardingMessage(): SlackMessage {
  return fitMessages(
    [
      section(
        ':wave: *STAR Coach is here.* I post one Leadership Principle question a day and coach every answer in its thread like a Bar Raiser would: a score card, the fixes that matter most, and a follow-up question.',
      ),
      section(
        "*To start:* an admin runs `/star prompt` for a question right now, or `/star schedule` to pick a daily time, timezone and days.\n*To answer:* reply in the question's thread. Your next reply answers my follow-up; thanks and chat in the thread are left alone.\n*In private:* DM me or use `/star practice`. Look up a principle with `/lp ownership`.",
      ),
    ],
    'STAR Coach is here: an admin runs /star prompt for a question now, or /star schedule for a daily one.',
  )[0]!;
}

export const HELP_TEXT = `*STAR Coach* coaches Amazon Leadership Principle answers.
*In a channel*
• \`/star prompt\` (admins) — today's question now, in any channel I am in · \`/star schedule\` (admins) — a daily question: time, timezone, days, level, who sees the score cards · \`/star pause\` / \`/star resume\`
• Reply in the question's thread with your STAR answer; reply again to answer my follow-up. Thanks and chat are left alone. Edit your answer and I re-score it (and the wrap-up); delete it and my replies go too.
*In private*
• \`/star practice [principle] [level] [mode]\` — modes: \`practice\`, \`walkthrough\`, \`mock\` (${MOCK_QUESTIONS} timed questions, or \`mock ${MOCK_MAX_QUESTIONS}\`), e.g. \`/star practice dive deep senior mock\`, or just DM me "practice ownership"
• In a session: \`hint\`, \`skip\` (a skipped follow-up costs no points), \`end\`; in a quiz, the option's number
• \`/star stories\` — your story bank and which of the 16 principles it covers · \`/star story <id> title …\` / \`tag …\`
• \`/star level senior\` · \`/star privacy private\` — your level, and whether your score cards in question threads are private (also in my Home tab)
• \`/star export\` — your data as a JSON file · \`/star forget-me\` — delete everything about you
*Lookups*
• \`/lp\` — the 16 principles · \`/lp backbone\` — what it means, what interviewers listen for, sample questions
• \`/lp reframe customer obsession [story]\` — how to retell one of your stories for that principle`;

export function helpMessage(): SlackMessage {
  return fitMessages([section(HELP_TEXT)], 'STAR Coach help')[0]!;
}

/** The weekly digest for a channel. */
export function digestMessage(d: DigestData, content: Content): SlackMessage {
  const trend =
    d.averageScore !== null && d.previousAverage !== null
      ? ` (${d.averageScore >= d.previousAverage ? '▲' : '▼'} from ${d.previousAverage})`
      : '';
  const lines = [
    `*Participation:* ${plural(d.participants, 'person', 'people')}, ${plural(d.answers, 'answer')}`,
    `*Average score:* ${d.averageScore ?? '—'}${trend}`,
  ];
  if (d.mostImproved) lines.push(`*Most improved:* <@${d.mostImproved.userId}> (+${d.mostImproved.delta})`);
  if (d.hardestPrinciple) {
    lines.push(
      `*Hardest principle this week:* ${content.principleById.get(d.hardestPrinciple.id)?.name ?? d.hardestPrinciple.id} (average ${d.hardestPrinciple.average})`,
    );
  }
  const blocks: KnownBlock[] = [header('Weekly STAR digest'), section(lines.join('\n'))];
  if (d.strongPhrase)
    blocks.push(context(`A strong line from this week (anonymised): “${escapeUserText(d.strongPhrase)}”`));
  return fitMessages(
    blocks,
    `Weekly STAR digest: ${plural(d.answers, 'answer')}, average ${d.averageScore ?? '—'}`,
  )[0]!;
}

export const CHANNEL_PRIVACY_LABEL: Record<ChannelPrivacy, string> = {
  public: 'Public, unless a person chose private',
  ephemeral: 'Private to each author',
  always_public: 'Public for everyone',
};

/** The admin's schedule modal, prefilled from the current schedule (or the admin's own timezone). */
export function scheduleModal(
  channelId: string,
  current: ChannelSchedule | null,
  timezone: string,
): ModalView {
  const weekdays = current?.weekdays ?? [1, 2, 3, 4, 5];
  const dayOptions = WEEKDAY_NAMES.map((d, i) => option(d, String(i)));
  const levelOptions = LEVELS.map((l) => option(LEVEL_LABEL[l], l));
  const privacyOptions = (['public', 'ephemeral', 'always_public'] as const).map((p) =>
    option(CHANNEL_PRIVACY_LABEL[p], p),
  );
  const digestOptions = [option('No digest', 'none'), ...dayOptions];
  const zone = current?.timezone ?? timezone;
  const groups = timezoneGroups([zone, timezone]).map((g) => ({
    label: { type: 'plain_text' as const, text: g.label },
    options: g.zones.map((z) => option(z.replace(/_/g, ' '), z)),
  }));
  const zoneOption = groups.flatMap((g) => g.options).find((o) => o.value === zone)!;
  const weighted = option("Lean toward the channel's weakest principle", 'yes');
  return {
    type: 'modal',
    callback_id: VIEWS.schedule,
    private_metadata: JSON.stringify({ channelId }),
    title: { type: 'plain_text', text: 'Daily question' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: 'time',
        label: { type: 'plain_text', text: 'Time' },
        element: { type: 'timepicker', action_id: 'value', initial_time: current?.localTime ?? '09:00' },
      },
      {
        type: 'input',
        block_id: 'timezone',
        label: { type: 'plain_text', text: 'Timezone' },
        hint: { type: 'plain_text', text: 'Type to search. Yours is preselected.' },
        element: {
          type: 'static_select',
          action_id: 'value',
          option_groups: groups,
          initial_option: zoneOption,
        },
      },
      {
        type: 'input',
        block_id: 'weekdays',
        label: { type: 'plain_text', text: 'Days' },
        element: {
          type: 'checkboxes',
          action_id: 'value',
          options: dayOptions,
          initial_options: dayOptions.filter((_o, i) => weekdays.includes(i)),
        },
      },
      {
        type: 'input',
        block_id: 'level',
        label: { type: 'plain_text', text: 'Level' },
        element: {
          type: 'static_select',
          action_id: 'value',
          options: levelOptions,
          initial_option: levelOptions.find((o) => o.value === (current?.level ?? 'sde2'))!,
        },
      },
      {
        type: 'input',
        block_id: 'privacy',
        label: { type: 'plain_text', text: 'Who sees the score cards' },
        element: {
          type: 'radio_buttons',
          action_id: 'value',
          options: privacyOptions,
          initial_option: privacyOptions.find((o) => o.value === (current?.privacy ?? 'public'))!,
        },
      },
      {
        type: 'input',
        block_id: 'weighted',
        optional: true,
        label: { type: 'plain_text', text: 'Rotation' },
        element: {
          type: 'checkboxes',
          action_id: 'value',
          options: [weighted],
          ...(current?.weighted ? { initial_options: [weighted] } : {}),
        },
      },
      {
        type: 'input',
        block_id: 'digest',
        label: { type: 'plain_text', text: 'Weekly digest' },
        element: {
          type: 'static_select',
          action_id: 'value',
          options: digestOptions,
          initial_option: digestOptions.find(
            (o) =>
              o.value ===
              (current?.digestWeekday === null || current?.digestWeekday === undefined
                ? current
                  ? 'none'
                  : '5'
                : String(current.digestWeekday)),
          )!,
        },
      },
    ],
  };
}

/** The five-field STAR form; private_metadata says where the answer goes. */
export function answerModal(
  metadata: { kind: 'prompt'; promptId: number } | { kind: 'session'; sessionId: string },
  questionText: string,
): ModalView {
  const field = (id: string, label: string, hint: string, optional = false) => ({
    type: 'input' as const,
    block_id: id,
    optional,
    label: { type: 'plain_text' as const, text: label },
    hint: { type: 'plain_text' as const, text: hint },
    element: { type: 'plain_text_input' as const, action_id: 'value', multiline: true, max_length: 3000 },
  });
  return {
    type: 'modal',
    callback_id: VIEWS.answer,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: 'Your STAR answer' },
    submit: { type: 'plain_text', text: 'Submit' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(`>${questionText}`),
      field('situation', 'Situation', 'Context in two sentences: where, when, what was wrong.'),
      field('task', 'Task', 'Your goal, and whose job it was.'),
      field('action', 'Action', 'What you did, step by step, with "I".'),
      field('result', 'Result', 'What changed, with a number.'),
      field('reflection', 'Reflection', 'What you learned or changed for next time.', true),
    ],
  };
}

/** Rename and retag a story. */
export function storyEditModal(story: Story, principles: Principle[]): ModalView {
  const options = principles.map((p) => option(p.name, p.id));
  return {
    type: 'modal',
    callback_id: VIEWS.storyEdit,
    private_metadata: JSON.stringify({ storyId: story.id }),
    title: { type: 'plain_text', text: 'Edit story' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: 'title',
        label: { type: 'plain_text', text: 'Title' },
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          initial_value: truncate(story.title, 120),
          max_length: 120,
        },
      },
      {
        type: 'input',
        block_id: 'principles',
        optional: true,
        label: { type: 'plain_text', text: 'Principles it serves' },
        hint: {
          type: 'plain_text',
          text: 'Suggested from the principles the story shows. Four at most is best.',
        },
        element: {
          type: 'multi_static_select',
          action_id: 'value',
          options,
          ...(story.principles.length
            ? { initial_options: options.filter((o) => story.principles.includes(o.value ?? '')) }
            : {}),
        },
      },
    ],
  };
}

const CHAT_HINT: Record<ChatReason, string> = {
  no_text: 'I only read text',
  emoji_only: 'That looked like a reaction',
  mention_only: 'That looked like a mention',
  thanks: 'That looked like a thank-you',
  laughter: 'That looked like a joke',
  addressed: 'That looked like a message to someone else',
  question: 'That looked like a question to the group',
  short_chat: 'That looked like chat',
};

/** Private, once per person and thread: why chat got no score card. */
export function chatHintMessage(reason: ChatReason): SlackMessage {
  return fitMessages(
    [
      context(
        `${CHAT_HINT[reason]}, so I did not score it (chat in the thread is welcome). To get a score card, reply with your STAR answer, or press *Answer in a form* on the question. Only you can see this.`,
      ),
    ],
    `${CHAT_HINT[reason]}, so I did not score it. Reply with your STAR answer to get a score card.`,
  )[0]!;
}

/** Public, next to a private score card. */
export function privateCardNote(userId: string): SlackMessage {
  return fitMessages(
    [],
    `<@${userId}> answered. Their score card and follow-up are visible only to them.`,
  )[0]!;
}

/** Public, before a form answer's card. */
export function formIntro(userId: string, privateCard: boolean): SlackMessage {
  return fitMessages(
    [],
    `<@${userId}> answered with the form.${privateCard ? ' Their score card and follow-up are visible only to them.' : ''}`,
  )[0]!;
}

const when = (at: number | null, otherwise: string) =>
  at ? `<!date^${Math.floor(at / 1000)}^{date_short_pretty} at {time}|soon>` : otherwise;

/** After `/star prompt`: posted, and (without a schedule) how to make it daily. */
export function promptPostedMessage(scheduled: boolean, channelId: string): SlackMessage {
  if (scheduled) return fitMessages([], "Posted today's question in this channel.")[0]!;
  return fitMessages(
    [
      section(
        "Posted today's question with the defaults (SDE II, every principle in turn). Want one every day at a set time?",
      ),
      actions('schedule', button(ACTIONS.scheduleOpen, 'Set up a daily question', channelId, 'primary')),
    ],
    "Posted today's question. Run /star schedule to get one every day.",
  )[0]!;
}

export function scheduleSavedMessage(s: ChannelSchedule, nextRun: number | null): SlackMessage {
  const days = s.weekdays.map((d) => WEEKDAY_NAMES[d]).join(' ');
  return fitMessages(
    [],
    `Saved: a daily question at ${s.localTime} ${s.timezone.replace(/_/g, ' ')}, ${days} (${LEVEL_LABEL[s.level]}; score cards: ${CHANNEL_PRIVACY_LABEL[s.privacy].toLowerCase()}). Next one ${when(nextRun, 'when a day is set')}.`,
  )[0]!;
}

export function resumedMessage(nextRun: number | null): SlackMessage {
  return fitMessages([], `Resumed. Next question ${when(nextRun, 'when a weekday is set')}.`)[0]!;
}
