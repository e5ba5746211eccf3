import { createInterface } from 'node:readline';
import type { Coach } from '../../core/coach.js';
import { interpretInSession, parseLevel, parseStart } from '../../core/commands.js';
import type { Content } from '../../core/content/content.js';
import { LEVELS, type Level, SECTIONS, type Walkthrough } from '../../core/content/schema.js';
import { isCoachError } from '../../core/errors.js';
import {
  duration,
  LEVEL_LABEL,
  plural,
  probeOutcomeLabel,
  reaskText,
  SECTION_LABEL,
  VERDICT_LABEL,
} from '../../core/labels.js';
import {
  type Input,
  MOCK_MAX_QUESTIONS,
  MOCK_QUESTIONS,
  type Mode,
  type Output,
  type SessionState,
} from '../../core/practice/session.js';
import { sparkline } from '../../core/stories/progress.js';
import { noticePlain, plain, renderJudgement, renderReport } from './render.js';

export interface ShellOptions {
  coach: Coach;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  teamId: string;
  userId: string;
  /** Start this at once (scripted form); otherwise show the menu. */
  start?: { mode: Mode; principle: string | null; level: Level; questionId?: string | null; count?: number };
  /** Begin a new session even if one is open. */
  fresh?: boolean;
  newId: () => string;
}

const MENU = `What would you like to do?
  1) practice     answer a question, get scored, answer the follow-ups
  2) mock         a timed mock interview: ${MOCK_QUESTIONS} questions ("mock ${MOCK_MAX_QUESTIONS}" for ${MOCK_MAX_QUESTIONS}), debrief at the end
  3) walkthrough  step through a model answer, then a short quiz
  4) lookup       what a principle means and what interviewers listen for
  5) stories      your story bank and which principles it covers
  6) progress     your scores, streak and weakest principle
  save <title>    keep your last answer in your story bank
  reframe <p>     how to retell a story for a principle ("reframe earn trust | <story>")
  level <level>   sde1, sde2, senior or principal
  quit            leave (your progress is saved)
Type a number or a command, e.g. "practice ownership senior", "mock", "walkthrough dive deep".`;

const ANSWER_HINT =
  '(Type your answer; finish with an empty line. Commands: hint, skip (a skipped follow-up costs no points), end.)';

/** Async line reader that works for a TTY and for piped input alike. */
function lineReader(input: NodeJS.ReadableStream) {
  const rl = createInterface({ input, terminal: false });
  const queue: string[] = [];
  let closed = false;
  let wake: (() => void) | null = null;
  rl.on('line', (line) => {
    queue.push(line);
    wake?.();
  });
  rl.on('close', () => {
    closed = true;
    wake?.();
  });
  return {
    async next(): Promise<string | null> {
      while (!queue.length && !closed) await new Promise<void>((r) => (wake = r));
      wake = null;
      return queue.length ? queue.shift()! : null;
    },
    close: () => rl.close(),
  };
}

