import { judgeProbeAnswer, type ProbeJudgement } from '../coaching/probe-judge.js';
import type { Content, QuestionEntry } from '../content/content.js';
import type { DimensionId, Level, Walkthrough } from '../content/schema.js';
import { FLAG_LABEL, plural } from '../labels.js';
import type { Random } from '../ports.js';
import { type ScoringPolicy, verdictFor } from '../rubric/policy.js';
import type { Rubric } from '../rubric/score.js';
import { wordsOf } from '../rubric/text.js';
import type { Report, Verdict } from '../rubric/types.js';

export type Mode = 'thread' | 'practice' | 'walkthrough' | 'mock';

export interface ProbeTurn {
  id: string;
  text: string;
  dimension: DimensionId | null;
  answer: string | null;
  label: ProbeJudgement['label'] | null;
  reasked: boolean;
  /** Moved past with "skip": shown as skipped; it costs no points (see PROBE_POINTS). */
  skipped?: boolean;
}

/** One question answered inside a session: the answer's report and the probes that followed. */
export interface Item {
  questionId: string;
  principle: string;
  askedAt: number;
  answeredAt: number | null;
  answer: string | null;
  report: Report | null;
  probes: ProbeTurn[];
  /** The message that answered it (a thread reply's ts), so an edit or a delete finds what it derived. */
  messageId?: string | null;
  /**
   * The stored answer row holding this item's `answer` and `report`: a store may keep the item by reference
   * to it instead of a second copy. Set only while the row holds exactly this text and report; a change
   * to the row that the item must not follow (an edit that no longer scores) removes it first.
   */
  answerId?: number;
}

export type Stage = 'awaiting_answer' | 'awaiting_probe' | 'walkthrough_step' | 'quiz' | 'done';

export interface SessionState {
  id: string;
  mode: Mode;
  teamId: string;
  userId: string;
  level: Level;
  status: 'active' | 'done' | 'abandoned' | 'expired';
  stage: Stage;
  items: Item[];
  current: number;
  /** Walkthrough: the step shown last (0 = overview … 5 = reflection, 6 = weak answer) and quiz answers. */
  walkthroughId: string | null;
  step: number;
  quiz: number[];
  /** Message ids already handled, so a redelivered message changes nothing. */
  seen: string[];
  createdAt: number;
  updatedAt: number;
}

export type Output =
  | {
      kind: 'question';
      question: QuestionEntry;
      index: number;
      of: number;
      level: Level;
      budgetSeconds: number;
      timed: boolean;
    }
  | { kind: 'report'; report: Report; hideCoaching: boolean }
  | { kind: 'probe'; text: string; probeId: string; index: number; reask: boolean }
  | { kind: 'judgement'; judgement: ProbeJudgement; probeText: string }
  | { kind: 'wrapup'; wrapup: Wrapup }
  | { kind: 'walkthrough_step'; walkthrough: Walkthrough; step: number }
  | { kind: 'quiz'; walkthrough: Walkthrough; index: number }
  | { kind: 'quiz_result'; walkthrough: Walkthrough; index: number; choice: number; correct: boolean }
  | { kind: 'walkthrough_done'; walkthrough: Walkthrough; correct: number; of: number }
  | { kind: 'debrief'; debrief: Debrief }
  | { kind: 'hint'; text: string }
  | { kind: 'info'; text: string }
  | {
      kind: 'error';
      code: 'invalid_transition' | 'session_ended' | 'session_expired' | 'bad_input';
      text: string;
    };

export interface Wrapup {
  questionId: string;
  startScore: number;
  finalScore: number;
  verdict: Verdict;
  improved: string[];
  practiseNext: string;
  probes: Array<{ text: string; label: ProbeTurn['label']; skipped: boolean }>;
}

export interface Debrief {
  items: Array<{
    questionId: string;
    principle: string;
    score: number;
    verdict: Verdict;
    /** Estimated speaking time of the answer. */
    seconds: number;
    /** Real time from the question being shown to the answer arriving (the mock's clock). */
    tookSeconds: number | null;
    budgetSeconds: number;
    overTime: boolean;
    probes: ProbeTurn[];
  }>;
  finalScore: number;
  verdict: Verdict;
  strengths: string[];
  fixes: string[];
  warnings: string[];
}

