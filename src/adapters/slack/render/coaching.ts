import type { KnownBlock } from '@slack/types';
import type { Content } from '../../../core/content/content.js';
import { SECTIONS, type Walkthrough } from '../../../core/content/schema.js';
import { ACTIONS } from '../../../core/ids.js';
import {
  DIMENSION_LABEL,
  duration,
  FLAG_LABEL,
  feedbackParts,
  JUDGEMENT_LABEL,
  LEVEL_LABEL,
  probeOutcomeLabel,
  reaskText,
  resolvePlurals,
  SECTION_ABBREVIATION,
  SECTION_LABEL,
  VERDICT_LABEL,
} from '../../../core/labels.js';
import type { Output } from '../../../core/practice/session.js';
import type { Report } from '../../../core/rubric/types.js';
import type { CoachingView } from '../../../core/usecases/types.js';
import {
  actions,
  button,
  context,
  divider,
  escapeControl,
  escapeUserText,
  fitMessages,
  header,
  type SlackMessage,
  section,
  truncate,
} from './blocks.js';

export interface RenderContext extends CoachingView {
  content: Content;
}

const bar = (rating: number) => '■'.repeat(rating) + '□'.repeat(Math.max(0, 4 - rating));
const q = (text: string, max = 160) => `“${escapeUserText(truncate(text, max))}”`;
const minutes = (seconds: number) => `${Math.round(seconds / 6) / 10} min`;

/** The score card: verdict, dimensions, flags with the person's words, time, coaching, "Save as story". */
export function reportBlocks(report: Report, ctx: RenderContext, hideCoaching = false): KnownBlock[] {
  if (report.status !== 'scored')
    return [section(`:speech_balloon: ${escapeUserText(report.message ?? 'I could not score this one.')}`)];
  const principle = report.principle ? ctx.content.principleById.get(report.principle)?.name : null;
  if (hideCoaching) {
    return [
      context(
        `Noted${ctx.edited ? ' (edited)' : ''}. About ${duration(report.totalSeconds)} spoken against a ${duration(report.targetSeconds)} budget. Scores come in the debrief.`,
      ),
    ];
  }
  const blocks: KnownBlock[] = [
    section(
      `*${VERDICT_LABEL[report.verdict]}* · *${report.score}/100*${principle ? ` · ${principle}` : ''} · ${LEVEL_LABEL[report.level]}${ctx.edited ? ' · _edited_' : ''}`,
    ),
    section(
      report.dimensions
        .map(
          (d) => `\`${bar(d.rating)}\` ${DIMENSION_LABEL[d.id]} — ${escapeUserText(resolvePlurals(d.note))}`,
        )
        .join('\n'),
    ),
    context(
      `:stopwatch: about ${duration(report.totalSeconds)} spoken (${duration(report.secondsRange[0])}–${duration(report.secondsRange[1])}) vs ${duration(report.targetSeconds)} · ${SECTIONS.map(
        (s) =>
          `${SECTION_ABBREVIATION[s]} ${report.sections[s].present ? `${report.sections[s].seconds}/${report.sections[s].targetSeconds} s` : '—'}`,
      ).join(' · ')}`,
    ),
  ];
  if (report.flags.length) {
    blocks.push(
      section(
        `*What cost points*\n${report.flags
          .slice(0, 8)
          .map((f) => `• *${FLAG_LABEL[f.id]}:* ${q(f.quote, 140)} — ${escapeUserText(f.message)}`)
          .join('\n')}`,
      ),
    );
  }
  if (report.coaching.length) {
    blocks.push(
      section(
        `*Fix these first*\n${report.coaching.map((c, i) => `${i + 1}. ${escapeUserText(c)}`).join('\n')}`,
      ),
    );
  }
  if (ctx.answerId)
    blocks.push(actions('scorecard', button(ACTIONS.saveStory, 'Save as story', String(ctx.answerId))));
  return blocks;
}

function probeHint(ctx: RenderContext): string {
  if (!ctx.inThread) return 'Reply here to answer.';
  return ctx.privateCard
    ? 'Reply in this thread to answer. Your reply is public like any message; my feedback stays private to you.'
    : 'Reply in this thread to answer the follow-up.';
}

function probeBlocks(text: string, index: number, reask: boolean, ctx: RenderContext): KnownBlock[] {
  return [
    section(
      // Follow-ups are the coach's own words (content), so their emphasis ("what did *you* do") stays.
      `:mag: *${reask ? `Follow-up ${index}, asked again` : `Bar Raiser follow-up ${index}`}:* ${escapeControl(reask ? reaskText(text) : text)}`,
    ),
    context(probeHint(ctx)),
    ...(ctx.sessionId ? [sessionButtons(ctx.sessionId, false)] : []),
  ];
}

