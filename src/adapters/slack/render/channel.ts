import type { KnownBlock, ModalView } from '@slack/types';
import type { DigestData } from '../../../core/channel/channel.js';
import type { PromptRecord } from '../../../core/channel/ports.js';
import type { Content } from '../../../core/content/content.js';
import { LEVELS } from '../../../core/content/schema.js';
import { type ChannelSchedule, WEEKDAY_NAMES } from '../../../core/schedule/schedule.js';
import {
  actions,
  button,
  context,
  escapeUserText,
  fitMessages,
  header,
  type SlackMessage,
  section,
} from './blocks.js';

/** The daily prompt: principle, question, level, time budget, how to answer, three buttons. */
export function promptMessage(prompt: PromptRecord, content: Content): SlackMessage {
  const principle = content.principleById.get(prompt.principleId)!;
  const budget = content.levels.levels[prompt.level].budget;
  const seconds = budget.situation + budget.task + budget.action + budget.result + budget.reflection;
  const blocks: KnownBlock[] = [
    header(`Today's question · ${principle.name}`),
    section(`>${prompt.questionText}`),
    context(
      `Level: ${content.levels.levels[prompt.level].label} · aim for about ${Math.round(seconds / 6) / 10} minutes spoken (~${Math.round((seconds / 60) * content.levels.wordsPerMinute.typical)} words)`,
      'Reply *in this thread* with a STAR answer (labels like *Situation:* are optional). You get a score card and a Bar Raiser follow-up.',
    ),
    actions(
      'prompt',
      button('prompt_tips', 'Tips for this LP', String(prompt.id)),
      button('prompt_form', 'Answer in a form', String(prompt.id), 'primary'),
      button('prompt_private', 'Practise privately', String(prompt.id)),
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
        "*To start:* an admin runs `/star schedule` here to pick the time, timezone and days (or `/star prompt` for a question right now).\n*To answer:* reply in the question's thread. Your next reply answers my follow-up.\n*In private:* DM me or use `/star practice`. Look up a principle with `/lp ownership`.",
      ),
    ],
    'STAR Coach is here: an admin runs /star schedule to set up the daily question.',
  )[0]!;
}

export const HELP_TEXT = `*STAR Coach* coaches Amazon Leadership Principle answers.
*In a channel*
• \`/star schedule\` (admins) — daily question time, timezone, days, level, public or private feedback
• \`/star prompt\` (admins) — post today's question now · \`/star pause\` / \`/star resume\`
• Reply in the question's thread with your STAR answer; reply again to answer my follow-up. Edit your answer and I re-score it; delete it and my reply goes too.
*In private*
• \`/star practice [principle] [level] [mode]\` — modes: \`practice\`, \`walkthrough\`, \`mock\` (e.g. \`/star practice dive deep senior mock\`), or just DM me "practice ownership"
• \`/star stories\` — your story bank and which of the 16 principles it covers
• \`/star level senior\` · \`/star privacy private\` — your defaults (also in my Home tab)
• \`/star export\` — your data as a JSON file · \`/star forget-me\` — delete everything about you
*Lookups*
• \`/lp\` — the 16 principles · \`/lp backbone\` — what it means, what interviewers listen for, sample questions
• \`/lp reframe customer obsession [story]\` — how to retell a story for that principle`;

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
    `*Participation:* ${d.participants} ${d.participants === 1 ? 'person' : 'people'}, ${d.answers} answer${d.answers === 1 ? '' : 's'}`,
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
    `Weekly STAR digest: ${d.answers} answers, average ${d.averageScore ?? '—'}`,
  )[0]!;
}

/** The admin's schedule modal, prefilled from the current schedule. */
export function scheduleModal(
  channelId: string,
  current: ChannelSchedule | null,
  defaultTz: string,
): ModalView {
  const weekdays = current?.weekdays ?? [1, 2, 3, 4, 5];
  const option = (text: string, value: string) => ({ text: { type: 'plain_text' as const, text }, value });
  const dayOptions = WEEKDAY_NAMES.map((d, i) => option(d, String(i)));
  const levelOptions = LEVELS.map((l) => option(l.toUpperCase(), l));
  const privacyOptions = [
    option('Public in the thread', 'public'),
    option('Private to the author', 'ephemeral'),
  ];
  const digestOptions = [option('No digest', 'none'), ...dayOptions];
  return {
    type: 'modal',
    callback_id: 'schedule_submit',
    private_metadata: JSON.stringify({ channelId }),
    title: { type: 'plain_text', text: 'Daily question' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: 'time',
        label: { type: 'plain_text', text: 'Local time (HH:MM)' },
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          initial_value: current?.localTime ?? '09:00',
        },
      },
      {
        type: 'input',
        block_id: 'timezone',
        label: { type: 'plain_text', text: 'Timezone (IANA, e.g. Europe/Berlin)' },
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          initial_value: current?.timezone ?? defaultTz,
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
        label: { type: 'plain_text', text: 'Default level' },
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
        label: { type: 'plain_text', text: 'Score cards' },
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
          options: [option("Lean toward the channel's weakest principle", 'yes')],
          ...(current?.weighted
            ? { initial_options: [option("Lean toward the channel's weakest principle", 'yes')] }
            : {}),
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
    callback_id: 'star_answer_submit',
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