export type Input =
  | { type: 'text'; text: string; messageId?: string; probeId?: string }
  | { type: 'command'; name: 'next' | 'hint' | 'skip' | 'end'; messageId?: string }
  | { type: 'quiz'; choice: number; messageId?: string };

export interface Deps {
  content: Content;
  rubric: Rubric;
  now: number;
  random: Random;
}

export interface StartOptions {
  id: string;
  mode: Mode;
  teamId: string;
  userId: string;
  level: Level;
  principle?: string | null;
  questionId?: string | null;
  walkthroughId?: string | null;
  /** Mock: how many questions (MOCK_QUESTIONS by default, at most MOCK_MAX_QUESTIONS). */
  count?: number;
  /** Question ids to avoid (e.g. asked recently). */
  avoid?: string[];
}

export interface Step {
  state: SessionState;
  output: Output[];
  duplicate?: boolean;
}

/** Questions in a mock interview, unless asked for more (up to MOCK_MAX_QUESTIONS). */
export const MOCK_QUESTIONS = 2;
export const MOCK_MAX_QUESTIONS = 3;

/** Probes per answer before the wrap-up. */
export const MAX_PROBES: Record<Mode, number> = { thread: 2, practice: 3, mock: 2, walkthrough: 0 };
/** An idle session expires after this long. */
export const SESSION_TTL_MS: Record<Mode, number> = {
  thread: 7 * 86_400_000,
  practice: 24 * 3_600_000,
  mock: 6 * 3_600_000,
  walkthrough: 24 * 3_600_000,
};
const SEEN_LIMIT = 50;
/** Said the same way in DMs, threads and the terminal. */
export const SKIPPED_FOLLOW_UP =
  'Skipped that follow-up. Skipping costs no points, but it adds no evidence either.';

const DIMENSION_WORDS: Record<DimensionId, string> = {
  structure: 'telling the story in STAR order',
  scope_ownership: 'making ownership explicit: whose job it was and why you acted',
  individual_contribution: 'telling your own actions with "I" and concrete verbs',
  quantified_result: 'ending with a measured before-and-after result',
  rigor: 'showing how you validated the fix',
  reflection: 'a specific reflection with the root cause and a mechanism',
  delivery_time: 'keeping to the time budget',
  principle_fit: "showing the principle's own signals",
};

function pick<T>(items: readonly T[], random: Random): T {
  return items[Math.min(items.length - 1, Math.floor(random() * items.length))]!;
}

function chooseQuestion(
  deps: Deps,
  level: Level,
  principle: string | null,
  avoid: Set<string>,
): QuestionEntry {
  const { content, random } = deps;
  const pool = (principle ? (content.questionsByPrinciple.get(principle) ?? []) : content.questions).filter(
    (q) => q.levels.includes(level),
  );
  const fresh = pool.filter((q) => !avoid.has(q.id));
  const from = fresh.length ? fresh : pool.length ? pool : content.questions;
  return pick(from, random);
}

function newItem(question: QuestionEntry, now: number): Item {
  return {
    questionId: question.id,
    principle: question.principle,
    askedAt: now,
    answeredAt: null,
    answer: null,
    report: null,
    probes: [],
  };
}

function budgetOf(deps: Deps, level: Level): number {
  const b = deps.content.levels.levels[level].budget;
  return b.situation + b.task + b.action + b.result + b.reflection;
}

function questionOutput(deps: Deps, state: SessionState): Output {
  const item = state.items[state.current]!;
  return {
    kind: 'question',
    question: deps.content.questionById.get(item.questionId)!,
    index: state.current,
    of: state.items.length,
    level: state.level,
    budgetSeconds: budgetOf(deps, state.level),
    timed: state.mode === 'mock',
  };
}

function errorStep(
  state: SessionState,
  code: Extract<Output, { kind: 'error' }>['code'],
  text: string,
): Step {
  return { state, output: [{ kind: 'error', code, text }] };
}