/** Renders core outputs as terminal text. */
export function renderOutputs(outputs: Output[], content: Content): string {
  const parts: string[] = [];
  for (const o of outputs) {
    switch (o.kind) {
      case 'question':
        parts.push(
          `${o.of > 1 ? `Question ${o.index + 1} of ${o.of} — ` : ''}${content.principleById.get(o.question.principle)!.name} (${LEVEL_LABEL[o.level]}, about ${duration(o.budgetSeconds)} spoken)${o.timed ? '\nTimed: the clock started now.' : ''}\n\n  ${o.question.text}\n\n${ANSWER_HINT}`,
        );
        break;
      case 'report':
        if (o.hideCoaching && o.report.status === 'scored') {
          parts.push(
            `Noted. Estimated speaking time: about ${duration(o.report.totalSeconds)} (budget ${duration(o.report.targetSeconds)}).`,
          );
        } else parts.push(renderReport(o.report, content, false));
        break;
      case 'probe':
        parts.push(
          `${o.reask ? `Follow-up ${o.index}, asked again: ${plain(reaskText(o.text))}` : `Follow-up ${o.index}: ${plain(o.text)}`}\n${ANSWER_HINT}`,
        );
        break;
      case 'judgement':
        parts.push(renderJudgement({ ...o.judgement, reask: null }));
        break;
      case 'wrapup': {
        const w = o.wrapup;
        const skipped = w.probes.some((p) => p.skipped && !p.label);
        parts.push(
          [
            `Wrap-up — final verdict: ${VERDICT_LABEL[w.verdict]} (${w.finalScore}/100, from ${w.startScore} before the follow-ups)`,
            `Follow-ups: ${w.probes.map((p) => probeOutcomeLabel(p)).join(', ') || 'none'}.${skipped ? ' Skipping costs no points, but adds no evidence either.' : ''}`,
            w.improved.length
              ? `Improved under questioning: ${w.improved.join('; ')}.`
              : 'The follow-ups did not add new evidence.',
            `Practise next: ${w.practiseNext}.`,
          ].join('\n'),
        );
        break;
      }
      case 'walkthrough_step':
        parts.push(renderStep(o.walkthrough, o.step, content));
        break;
      case 'quiz': {
        const q = o.walkthrough.quiz[o.index]!;
        parts.push(
          `Quiz ${o.index + 1} of ${o.walkthrough.quiz.length}: ${q.question}\n${q.options.map((opt, i) => `  ${i + 1}) ${opt}`).join('\n')}\n(Answer with the number.)`,
        );
        break;
      }
      case 'quiz_result': {
        const q = o.walkthrough.quiz[o.index]!;
        parts.push(
          `${o.correct ? 'Correct.' : `Not quite: the answer is ${q.correct + 1}) ${q.options[q.correct]!.replace(/[.!?]$/, '')}.`} ${plain(q.explanation)}`,
        );
        break;
      }
      case 'walkthrough_done':
        parts.push(
          `Walkthrough finished: ${o.correct} of ${o.of} quiz answers right. Try "practice ${o.walkthrough.principle}" to tell your own story.`,
        );
        break;
      case 'debrief': {
        const d = o.debrief;
        const lines = [`Bar Raiser debrief — overall: ${VERDICT_LABEL[d.verdict]} (${d.finalScore}/100)`];
        for (const [n, i] of d.items.entries()) {
          lines.push(
            `  ${n + 1}. ${content.principleById.get(i.principle)!.name}: ${VERDICT_LABEL[i.verdict]} (${i.score}), ${i.tookSeconds !== null ? `took ${duration(i.tookSeconds)} to answer, ` : ''}about ${duration(i.seconds)} spoken of a ${duration(i.budgetSeconds)} budget${i.overTime ? ' — over time' : ''}; follow-ups: ${i.probes.map((p) => probeOutcomeLabel(p)).join(', ') || 'none'}`,
          );
        }
        if (d.strengths.length) lines.push(`Strengths: ${d.strengths.join('; ')}.`);
        if (d.fixes.length) lines.push(`Fix first: ${d.fixes.join('; ')}.`);
        for (const w of d.warnings) lines.push(`⚠ ${w}`);
        lines.push('Skipped follow-ups cost no points. Time taken is from the question being shown.');
        parts.push(lines.join('\n'));
        break;
      }
      case 'hint':
      case 'info':
        parts.push(plain(o.text));
        break;
      case 'error':
        parts.push(`⚠ ${plain(o.text)}`);
        break;
    }
  }
  return parts.join('\n\n');
}

function renderStep(w: Walkthrough, step: number, content: Content): string {
  const principle = content.principleById.get(w.principle)!.name;
  if (step === 0) {
    const q = content.questionById.get(w.question);
    return `Walkthrough — ${principle}: ${w.title}\nQuestion: ${q?.text ?? ''}\n\n${w.overview}\n\nWhy it works: ${w.whyItWorks}\n\n(Press Enter or type "next" for each step; "skip" jumps to the quiz.)`;
  }
  if (step <= 5) {
    const key = SECTIONS[step - 1]!;
    const s = w.steps[key];
    return [
      `${SECTION_LABEL[key]} — target ${s.targetSeconds} s`,
      `  ${s.example}`,
      `  Key phrases: ${s.keyPhrases.map((p) => `"${p}"`).join(', ')}`,
      `  Coaching: ${s.tip}`,
      `  Common mistake: ${s.mistake}`,
      ...(key === 'reflection'
        ? [`  ${LEVEL_LABEL.sde2}: ${w.reflections.sde2}`, `  ${LEVEL_LABEL.senior}: ${w.reflections.senior}`]
        : []),
    ].join('\n');
  }
  return [
    'A weak answer to the same question:',
    `  ${w.weakAnswer.text}`,
    ...w.weakAnswer.problems.map((p) => `  ✗ ${p}`),
    `  Bar Raiser: ${w.weakAnswer.verdict}`,
  ].join('\n');
}

