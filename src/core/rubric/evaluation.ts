import type { Verdict } from './types.js';

/** An answer with the label its source gave it and the score the rubric gave it. */
export interface LabelledScore {
  id: string;
  label: 'strong' | 'weak' | 'mixed';
  score: number;
  verdict: Verdict;
}

export interface AnswerFigures {
  n: number;
  strong: number;
  weak: number;
  mixed: number;
  /** Probability that a strong answer scores above a weak one (ties count half). */
  auc: number | null;
  strongBelowLeanHire: string[];
  weakAtOrAboveLeanHire: string[];
  spread: Record<string, { n: number; min: number; median: number; max: number; mean: number }>;
  verdicts: Record<string, Partial<Record<Verdict, number>>>;
}

const AT_LEAST_LEAN_HIRE: ReadonlySet<Verdict> = new Set(['strong_hire', 'hire', 'lean_hire']);

/** Area under the ROC curve of `positives` over `negatives`. */
export function auc(positives: number[], negatives: number[]): number | null {
  if (!positives.length || !negatives.length) return null;
  let wins = 0;
  for (const a of positives) for (const b of negatives) wins += a > b ? 1 : a === b ? 0.5 : 0;
  return wins / (positives.length * negatives.length);
}

/** Ranking and verdict figures for a set of labelled, scored answers. */
export function answerFigures(items: LabelledScore[]): AnswerFigures {
  const of = (label: LabelledScore['label']) => items.filter((i) => i.label === label);
  const spread: AnswerFigures['spread'] = {};
  const verdicts: AnswerFigures['verdicts'] = {};
  for (const label of ['strong', 'mixed', 'weak'] as const) {
    const group = of(label);
    if (!group.length) continue;
    const scores = group.map((g) => g.score).sort((a, b) => a - b);
    spread[label] = {
      n: scores.length,
      min: scores[0]!,
      median: scores[Math.floor(scores.length / 2)]!,
      max: scores[scores.length - 1]!,
      mean: Math.round(scores.reduce((a, b) => a + b, 0) / scores.length),
    };
    const counts: Partial<Record<Verdict, number>> = {};
    for (const g of group) counts[g.verdict] = (counts[g.verdict] ?? 0) + 1;
    verdicts[label] = counts;
  }
  return {
    n: items.length,
    strong: of('strong').length,
    weak: of('weak').length,
    mixed: of('mixed').length,
    auc: auc(
      of('strong').map((s) => s.score),
      of('weak').map((s) => s.score),
    ),
    strongBelowLeanHire: of('strong')
      .filter((s) => !AT_LEAST_LEAN_HIRE.has(s.verdict))
      .map((s) => `${s.id} (${s.score})`),
    weakAtOrAboveLeanHire: of('weak')
      .filter((s) => AT_LEAST_LEAN_HIRE.has(s.verdict))
      .map((s) => `${s.id} (${s.score})`),
    spread,
    verdicts,
  };
}

/** How much the same substance moves when it is retyped (formal answer vs its casual twin). */
export function twinShift(pairs: Array<{ id: string; formal: number; casual: number }>): {
  n: number;
  mean: number | null;
  worst: number | null;
  worstId: string | null;
} {
  if (!pairs.length) return { n: 0, mean: null, worst: null, worstId: null };
  let sum = 0;
  let worst = -1;
  let worstId: string | null = null;
  for (const p of pairs) {
    const d = Math.abs(p.formal - p.casual);
    sum += d;
    if (d > worst) {
      worst = d;
      worstId = p.id;
    }
  }
  return { n: pairs.length, mean: sum / pairs.length, worst, worstId };
}

/**
 * Deterministic k-fold assignment that keeps each group (a source) in one fold, so every figure measures
 * answers from sources the weights never saw: the largest groups first, each to the smallest fold so far.
 */
export function groupFolds<T>(items: T[], groupOf: (item: T) => string, k: number): number[] {
  const sizes = new Map<string, number>();
  for (const item of items) sizes.set(groupOf(item), (sizes.get(groupOf(item)) ?? 0) + 1);
  const order = [...sizes.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const load = new Array<number>(k).fill(0);
  const foldOf = new Map<string, number>();
  for (const [group, size] of order) {
    let best = 0;
    for (let f = 1; f < k; f++) if (load[f]! < load[best]!) best = f;
    foldOf.set(group, best);
    load[best]! += size;
  }
  return items.map((item) => foldOf.get(groupOf(item))!);
}
