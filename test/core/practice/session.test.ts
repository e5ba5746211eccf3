import { describe, expect, it } from 'vitest';
import {
  advance,
  type Deps,
  type Input,
  MAX_PROBES,
  type Output,
  parseChoice,
  SESSION_TTL_MS,
  type SessionState,
  type StartOptions,
  type Step,
  startSession,
} from '../../../src/core/practice/session.js';
import { createRubric } from '../../../src/core/rubric/score.js';
import { loadContent } from '../../../src/infra/content-files.js';
import { loadSeeds, strongText } from '../../helpers/seeds.js';

const content = loadContent();
const rubric = createRubric(content);
const seeds = loadSeeds();

const T0 = Date.UTC(2025, 2, 10, 9);
const MINUTE = 60_000;

/** A small seeded generator (mulberry32), so choices are random-looking but repeatable. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const deps = (now = T0, seed = 42): Deps => ({ content, rubric, now, random: seeded(seed) });
const base = { teamId: 'T1', userId: 'U1', level: 'sde2' } as const;
const start = (options: Partial<StartOptions> & Pick<StartOptions, 'mode'>, now = T0, seed = 42) =>
  startSession({ id: 'S1', ...base, ...options }, deps(now, seed));
const text = (value: string, messageId?: string, probeId?: string): Input => ({
  type: 'text',
  text: value,
  messageId,
  probeId,
});
const kinds = (step: Step) => step.output.map((o) => o.kind);
const only = <K extends Output['kind']>(step: Step, kind: K) =>
  step.output.filter((o): o is Extract<Output, { kind: K }> => o.kind === kind);

const STRONG = strongText(seeds.strongAnswers[0]!);
const WEAK = seeds.weakAnswers[0]!.text;
/** Stands for a strong reply to whatever follow-up is open: run() puts in that probe's own strong example. */
const STRONG_PROBE = '<a strong reply to the open follow-up>';

/** The strong example of the follow-up a session is waiting on. */
function strongReply(state: SessionState): string {
  const item = state.items.find((i) => i.probes.some((p) => p.label === null)) ?? state.items.at(-1);
  const open = item?.probes.find((p) => p.label === null);
  return (
    (open && content.probeById.get(open.id)?.strong.answer) ??
    'I reproduced it locally, added a regression test and watched the error dashboard for two weeks.'
  );
}

/** An input, with the strong-reply placeholder filled in for the state it is given to. */
function fill(state: SessionState, input: Input): Input {
  return input.type === 'text' && input.text === STRONG_PROBE
    ? { ...input, text: strongReply(state) }
    : input;
}
const WE_DODGE = 'We looked at it as a team and the team figured it out together in the end.';

/** Feeds inputs one by one, a minute apart; returns every step. */
function run(state: SessionState, inputs: Input[], from = T0): Step[] {
  const steps: Step[] = [];
  let current = state;
  inputs.forEach((input, i) => {
    const step = advance(current, fill(current, input), deps(from + (i + 1) * MINUTE));
    steps.push(step);
    current = step.state;
  });
  return steps;
}