/** Starts a session of any mode; the first output is the question or the walkthrough overview. */
export function startSession(options: StartOptions, deps: Deps): Step {
  const { content, now } = deps;
  const base: SessionState = {
    id: options.id,
    mode: options.mode,
    teamId: options.teamId,
    userId: options.userId,
    level: options.level,
    status: 'active',
    stage: 'awaiting_answer',
    items: [],
    current: 0,
    walkthroughId: null,
    step: 0,
    quiz: [],
    seen: [],
    createdAt: now,
    updatedAt: now,
  };
  const avoid = new Set(options.avoid ?? []);

  if (options.mode === 'walkthrough') {
    const walkthrough =
      (options.walkthroughId ? content.walkthroughById.get(options.walkthroughId) : undefined) ??
      (options.principle
        ? pick(content.walkthroughsByPrinciple.get(options.principle) ?? [], deps.random)
        : undefined) ??
      pick(content.walkthroughs, deps.random);
    const state: SessionState = {
      ...base,
      stage: 'walkthrough_step',
      walkthroughId: walkthrough.id,
      step: 0,
    };
    return { state, output: [{ kind: 'walkthrough_step', walkthrough, step: 0 }] };
  }

  if (options.mode === 'mock') {
    const count = Math.min(MOCK_MAX_QUESTIONS, Math.max(MOCK_QUESTIONS, options.count ?? MOCK_QUESTIONS));
    const principles: string[] = [];
    if (options.principle) principles.push(options.principle);
    const others = content.principles.map((p) => p.id).filter((p) => !principles.includes(p));
    while (principles.length < count) {
      const next = pick(others, deps.random);
      others.splice(others.indexOf(next), 1);
      principles.push(next);
    }
    const items = principles.map((p) => newItem(chooseQuestion(deps, options.level, p, avoid), now));
    const state: SessionState = { ...base, items };
    return {
      state,
      output: [
        { kind: 'info', text: mockIntro(count, budgetOf(deps, options.level)) },
        questionOutput(deps, state),
      ],
    };
  }

  const question = options.questionId
    ? content.questionById.get(options.questionId)
    : chooseQuestion(deps, options.level, options.principle ?? null, avoid);
  if (!question) {
    return {
      state: { ...base, status: 'done', stage: 'done' },
      output: [{ kind: 'error', code: 'bad_input', text: `There is no question "${options.questionId}".` }],
    };
  }
  const state: SessionState = { ...base, items: [newItem(question, now)] };
  // A thread session starts when the answer arrives; its question was posted by the prompt.
  return { state, output: options.mode === 'thread' ? [] : [questionOutput(deps, state)] };
}

function mockIntro(count: number, budget: number): string {
  return `Mock interview: ${count} questions from different principles. Each question is timed from the moment it is shown; aim for about ${Math.round((budget / 60) * 10) / 10} minutes spoken per answer. I will ask follow-ups but give no hints or scores until the debrief at the end.`;
}

/** Feeds one input to a session; pure: returns the next state and what to show. */
export function advance(prev: SessionState, input: Input, deps: Deps): Step {
  if (input.messageId && prev.seen.includes(input.messageId))
    return { state: prev, output: [], duplicate: true };
  if (prev.status === 'expired') {
    return errorStep(
      prev,
      'session_expired',
      'This session expired after being idle. Start a new one whenever you are ready.',
    );
  }
  if (prev.status !== 'active') {
    return errorStep(
      prev,
      'session_ended',
      'This session has already ended. Start a new one to keep practising.',
    );
  }
  if (deps.now - prev.updatedAt > SESSION_TTL_MS[prev.mode]) {
    const state = { ...prev, status: 'expired' as const, stage: 'done' as const };
    return errorStep(
      state,
      'session_expired',
      'This session expired after being idle. Start a new one whenever you are ready.',
    );
  }
  const state: SessionState = structuredClone(prev);
  state.updatedAt = deps.now;
  if (input.messageId) state.seen = [...state.seen, input.messageId].slice(-SEEN_LIMIT);

  if (input.type === 'command') return command(state, input.name, deps);
  if (state.mode === 'walkthrough') return walkthroughInput(state, input, deps);
  if (input.type === 'quiz') {
    return errorStep(state, 'invalid_transition', 'There is no quiz question open in this session.');
  }
  if (state.stage === 'awaiting_answer') {
    if (input.probeId) {
      return errorStep(
        prev,
        'invalid_transition',
        'That follow-up was never asked: answer the question first.',
      );
    }
    return answer(state, input.text, deps, input.messageId ?? null);
  }
  if (state.stage === 'awaiting_probe') {
    const item = state.items[state.current]!;
    const turn = item.probes[item.probes.length - 1]!;
    if (input.probeId && input.probeId !== turn.id) {
      return errorStep(
        prev,
        'invalid_transition',
        'That follow-up is not the open one; answer the latest follow-up.',
      );
    }
    return probeAnswer(state, input.text, deps);
  }
  return errorStep(prev, 'invalid_transition', 'Nothing is waiting for an answer in this session.');
}