function sessionButtons(sessionId: string, withForm: boolean) {
  return actions(
    null,
    ...(withForm ? [button(ACTIONS.sessionForm, 'Answer in a form', sessionId, 'primary')] : []),
    button(ACTIONS.sessionHint, 'Hint', sessionId),
    button(ACTIONS.sessionSkip, 'Skip', sessionId),
    button(ACTIONS.sessionEnd, 'End', sessionId),
  );
}

function walkthroughStep(w: Walkthrough, step: number, ctx: RenderContext): KnownBlock[] {
  const principle = ctx.content.principleById.get(w.principle)!.name;
  const next = ctx.sessionId
    ? [
        actions(
          null,
          button(ACTIONS.sessionNext, step < 6 ? 'Next step' : 'Start the quiz', ctx.sessionId, 'primary'),
          button(ACTIONS.sessionSkip, 'Skip to quiz', ctx.sessionId),
          button(ACTIONS.sessionEnd, 'End', ctx.sessionId),
        ),
      ]
    : [];
  if (step === 0) {
    const question = ctx.content.questionById.get(w.question);
    return [
      header(`${principle}: ${w.title}`),
      section(`*Question:* ${question?.text ?? ''}`),
      section(w.overview),
      section(`*Why it works:* ${w.whyItWorks}`),
      ...next,
    ];
  }
  if (step <= 5) {
    const key = SECTIONS[step - 1]!;
    const s = w.steps[key];
    return [
      section(`*${SECTION_LABEL[key]}* · target ${s.targetSeconds} s\n>${s.example}`),
      context(`Key phrases: ${s.keyPhrases.map((p) => `“${p}”`).join(', ')}`),
      section(`:bulb: ${s.tip}\n:warning: *Common mistake:* ${s.mistake}`),
      ...(key === 'reflection'
        ? [
            section(
              `*${LEVEL_LABEL.sde2}:* ${w.reflections.sde2}\n*${LEVEL_LABEL.senior}:* ${w.reflections.senior}`,
            ),
          ]
        : []),
      ...next,
    ];
  }
  return [
    section(`*A weak answer to the same question*\n>${w.weakAnswer.text}`),
    section(w.weakAnswer.problems.map((p) => `✗ ${p}`).join('\n')),
    context(`Bar Raiser: ${w.weakAnswer.verdict}`),
    ...next,
  ];
}

/** How the follow-ups went, in one line: "Strong, skipped". */
const probeLine = (
  probes: Array<{ label: Parameters<typeof probeOutcomeLabel>[0]['label']; skipped?: boolean }>,
) => probes.map((p) => probeOutcomeLabel(p)).join(', ') || 'none';

