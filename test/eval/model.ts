import type { Content } from '../../src/core/content/content.js';
import { DIMENSIONS, SECTIONS, type Section } from '../../src/core/content/schema.js';
import { groupFolds } from '../../src/core/rubric/evaluation.js';
import { fitLogistic, fitSoftmax, sigmoid } from '../../src/core/rubric/logistic.js';
import {
  applyCaps,
  FEATURE_NAMES,
  featureOwner,
  priorWeights,
  rawScore,
  type ScoringPolicy,
  SEGMENT_FEATURES,
  verdictFor,
} from '../../src/core/rubric/policy.js';
import { compileReaders } from '../../src/core/rubric/reading.js';
import type { Analysis, Rubric } from '../../src/core/rubric/score.js';
import { labelledSentences, predictSections, type SegmentModel } from '../../src/core/rubric/segment.js';
import { cleanAnswer } from '../../src/core/rubric/text.js';
import type { ScoreOptions, Verdict } from '../../src/core/rubric/types.js';
import { FLAG_IDS } from '../../src/core/rubric/types.js';
import { casualize } from './casualize.js';

/** One labelled answer the model is fitted on or evaluated with. */
export interface Item {
  id: string;
  /** Items of one group (a source) always share a fold. */
  group: string;
  text: string;
  label: 'strong' | 'weak' | 'mixed';
  options: ScoreOptions;
  /** The same substance typed as people type in Slack, when the corpus has it. */
  casual?: string;
}

export interface Scored {
  id: string;
  label: Item['label'];
  score: number;
  verdict: Verdict;
  casualScore?: number;
  /** The score of the answer retyped mechanically (casualize: no labels, lowercase, "pct", run-ons, emoji). */
  mechanicalScore?: number;
}

const TARGET: Record<Item['label'], number> = { strong: 1, mixed: 0.5, weak: 0 };

/** Labelled sentences (features as prose, sections from the labels) of the texts that carry labels. */
export function segmentationData(
  content: Content,
  texts: string[],
): Array<{ features: number[][]; sections: Section[] }> {
  const { cues } = compileReaders(content);
  return texts.flatMap((t) => {
    const data = labelledSentences(cleanAnswer(t), cues);
    return data ? [data] : [];
  });
}

/** Fits the per-sentence section classifier on labelled sentences. */
export function fitSegmentation(
  data: Array<{ features: number[][]; sections: Section[] }>,
  base: SegmentModel,
  fittedOn: string,
): SegmentModel {
  const x = data.flatMap((d) => d.features);
  const y = data.flatMap((d) => d.sections.map((s) => SECTIONS.indexOf(s)));
  const fit = fitSoftmax(x, y, SECTIONS.length, { l2: 0.002, iterations: 1500, learningRate: 0.8 });
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return {
    fittedOn,
    moveCost: base.moveCost,
    bias: Object.fromEntries(SECTIONS.map((s, c) => [s, round(fit.bias[c]!)])) as SegmentModel['bias'],
    weights: Object.fromEntries(
      SECTIONS.map((s, c) => [
        s,
        Object.fromEntries(SEGMENT_FEATURES.map((f, j) => [f, round(fit.weights[c]![j]!)])),
      ]),
    ) as SegmentModel['weights'],
  };
}

/** Share of labelled sentences whose prose reading (labels stripped) lands in the labelled section. */
export function segmentationAccuracy(
  data: Array<{ features: number[][]; sections: Section[] }>,
  model: SegmentModel,
): { sentences: number; correct: number } {
  let sentences = 0;
  let correct = 0;
  for (const d of data) {
    const predicted = predictSections(d.features, model);
    d.sections.forEach((s, i) => {
      sentences++;
      if (predicted[i] === s) correct++;
    });
  }
  return { sentences, correct };
}

type Analysed = { features: number[]; label: Item['label']; group: string };

/** The logistic fit itself: bounded weights pulled toward the prior, strong and weak weighed alike. */
function fitWeights(policy: ScoringPolicy, analyses: Analysed[]): { bias: number; weights: number[] } {
  const fixed = new Set<string>(policy.fixedAtZero);
  const lower: number[] = [];
  const upper: number[] = [];
  for (const name of FEATURE_NAMES) {
    const isFlag = (FLAG_IDS as readonly string[]).includes(name);
    if (fixed.has(featureOwner(name))) {
      lower.push(0);
      upper.push(0);
    } else if (isFlag) {
      lower.push(-4);
      upper.push(0);
    } else {
      lower.push(0);
      upper.push(3);
    }
  }
  const prior = priorWeights(policy.prior).map((w, i) =>
    fixed.has(featureOwner(FEATURE_NAMES[i]!)) ? 0 : w,
  );
  // Strong and weak answers weigh the same in the fit whatever their counts, so the lean-hire cut sits where
  // the balanced odds are even (mixed answers, target 0.5, pull toward it from both sides).
  const sampleWeights = balancedWeights(analyses);
  return fitLogistic(
    analyses.map((a) => a.features),
    analyses.map((a) => TARGET[a.label]),
    { ...policy.calibration, lower, upper, prior, sampleWeights },
  );
}

function balancedWeights(analyses: Array<{ label: Item['label'] }>): number[] {
  const count = (l: Item['label']) => analyses.filter((a) => a.label === l).length || 1;
  const half = analyses.length / 2;
  return analyses.map((a) => (a.label === 'mixed' ? 1 : half / count(a.label)));
}