function answer(state: SessionState, text: string, deps: Deps, messageId: string | null): Step {
  const item = state.items[state.current]!;
  const report = deps.rubric.scoreAnswer(text, { question: item.questionId, level: state.level });
  if (report.status !== 'scored') {
    // Unscorable text keeps the question open: nothing is lost, the person can try again.
    return { state, output: [{ kind: 'report', report, hideCoaching: false }] };
  }
  item.answer = text;
  item.report = report;
  // New words: a stored answer it pointed at no longer holds them (the caller stores them anew).
  delete item.answerId;
  item.answeredAt = deps.now;
  item.messageId = messageId;
  const output: Output[] = [{ kind: 'report', report, hideCoaching: state.mode === 'mock' }];
  return askNextProbe(state, deps, output);
}

function askNextProbe(state: SessionState, deps: Deps, output: Output[]): Step {
  const item = state.items[state.current]!;
  if (item.probes.length < MAX_PROBES[state.mode] && item.report) {
    const probe = deps.rubric.chooseProbe(item.report, {
      probes: item.probes.map((p) => p.id),
      dimensions: item.probes.map((p) => p.dimension).filter((d): d is DimensionId => d !== null),
    });
    if (probe) {
      // Record the weakest target not probed yet, so the next probe moves on to another dimension.
      const probed = new Set(item.probes.map((p) => p.dimension));
      const targets = probe.targets.some((t) => !probed.has(t))
        ? probe.targets.filter((t) => !probed.has(t))
        : probe.targets;
      const weakest = [...item.report.dimensions]
        .filter((d) => targets.includes(d.id))
        .sort((a, b) => a.rating - b.rating)[0];
      item.probes.push({
        id: probe.id,
        text: probe.text,
        dimension: weakest?.id ?? targets[0] ?? null,
        answer: null,
        label: null,
        reasked: false,
      });
      state.stage = 'awaiting_probe';
      output.push({
        kind: 'probe',
        text: probe.text,
        probeId: probe.id,
        index: item.probes.length,
        reask: false,
      });
      return { state, output };
    }
  }
  return finishItem(state, deps, output);
}

function probeAnswer(state: SessionState, text: string, deps: Deps): Step {
  const item = state.items[state.current]!;
  const turn = item.probes[item.probes.length - 1]!;
  const probe = deps.content.probeById.get(turn.id) ?? { text: turn.text };
  const judgement = judgeProbeAnswer(deps.rubric, text, probe);
  const output: Output[] = [];
  if (state.mode !== 'mock') output.push({ kind: 'judgement', judgement, probeText: turn.text });
  if (judgement.reask && !turn.reasked) {
    // One harder re-ask for a dodge, then the conversation moves on.
    turn.reasked = true;
    turn.answer = text;
    turn.label = judgement.label;
    output.push({
      kind: 'probe',
      text: judgement.reask,
      probeId: turn.id,
      index: item.probes.length,
      reask: true,
    });
    return { state, output };
  }
  turn.answer = turn.reasked && turn.answer ? `${turn.answer}\n${text}` : text;
  turn.label = turn.reasked && turn.label === 'strong' ? 'strong' : judgement.label;
  return askNextProbe(state, deps, output);
}