describe('practice', () => {
  it('starts with a question at the person’s level and budget', () => {
    const step = start({ mode: 'practice', questionId: 'own-outside-scope' });
    expect(kinds(step)).toEqual(['question']);
    const [question] = only(step, 'question');
    expect(question).toMatchObject({ index: 0, of: 1, level: 'sde2', timed: false });
    expect(question!.question.id).toBe('own-outside-scope');
    expect(question!.budgetSeconds).toBe(150);
    expect(step.state).toMatchObject({
      status: 'active',
      stage: 'awaiting_answer',
      createdAt: T0,
      updatedAt: T0,
    });
  });

  it('picks a question of the chosen principle, the same one for the same seed', () => {
    const a = start({ mode: 'practice', principle: 'frugality' }, T0, 7);
    const b = start({ mode: 'practice', principle: 'frugality' }, T0, 7);
    expect(a.state.items[0]!.principle).toBe('frugality');
    expect(a.state.items[0]!.questionId).toBe(b.state.items[0]!.questionId);
  });

  it('avoids recently asked questions when it can', () => {
    const all = content.questionsByPrinciple.get('dive-deep')!.map((q) => q.id);
    const step = start({ mode: 'practice', principle: 'dive-deep', avoid: all.slice(1) });
    expect(step.state.items[0]!.questionId).toBe(all[0]);
  });

  it('reports an unknown question as bad input and ends', () => {
    const step = start({ mode: 'practice', questionId: 'no-such-question' });
    expect(step.output).toEqual([
      { kind: 'error', code: 'bad_input', text: expect.stringContaining('no-such-question') },
    ]);
    expect(step.state.status).toBe('done');
  });

  it.each([
    { label: 'weak', answer: WEAK },
    { label: 'strong', answer: STRONG },
  ])(
    '$label answer → report and a probe from the question; each probe answer → judgement and a probe on a new dimension',
    ({ answer }) => {
      const started = start({ mode: 'practice', questionId: 'own-outside-scope' });
      const [answered, ...probed] = run(started.state, [
        text(answer, 'm1'),
        text(STRONG_PROBE, 'm2'),
        text(STRONG_PROBE, 'm3'),
        text(STRONG_PROBE, 'm4'),
      ]);

      expect(kinds(answered!)).toEqual(['report', 'probe']);
      const [report] = only(answered!, 'report');
      expect(report!.hideCoaching).toBe(false);
      expect(report!.report.question).toBe('own-outside-scope');
      const [probe] = only(answered!, 'probe');
      expect(probe).toMatchObject({ index: 1, reask: false });
      expect(content.questionById.get('own-outside-scope')!.probes.map((p) => p.id)).toContain(
        probe!.probeId,
      );
      expect(answered!.state.stage).toBe('awaiting_probe');
      expect(answered!.state.items[0]).toMatchObject({ answer, answeredAt: T0 + MINUTE });

      expect(kinds(probed[0]!)).toEqual(['judgement', 'probe']);
      expect(kinds(probed[1]!)).toEqual(['judgement', 'probe']);
      expect(only(probed[0]!, 'judgement')[0]!.judgement.label).toBe('strong');
      expect(only(probed[0]!, 'judgement')[0]!.probeText).toBe(probe!.text);

      const turns = probed[2]!.state.items[0]!.probes;
      expect(turns).toHaveLength(MAX_PROBES.practice);
      expect(new Set(turns.map((t) => t.id)).size).toBe(turns.length);
      expect(new Set(turns.map((t) => t.dimension)).size).toBe(turns.length);
      expect(turns.every((t) => t.label === 'strong')).toBe(true);
    },
  );

  it(`wraps up after ${MAX_PROBES.practice} probes with a final verdict`, () => {
    const started = start({ mode: 'practice', questionId: 'own-outside-scope' });
    const steps = run(started.state, [
      text(WEAK),
      text(STRONG_PROBE),
      text(STRONG_PROBE),
      text(STRONG_PROBE),
    ]);
    const last = steps.at(-1)!;
    expect(kinds(last)).toEqual(['judgement', 'wrapup']);
    expect(last.state).toMatchObject({ status: 'done', stage: 'done' });
    const [{ wrapup }] = only(last, 'wrapup') as [Extract<Output, { kind: 'wrapup' }>];
    expect(wrapup.questionId).toBe('own-outside-scope');
    expect(wrapup.probes.map((p) => p.label)).toEqual(['strong', 'strong', 'strong']);
    // Three strong follow-ups earn 5 points each on top of the answer's score.
    expect(wrapup.finalScore).toBe(Math.min(100, wrapup.startScore + 15));
    expect(wrapup.improved).toHaveLength(3);
    expect(new Set(wrapup.improved).size).toBe(3);
  });

  it('marks weak follow-ups down in the wrap-up and says what to practise', () => {
    const started = start({ mode: 'practice', questionId: 'own-outside-scope' });
    const weakProbe = 'I assumed it worked because errors stopped and nobody complained.';
    // Off-topic weak answers get one re-ask each, so keep answering until the wrap-up.
    let last = advance(started.state, text(STRONG), deps(T0 + MINUTE));
    for (let i = 2; last.state.status === 'active' && i < 12; i++)
      last = advance(last.state, text(weakProbe), deps(T0 + i * MINUTE));
    const [{ wrapup }] = only(last, 'wrapup') as [Extract<Output, { kind: 'wrapup' }>];
    expect(wrapup.probes.map((p) => p.label)).toEqual(['weak', 'weak', 'weak']);
    expect(wrapup.finalScore).toBe(Math.max(0, wrapup.startScore - 18));
    expect(wrapup.finalScore).toBeLessThan(wrapup.startScore);
    expect(wrapup.improved).toEqual([]);
    expect(wrapup.practiseNext.length).toBeGreaterThan(10);
  });

  it('re-asks a dodge once, then moves on', () => {
    const started = start({ mode: 'practice', questionId: 'own-outside-scope' });
    const [answered, dodged, dodgedAgain] = run(started.state, [text(WEAK), text(WE_DODGE), text(WE_DODGE)]);
    const first = only(answered!, 'probe')[0]!;

    expect(kinds(dodged!)).toEqual(['judgement', 'probe']);
    const reask = only(dodged!, 'probe')[0]!;
    expect(reask).toMatchObject({ reask: true, probeId: first.probeId, index: 1 });
    expect(reask.text).toContain('What did *you* do');
    expect(dodged!.state.stage).toBe('awaiting_probe');
    expect(dodged!.state.items[0]!.probes).toHaveLength(1);

    expect(kinds(dodgedAgain!)).toEqual(['judgement', 'probe']);
    const next = only(dodgedAgain!, 'probe')[0]!;
    expect(next.reask).toBe(false);
    expect(next.probeId).not.toBe(first.probeId);
    const turn = dodgedAgain!.state.items[0]!.probes[0]!;
    expect(turn).toMatchObject({ reasked: true, label: 'weak', answer: `${WE_DODGE}\n${WE_DODGE}` });
  });

  it('keeps the question open after an answer it cannot score', () => {
    const started = start({ mode: 'practice', questionId: 'own-outside-scope' });
    const [emoji, real] = run(started.state, [text(':tada: :rocket:', 'm1'), text(WEAK, 'm2')]);
    expect(kinds(emoji!)).toEqual(['report']);
    expect(only(emoji!, 'report')[0]!.report.status).toBe('no_words');
    expect(emoji!.state.stage).toBe('awaiting_answer');
    expect(emoji!.state.items[0]!.answer).toBeNull();
    expect(kinds(real!)).toEqual(['report', 'probe']);
  });
});