/** Renders the core's outputs as Slack messages within Slack's limits. */
export function renderOutputs(outputs: Output[], ctx: RenderContext): SlackMessage[] {
  const blocks: KnownBlock[] = [];
  const fallback: string[] = [];
  for (const o of outputs) {
    switch (o.kind) {
      case 'question': {
        const principle = ctx.content.principleById.get(o.question.principle)!.name;
        blocks.push(
          section(
            `${o.of > 1 ? `*Question ${o.index + 1} of ${o.of}* · ` : ''}*${principle}* · ${LEVEL_LABEL[o.level]} · about ${minutes(o.budgetSeconds)} spoken\n>${o.question.text}`,
          ),
          context(
            o.timed
              ? ':stopwatch: *Timed:* the clock started when this question was posted. Answer in one message, or use the form.'
              : 'Answer in one message (labels like *Situation:* are optional), or use the form.',
          ),
        );
        if (ctx.sessionId) blocks.push(sessionButtons(ctx.sessionId, true));
        fallback.push(o.question.text);
        break;
      }
      case 'report':
        blocks.push(...reportBlocks(o.report, ctx, o.hideCoaching));
        // A mock shows no score before its debrief, not even in the notification text.
        fallback.push(
          o.report.status !== 'scored'
            ? (o.report.message ?? '')
            : o.hideCoaching
              ? 'Answer noted; scores come in the debrief.'
              : `${VERDICT_LABEL[o.report.verdict]} (${o.report.score}/100)`,
        );
        break;
      case 'probe':
        blocks.push(...probeBlocks(o.text, o.index, o.reask, ctx));
        fallback.push(`Follow-up: ${o.reask ? reaskText(o.text) : o.text}`);
        break;
      case 'judgement': {
        const j = o.judgement;
        const icon =
          j.label === 'strong' ? ':white_check_mark:' : j.label === 'mixed' ? ':large_yellow_circle:' : ':x:';
        const parts = feedbackParts(j.feedback);
        blocks.push(section(`${icon} *${JUDGEMENT_LABEL[j.label]}* — ${escapeUserText(parts.text)}`));
        if (parts.example)
          blocks.push(
            context(
              `_Example from a model answer (not your words):_ “${escapeUserText(truncate(parts.example, 400))}”`,
            ),
          );
        fallback.push(`${JUDGEMENT_LABEL[j.label]}: ${escapeUserText(parts.text)}`);
        break;
      }
      case 'wrapup': {
        const w = o.wrapup;
        const skipped = w.probes.filter((p) => p.skipped && !p.label).length;
        blocks.push(
          divider(),
          section(
            [
              `*Wrap-up* — final verdict: *${VERDICT_LABEL[w.verdict]}* (${w.finalScore}/100, ${w.startScore} before the follow-ups)`,
              `Follow-ups: ${probeLine(w.probes)}.${skipped ? ` Skipping costs no points, but ${skipped === 1 ? 'it adds' : 'they add'} no evidence either.` : ''}`,
              w.improved.length
                ? `Improved under questioning: ${w.improved.join('; ')}.`
                : 'The follow-ups did not add new evidence.',
              `*Practise next:* ${w.practiseNext}.`,
            ].join('\n'),
          ),
        );
        fallback.push(`Wrap-up: ${VERDICT_LABEL[w.verdict]} (${w.finalScore}/100)`);
        break;
      }
      case 'walkthrough_step':
        blocks.push(...walkthroughStep(o.walkthrough, o.step, ctx));
        fallback.push(`Walkthrough: ${o.walkthrough.title}`);
        break;
      case 'quiz': {
        const quiz = o.walkthrough.quiz[o.index]!;
        // Options in full in the text; the buttons carry only their numbers (a button shows 75 characters).
        blocks.push(
          section(
            `*Quiz ${o.index + 1} of ${o.walkthrough.quiz.length}:* ${quiz.question}\n${quiz.options.map((opt, i) => `*${i + 1}.* ${opt}`).join('\n')}`,
          ),
          ...(ctx.sessionId
            ? [
                actions(
                  null,
                  ...quiz.options.map((_opt, i) =>
                    button(ACTIONS.quizAnswer(i), String(i + 1), `${ctx.sessionId}|${i}`),
                  ),
                ),
              ]
            : []),
          context('Press a number, or type it.'),
        );
        fallback.push(quiz.question);
        break;
      }
      case 'quiz_result': {
        const quiz = o.walkthrough.quiz[o.index]!;
        blocks.push(
          section(
            `${o.correct ? ':white_check_mark: Correct.' : `:x: The answer is *${quiz.correct + 1}. ${quiz.options[quiz.correct]}*`} ${quiz.explanation}`,
          ),
        );
        fallback.push(o.correct ? 'Correct' : 'Not quite');
        break;
      }
      case 'walkthrough_done':
        blocks.push(
          section(
            `:tada: Walkthrough finished: ${o.correct} of ${o.of} right. Tell your own story with \`/star practice ${o.walkthrough.principle}\`.`,
          ),
        );
        fallback.push('Walkthrough finished');
        break;
      case 'debrief': {
        const d = o.debrief;
        blocks.push(
          header(`Bar Raiser debrief: ${VERDICT_LABEL[d.verdict]} (${d.finalScore}/100)`),
          section(
            d.items
              .map(
                (i, n) =>
                  `${n + 1}. *${ctx.content.principleById.get(i.principle)!.name}*: ${VERDICT_LABEL[i.verdict]} (${i.score}) · ${i.tookSeconds !== null ? `took ${duration(i.tookSeconds)} to answer · ` : ''}about ${duration(i.seconds)} spoken of a ${duration(i.budgetSeconds)} budget${i.overTime ? ' · over time' : ''} · follow-ups: ${probeLine(i.probes)}`,
              )
              .join('\n') || 'No answers were given.',
          ),
        );
        if (d.strengths.length) blocks.push(section(`*Strengths:* ${d.strengths.join('; ')}.`));
        if (d.fixes.length) blocks.push(section(`*Fix first:* ${d.fixes.join('; ')}.`));
        if (d.warnings.length) blocks.push(context(...d.warnings.map((w) => `:warning: ${w}`)));
        blocks.push(
          context('Skipped follow-ups cost no points. Time taken is from the question being posted.'),
        );
        fallback.push(`Debrief: ${VERDICT_LABEL[d.verdict]} (${d.finalScore}/100)`);
        break;
      }
      case 'hint':
        blocks.push(section(`:bulb: ${o.text}`));
        fallback.push(o.text);
        break;
      case 'info':
        blocks.push(context(o.text));
        fallback.push(o.text);
        break;
      case 'error':
        blocks.push(section(`:warning: ${o.text}`));
        fallback.push(o.text);
        break;
    }
  }
  if (!blocks.length) return [];
  return fitMessages(blocks, fallback.filter(Boolean).join(' · ') || 'STAR Coach');
}