/** The terminal coach: a menu, then sessions driven line by line. Ends at EOF or "quit". */
export async function runShell(options: ShellOptions): Promise<void> {
  const { coach, teamId, userId } = options;
  const write = (s: string) => options.output.write(`${s}\n`);
  const reader = lineReader(options.input);
  const origin = { source: 'terminal' as const };
  let sessionId: string | null = null;

  const show = (outputs: Output[]) => {
    const text = renderOutputs(outputs, coach.content);
    if (text) write(text);
  };

  const begin = async (
    mode: Mode,
    principle: string | null,
    level: Level,
    questionId?: string | null,
    count?: number,
  ) => {
    const id = options.newId();
    const step = await coach.start(
      { id, mode, teamId, userId, level, principle, questionId: questionId ?? null, count },
      origin,
    );
    sessionId = step.state.status === 'active' ? id : null;
    show(step.output);
  };

  const open = options.fresh
    ? null
    : await coach.activeSession(teamId, userId, ['practice', 'mock', 'walkthrough']);
  // Resume only what was asked for again; an explicit different start closes the old session.
  const principleOf = (state: NonNullable<typeof open>) =>
    state.mode === 'walkthrough'
      ? (coach.content.walkthroughById.get(state.walkthroughId ?? '')?.principle ?? null)
      : (state.items[state.current]?.principle ?? null);
  const matches =
    open &&
    (!options.start ||
      (options.start.mode === open.mode &&
        (!options.start.principle || options.start.principle === principleOf(open))));
  /** Ends an open session before another starts; its answers stay saved. */
  const close = async (session: { id: string; mode: string }) => {
    await coach.handle(session.id, { type: 'command', name: 'end' }, origin);
    write(`Closed your unfinished ${session.mode} session (its answers are saved).`);
  };
  if (open && !matches) await close(open);
  const resumable = matches ? open : null;
  if (resumable) {
    sessionId = resumable.id;
    write(`Resuming your ${resumable.mode} session where you left off.`);
    show(currentPrompt(coach, resumable));
  } else if (options.start) {
    const s = options.start;
    await begin(s.mode, s.principle, s.level, s.questionId, s.count);
  } else {
    write(MENU);
  }

  const readBlock = async (firstLine: string): Promise<string> => {
    const lines = [firstLine];
    for (;;) {
      const line = await reader.next();
      if (line === null || line.trim() === '') break;
      lines.push(line);
    }
    return lines.join('\n');
  };

  for (;;) {
    const line = await reader.next();
    if (line === null) break;
    const session = sessionId ? await coach.session(sessionId) : null;
    const active = session && session.status === 'active' ? session : null;
    try {
      if (active) {
        if (line.trim() === '' && active.mode !== 'walkthrough') continue;
        // The same reading as in Slack DMs: commands, then quiz options, then a start ("practice dive deep"
        // starts over, the open session's answers kept), then an answer.
        const meaning = interpretInSession(active, line);
        const restart =
          meaning.kind === 'quiz' ? null : parseStart(coach.lookup, line, { menuNumbers: false });
        if (restart && !('error' in restart)) {
          await close(active);
          const level = restart.level ?? (await coach.settings(teamId, userId)).level;
          await begin(restart.mode, restart.principle, level, null, restart.count ?? undefined);
          continue;
        }
        const input: Input =
          meaning.kind === 'command'
            ? { type: 'command', name: meaning.name }
            : meaning.kind === 'quiz'
              ? { type: 'quiz', choice: meaning.choice }
              : active.mode === 'walkthrough'
                ? { type: 'text', text: line }
                : { type: 'text', text: await readBlock(line) };
        show((await coach.handle(active.id, input, origin)).output);
        const after = await coach.session(active.id);
        if (after?.status !== 'active') {
          sessionId = null;
          write('\nType "practice", "mock", "walkthrough", "lookup <principle>" or "quit".');
        }
        continue;
      }
      const text = line.trim();
      if (!text) continue;
      if (['quit', 'exit', 'q'].includes(text.toLowerCase())) break;
      if (await command(text)) continue;
      const start = parseStart(coach.lookup, text, { menuNumbers: true });
      if (start && 'error' in start) write(noticePlain(start.error));
      else if (start) {
        const level = start.level ?? (await coach.settings(teamId, userId)).level;
        await begin(start.mode, start.principle, level, null, start.count ?? undefined);
      } else write(`I didn't understand "${text}". ${MENU}`);
    } catch (error) {
      if (isCoachError(error)) write(`⚠ ${error.message}`);
      else throw error;
    }
  }
  reader.close();

  async function command(text: string): Promise<boolean> {
    const [head = '', ...rest] = text.split(/\s+/);
    const arg = rest.join(' ');
    switch (head.toLowerCase()) {
      case 'help':
      case 'menu':
        write(MENU);
        return true;
      case '4':
      case 'lookup':
        write((await lookupText(coach, arg, teamId, userId)).text);
        return true;
      case 'reframe':
        write(await renderReframe(coach, arg, teamId, userId));
        return true;
      case '5':
      case 'stories':
        write(await renderStories(coach, teamId, userId));
        return true;
      case '6':
      case 'progress':
        write(await renderProgress(coach, teamId, userId));
        return true;
      case 'level': {
        const level = parseLevel(arg);
        if (!level) write(`Levels: ${LEVELS.map((l) => `${l} (${LEVEL_LABEL[l]})`).join(', ')}.`);
        else {
          await coach.setSettings(teamId, userId, { level });
          write(`Level set to ${LEVEL_LABEL[level]}.`);
        }
        return true;
      }
      case 'save':
        write(await saveLastAnswer(coach, teamId, userId, arg));
        return true;
      default:
        return false;
    }
  }
}

