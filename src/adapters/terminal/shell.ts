import { createInterface } from 'node:readline';
import type { Coach } from '../../core/coach.js';
import type { Content } from '../../core/content/content.js';
import { LEVELS, type Level } from '../../core/content/schema.js';
import { isCoachError } from '../../core/errors.js';
import { type Input, type Mode, type Output, parseChoice } from '../../core/practice/session.js';
import { sparkline } from '../../core/stories/progress.js';
import { renderJudgement, renderReport, VERDICT_LABEL } from './render.js';

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
  2) mock         a timed mock interview, 2-3 questions, debrief at the end
  3) walkthrough  step through a model answer, then a short quiz
  4) lookup       what a principle means and what interviewers listen for
  5) stories      your story bank and which principles it covers
  6) progress     your scores, streak and weakest principle
  quit            leave (your progress is saved)
Type a number or a command, e.g. "practice ownership senior", "mock", "walkthrough dive deep", "reframe earn trust".`;

const ANSWER_HINT = '(Type your answer; finish with an empty line. Commands: hint, skip, end.)';

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
          `${o.of > 1 ? `Question ${o.index + 1} of ${o.of} — ` : ''}${content.principleById.get(o.question.principle)!.name} (${o.level}, about ${o.budgetSeconds} s)${o.timed ? ' ⏱' : ''}\n\n  ${o.question.text}\n\n${ANSWER_HINT}`,
        );
        break;
      case 'report':
        if (o.hideCoaching && o.report.status === 'scored') {
          parts.push(
            `Noted. Estimated speaking time: about ${o.report.totalSeconds} s (budget ${o.report.targetSeconds} s).`,
          );
        } else parts.push(renderReport(o.report, content, false));
        break;
      case 'probe':
        parts.push(`${o.reask ? '' : `Follow-up ${o.index}: `}${o.text}\n${ANSWER_HINT}`);
        break;
      case 'judgement':
        parts.push(renderJudgement({ ...o.judgement, reask: null }));
        break;
      case 'wrapup': {
        const w = o.wrapup;
        parts.push(
          [
            `Wrap-up — final verdict: ${VERDICT_LABEL[w.verdict]} (${w.finalScore}/100, from ${w.startScore} before the follow-ups)`,
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
          `${o.correct ? 'Correct.' : `Not quite: the answer is ${q.correct + 1}) ${q.options[q.correct]!.replace(/[.!?]$/, '')}.`} ${q.explanation}`,
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
            `  ${n + 1}. ${content.principleById.get(i.principle)!.name}: ${VERDICT_LABEL[i.verdict]} (${i.score}), about ${i.seconds} s${i.overTime ? ' — over time' : ''}; follow-ups: ${i.probes.map((p) => p.label ?? 'skipped').join(', ') || 'none'}`,
          );
        }
        if (d.strengths.length) lines.push(`Strengths: ${d.strengths.join('; ')}.`);
        if (d.fixes.length) lines.push(`Fix first: ${d.fixes.join('; ')}.`);
        for (const w of d.warnings) lines.push(`⚠ ${w}`);
        parts.push(lines.join('\n'));
        break;
      }
      case 'hint':
      case 'info':
        parts.push(o.text);
        break;
      case 'error':
        parts.push(`⚠ ${o.text}`);
        break;
    }
  }
  return parts.join('\n\n');
}

function renderStep(
  w: import('../../core/content/schema.js').Walkthrough,
  step: number,
  content: Content,
): string {
  const principle = content.principleById.get(w.principle)!.name;
  if (step === 0) {
    const q = content.questionById.get(w.question);
    return `Walkthrough — ${principle}: ${w.title}\nQuestion: ${q?.text ?? ''}\n\n${w.overview}\n\nWhy it works: ${w.whyItWorks}\n\n(Press Enter or type "next" for each step; "skip" jumps to the quiz.)`;
  }
  if (step <= 5) {
    const key = (['situation', 'task', 'action', 'result', 'reflection'] as const)[step - 1]!;
    const s = w.steps[key];
    return [
      `${key[0]!.toUpperCase()}${key.slice(1)} — target ${s.targetSeconds} s`,
      `  ${s.example}`,
      `  Key phrases: ${s.keyPhrases.map((p) => `"${p}"`).join(', ')}`,
      `  Coaching: ${s.tip}`,
      `  Common mistake: ${s.mistake}`,
      ...(key === 'reflection' ? [`  SDE2: ${w.reflections.sde2}`, `  Senior: ${w.reflections.senior}`] : []),
    ].join('\n');
  }
  return [
    'A weak answer to the same question:',
    `  ${w.weakAnswer.text}`,
    ...w.weakAnswer.problems.map((p) => `  ✗ ${p}`),
    `  Bar Raiser: ${w.weakAnswer.verdict}`,
  ].join('\n');
}

const COMMAND_WORDS: Record<string, 'next' | 'hint' | 'skip' | 'end'> = {
  next: 'next',
  n: 'next',
  hint: 'hint',
  skip: 'skip',
  end: 'end',
  stop: 'end',
  quit: 'end',
  '/hint': 'hint',
  '/skip': 'skip',
  '/end': 'end',
  '/next': 'next',
};

/** Reads "practice ownership senior" / "mock" / "walkthrough dive deep" into a start request. */
export function parseStart(
  coach: Coach,
  text: string,
): { mode: Mode; principle: string | null; level: Level | null } | { error: string } | null {
  const words = text.trim().toLowerCase().split(/\s+/);
  const first = words[0] ?? '';
  const modes: Record<string, Mode> = {
    practice: 'practice',
    practise: 'practice',
    '1': 'practice',
    mock: 'mock',
    '2': 'mock',
    walkthrough: 'walkthrough',
    '3': 'walkthrough',
    learn: 'walkthrough',
  };
  const mode = modes[first];
  if (!mode) return null;
  let level: Level | null = null;
  const rest = words.slice(1).filter((w) => {
    if ((LEVELS as readonly string[]).includes(w)) {
      level = w as Level;
      return false;
    }
    return !['mode', 'for', 'on', 'me'].includes(w) && !Object.keys(modes).includes(w);
  });
  if (!rest.length) return { mode, principle: null, level };
  const match = coach.lookup.find(rest.join(' '));
  if (match.kind === 'found') return { mode, principle: match.principle.id, level };
  return {
    error: `I don't know the principle "${rest.join(' ')}".${match.kind === 'suggestions' && match.suggestions.length ? ` Did you mean ${match.suggestions.map((p) => p.name).join(', ')}?` : ''}`,
  };
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

  const begin = (
    mode: Mode,
    principle: string | null,
    level: Level,
    questionId?: string | null,
    count?: number,
  ) => {
    const id = options.newId();
    const step = coach.start(
      { id, mode, teamId, userId, level, principle, questionId: questionId ?? null, count },
      origin,
    );
    sessionId = step.state.status === 'active' ? id : null;
    show(step.output);
  };

  const open = options.fresh
    ? null
    : coach.activeSession(teamId, userId, ['practice', 'mock', 'walkthrough']);
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
  if (open && !matches) {
    coach.handle(open.id, { type: 'command', name: 'end' }, origin);
    write(`Closed your unfinished ${open.mode} session (its answers are saved).`);
  }
  const resumable = matches ? open : null;
  if (resumable) {
    sessionId = resumable.id;
    write(`Resuming your ${resumable.mode} session where you left off.`);
    show(currentPrompt(coach, resumable));
  } else if (options.start) {
    const s = options.start;
    begin(s.mode, s.principle, s.level, s.questionId, s.count);
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
    const session = sessionId ? coach.session(sessionId) : null;
    const active = session && session.status === 'active' ? session : null;
    try {
      if (active) {
        const word = line.trim().toLowerCase();
        if (active.mode === 'walkthrough') {
          const cmd = COMMAND_WORDS[word];
          const choice = active.stage === 'quiz' ? parseChoice(word) : null;
          const input: Input = cmd
            ? { type: 'command', name: cmd }
            : choice !== null
              ? { type: 'quiz', choice }
              : active.stage === 'quiz'
                ? { type: 'text', text: line }
                : { type: 'command', name: 'next' };
          show(coach.handle(active.id, input, origin).output);
        } else if (COMMAND_WORDS[word]) {
          show(coach.handle(active.id, { type: 'command', name: COMMAND_WORDS[word]! }, origin).output);
        } else if (word === '') {
          continue;
        } else {
          const text = await readBlock(line);
          show(coach.handle(active.id, { type: 'text', text }, origin).output);
        }
        const after = coach.session(active.id);
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
      const start = parseStart(coach, text);
      if (start && 'error' in start) write(start.error);
      else if (start) {
        const level = start.level ?? coach.settings(teamId, userId).level;
        begin(start.mode, start.principle, level);
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
        write(renderLookup(coach, arg));
        return true;
      case 'reframe':
        write(renderReframe(coach, arg, teamId, userId));
        return true;
      case '5':
      case 'stories':
        write(renderStories(coach, teamId, userId));
        return true;
      case '6':
      case 'progress':
        write(renderProgress(coach, teamId, userId));
        return true;
      case 'level': {
        const level = arg.toLowerCase();
        if (!(LEVELS as readonly string[]).includes(level)) write(`Levels: ${LEVELS.join(', ')}.`);
        else {
          coach.setSettings(teamId, userId, { level: level as Level });
          write(`Level set to ${level}.`);
        }
        return true;
      }
      case 'save':
        write(saveLastAnswer(coach, teamId, userId, arg));
        return true;
      default:
        return false;
    }
  }
}

function saveLastAnswer(coach: Coach, teamId: string, userId: string, title: string): string {
  const last = coach.answers(teamId, userId).at(-1);
  if (!last) return 'Answer a question first; then "save <title>" keeps it in your story bank.';
  const story = coach.saveStory(teamId, userId, { answerId: last.id, title });
  return `Saved "${story.title}" to your story bank (${story.principles.join(', ') || 'no principle'}, best ${story.bestScore}).`;
}

/** `lookup <principle>` as text. */
export function renderLookup(coach: Coach, text: string): string {
  const match = coach.lookup.find(text);
  if (match.kind === 'list') {
    return `The 16 Leadership Principles:\n${match.principles.map((p, i) => `  ${String(i + 1).padStart(2)}. ${p.name}`).join('\n')}\nType "lookup <name>" for one of them.`;
  }
  if (match.kind === 'suggestions') {
    return match.suggestions.length
      ? `I don't know "${match.query}". Closest: ${match.suggestions.map((p) => p.name).join(', ')}.`
      : `I don't know "${match.query}". Type "lookup" to list the 16 principles.`;
  }
  const p = match.principle;
  const questions = coach.content.questionsByPrinciple.get(p.id) ?? [];
  return [
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
    `Practise it: "practice ${p.id}". Reframe a story for it: "reframe ${p.id}".`,
  ].join('\n');
}

/** `reframe <principle>` as text. */
export function renderReframe(coach: Coach, arg: string, teamId: string, userId: string): string {
  const [principleText, storyRef] = arg.split(/\s+--story\s+|\s*\|\s*/);
  const r = coach.reframe(principleText ?? '', teamId, userId, storyRef);
  const lines = [
    `Reframing for ${r.principle.name}`,
    `  Lead with: ${r.leadWith}`,
    `  Emphasize: ${r.emphasize}`,
    `  Downplay:  ${r.downplay}`,
  ];
  if (r.applied) {
    lines.push('', `Applied to "${r.applied.story.title}":`);
    if (r.applied.openWith) lines.push(`  Open with: "${r.applied.openWith}"`);
    for (const k of r.applied.keep) lines.push(`  Keep: "${k}"`);
    for (const t of r.applied.trim) lines.push(`  Shorten: "${t}"`);
  }
  return lines.join('\n');
}

function renderStories(coach: Coach, teamId: string, userId: string): string {
  const stories = coach.stories(teamId, userId);
  const rows = coach.coverage(teamId, userId);
  const mark = { covered: '●', weak: '◐', gap: '○' } as const;
  return [
    stories.length
      ? `Your stories (${stories.length}):`
      : 'No stories yet: answer a question, then type "save <title>".',
    ...stories.map(
      (s) => `  #${s.id} ${s.title} — best ${s.bestScore}, ${s.principles.join(', ') || 'untagged'}`,
    ),
    '',
    'Coverage (● covered, ◐ weak, ○ gap):',
    ...rows.map(
      (r) => `  ${mark[r.status]} ${r.principle.name}${r.bestScore !== null ? ` (${r.bestScore})` : ''}`,
    ),
  ].join('\n');
}

function renderProgress(coach: Coach, teamId: string, userId: string): string {
  const p = coach.progress(teamId, userId);
  if (!p.attempts) return 'No scored answers yet. Type "practice" to start.';
  const weakest = p.weakest ? coach.content.principleById.get(p.weakest)!.name : 'none';
  return [
    `Answers: ${p.attempts} · average ${p.averageScore} · streak ${p.streakDays} day(s)`,
    `Trend: ${sparkline(p.recentScores)}`,
    `Weakest principle: ${weakest}`,
    ...p.perPrinciple
      .filter((x) => x.attempts)
      .map(
        (x) =>
          `  ${coach.content.principleById.get(x.principle)!.name}: ${x.average} (${x.attempts}) ${sparkline(x.trend)}`,
      ),
  ].join('\n');
}

/** What to show when a session resumes: the open question, follow-up or step. */
function currentPrompt(coach: Coach, state: import('../../core/practice/session.js').SessionState): Output[] {
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
