import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { blockTextLength, LIMITS, type SlackMessage } from '../../../src/adapters/slack/render/blocks.js';
import { digestMessage, promptMessage } from '../../../src/adapters/slack/render/channel.js';
import { homeView } from '../../../src/adapters/slack/render/home.js';
import { renderModal, renderReply } from '../../../src/adapters/slack/render/reply.js';
import type { ChatReason } from '../../../src/core/channel/classify.js';
import type { PromptRecord } from '../../../src/core/channel/ports.js';
import { LEVELS } from '../../../src/core/content/schema.js';
import { createPrincipleLookup } from '../../../src/core/lookup/lookup.js';
import { notice } from '../../../src/core/notice.js';
import {
  advance,
  type Input,
  type Mode,
  type Output,
  type SessionState,
  startSession,
} from '../../../src/core/practice/session.js';
import { createRubric } from '../../../src/core/rubric/score.js';
import { CHANNEL_PRIVACIES } from '../../../src/core/schedule/schedule.js';
import { progressOf } from '../../../src/core/stories/progress.js';
import { bestStoryFor, coverage, reframe, type Story } from '../../../src/core/stories/stories.js';
import type { HomeData, Modal, Reply } from '../../../src/core/usecases/types.js';
import { loadContent } from '../../../src/infra/content-files.js';
import { blockKitProblems, messageProblems, viewProblems } from '../../helpers/block-kit.js';
import { dailySchedule } from '../../helpers/schedule.js';
import { loadSeeds, strongText } from '../../helpers/seeds.js';

/**
 * Every message, modal and Home view the app can build, from fixtures for each surface, checked the way Slack
 * checks them: no action_id repeated in a block, no block_id repeated, no limit exceeded. The Record types
 * below make the compiler insist on fixtures for every kind of reply, output and modal.
 */

const content = loadContent();
const rubric = createRubric(content);
const lookup = createPrincipleLookup(content);
const seeds = loadSeeds();
const STRONG = strongText(seeds.strongAnswers[0]!);
const WEAK = seeds.weakAnswers[0]!.text;
const HOSTILE = '<!channel> <@U123> *bold* _it_ `code` & <http://x|y>';
const HUGE = `${STRONG} `.repeat(40).slice(0, 40_000);
const NOW = Date.UTC(2026, 10, 23, 9, 0);
const question = content.questionsByPrinciple.get('ownership')![0]!;
const report = (text: string, level: (typeof LEVELS)[number] = 'sde2') =>
  rubric.scoreAnswer(text, { question: question.id, level });

const story = (id: number, title: string, principles: string[], text = STRONG): Story => ({
  id,
  title,
  text,
  principles,
  bestScore: 70 + id,
  answerId: id,
  createdAt: NOW,
  updatedAt: NOW,
});
const bank = Array.from({ length: 12 }, (_, i) =>
  story(i + 1, `${HOSTILE} story ${i + 1} ${'long title '.repeat(8)}`, ['ownership', 'dive-deep']),
);
const deps = (now = NOW) => ({ content, rubric, now, random: () => 0.3 });