describe('guards', () => {
  const answered = () => {
    const started = start({ mode: 'practice', questionId: 'own-outside-scope' });
    return advance(started.state, text(WEAK, 'm1'), deps(T0 + MINUTE));
  };

  it('ignores a message it has already handled', () => {
    const first = answered();
    const again = advance(first.state, text(WEAK, 'm1'), deps(T0 + 2 * MINUTE));
    expect(again).toEqual({ state: first.state, output: [], duplicate: true });
    expect(again.state).toBe(first.state);
  });

  it('does not change the state it is given', () => {
    const first = answered();
    const snapshot = structuredClone(first.state);
    advance(first.state, fill(first.state, text(STRONG_PROBE, 'm2')), deps(T0 + 2 * MINUTE));
    expect(first.state).toEqual(snapshot);
  });

  it('refuses an answer to a probe that is not the open one', () => {
    const first = answered();
    const step = advance(
      first.state,
      text(STRONG_PROBE, 'm2', 'own-outside-scope-after-x'),
      deps(T0 + 2 * MINUTE),
    );
    expect(step.output).toEqual([
      { kind: 'error', code: 'invalid_transition', text: expect.stringMatching(/latest follow-up/) },
    ]);
    expect(step.state).toBe(first.state);
  });

  it('accepts an answer naming the open probe', () => {
    const first = answered();
    const open = first.state.items[0]!.probes[0]!.id;
    const step = advance(
      first.state,
      fill(first.state, text(STRONG_PROBE, 'm2', open)),
      deps(T0 + 2 * MINUTE),
    );
    expect(kinds(step)[0]).toBe('judgement');
  });

  it('refuses a probe answer before the question is answered', () => {
    const started = start({ mode: 'practice', questionId: 'own-outside-scope' });
    const step = advance(
      started.state,
      text(STRONG_PROBE, 'm1', 'own-outside-scope-landing'),
      deps(T0 + MINUTE),
    );
    expect(step.output).toEqual([
      {
        kind: 'error',
        code: 'invalid_transition',
        text: expect.stringMatching(/never asked.*answer the question first/),
      },
    ]);
    expect(step.state).toBe(started.state);
  });

  it('refuses a quiz choice outside a walkthrough', () => {
    const started = start({ mode: 'practice', questionId: 'own-outside-scope' });
    const step = advance(started.state, { type: 'quiz', choice: 1 }, deps(T0 + MINUTE));
    expect(step.output[0]).toMatchObject({ kind: 'error', code: 'invalid_transition' });
    expect(step.state.stage).toBe('awaiting_answer');
  });

  it('tells a person their finished session has ended', () => {
    const done = { ...answered().state, status: 'done' as const, stage: 'done' as const };
    const step = advance(done, text('one more thing'), deps(T0 + 2 * MINUTE));
    expect(step.output).toEqual([
      { kind: 'error', code: 'session_ended', text: expect.stringMatching(/already ended/) },
    ]);
    expect(step.state).toBe(done);
  });

  it('expires a session idle for longer than its TTL', () => {
    const first = answered();
    const late = advance(
      first.state,
      fill(first.state, text(STRONG_PROBE)),
      deps(T0 + MINUTE + SESSION_TTL_MS.practice + 1),
    );
    expect(late.output).toEqual([
      { kind: 'error', code: 'session_expired', text: expect.stringMatching(/expired/) },
    ]);
    expect(late.state).toMatchObject({ status: 'expired', stage: 'done' });
    const after = advance(
      late.state,
      fill(late.state, text(STRONG_PROBE)),
      deps(T0 + SESSION_TTL_MS.practice * 2),
    );
    expect(after.output[0]).toMatchObject({ kind: 'error', code: 'session_expired' });
  });

  it('keeps a session alive up to its TTL', () => {
    const first = answered();
    const step = advance(
      first.state,
      fill(first.state, text(STRONG_PROBE)),
      deps(T0 + MINUTE + SESSION_TTL_MS.practice),
    );
    expect(kinds(step)[0]).toBe('judgement');
  });
});