function finishItem(state: SessionState, deps: Deps, output: Output[]): Step {
  const item = state.items[state.current]!;
  if (state.mode === 'mock' && state.current < state.items.length - 1) {
    state.current++;
    state.items[state.current]!.askedAt = deps.now;
    state.stage = 'awaiting_answer';
    output.push(questionOutput(deps, state));
    return { state, output };
  }
  state.stage = 'done';
  state.status = 'done';
  if (state.mode === 'mock') output.push({ kind: 'debrief', debrief: debrief(state, deps) });
  else if (item.report) output.push({ kind: 'wrapup', wrapup: wrapup(item, deps.content.scoring) });
  return { state, output };
}

/** What a follow-up adds to the answer's score. A skipped one (no label) adds nothing, everywhere. */
export const PROBE_POINTS = { strong: 5, mixed: 0, weak: -6 } as const;

function finalScore(item: Item): number {
  const start = item.report?.score ?? 0;
  const delta = item.probes.reduce((n, p) => n + (p.label ? PROBE_POINTS[p.label] : 0), 0);
  return Math.max(0, Math.min(100, start + delta));
}

/** The end of one answer's conversation: final verdict, what improved, the one thing to practise. */
export function wrapup(item: Item, policy: ScoringPolicy): Wrapup {
  const report = item.report!;
  const score = finalScore(item);
  const improved = item.probes
    .filter((p) => p.label === 'strong' && p.dimension)
    .map((p) => DIMENSION_WORDS[p.dimension!]);
  const weakProbe = item.probes.find((p) => p.label === 'weak' && p.dimension);
  const weakest = [...report.dimensions].sort((a, b) => a.rating - b.rating)[0];
  const target = weakProbe?.dimension ?? weakest?.id ?? 'structure';
  return {
    questionId: item.questionId,
    startScore: report.score,
    finalScore: score,
    verdict: verdictFor(policy, score),
    improved,
    practiseNext: DIMENSION_WORDS[target],
    probes: item.probes.map((p) => ({ text: p.text, label: p.label, skipped: Boolean(p.skipped) })),
  };
}

function contentWords(text: string): Set<string> {
  return new Set(wordsOf(text.toLowerCase()).filter((w) => w.length > 4));
}