/** Every output a session can produce, from sessions driven through the core like people would. */
function sessionOutputs(): Array<{ name: string; outputs: Output[] }> {
  const runs: Array<{ name: string; outputs: Output[] }> = [];
  const drive = (mode: Mode, principle: string, inputs: Input[], count?: number) => {
    let step = startSession(
      { id: 's', mode, teamId: 'T', userId: 'U', level: 'senior', principle, count },
      deps(),
    );
    runs.push({ name: `${mode} ${principle} start`, outputs: step.output });
    for (const [i, input] of inputs.entries()) {
      if (step.state.status !== 'active') break;
      step = advance(step.state as SessionState, input, deps(NOW + (i + 1) * 60_000));
      runs.push({ name: `${mode} ${principle} step ${i + 1} (${input.type})`, outputs: step.output });
    }
  };
  const text = (t: string): Input => ({ type: 'text', text: t });
  const cmd = (name: 'next' | 'hint' | 'skip' | 'end'): Input => ({ type: 'command', name });
  for (const p of content.principles.slice(0, 4)) {
    drive('practice', p.id, [
      cmd('hint'),
      text(STRONG),
      text('we did it'),
      text(seeds.probes[0]!.strong),
      cmd('skip'),
      text(HOSTILE),
    ]);
    drive('practice', p.id, [text(WEAK), text(seeds.probes[1]!.weak), cmd('skip'), cmd('skip'), cmd('skip')]);
    drive('practice', p.id, [text('🙂🙂'), text(HUGE), cmd('end')]);
    drive('mock', p.id, [text(STRONG), cmd('skip'), cmd('skip'), text(WEAK), cmd('skip'), cmd('skip')], 2);
    drive('mock', p.id, [cmd('skip'), text(STRONG), cmd('hint'), cmd('end')], 3);
  }
  for (const w of content.walkthroughs) {
    const quiz = w.quiz.map(
      (q, i): Input => ({ type: 'quiz', choice: i === 0 ? q.correct : (q.correct + 1) % q.options.length }),
    );
    drive('walkthrough', w.principle, [
      cmd('hint'),
      ...Array.from({ length: 6 }, () => cmd('next')),
      text('9'),
      ...quiz,
    ]);
  }
  return runs;
}

const prompt = (level: (typeof LEVELS)[number]): PromptRecord => ({
  id: 7,
  teamId: 'T',
  channelId: 'C1',
  localDate: '2026-11-23',
  questionId: question.id,
  principleId: question.principle,
  questionText: question.text,
  level,
  status: 'posted',
  messageTs: '1.1',
  dueAt: NOW,
  claimedAt: NOW,
  postedAt: NOW,
  error: null,
});

const principle = content.principleById.get('ownership')!;
const suggestionsMatch = lookup.find('bais');
const reframeOf = (s?: Story) => reframe(content, principle, s);
const rows = coverage(content, bank);

/** Fixtures for every kind of reply the core can ask an adapter to render. */
const REPLIES: { [K in Reply['kind']]: Array<Extract<Reply, { kind: K }>> } = {
  notice: [
    { kind: 'notice', notice: notice('Plain.') },
    { kind: 'notice', notice: notice('I don’t know `/star {word}`.', { word: HOSTILE }) },
    { kind: 'notice', notice: notice('{m}', { m: 'x'.repeat(5000) }) },
  ],
  help: [{ kind: 'help' }],
  coaching: [],
  principle: content.principles.flatMap((p) => [
    {
      kind: 'principle' as const,
      principle: p,
      questions: content.questionsByPrinciple.get(p.id)!.slice(0, 3),
      story: bestStoryFor(content, bank, p.id),
      shareable: true,
    },
    {
      kind: 'principle' as const,
      principle: p,
      questions: content.questionsByPrinciple.get(p.id)!.slice(0, 3),
      story: null,
      shareable: false,
    },
  ]),
  principles: [{ kind: 'principles', principles: content.principles }],
  suggestions: [
    { kind: 'suggestions', query: HOSTILE, suggestions: content.principles.slice(0, 3) },
    { kind: 'suggestions', query: 'pizza', suggestions: [] },
    ...(suggestionsMatch.kind === 'suggestions'
      ? [
          {
            kind: 'suggestions' as const,
            query: suggestionsMatch.query,
            suggestions: suggestionsMatch.suggestions,
          },
        ]
      : []),
  ],
  reframe: [
    { kind: 'reframe', reframe: reframeOf(), stories: [] },
    { kind: 'reframe', reframe: reframeOf(), stories: bank },
    { kind: 'reframe', reframe: reframeOf(bank[0]), stories: bank },
    { kind: 'reframe', reframe: reframeOf(story(99, 'Lorem', [], 'Lorem ipsum dolor.')), stories: bank },
  ],
  stories: [
    { kind: 'stories', stories: [], coverage: coverage(content, []) },
    { kind: 'stories', stories: bank.slice(0, 1), coverage: coverage(content, bank.slice(0, 1)) },
    { kind: 'stories', stories: bank, coverage: rows },
  ],
  forget_confirm: [{ kind: 'forget_confirm' }],
  forgotten: [
    { kind: 'forgotten', counts: { answers: 1, stories: 1, sessions: 1, settings: 1 } },
    { kind: 'forgotten', counts: { answers: 0, stories: 2, sessions: 3, settings: 0 } },
  ],
  private_card_note: [{ kind: 'private_card_note', userId: 'U1' }],
  form_intro: [
    { kind: 'form_intro', userId: 'U1', privateCard: false },
    { kind: 'form_intro', userId: 'U1', privateCard: true },
  ],
  chat_hint: (
    [
      'no_text',
      'emoji_only',
      'mention_only',
      'thanks',
      'laughter',
      'addressed',
      'question',
      'short_chat',
    ] satisfies ChatReason[]
  ).map((reason) => ({ kind: 'chat_hint' as const, reason })),
  onboarding: [{ kind: 'onboarding' }],
  prompt_posted: [
    { kind: 'prompt_posted', scheduled: true, channelId: 'C1' },
    { kind: 'prompt_posted', scheduled: false, channelId: 'C1' },
  ],
  schedule_saved: CHANNEL_PRIVACIES.map((privacy) => ({
    kind: 'schedule_saved' as const,
    schedule: dailySchedule('C1', { privacy, timezone: 'America/Argentina/Buenos_Aires' }),
    nextRun: NOW,
  })),
  resumed: [
    { kind: 'resumed', nextRun: NOW },
    { kind: 'resumed', nextRun: null },
  ],
};