describe('commands', () => {
  it('hint before answering names what interviewers listen for', () => {
    const started = start({ mode: 'practice', questionId: 'own-outside-scope' });
    const step = advance(started.state, { type: 'command', name: 'hint' }, deps(T0 + MINUTE));
    expect(kinds(step)).toEqual(['hint']);
    const listensFor = content.principleById.get('ownership')!.listensFor[0]!;
    expect(only(step, 'hint')[0]!.text).toContain(listensFor);
    expect(step.state.stage).toBe('awaiting_answer');
  });

  it('hint during a probe says how to answer a follow-up', () => {
    const started = start({ mode: 'practice', questionId: 'own-outside-scope' });
    const [, hint] = run(started.state, [text(WEAK), { type: 'command', name: 'hint' }]);
    expect(only(hint!, 'hint')[0]!.text).toMatch(/what you did yourself/);
    expect(hint!.state.stage).toBe('awaiting_probe');
  });

  it('skip before answering swaps in another question of the same principle', () => {
    const started = start({ mode: 'practice', questionId: 'own-outside-scope' });
    const step = advance(started.state, { type: 'command', name: 'skip' }, deps(T0 + MINUTE));
    expect(kinds(step)).toEqual(['question']);
    const item = step.state.items[0]!;
    expect(item.questionId).not.toBe('own-outside-scope');
    expect(item.principle).toBe('ownership');
    expect(item.askedAt).toBe(T0 + MINUTE);
  });

  it('skip during a probe marks it skipped (no label, no points) and asks the next one', () => {
    const started = start({ mode: 'practice', questionId: 'own-outside-scope' });
    const [answered, skipped] = run(started.state, [text(WEAK), { type: 'command', name: 'skip' }]);
    expect(kinds(skipped!)).toEqual(['info', 'probe']);
    expect(only(skipped!, 'info')[0]!.text).toMatch(/costs no points/);
    expect(skipped!.state.items[0]!.probes[0]).toMatchObject({ label: null, skipped: true, answer: '' });
    expect(only(skipped!, 'probe')[0]!.probeId).not.toBe(only(answered!, 'probe')[0]!.probeId);
  });

  it('end abandons the session and keeps what was said', () => {
    const started = start({ mode: 'practice', questionId: 'own-outside-scope' });
    const [answered, ended] = run(started.state, [text(WEAK), { type: 'command', name: 'end' }]);
    expect(kinds(ended!)).toEqual(['info']);
    expect(ended!.state).toMatchObject({ status: 'abandoned', stage: 'done' });
    expect(ended!.state.items[0]!.report).toEqual(answered!.state.items[0]!.report);
  });

  it('skip in a channel thread with nothing open is an invalid transition', () => {
    const started = start({ mode: 'thread', questionId: 'own-outside-scope' });
    const step = advance(started.state, { type: 'command', name: 'skip' }, deps(T0 + MINUTE));
    expect(step.output[0]).toMatchObject({ kind: 'error', code: 'invalid_transition' });
  });
});