/** The Bar Raiser's debrief across all mock answers. */
export function debrief(state: SessionState, deps: Deps): Debrief {
  const budget = budgetOf(deps, state.level);
  const answered = state.items.filter((i) => i.report);
  const items = answered.map((i) => ({
    questionId: i.questionId,
    principle: i.principle,
    score: finalScore(i),
    verdict: verdictFor(deps.content.scoring, finalScore(i)),
    seconds: i.report!.totalSeconds,
    tookSeconds: i.answeredAt !== null ? Math.max(0, Math.round((i.answeredAt - i.askedAt) / 1000)) : null,
    budgetSeconds: budget,
    overTime: i.report!.totalSeconds > budget * 1.35,
    probes: i.probes,
  }));
  const finalScoreAll = items.length ? Math.round(items.reduce((n, i) => n + i.score, 0) / items.length) : 0;
  const flagCounts = new Map<string, number>();
  for (const i of answered)
    for (const f of i.report!.flags) flagCounts.set(f.id, (flagCounts.get(f.id) ?? 0) + 1);
  const fixes = [...flagCounts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(
      ([id, n]) =>
        `${FLAG_LABEL[id as keyof typeof FLAG_LABEL]} (${n} of ${plural(answered.length, 'answer')})`,
    );
  const dims = new Map<string, number[]>();
  for (const i of answered)
    for (const d of i.report!.dimensions) dims.set(d.id, [...(dims.get(d.id) ?? []), d.rating]);
  const strengths = [...dims.entries()]
    .filter(([, r]) => r.every((x) => x >= 3))
    .map(([id]) => DIMENSION_WORDS[id as DimensionId]);
  const warnings: string[] = [];
  for (let a = 0; a < answered.length; a++) {
    for (let b = a + 1; b < answered.length; b++) {
      const wa = contentWords(answered[a]!.answer ?? '');
      const wb = contentWords(answered[b]!.answer ?? '');
      const shared = [...wa].filter((w) => wb.has(w)).length;
      if (shared / Math.max(1, Math.min(wa.size, wb.size)) > 0.5) {
        warnings.push(
          `Answers ${a + 1} and ${b + 1} tell the same story. In a real loop each interviewer covers different principles; bring a different story for each.`,
        );
      }
    }
  }
  if (items.some((i) => i.overTime)) warnings.push('At least one answer ran well over the time budget.');
  return {
    items,
    finalScore: finalScoreAll,
    verdict: verdictFor(deps.content.scoring, finalScoreAll),
    strengths,
    fixes,
    warnings,
  };
}

function command(state: SessionState, name: 'next' | 'hint' | 'skip' | 'end', deps: Deps): Step {
  if (name === 'end') {
    const output: Output[] = [];
    if (state.mode === 'mock' && state.items.some((i) => i.report))
      output.push({ kind: 'debrief', debrief: debrief(state, deps) });
    else output.push({ kind: 'info', text: 'Session ended. Your answers so far are saved.' });
    return { state: { ...state, status: 'abandoned', stage: 'done' }, output };
  }
  if (state.mode === 'walkthrough') {
    if (name === 'hint')
      return {
        state,
        output: [{ kind: 'hint', text: 'Read the example aloud and time yourself against the target.' }],
      };
    return walkthroughInput(state, { type: 'command', name }, deps);
  }
  if (name === 'hint') {
    if (state.mode === 'mock')
      return {
        state,
        output: [{ kind: 'info', text: 'No hints in a mock: you get everything in the debrief at the end.' }],
      };
    const item = state.items[state.current]!;
    const principle = deps.content.principleById.get(item.principle)!;
    const hint =
      state.stage === 'awaiting_probe'
        ? 'Answer with what you did yourself, one piece of evidence (a number, a test, a document), and why.'
        : `Interviewers listen for: ${principle.listensFor.slice(0, 3).join('; ')}. Keep the situation to two sentences and spend most of the time on your actions.`;
    return { state, output: [{ kind: 'hint', text: hint }] };
  }
  // next / skip: move past the open probe, or past an unanswered question.
  if (state.stage === 'awaiting_probe') {
    const item = state.items[state.current]!;
    const turn = item.probes[item.probes.length - 1]!;
    turn.skipped = true;
    turn.answer = turn.answer ?? '';
    return askNextProbe(state, deps, [{ kind: 'info', text: SKIPPED_FOLLOW_UP }]);
  }
  if (state.stage === 'awaiting_answer' && state.mode !== 'thread') {
    const item = state.items[state.current]!;
    if (state.mode === 'mock')
      return finishItem(state, deps, [{ kind: 'info', text: 'Skipped that question.' }]);
    const question = chooseQuestion(deps, state.level, item.principle, new Set([item.questionId]));
    state.items[state.current] = newItem(question, deps.now);
    return { state, output: [questionOutput(deps, state)] };
  }
  return errorStep(state, 'invalid_transition', 'There is nothing to skip right now.');
}

const STEP_COUNT = 7; // overview, S, T, A, R, reflection, weak answer

function walkthroughInput(state: SessionState, input: Input, deps: Deps): Step {
  const walkthrough = deps.content.walkthroughById.get(state.walkthroughId ?? '');
  if (!walkthrough) {
    return {
      state: { ...state, status: 'done', stage: 'done' },
      output: [{ kind: 'error', code: 'session_ended', text: 'That walkthrough no longer exists.' }],
    };
  }
  if (state.stage === 'walkthrough_step') {
    if (input.type === 'quiz') {
      return errorStep(
        state,
        'invalid_transition',
        'The quiz comes after the walkthrough steps. Say "next" to continue.',
      );
    }
    const skipAll = input.type === 'command' && input.name === 'skip';
    if (!skipAll && state.step < STEP_COUNT - 1) {
      state.step++;
      return { state, output: [{ kind: 'walkthrough_step', walkthrough, step: state.step }] };
    }
    state.stage = 'quiz';
    state.quiz = [];
    return { state, output: [{ kind: 'quiz', walkthrough, index: 0 }] };
  }
  if (state.stage === 'quiz') {
    const index = state.quiz.length;
    const question = walkthrough.quiz[index]!;
    const choice =
      input.type === 'quiz' ? input.choice : input.type === 'text' ? parseChoice(input.text) : null;
    if (choice === null || choice < 0 || choice >= question.options.length) {
      return errorStep(state, 'bad_input', `Answer with the option number, 1 to ${question.options.length}.`);
    }
    state.quiz.push(choice);
    const output: Output[] = [
      { kind: 'quiz_result', walkthrough, index, choice, correct: choice === question.correct },
    ];
    if (state.quiz.length < walkthrough.quiz.length) {
      output.push({ kind: 'quiz', walkthrough, index: state.quiz.length });
      return { state, output };
    }
    const correct = state.quiz.filter((c, i) => c === walkthrough.quiz[i]!.correct).length;
    output.push({ kind: 'walkthrough_done', walkthrough, correct, of: walkthrough.quiz.length });
    return { state: { ...state, stage: 'done', status: 'done' }, output };
  }
  return errorStep(state, 'invalid_transition', 'This walkthrough is finished.');
}

/** "2", "b", "B)", "option 3" → a 0-based index. */
export function parseChoice(text: string): number | null {
  const t = text.trim().toLowerCase();
  const digit = /^(?:option\s*)?(\d)\b/.exec(t);
  if (digit) return Number(digit[1]) - 1;
  const letter = /^(?:option\s*)?([a-d])(?:[).:\s]|$)/.exec(t);
  if (letter) return letter[1]!.charCodeAt(0) - 97;
  return null;
}