// Coaching replies: every session step above, in a DM, in a public thread and in a private one.
const views = [
  { sessionId: 'dm:T0TEST:U1:1700000000.000100', answerId: 42 },
  { inThread: true, answerId: 42 },
  { inThread: true, answerId: 42, privateCard: true, edited: true },
];
for (const run of sessionOutputs())
  for (const view of views) REPLIES.coaching.push({ kind: 'coaching', outputs: run.outputs, view });
for (const text of [STRONG, WEAK, HUGE, `${HOSTILE} ${STRONG}`, '', '🙂', '```code```'])
  for (const level of LEVELS)
    REPLIES.coaching.push({
      kind: 'coaching',
      outputs: [
        { kind: 'report', report: report(text, level), hideCoaching: false },
        { kind: 'probe', text: 'Why you?', probeId: 'p', index: 1, reask: false },
      ],
      view: views[1]!,
    });

const MODALS: { [K in Modal['kind']]: Array<Extract<Modal, { kind: K }>> } = {
  schedule: [
    { kind: 'schedule', channelId: 'C1', current: null, timezone: 'Europe/Berlin' },
    { kind: 'schedule', channelId: 'C1', current: null, timezone: 'America/Indiana/Knox' },
    ...CHANNEL_PRIVACIES.map((privacy) => ({
      kind: 'schedule' as const,
      channelId: 'C1',
      current: dailySchedule('C1', { privacy, timezone: 'Asia/Kathmandu', digestWeekday: 3, weighted: true }),
      timezone: 'Europe/Berlin',
    })),
    {
      kind: 'schedule',
      channelId: 'C1',
      current: dailySchedule('C1', { digestWeekday: null, timezone: 'Pacific/Chatham' }),
      timezone: 'Pacific/Chatham',
    },
  ],
  answer: [
    { kind: 'answer', to: { kind: 'prompt', promptId: 7 }, question: question.text },
    {
      kind: 'answer',
      to: { kind: 'session', sessionId: 'dm:T0TEST:U1:1700000000.000100' },
      question: 'x'.repeat(2900),
    },
  ],
  story_edit: [
    { kind: 'story_edit', story: bank[0]!, principles: content.principles },
    { kind: 'story_edit', story: story(5, 'T', []), principles: content.principles },
  ],
};