describe('channel thread', () => {
  it('starts silently, then answer → report + probe, and wraps up after two probes', () => {
    const started = start({ mode: 'thread', questionId: 'own-outside-scope' });
    expect(started.output).toEqual([]);
    const steps = run(started.state, [text(WEAK), text(STRONG_PROBE), text(STRONG_PROBE)]);
    expect(steps.map(kinds)).toEqual([
      ['report', 'probe'],
      ['judgement', 'probe'],
      ['judgement', 'wrapup'],
    ]);
    expect(MAX_PROBES.thread).toBe(2);
  });
});

describe('mock interview', () => {
  const mock = () => start({ mode: 'mock', principle: 'ownership', count: 2 });

  it('asks two timed questions from different principles', () => {
    const step = mock();
    expect(kinds(step)).toEqual(['info', 'question']);
    expect(only(step, 'info')[0]!.text).toMatch(/no hints or scores until the debrief/);
    expect(only(step, 'question')[0]).toMatchObject({ index: 0, of: 2, timed: true });
    const principles = step.state.items.map((i) => i.principle);
    expect(principles[0]).toBe('ownership');
    expect(new Set(principles).size).toBe(2);
  });

  it('shows no coaching or judgements until the debrief at the end', () => {
    const started = mock();
    const second = content.questionById.get(started.state.items[1]!.questionId)!;
    const steps = run(started.state, [
      text(STRONG, 'a1'),
      text(STRONG_PROBE, 'a2'),
      text(STRONG_PROBE, 'a3'),
      text(WEAK, 'b1'),
      text(STRONG_PROBE, 'b2'),
      text(STRONG_PROBE, 'b3'),
    ]);
    expect(steps.map(kinds)).toEqual([
      ['report', 'probe'],
      ['probe'],
      ['question'],
      ['report', 'probe'],
      ['probe'],
      ['debrief'],
    ]);
    for (const step of steps) {
      for (const report of only(step, 'report')) expect(report.hideCoaching).toBe(true);
    }
    expect(only(steps[2]!, 'question')[0]).toMatchObject({ index: 1, of: 2 });
    expect(only(steps[2]!, 'question')[0]!.question.id).toBe(second.id);

    const { debrief } = only(steps[5]!, 'debrief')[0]!;
    expect(debrief.items.map((i) => i.questionId)).toEqual(started.state.items.map((i) => i.questionId));
    expect(debrief.items[0]!.score).toBeGreaterThan(debrief.items[1]!.score);
    expect(debrief.finalScore).toBe(Math.round((debrief.items[0]!.score + debrief.items[1]!.score) / 2));
    expect(debrief.fixes.length).toBeGreaterThan(0);
    // Flags in words, never their ids.
    for (const fix of debrief.fixes) expect(fix).not.toMatch(/[a-z]+_[a-z]+/);
    expect(steps[5]!.state.status).toBe('done');
  });

  it('times each answer from the moment its question was shown', () => {
    const skip: Input = { type: 'command', name: 'skip' };
    let step = advance(mock().state, text(STRONG), deps(T0 + 4 * MINUTE));
    step = advance(step.state, skip, deps(T0 + 5 * MINUTE));
    // The second question is shown when the first one's follow-ups are done.
    step = advance(step.state, skip, deps(T0 + 6 * MINUTE));
    expect(kinds(step)).toContain('question');
    step = advance(step.state, text(WEAK), deps(T0 + 9 * MINUTE));
    step = advance(step.state, skip, deps(T0 + 10 * MINUTE));
    step = advance(step.state, skip, deps(T0 + 11 * MINUTE));
    const { debrief } = only(step, 'debrief')[0]!;
    expect(debrief.items.map((i) => i.tookSeconds)).toEqual([240, 180]);
    expect(debrief.items[0]!.budgetSeconds).toBeGreaterThan(0);
    // Skipped follow-ups cost nothing: each answer keeps its own score.
    expect(debrief.items[0]!.score).toBe(step.state.items[0]!.report!.score);
  });

  it('warns when two answers tell the same story', () => {
    const started = mock();
    const last = run(started.state, [
      text(STRONG),
      { type: 'command', name: 'skip' },
      { type: 'command', name: 'skip' },
      text(STRONG),
      { type: 'command', name: 'skip' },
      { type: 'command', name: 'skip' },
    ]).at(-1)!;
    const { debrief } = only(last, 'debrief')[0]!;
    expect(debrief.warnings.some((w) => /same story/.test(w))).toBe(true);
  });

  it('gives no hints', () => {
    const step = advance(mock().state, { type: 'command', name: 'hint' }, deps(T0 + MINUTE));
    expect(kinds(step)).toEqual(['info']);
    expect(only(step, 'info')[0]!.text).toMatch(/No hints/);
  });

  it('ending early still gives the debrief of what was answered', () => {
    const started = mock();
    const last = run(started.state, [text(STRONG), { type: 'command', name: 'end' }]).at(-1)!;
    expect(kinds(last)).toEqual(['debrief']);
    expect(only(last, 'debrief')[0]!.debrief.items).toHaveLength(1);
    expect(last.state.status).toBe('abandoned');
  });
});