/**
 * The state as a store keeps it: an item that points at its stored answer (`answerId`) leaves out the
 * answer's text and report, which the answer row holds (about half of what a conversation weighs otherwise).
 */
export function withoutStoredAnswers(state: SessionState): SessionState {
  if (!state.items.some((i) => i.answerId !== undefined)) return state;
  const items = state.items.map((item): Item => {
    if (item.answerId === undefined) return item;
    const { answer: _answer, report: _report, ...kept } = item;
    return kept as Item;
  });
  return { ...state, items };
}

/** Read back from a store without its answer's text and report (a TypeScript `in` check would say never). */
const leftOut = (item: Item): boolean => item.answerId !== undefined && !Object.hasOwn(item, 'report');

/** The answer rows a stored state points at (see `withoutStoredAnswers`). */
export function storedAnswerIds(states: readonly SessionState[]): number[] {
  const ids = new Set<number>();
  for (const s of states) for (const i of s.items) if (leftOut(i)) ids.add(i.answerId!);
  return [...ids];
}

/** An answer row as `withStoredAnswers` reads it. */
export interface StoredAnswer {
  teamId: string;
  userId: string;
  text: string;
  report: Report | null;
}

/**
 * Puts the text and report of each answer row back into the items that point at it. Stores give a
 * conversation its own copy before the row changes or goes (see `CoachStore.deleteAnswer`), so a row is
 * always there; one that is not, or that belongs to someone else (SQLite reuses the id of a deleted last
 * row), leaves the item unanswered rather than showing other words.
 */
export function withStoredAnswers(
  states: SessionState[],
  rows: ReadonlyMap<number, StoredAnswer>,
): SessionState[] {
  for (const s of states)
    for (const item of s.items) {
      if (!leftOut(item)) continue;
      const row = rows.get(item.answerId!);
      const theirs = row && row.teamId === s.teamId && row.userId === s.userId ? row : null;
      item.answer = theirs?.text ?? null;
      item.report = theirs?.report ?? null;
    }
  return states;
}

/**
 * Gives every item that points at answer `id` its own copy of the answer's text and report (the state must be
 * read whole, as `withStoredAnswers` leaves it). True when an item was detached.
 */
export function detachStoredAnswer(state: SessionState, id: number): boolean {
  let detached = false;
  for (const item of state.items)
    if (item.answerId === id) {
      delete item.answerId;
      detached = true;
    }
  return detached;
}