const home = (attempts: Array<{ principle: string; score: number }>, stories: Story[]): HomeData => ({
  settings: { level: 'principal', privacy: 'ephemeral' },
  progress: progressOf(
    content,
    attempts.map((a, i) => ({ ...a, createdAt: NOW - i * 86_400_000 })),
    NOW,
  ),
  coverage: coverage(content, stories),
  stories: stories.length,
  recent: attempts
    .slice(0, 5)
    .map((a, i) => ({ principle: a.principle, score: a.score, verdict: i ? 'hire' : null, createdAt: NOW })),
});
const HOMES: HomeData[] = [
  home([], []),
  home([{ principle: 'customer-obsession', score: 96 }], []),
  home(
    content.principles.flatMap((p, i) =>
      Array.from({ length: 12 }, (_, k) => ({ principle: p.id, score: (i * 7 + k * 13) % 101 })),
    ),
    bank,
  ),
];

/** Our own budget on top of Slack's: a fallback text, and block text well under the ~12k Slack refuses. */
function budgetProblems(m: SlackMessage): string[] {
  const problems: string[] = [];
  if (!m.text.trim()) problems.push('no fallback text');
  if (m.text.length > LIMITS.fallbackText) problems.push(`fallback of ${m.text.length} characters`);
  const size = m.blocks.reduce((n, b: KnownBlock) => n + blockTextLength(b), 0);
  if (size > LIMITS.messageText) problems.push(`${size} characters of block text`);
  return problems;
}

const LIVE = /<!channel>|<!here>|<!everyone>|<@U123>|<http:\/\/x/;

describe('every surface the app can build is one Slack accepts', () => {
  const messages = Object.entries(REPLIES).flatMap(([kind, list]) =>
    (list as Reply[]).flatMap((reply, i) =>
      renderReply(reply, content).map((m, part) => ({ name: `${kind} #${i} part ${part + 1}`, m })),
    ),
  );
  messages.push(...LEVELS.map((l) => ({ name: `prompt ${l}`, m: promptMessage(prompt(l), content) })));
  messages.push({
    name: 'digest',
    m: digestMessage(
      {
        channelId: 'C1',
        weekStart: '2026-11-16',
        participants: 1,
        answers: 1,
        averageScore: 70,
        previousAverage: 60,
        mostImproved: { userId: 'U1', delta: 10 },
        hardestPrinciple: { id: 'ownership', average: 50 },
        strongPhrase: HOSTILE,
      },
      content,
    ),
  });

  it('has fixtures for every kind of reply', () => {
    for (const [kind, list] of Object.entries(REPLIES)) expect(list.length, kind).toBeGreaterThan(0);
    expect(messages.length).toBeGreaterThan(500);
  });

  it('builds messages Slack accepts: unique action and block ids, within every limit, never a live mention', () => {
    const problems = messages.flatMap(({ name, m }) =>
      [
        ...messageProblems(m),
        ...budgetProblems(m),
        ...(LIVE.test(JSON.stringify(m)) ? ['a live mention'] : []),
      ].map((p) => `${name}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it('builds modals Slack accepts', () => {
    const problems = Object.entries(MODALS).flatMap(([kind, list]) =>
      (list as Modal[]).flatMap((modal, i) =>
        viewProblems(renderModal(modal)).map((p) => `${kind} #${i}: ${p}`),
      ),
    );
    expect(problems).toEqual([]);
  });

  it('builds App Home views Slack accepts', () => {
    const problems = HOMES.flatMap((h, i) =>
      viewProblems(homeView(content, h)).map((p) => `home #${i}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it('a check that cannot fail is a defect: the rules do catch the ids Slack refuses', () => {
    const twice = {
      type: 'actions',
      elements: [0, 1].map(() => ({
        type: 'button',
        action_id: 'same',
        text: { type: 'plain_text', text: 'x' },
      })),
    };
    expect(blockKitProblems([twice], 'message')).not.toEqual([]);
  });
});
