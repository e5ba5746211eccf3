import type { KnownBlock } from '@slack/types';
import type { Content } from '../../../core/content/content.js';
import { SECTIONS, type Walkthrough } from '../../../core/content/schema.js';
import type { Output } from '../../../core/practice/session.js';
import type { Report } from '../../../core/rubric/types.js';
import { DIMENSION_LABEL, VERDICT_LABEL } from '../../terminal/render.js';
import {
  actions,
  button,
  context,
  divider,
  escapeUserText,
  fitMessages,
  header,
  type SlackMessage,
  section,
  truncate,
} from './blocks.js';

export interface RenderContext {
  content: Content;
  /** DM sessions get step buttons carrying the session id. */
  sessionId?: string | null;
  /** A stored answer: the score card offers "Save as story". */
  answerId?: number | null;
  edited?: boolean;
  /** In a channel thread the probe says to reply in the thread. */
  inThread?: boolean;
}

const bar = (rating: number) => '■'.repeat(rating) + '□'.repeat(Math.max(0, 4 - rating));
const q = (text: string, max = 160) => `“${escapeUserText(truncate(text, max))}”`;

/** The score card: verdict, dimensions, flags with the person's words, time, coaching, probe. */
export function reportBlocks(report: Report, ctx: RenderContext, hideCoaching = false): KnownBlock[] {
  if (report.status !== 'scored')
    return [section(`:speech_balloon: ${escapeUserText(report.message ?? 'I could not score this one.')}`)];
  const principle = report.principle ? ctx.content.principleById.get(report.principle)?.name : null;
  const level = ctx.content.levels.levels[report.level].label;
  if (hideCoaching) {
    return [
      context(
        `Noted${ctx.edited ? ' (edited)' : ''}. About ${report.totalSeconds} s spoken against a ${report.targetSeconds} s budget. Scores come in the debrief.`,
      ),
    ];
  }
  const blocks: KnownBlock[] = [
    section(
      `*${VERDICT_LABEL[report.verdict]}* · *${report.score}/100*${principle ? ` · ${principle}` : ''} · ${level}${ctx.edited ? ' · _edited_' : ''}`,
    ),
    section(
      report.dimensions
        .map((d) => `\`${bar(d.rating)}\` ${DIMENSION_LABEL[d.id]} — ${escapeUserText(d.note)}`)
        .join('\n'),
    ),
    context(
      `:stopwatch: about ${report.totalSeconds} s spoken (${report.secondsRange[0]}–${report.secondsRange[1]} s) vs ${report.targetSeconds} s · ${SECTIONS.map(
        (s) =>
          `${s[0]!.toUpperCase()} ${report.sections[s].present ? `${report.sections[s].seconds}/${report.sections[s].targetSeconds}s` : '—'}`,
      ).join(' · ')}`,
    ),
  ];
  if (report.flags.length) {
    blocks.push(
      section(
        `*Flags*\n${report.flags
          .slice(0, 8)
          .map((f) => `• \`${f.id}\` ${q(f.quote, 140)} — ${escapeUserText(f.message)}`)
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
    blocks.push(actions('scorecard', button('save_story', 'Save as story', String(ctx.answerId))));
  return blocks;
}

function probeBlocks(text: string, index: number, reask: boolean, ctx: RenderContext): KnownBlock[] {
  return [
    section(
      `:mag: *${reask ? 'Let me press on that' : `Bar Raiser follow-up ${index}`}:* ${escapeUserText(text)}`,
    ),
    context(ctx.inThread ? 'Reply in this thread to answer the follow-up.' : 'Reply here to answer.'),
    ...(ctx.sessionId ? [sessionButtons(ctx.sessionId, false)] : []),
  ];
}

function sessionButtons(sessionId: string, withForm: boolean) {
  return actions(
    null,
    ...(withForm ? [button('session_form', 'Answer in a form', sessionId, 'primary')] : []),
    button('session_hint', 'Hint', sessionId),
    button('session_skip', 'Skip', sessionId),
    button('session_end', 'End', sessionId),
  );
}

function walkthroughStep(w: Walkthrough, step: number, ctx: RenderContext): KnownBlock[] {
  const principle = ctx.content.principleById.get(w.principle)!.name;
  const next = ctx.sessionId
    ? [
        actions(
          null,
          button('session_next', step < 6 ? 'Next step' : 'Start the quiz', ctx.sessionId, 'primary'),
          button('session_skip', 'Skip to quiz', ctx.sessionId),
          button('session_end', 'End', ctx.sessionId),
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
      section(`*${key[0]!.toUpperCase()}${key.slice(1)}* · target ${s.targetSeconds} s\n>${s.example}`),
      context(`Key phrases: ${s.keyPhrases.map((p) => `“${p}”`).join(', ')}`),
      section(`:bulb: ${s.tip}\n:warning: *Common mistake:* ${s.mistake}`),
      ...(key === 'reflection'
        ? [section(`*SDE2:* ${w.reflections.sde2}\n*Senior:* ${w.reflections.senior}`)]
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
            `${o.of > 1 ? `*Question ${o.index + 1} of ${o.of}* · ` : ''}*${principle}* · ${o.level.toUpperCase()} · about ${Math.round(o.budgetSeconds / 6) / 10} min${o.timed ? ' · :stopwatch: timed' : ''}\n>${o.question.text}`,
          ),
          context('Answer in one message (labels like *Situation:* are optional), or use the form.'),
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
        fallback.push(`Follow-up: ${o.text}`);
        break;
      case 'judgement': {
        const j = o.judgement;
        const icon =
          j.label === 'strong' ? ':white_check_mark:' : j.label === 'mixed' ? ':large_yellow_circle:' : ':x:';
        blocks.push(
          section(
            `${icon} *${j.label[0]!.toUpperCase()}${j.label.slice(1)}* — ${escapeUserText(j.feedback)}`,
          ),
        );
        fallback.push(`${j.label}: ${escapeUserText(j.feedback)}`);
        break;
      }
      case 'wrapup': {
        const w = o.wrapup;
        blocks.push(
          divider(),
          section(
            `*Wrap-up* — final verdict: *${VERDICT_LABEL[w.verdict]}* (${w.finalScore}/100, ${w.startScore} before the follow-ups)\n${w.improved.length ? `Improved under questioning: ${w.improved.join('; ')}.` : 'The follow-ups did not add new evidence.'}\n*Practise next:* ${w.practiseNext}.`,
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
        blocks.push(
          section(`*Quiz ${o.index + 1} of ${o.walkthrough.quiz.length}:* ${quiz.question}`),
          actions(
            null,
            ...quiz.options.map((opt, i) =>
              button(`quiz_answer_${i}`, `${i + 1}. ${opt}`, `${ctx.sessionId ?? ''}|${i}`),
            ),
          ),
        );
        fallback.push(quiz.question);
        break;
      }
      case 'quiz_result': {
        const quiz = o.walkthrough.quiz[o.index]!;
        blocks.push(
          section(
            `${o.correct ? ':white_check_mark: Correct.' : `:x: The answer is *${quiz.options[quiz.correct]}*.`} ${quiz.explanation}`,
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
                  `${n + 1}. *${ctx.content.principleById.get(i.principle)!.name}*: ${VERDICT_LABEL[i.verdict]} (${i.score}) · about ${i.seconds} s${i.overTime ? ' · over time' : ''} · follow-ups: ${i.probes.map((p) => p.label ?? 'skipped').join(', ') || 'none'}`,
              )
              .join('\n') || 'No answers were given.',
          ),
        );
        if (d.strengths.length) blocks.push(section(`*Strengths:* ${d.strengths.join('; ')}.`));
        if (d.fixes.length) blocks.push(section(`*Fix first:* ${d.fixes.join('; ')}.`));
        if (d.warnings.length) blocks.push(context(...d.warnings.map((w) => `:warning: ${w}`)));
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
