import type { ProbeFlagId, ProbeJudgement } from './coaching/probe-judge.js';
import type { DimensionId, Level, Section } from './content/schema.js';
import type { FlagId, Verdict } from './rubric/types.js';

/**
 * Every word the coach shows for an id: one place, shared by Slack and the terminal. The Record types make
 * the compiler check that each level, dimension, verdict, section and flag has its label.
 */

/** The one way a level is written to a person. Commands still take the ids (`sde2`, `senior`). */
export const LEVEL_LABEL: Record<Level, string> = {
  sde1: 'SDE I',
  sde2: 'SDE II',
  senior: 'Senior SDE',
  principal: 'Principal',
};

export const VERDICT_LABEL: Record<Verdict, string> = {
  strong_hire: 'Strong hire',
  hire: 'Hire',
  lean_hire: 'Lean hire',
  lean_no_hire: 'Lean no hire',
  no_hire: 'No hire',
  not_scored: 'Not scored',
};

export const DIMENSION_LABEL: Record<DimensionId, string> = {
  structure: 'Structure',
  scope_ownership: 'Scope & ownership',
  individual_contribution: 'Individual contribution',
  quantified_result: 'Quantified result',
  rigor: 'Rigor & validation',
  reflection: 'Reflection',
  delivery_time: 'Delivery time',
  principle_fit: 'Principle fit',
};

export const SECTION_LABEL: Record<Section, string> = {
  situation: 'Situation',
  task: 'Task',
  action: 'Action',
  result: 'Result',
  reflection: 'Reflection',
};

/** Short forms for the timing line: distinct, so Result and Reflection are never both "R". */
export const SECTION_ABBREVIATION: Record<Section, string> = {
  situation: 'S',
  task: 'T',
  action: 'A',
  result: 'R',
  reflection: 'Refl.',
};

/** What each rubric flag means, in words a candidate reads (never the raw id). */
export const FLAG_LABEL: Record<FlagId, string> = {
  missing_situation: 'No situation',
  missing_task: 'No task',
  missing_action: 'No actions',
  missing_result: 'No result',
  missing_reflection: 'No reflection',
  no_scope_boundary: 'Ownership not stated',
  we_not_i: '"We" instead of "I"',
  escalated_not_owned: 'Escalated, not owned',
  assigned_not_self_initiated: 'Assigned, not self-initiated',
  opportunistic_motive: 'Spare-time motive',
  unquantified_result: 'Result without a number',
  vague_result: 'Vague ending',
  unverified_fix: 'Fix not verified',
  generic_reflection: 'Generic reflection',
  generic_claims: 'Generic claims',
  long_situation: 'Long setup',
  over_time: 'Over time',
  under_time: 'Too short',
  no_systemic_insight: 'No systemic insight',
};

/** The follow-up judge's flags, in words. */
export const PROBE_FLAG_LABEL: Record<ProbeFlagId, string> = {
  routed_not_owned: 'Routed, not owned',
  assigned_not_self_initiated: 'Assigned, not self-initiated',
  opportunistic_motive: 'Spare-time motive',
  passive_handoff: 'Handed off and waited',
  assumed_success: 'Assumed it worked',
  guessing: 'A guess, not evidence',
  generic_lesson: 'Generic lesson',
  we_not_i: '"We" instead of "I"',
  dodged: 'Did not answer the question',
  too_short: 'Too short',
};

export const JUDGEMENT_LABEL: Record<ProbeJudgement['label'], string> = {
  strong: 'Strong',
  mixed: 'Partly there',
  weak: 'Weak',
};

/** How a follow-up ended, as the wrap-up and the debrief list it. */
export function probeOutcomeLabel(p: { label: ProbeJudgement['label'] | null; skipped?: boolean }): string {
  if (p.label) return JUDGEMENT_LABEL[p.label];
  return p.skipped ? 'skipped' : 'not answered';
}

export const PRIVACY_LABEL = {
  public: 'public in the thread',
  ephemeral: 'private to you',
} as const;

/** "1 answer", "2 answers", "1 story", "3 stories". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Turns "4 sentence(s)" into "4 sentences" and "1 concrete verb(s)" into "1 concrete verb" in text made elsewhere. */
export function resolvePlurals(text: string): string {
  return text.replace(
    /\b(\d+)((?:\s+[A-Za-z-]+)*?\s+)([A-Za-z-]+)\(s\)/g,
    (_all, n: string, between: string, word: string) =>
      `${n}${between}${Number(n) === 1 ? word : `${word}s`}`,
  );
}

/** "about 2 min 30 s", "45 s". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  const rest = s % 60;
  return rest ? `${m} min ${rest} s` : `${m} min`;
}

/** A judgement's feedback split into what it says about the answer and an example line it quotes. */
export interface FeedbackParts {
  /** About the person's own answer, without the label word the card already shows. */
  text: string;
  /** A line from a model answer (never the person's words), when the feedback quotes one. */
  example: string | null;
}

// The judge's current wording; when it changes these simply stop matching and nothing is split.
const LABEL_PREFIX = /^(?:strong|weak|mixed|partly there)\s*[:—-]\s*/i;
const EXAMPLE_MARKERS = [/\s*Keep this line:\s*/, /\s*A stronger answer sounds like:\s*/];

/** Splits the judge's feedback so a renderer can label its example line as an example. */
export function feedbackParts(feedback: string): FeedbackParts {
  let text = feedback.replace(LABEL_PREFIX, '');
  let example: string | null = null;
  for (const marker of EXAMPLE_MARKERS) {
    const m = marker.exec(text);
    if (!m) continue;
    example = text
      .slice(m.index + m[0].length)
      .trim()
      .replace(/^"(.*)"$/s, '$1');
    text = text.slice(0, m.index).trim();
    break;
  }
  if (text) text = text[0]!.toUpperCase() + text.slice(1);
  return { text, example: example || null };
}

/** The text of a re-asked follow-up without the judge's own lead-in ("Let me ask again, more directly:"). */
export function reaskText(text: string): string {
  return text.replace(/^Let me ask again,?\s*(?:more directly)?\s*:\s*/i, '');
}