async function saveLastAnswer(coach: Coach, teamId: string, userId: string, title: string): Promise<string> {
  const last = (await coach.answers(teamId, userId)).at(-1);
  if (!last) return 'Answer a question first; then "save <title>" keeps it in your story bank.';
  const { story, created } = await coach.saveStory(teamId, userId, { answerId: last.id, title });
  const tags = principleNames(coach.content, story.principles);
  return created
    ? `Saved "${story.title}" to your story bank as #${story.id} (${tags}, best ${story.bestScore}).`
    : `Your last answer is already in your story bank as #${story.id} "${story.title}" (${tags}).`;
}

/** Principle names for a story's tags. */
function principleNames(content: Content, ids: string[]): string {
  return ids.map((id) => content.principleById.get(id)?.name ?? id).join(', ') || 'untagged';
}

/** `lookup <principle>` as text; `found` is false when nothing matched (the CLI then exits non-zero). */
export async function lookupText(
  coach: Coach,
  text: string,
  teamId?: string,
  userId?: string,
): Promise<{ text: string; found: boolean }> {
  const match = coach.lookup.find(text);
  if (match.kind === 'list') {
    return {
      found: true,
      text: `The 16 Leadership Principles:\n${match.principles.map((p, i) => `  ${String(i + 1).padStart(2)}. ${p.name}`).join('\n')}\nType "lookup <name>" for one of them.`,
    };
  }
  if (match.kind === 'suggestions') {
    return {
      found: false,
      text: match.suggestions.length
        ? `I don't know "${match.query}". Closest: ${match.suggestions.map((p) => p.name).join(', ')}.`
        : `I don't know "${match.query}". Type "lookup" to list the 16 principles.`,
    };
  }
  const p = match.principle;
  const questions = coach.content.questionsByPrinciple.get(p.id) ?? [];
  const best = teamId && userId ? await coach.bestStory(teamId, userId, p.id) : null;
  return {
    found: true,
    text: [
      p.name,
      `  ${p.meaning}`,
      '',
      'Interviewers listen for:',
      ...p.listensFor.map((x) => `  • ${x}`),
      'It is not:',
      ...p.notThis.map((x) => `  • ${x}`),
      'Red flags:',
      ...p.redFlags.map((x) => `  ✗ ${x}`),
      'Questions you may get:',
      ...questions.slice(0, 3).map((q) => `  ? ${q.text}`),
      '',
      best
        ? `Your best story for it: #${best.story.id} "${best.story.title}".`
        : 'None of your saved stories covers it yet ("save <title>" after a good answer).',
      `Practise it: "practice ${p.id}". Reframe a story for it: "reframe ${p.id.replace(/-/g, ' ')}".`,
    ].join('\n'),
  };
}