describe('walkthrough', () => {
  const walkthrough = content.walkthroughById.get('ownership-lost-partner-webhooks')!;
  const correct = walkthrough.quiz.map((q) => q.correct);
  const wrong = (i: number) => (correct[i]! + 1) % walkthrough.quiz[i]!.options.length;
  const next: Input = { type: 'command', name: 'next' };

  it('steps through the overview, the five parts and the weak answer, then the quiz, then done', () => {
    const started = start({ mode: 'walkthrough', walkthroughId: walkthrough.id });
    expect(started.output).toEqual([{ kind: 'walkthrough_step', walkthrough, step: 0 }]);
    const steps = run(started.state, [
      ...Array.from({ length: 7 }, () => next),
      { type: 'quiz', choice: correct[0]! },
      text(String(wrong(1) + 1)),
      text(String.fromCharCode(97 + correct[2]!)),
    ]);
    expect(steps.slice(0, 6).map((s) => only(s, 'walkthrough_step')[0]!.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(steps[6]!.output).toEqual([{ kind: 'quiz', walkthrough, index: 0 }]);
    expect(steps[7]!.output).toEqual([
      { kind: 'quiz_result', walkthrough, index: 0, choice: correct[0], correct: true },
      { kind: 'quiz', walkthrough, index: 1 },
    ]);
    expect(only(steps[8]!, 'quiz_result')[0]).toMatchObject({ index: 1, choice: wrong(1), correct: false });
    const last = steps[9]!;
    expect(kinds(last)).toEqual(['quiz_result', 'walkthrough_done']);
    expect(only(last, 'walkthrough_done')[0]).toMatchObject({ correct: 2, of: 3 });
    expect(last.state).toMatchObject({
      status: 'done',
      stage: 'done',
      quiz: [correct[0], wrong(1), correct[2]],
    });
  });

  it('skip jumps straight to the quiz', () => {
    const started = start({ mode: 'walkthrough', walkthroughId: walkthrough.id });
    const step = advance(started.state, { type: 'command', name: 'skip' }, deps(T0 + MINUTE));
    expect(step.output).toEqual([{ kind: 'quiz', walkthrough, index: 0 }]);
  });

  it('refuses a quiz answer before the quiz and an option that does not exist', () => {
    const started = start({ mode: 'walkthrough', walkthroughId: walkthrough.id });
    const early = advance(started.state, { type: 'quiz', choice: 0 }, deps(T0 + MINUTE));
    expect(early.output[0]).toMatchObject({ kind: 'error', code: 'invalid_transition' });
    expect(early.state.step).toBe(0);

    const quiz = advance(started.state, { type: 'command', name: 'skip' }, deps(T0 + MINUTE));
    for (const input of [text('maybe'), text('9'), { type: 'quiz', choice: -1 } as Input]) {
      const bad = advance(quiz.state, input, deps(T0 + 2 * MINUTE));
      expect(bad.output[0]).toMatchObject({ kind: 'error', code: 'bad_input' });
      expect(bad.state.quiz).toEqual([]);
    }
  });

  it('picks a walkthrough of the chosen principle', () => {
    const step = start({ mode: 'walkthrough', principle: 'dive-deep' });
    expect(content.walkthroughById.get(step.state.walkthroughId!)!.principle).toBe('dive-deep');
  });
});

describe('parseChoice', () => {
  it.each([
    ['1', 0],
    ['2', 1],
    [' 3 ', 2],
    ['b', 1],
    ['B)', 1],
    ['c.', 2],
    ['option 3', 2],
    ['Option B', 1],
    ['2 because it shows ownership', 1],
    ['hello', null],
    ['', null],
    ['12', null],
    ['e', null],
  ] as const)('"%s" → %s', (input, expected) => {
    expect(parseChoice(input)).toBe(expected);
  });
});