/**
 * The temperature that makes held-out probabilities honest (temperature scaling): a model fitted on answers it
 * separates well is over-confident on answers it has not seen, so its logit is divided by T, chosen to minimise
 * the log-loss of predictions made by inner folds (by source) on answers they were not fitted on. It leaves the
 * ranking and the lean-hire cut where they are and spreads the scores as far as the evidence supports.
 */
function fitTemperature(policy: ScoringPolicy, analyses: Analysed[]): number {
  const inner = groupFolds(analyses, (a) => a.group, 3);
  const held: Array<{ z: number; y: number; w: number }> = [];
  const weights = balancedWeights(analyses);
  for (let f = 0; f < 3; f++) {
    const train = analyses.filter((_a, n) => inner[n] !== f);
    if (!train.some((a) => a.label === 'strong') || !train.some((a) => a.label === 'weak')) continue;
    const fit = fitWeights(policy, train);
    analyses.forEach((a, n) => {
      if (inner[n] !== f) return;
      let z = fit.bias;
      a.features.forEach((x, j) => {
        z += fit.weights[j]! * x;
      });
      held.push({ z, y: TARGET[a.label], w: weights[n]! });
    });
  }
  let best = { t: 1, loss: Number.POSITIVE_INFINITY };
  for (let t = 1; t <= 6.001; t += 0.1) {
    let loss = 0;
    for (const h of held) {
      const p = Math.min(1 - 1e-9, Math.max(1e-9, sigmoid(h.z / t)));
      loss -= h.w * (h.y * Math.log(p) + (1 - h.y) * Math.log(1 - p));
    }
    if (loss < best.loss) best = { t, loss };
  }
  return Math.round(best.t * 10) / 10;
}

/** Fits the answer model (weights per dimension rating and flag, and its temperature) on analysed items. */
export function fitAnswerModel(
  policy: ScoringPolicy,
  analyses: Analysed[],
  fittedOn: string,
): ScoringPolicy['model'] {
  const fit = fitWeights(policy, analyses);
  const round = (v: number) => Math.round(v * 1000) / 1000 + 0;
  return {
    fittedOn,
    bias: round(fit.bias),
    temperature: fitTemperature(policy, analyses),
    ratings: Object.fromEntries(
      DIMENSIONS.map((d, i) => [d, [0, 1, 2, 3].map((k) => round(fit.weights[i * 4 + k]!))]),
    ) as ScoringPolicy['model']['ratings'],
    flags: Object.fromEntries(
      FLAG_IDS.map((f, i) => [f, round(-fit.weights[DIMENSIONS.length * 4 + i]!)]),
    ) as ScoringPolicy['model']['flags'],
  };
}

/** Score of one analysis under a model. */
export function scoreWith(policy: ScoringPolicy, analysis: Analysis): { score: number; verdict: Verdict } {
  if (!analysis.features.length) return { score: analysis.report.score, verdict: analysis.report.verdict };
  const { score } = applyCaps(policy, rawScore(policy, analysis.features), analysis.caps);
  return { score, verdict: verdictFor(policy, score) };
}

export interface CrossValidation {
  folds: number;
  scored: Scored[];
  segmentation: { sentences: number; correct: number };
}

/**
 * k-fold cross-validation grouped by source: for each fold, the section classifier and the answer model are
 * fitted without that fold's sources, and only that fold's answers (and their casual twins) are scored.
 */
export function crossValidate(
  rubric: Rubric,
  content: Content,
  items: Item[],
  baseSegmentationTexts: string[],
): CrossValidation {
  const policy = content.scoring;
  const k = policy.calibration.folds;
  const folds = groupFolds(items, (i) => i.group, k);
  const baseData = segmentationData(content, baseSegmentationTexts);
  const scored: Scored[] = [];
  const seg = { sentences: 0, correct: 0 };
  for (let f = 0; f < k; f++) {
    const train = items.filter((_i, n) => folds[n] !== f);
    const test = items.filter((_i, n) => folds[n] === f);
    if (!test.length) continue;
    const segmentation = fitSegmentation(
      [
        ...baseData,
        ...segmentationData(
          content,
          train.map((i) => i.text),
        ),
      ],
      policy.segmentation,
      `fold ${f}`,
    );
    const acc = segmentationAccuracy(
      segmentationData(
        content,
        test.map((i) => i.text),
      ),
      segmentation,
    );
    seg.sentences += acc.sentences;
    seg.correct += acc.correct;
    const analyse = (i: Item, text = i.text) => rubric.analyse(text, i.options, segmentation)!;
    const trainAnalyses = train
      .map((i) => ({ a: analyse(i), label: i.label, group: i.group }))
      .filter((x) => x.a.features.length)
      .map((x) => ({ features: x.a.features, label: x.label, group: x.group }));
    const model = fitAnswerModel(policy, trainAnalyses, `fold ${f}`);
    const foldPolicy: ScoringPolicy = { ...policy, model, segmentation };
    for (const i of test) {
      const s = scoreWith(foldPolicy, analyse(i));
      scored.push({
        id: i.id,
        label: i.label,
        ...s,
        ...(i.casual ? { casualScore: scoreWith(foldPolicy, analyse(i, i.casual)).score } : {}),
        mechanicalScore: scoreWith(foldPolicy, analyse(i, casualize(i.text))).score,
      });
    }
  }
  return { folds: k, scored, segmentation: seg };
}