/** `reframe <principle>` as text. */
export async function renderReframe(
  coach: Coach,
  arg: string,
  teamId: string,
  userId: string,
): Promise<string> {
  const [principleText, storyRef] = arg.split(/\s+--story\s+|\s*\|\s*/);
  const r = await coach.reframe(principleText ?? '', teamId, userId, storyRef);
  const lines = [
    `Reframing for ${r.principle.name}`,
    `  Lead with: ${r.leadWith}`,
    `  Emphasize: ${r.emphasize}`,
    `  Downplay:  ${r.downplay}`,
  ];
  if (r.applied) {
    lines.push('', `Applied to your story "${r.applied.story.title}" (its own lines):`);
    lines.push(
      r.applied.openWith
        ? `  Open with: "${r.applied.openWith}"`
        : `  Nothing in it speaks to ${r.principle.name} yet: add a line for "lead with" and open with it.`,
    );
    for (const k of r.applied.keep) lines.push(`  Keep: "${k}"`);
    for (const t of r.applied.trim) lines.push(`  Shorten: "${t}"`);
  } else {
    const stories = await coach.stories(teamId, userId);
    const name = r.principle.id.replace(/-/g, ' ');
    lines.push(
      '',
      stories.length
        ? `Apply it to one of your stories: ${stories
            .slice(0, 5)
            .map((s) => `"reframe ${name} | ${s.title}"`)
            .join(', ')}`
        : 'Save a story first ("save <title>" after an answer), then "reframe <principle> | <story title>".',
    );
  }
  return lines.join('\n');
}

async function renderStories(coach: Coach, teamId: string, userId: string): Promise<string> {
  const stories = await coach.stories(teamId, userId);
  const rows = await coach.coverage(teamId, userId);
  const mark = { covered: '●', weak: '◐', gap: '○' } as const;
  return [
    stories.length
      ? `Your stories (${stories.length}):`
      : 'No stories yet: answer a question, then type "save <title>".',
    ...stories.map(
      (s) => `  #${s.id} ${s.title} — best ${s.bestScore}, ${principleNames(coach.content, s.principles)}`,
    ),
    '',
    'Coverage (● covered, ◐ weak, ○ gap):',
    ...rows.map(
      (r) => `  ${mark[r.status]} ${r.principle.name}${r.bestScore !== null ? ` (${r.bestScore})` : ''}`,
    ),
  ].join('\n');
}

async function renderProgress(coach: Coach, teamId: string, userId: string): Promise<string> {
  const p = await coach.progress(teamId, userId);
  if (!p.attempts) return 'No scored answers yet. Type "practice" to start.';
  const weakest = p.weakest ? coach.content.principleById.get(p.weakest)!.name : 'none';
  return [
    `${plural(p.attempts, 'answer')} · average ${p.averageScore} · streak ${plural(p.streakDays, 'day')}`,
    `Trend: ${sparkline(p.recentScores)}`,
    ...(p.weakest && p.strongest
      ? [
          `Strongest principle: ${coach.content.principleById.get(p.strongest)!.name}`,
          `Weakest principle: ${weakest}`,
        ]
      : ['(Answer questions on a few principles to see your strongest and weakest.)']),
    ...p.perPrinciple
      .filter((x) => x.attempts)
      .map(
        (x) =>
          `  ${coach.content.principleById.get(x.principle)!.name}: ${x.average} (${x.attempts}) ${sparkline(x.trend)}`,
      ),
  ].join('\n');
}

/** What to show when a session resumes: the open question, follow-up or step. */
function currentPrompt(coach: Coach, state: SessionState): Output[] {
  const content = coach.content;
  if (state.mode === 'walkthrough') {
    const w = content.walkthroughById.get(state.walkthroughId ?? '');
    if (!w) return [];
    return state.stage === 'quiz'
      ? [{ kind: 'quiz', walkthrough: w, index: state.quiz.length }]
      : [{ kind: 'walkthrough_step', walkthrough: w, step: state.step }];
  }
  const item = state.items[state.current]!;
  if (state.stage === 'awaiting_probe') {
    const turn = item.probes[item.probes.length - 1]!;
    return [{ kind: 'probe', text: turn.text, probeId: turn.id, index: item.probes.length, reask: false }];
  }
  const b = content.levels.levels[state.level].budget;
  return [
    {
      kind: 'question',
      question: content.questionById.get(item.questionId)!,
      index: state.current,
      of: state.items.length,
      level: state.level,
      budgetSeconds: b.situation + b.task + b.action + b.result + b.reflection,
      timed: state.mode === 'mock',
    },
  ];
}
