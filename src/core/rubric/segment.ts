import { SECTIONS, type Section } from '../content/schema.js';
import type { Lexicon } from './phrases.js';
import { type ScoringPolicy, SEGMENT_FEATURES, type SegmentFeature } from './policy.js';
import { type CleanText, pieces, type Sentence, splitSentences } from './text.js';

/** The fitted per-sentence section classifier (content/rubric/scoring.yaml). */
export type SegmentModel = ScoringPolicy['segmentation'];

/** Sentences grouped by STAR section, in order. */
export interface Segmentation {
  labelled: boolean;
  sentences: Sentence[];
  /** Section of each sentence, by sentence index. */
  sectionOf: Section[];
  bySection: Record<Section, Sentence[]>;
}

type CueList = 'situation' | 'task' | 'scope' | 'result' | 'reflection';
/** The cue lists, scanned together once over the answer. */
export type SegmentCues = Pick<Lexicon<CueList>, 'scan' | 'occurs'>;

/** The cue lists found in a sentence, one bit per list (a number, not a set per sentence). */
export type FoundCues = number;
const CUE_BIT: Record<CueList, number> = { situation: 1, task: 2, scope: 4, result: 8, reflection: 16 };

/** Which cue lists occur in each sentence: one scan of the whole answer, matches placed by offset. */
function cuesBySentence(text: CleanText, sentences: Sentence[], cues: SegmentCues): FoundCues[] {
  const out: FoundCues[] = sentences.map(() => 0);
  const scanned = cues.scan(text.lower);
  for (const list of Object.keys(scanned) as CueList[]) {
    for (const m of scanned[list]) {
      // The sentence that contains the whole match (a phrase never spans two sentences).
      let lo = 0;
      let hi = sentences.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (sentences[mid]!.start <= m.start) lo = mid;
        else hi = mid - 1;
      }
      const s = sentences[lo];
      if (s && m.start >= s.start && m.end <= s.end) out[lo]! |= CUE_BIT[list];
    }
  }
  return out;
}

const LABEL_WORDS: Record<string, Section> = {
  s: 'situation',
  situation: 'situation',
  context: 'situation',
  background: 'situation',
  t: 'task',
  task: 'task',
  goal: 'task',
  a: 'action',
  action: 'action',
  actions: 'action',
  r: 'result',
  result: 'result',
  results: 'result',
  outcome: 'result',
  impact: 'result',
  l: 'reflection',
  reflection: 'reflection',
  reflections: 'reflection',
  learning: 'reflection',
  learnings: 'reflection',
  lesson: 'reflection',
  lessons: 'reflection',
  'lessons learned': 'reflection',
  'what i learned': 'reflection',
  // Headings model answers use besides the four letters ("The challenge:", "My approach:", "Key insight:").
  problem: 'situation',
  'the problem': 'situation',
  challenge: 'task',
  'the challenge': 'task',
  'my role': 'task',
  'my task': 'task',
  approach: 'action',
  'my approach': 'action',
  'what i did': 'action',
  'the result': 'result',
  'the outcome': 'result',
  insight: 'reflection',
  'key insight': 'reflection',
  takeaway: 'reflection',
  takeaways: 'reflection',
  'key takeaway': 'reflection',
  'key takeaways': 'reflection',
};

/** Multi-word labels, longest first, for the label pattern. */
const PHRASE_LABELS = Object.keys(LABEL_WORDS)
  .filter((w) => w.includes(' '))
  .sort((a, b) => b.length - a.length)
  .join('|');

// A label at the start of a line: optional bullet/number/emoji/markup, the word, then ":" "-" "—" ")" or
// the end of the line, or the word wrapped in * or _ (Slack bold/italic) and followed by a space.
const LABEL = new RegExp(
  `^[ \\t]*(?:[-*•>]+[ \\t]*)?(?:\\d+[.)][ \\t]*)?(?::[a-z0-9_+-]+:[ \\t]*)*(?:\\p{Extended_Pictographic}\\uFE0F?[ \\t]*)?([*_]{0,2})(${PHRASE_LABELS}|[a-z]+)\\1?[ \\t]*(?:([*_]{1,2})?[ \\t]*([:\\-–—)])|(?=\\n|$)|(?<=[*_][ \\t]+))[*_]{0,2}[ \\t]*`,
  'gimu',
);

function findLabels(clean: string): Array<{ section: Section; start: number; bodyStart: number }> {
  const labels: Array<{ section: Section; start: number; bodyStart: number }> = [];
  LABEL.lastIndex = 0;
  for (let m = LABEL.exec(clean); m; m = LABEL.exec(clean)) {
    if (m[0].length === 0) {
      LABEL.lastIndex++;
      continue;
    }
    const word = m[2]!.toLowerCase();
    const section = LABEL_WORDS[word];
    const wrapped = Boolean(m[1]);
    const punct = m[4];
    // One-letter labels need punctuation ("A: …"), so "A customer …" is not a label.
    if (!section || (word.length === 1 && !punct)) continue;
    if (!punct && !wrapped && !/^\s*$/.test(clean.slice(m.index + m[0].length).split('\n')[0] ?? ''))
      continue;
    labels.push({ section, start: m.index, bodyStart: m.index + m[0].length });
  }
  return labels;
}

/**
 * The longest run of labels whose sections go forward (S → T → A → R → Reflection); a label out of that
 * order ("Reflection:" before "Action:") is read as part of the text around it, not as a section.
 */
function inStarOrder<L extends { section: Section }>(labels: L[]): L[] {
  if (labels.length < 2) return labels;
  const rank = labels.map((l) => SECTIONS.indexOf(l.section));
  // Longest non-decreasing subsequence, O(n²): answers carry a handful of labels.
  const length = rank.map(() => 1);
  const before = rank.map(() => -1);
  let end = 0;
  for (let i = 0; i < rank.length; i++) {
    for (let j = 0; j < i; j++) {
      if (rank[j]! <= rank[i]! && length[j]! + 1 > length[i]!) {
        length[i] = length[j]! + 1;
        before[i] = j;
      }
    }
    if (length[i]! > length[end]!) end = i;
  }
  const kept: L[] = [];
  for (let i = end; i !== -1; i = before[i]!) kept.unshift(labels[i]!);
  return kept;
}

function group(sentences: Sentence[], sectionOf: Section[], labelled: boolean): Segmentation {
  // Each section's sentences in an array of its own length (pushing into five empty arrays reserved 17 each).
  const bySection = {} as Record<Section, Sentence[]>;
  for (const s of SECTIONS) {
    let count = 0;
    for (let i = 0; i < sentences.length; i++) if (sectionOf[i] === s) count++;
    const of = new Array<Sentence>(count);
    for (let i = 0, k = 0; i < sentences.length; i++) if (sectionOf[i] === s) of[k++] = sentences[i]!;
    bySection[s] = of;
  }
  return { labelled, sentences, sectionOf, bySection };
}

/** Splits an answer into Situation, Task, Action, Result and Reflection, by labels or by cues. */
export function segment(text: CleanText, cues: SegmentCues, model: SegmentModel): Segmentation {
  const labels = inStarOrder(findLabels(text.clean));
  const distinct = new Set(labels.map((l) => l.section));
  if (distinct.size >= 2) return segmentLabelled(text, labels, cues, model);
  return segmentByCues(text, cues, model);
}

/**
 * For calibration: the sentences of an answer with the sections its labels give them (null when it has
 * fewer than two labels), and each sentence's features as the answer would be read with its labels removed.
 */
export function labelledSentences(
  text: CleanText,
  cues: SegmentCues,
): { sections: Section[]; features: number[][]; sentences: string[] } | null {
  const labels = inStarOrder(findLabels(text.clean));
  if (new Set(labels.map((l) => l.section)).size < 2) return null;
  const { sentences, labelOf } = labelledSpans(text, labels);
  const found = cuesBySentence(text, sentences, cues);
  return {
    sections: labelOf.map((l) => l.section),
    features: sentences.map((s, i) => sentenceFeatures(s, i, sentences.length, found[i]!)),
    sentences: sentences.map((s) => s.text),
  };
}

/** Where a sentence sits under its label: its section, and whether it is the first sentence there. */
interface LabelPlace {
  readonly section: Section;
  readonly first: boolean;
}

/** The ten places, shared by every answer's sentences (not an object per sentence). */
const LABEL_PLACES = Object.fromEntries(
  SECTIONS.map((section) => [section, { first: { section, first: true }, later: { section, first: false } }]),
) as Record<Section, { first: LabelPlace; later: LabelPlace }>;

function labelledSpans(
  text: CleanText,
  labels: Array<{ section: Section; start: number; bodyStart: number }>,
): { sentences: Sentence[]; labelOf: LabelPlace[] } {
  const sentences: Sentence[] = [];
  const labelOf: LabelPlace[] = [];
  const firstLabel = labels[0]!;
  const spans: Array<{ section: Section; start: number; end: number }> = [];
  if (firstLabel.start > 0) spans.push({ section: 'situation', start: 0, end: firstLabel.start });
  labels.forEach((label, i) => {
    spans.push({
      section: label.section,
      start: label.bodyStart,
      end: labels[i + 1]?.start ?? text.clean.length,
    });
  });
  for (const span of spans) {
    const clean = text.clean.slice(span.start, span.end);
    let first = true;
    for (const s of splitSentences(clean, text.lower.slice(span.start, span.end))) {
      // The span's own sentences, moved to the answer's offsets (no one else holds them).
      s.index = sentences.length;
      s.start += span.start;
      s.end += span.start;
      sentences.push(s);
      labelOf.push(first ? LABEL_PLACES[span.section].first : LABEL_PLACES[span.section].later);
      first = false;
    }
  }
  return { sentences, labelOf };
}

/**
 * Labels fix the section of the sentences under them; sentences further down a labelled span may move
 * on to a section that no label names (bullets of actions under "Goal:"), decided by cues.
 */
function segmentLabelled(
  text: CleanText,
  labels: Array<{ section: Section; start: number; bodyStart: number }>,
  cues: SegmentCues,
  model: SegmentModel,
): Segmentation {
  const { sentences, labelOf } = labelledSpans(text, labels);
  let named = 0;
  for (const l of labels) named |= 1 << SECTIONS.indexOf(l.section);
  const later = laterUnderLabels(named);
  const allowed = labelOf.map(({ section, first }) => {
    const k = SECTIONS.indexOf(section);
    return first ? OWN_SECTION[k]! : later[k]!;
  });
  // Only sentences that may leave their label's section need reading; the rest are fixed by their label.
  const found = allowed.some((a) => a.length > 1) ? cuesBySentence(text, sentences, cues) : [];
  const scores = sentences.map((s, i) => {
    if (allowed[i]!.length === 1) return FIXED;
    const row = emissionRow(sentenceFeatures(s, i, sentences.length, found[i]!), model);
    // The label itself is strong evidence: staying under it is preferred unless the cues clearly say otherwise.
    const k = SECTIONS.indexOf(labelOf[i]!.section);
    row[k] = row[k]! + 2;
    return row;
  });
  return group(sentences, monotonePath(scores, model.moveCost, allowed), true);
}

/** The score row of a sentence its label fixes (read only). */
const FIXED = SECTIONS.map(() => 0);

/** The first sentence under a label stays in the label's section. */
const OWN_SECTION: readonly number[][] = SECTIONS.map((_x, k) => [k]);

/**
 * The sections a later sentence under each label may take, by which sections are labelled: worked out once per
 * set of labelled sections (one bit per section: 32 sets at most), shared read only.
 */
const underLabels = new Map<number, number[][]>();

function laterUnderLabels(named: number): number[][] {
  let found = underLabels.get(named);
  if (found) return found;
  const isNamed = (j: number) => (named & (1 << j)) !== 0;
  found = SECTIONS.map((_x, k) => {
    // Later sentences of a span may move to an unlabelled section before the next labelled one.
    const next = SECTIONS.findIndex((_x, j) => j > k && isNamed(j));
    const limit = next === -1 ? SECTIONS.length : next;
    return SECTIONS.map((_x, j) => j).filter((j) => j === k || (j > k && j < limit && !isNamed(j)));
  });
  underLabels.set(named, found);
  return found;
}

const I_VERB_AT_START =
  /^(?:(?:then|so|first|next|after that|finally|second|third|also|once|and|within [a-z ]+?|over [a-z ]+?|on [a-z ]+?|before [a-z ]+?|after [a-z ]+?|to [a-z ]+?|when [a-z ]+?),?\s+)?i\s+(?:(?:\w+ly|also|then|first|personally|still|went ahead and|quickly)\s+)?(?:[a-z]+ed|wrote|built|ran|set|made|took|led|put|cut|found|rewrote|spent|began|chose|drew|dug|got|kept|met|read|sat|sought|split|taught|brought|caught|gave|went|did|shipped|paired|won|sent|told|held|left|broke|drove|fought|flew|grew|hid|knew|lost|overrode|rode|shut|sold|spoke|stood|struck|swept|threw|understood|woke|rebuilt|dove|wrote|redid)\b/;
const I_VERB_ANYWHERE =
  /\bi\s+(?:(?:\w+ly|also|then|first|personally|still|just)\s+)?(?:did (?!not\b|n't\b|nothing\b)|(?!was\b|had\b|wanted\b|needed\b|noticed\b|learned\b|learnt\b|realized\b|realised\b|felt\b|thought\b|assumed\b|believed\b)[a-z]+ed|wrote|built|ran|set|made|took|led|put|cut|rewrote|spent|chose|drew|dug|got|kept|met|read|sought|split|taught|brought|gave|went|shipped|paired|won|sent|held|broke|drove|sold|spoke|threw|rebuilt|dove)\b|\bwhat i did was\b|\bi (?:then )?(?:go|went) (?:through|ahead|back)\b/;
// A step told without its subject ("- wrote the JD", "sent it to them privately").
const VERB_START =
  /^(?:(?:so|then|and|also|first|next|finally|after that|plus|later)\s+)?(?:(?!(?:need|want|realiz|notic|seem|seem|us|bas|relat|suppos|excit|interest|surpris|worri|concern|tir|bor|confus)ed\b)[a-z]{3,}ed|wrote|built|ran|set up|made|took|led|put|cut|found|rewrote|spent|chose|drew|dug|got|kept|met|sent|did|went (?:through|to|and|over|back)|brought|gave|held|drove|shipped)\b(?!\s+(?:not|was|were)\b)/;
const WE_ACTION =
  /^(?:(?:then|so|first|next|after that|finally|also|and),?\s+)?we\s+(?:\w+ly\s+)?(?:[a-z]+ed|wrote|built|ran|set|made|took|found|did|got|went|put)\b/;
const I_STATE = /\bi(?: was|'m| am| had been| worked| joined| noticed| saw| led| managed)\b/;
const CONTEXT =
  /\b(?:our team|the team|my team|company|at the time|last (?:year|quarter|month|spring|summer|fall|autumn|winter)|when i was|i was (?:a|an|the|working|on|in)|we were|there was|there were|we had|startup|in my (?:role|previous|last|first|current)|as an? [a-z]+ (?:at|on|in)|years? ago|once|a few (?:months|years))\b/;
const GOAL =
  /\b(?:my goal|the goal|our goal|needed to|need to|had to|have to|wanted to|want to|was to|were to|task was|job was|responsible for|asked to|my job|supposed to|aim was|objective|i set out|set myself|decided to|my role was|the ask|to make sure|in order to|challenge was|problem was)\b/;
const OUTCOME =
  /\b(?:as a result|in the end|eventually|ended up|result(?:ed|s)?|outcome|by the end|after that|since then|within (?:a|an|one|two|three|four|six|\d+) ?(?:days?|weeks?|months?)|the next (?:week|month|quarter|year)|afterwards|finally|overall|so now|now the|ultimately)\b/;
const LESSON =
  /\b(?:learn(?:ed|t)?|lesson|taught me|realized|realised|takeaway|next time|going forward|i now|now i|since then i|i would|i'd|in the future|from then on|this experience|looking back|in hindsight|showed me|reminded me)\b/;
const HINDSIGHT =
  /\b(?:should have|should've|would have|could have|would've|could've|ought to have|in hindsight|looking back|if i did it again|if i had|next time)\b/;
const PRESENT = /\b(?:now|today|still|is now|are now|continues? to|to this day)\b/;
const METRIC =
  /\d\s*(?:%|percent|pct|x\b|k\b|m\b|ms\b|hours?|days?|weeks?|minutes?)|[$€£]\s?\d|\b(?:percent|halved|doubled|tripled)\b/;
const CHANGE =
  /\bfrom\b[^.]*\bto\b[^.]*\d|\d[^.]*(?:->|→)|\b(?:reduced|cut|dropped|fell|rose|grew|increased|decreased|improved|saved|down to|up to|lowered|halved|doubled|tripled)\b[^.]*\d|\d[^.]*\b(?:faster|fewer|less|lower|higher|more|reduction|increase|improvement)\b/;
const ANY_NUMBER =
  /\d|\b(?:zero|half|halved|doubled|tripled|twice|one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand|million)\b/;

/** Segmentation features of one sentence, in SEGMENT_FEATURES order. */
export function sentenceFeatures(s: Sentence, i: number, n: number, found: FoundCues): number[] {
  const lower = s.lower.trimStart();
  const has = (list: CueList) => (found & CUE_BIT[list] ? 1 : 0);
  const position = n > 1 ? i / (n - 1) : 0;
  const values: Record<SegmentFeature, number> = {
    first: i === 0 ? 1 : 0,
    last: i === n - 1 ? 1 : 0,
    position,
    position_sq: position * position,
    situation_cue: has('situation'),
    task_cue: has('task'),
    scope_cue: has('scope'),
    result_cue: has('result'),
    reflection_cue: has('reflection'),
    i_action_start: I_VERB_AT_START.test(lower) || VERB_START.test(lower) ? 1 : 0,
    i_action: I_VERB_ANYWHERE.test(lower) ? 1 : 0,
    we_action: WE_ACTION.test(lower) ? 1 : 0,
    i_state: I_STATE.test(lower) ? 1 : 0,
    context: CONTEXT.test(lower) ? 1 : 0,
    goal: GOAL.test(lower) ? 1 : 0,
    number: METRIC.test(lower) ? 1 : ANY_NUMBER.test(lower) ? 0.5 : 0,
    change: CHANGE.test(lower) ? 1 : 0,
    outcome: OUTCOME.test(lower) ? 1 : 0,
    lesson: LESSON.test(lower) ? 1 : 0,
    hindsight: HINDSIGHT.test(lower) ? 1 : 0,
    present: PRESENT.test(lower) ? 1 : 0,
    short: pieces(s.text) < 6 ? 1 : 0,
  };
  return SEGMENT_FEATURES.map((f) => values[f]);
}

/** Log-probabilities of each section for each sentence, from the fitted per-sentence classifier. */
function emissions(features: number[][], model: SegmentModel): number[][] {
  return features.map((x) => emissionRow(x, model));
}

/** Log-probabilities of each section for one sentence's features. */
function emissionRow(x: number[], model: SegmentModel): number[] {
  // Plain loops (same sums in the same order): the closures and spreads allocated per sentence.
  const logits: number[] = [];
  for (const sec of SECTIONS) {
    const w = model.weights[sec];
    let z = model.bias[sec];
    for (let j = 0; j < SEGMENT_FEATURES.length; j++) z += w[SEGMENT_FEATURES[j]!] * x[j]!;
    logits.push(z);
  }
  let max = Number.NEGATIVE_INFINITY;
  for (const z of logits) max = Math.max(max, z);
  let sum = 0;
  for (const z of logits) sum += Math.exp(z - max);
  const lse = max + Math.log(sum);
  for (let k = 0; k < logits.length; k++) logits[k] = logits[k]! - lse;
  return logits;
}

/**
 * The best monotone assignment (sections only move forward, S → T → A → R → Reflection, any may be
 * skipped) of sentences to sections, by total cue score; `allowed` restricts each sentence.
 */
function monotonePath(scores: number[][], moveCost: number, allowed?: number[][]): Section[] {
  const n = scores.length;
  // Labels with nothing under them ("Situation:\nTask:") leave no sentence to place.
  if (n === 0) return [];
  const K = SECTIONS.length;
  const NEG = Number.NEGATIVE_INFINITY;
  // Row i, section k at i * K + k: two flat arrays instead of two small arrays per sentence.
  const best = new Float64Array(n * K).fill(NEG);
  const from = new Int32Array(n * K);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < K; k++) {
      if (allowed && !allowed[i]!.includes(k)) continue;
      let prev = i === 0 ? -moveCost * k : NEG;
      let arg = 0;
      for (let j = 0; i > 0 && j <= k; j++) {
        // A small cost for each move forward keeps cue-less sentences with the section before them.
        const value = best[(i - 1) * K + j]! - (j === k ? 0 : moveCost);
        if (value > prev) {
          prev = value;
          arg = j;
        }
      }
      best[i * K + k] = prev + scores[i]![k]!;
      from[i * K + k] = arg;
    }
  }
  const path = new Array<Section>(n);
  const last = (n - 1) * K;
  let k = 0;
  for (let j = 1; j < K; j++) if (best[last + j]! > best[last + k]!) k = j;
  for (let i = n - 1; i >= 0; i--) {
    path[i] = SECTIONS[k]!;
    k = from[i * K + k]!;
  }
  return path;
}

/** Unlabelled prose: the fitted classifier scores each sentence; the best monotone path is chosen. */
function segmentByCues(text: CleanText, cues: SegmentCues, model: SegmentModel): Segmentation {
  const sentences = splitSentences(text.clean, text.lower);
  if (sentences.length === 0) return group([], [], false);
  const found = cuesBySentence(text, sentences, cues);
  const features = sentences.map((s, i) => sentenceFeatures(s, i, sentences.length, found[i]!));
  return group(sentences, predictSections(features, model), false);
}

/** Sections of sentences read as plain prose, from their features (calibration and its accuracy check). */
export function predictSections(features: number[][], model: SegmentModel): Section[] {
  if (!features.length) return [];
  return monotonePath(
    stepPenalties(features, emissions(features, model)),
    model.moveCost,
    reflectionGate(features),
  );
}

const ALL_SECTIONS = SECTIONS.map((_s, k) => k);
const BEFORE_REFLECTION = ALL_SECTIONS.filter((k) => SECTIONS[k] !== 'reflection');
const REFLECTION_EVIDENCE = (['reflection_cue', 'lesson', 'hindsight', 'present'] as const).map((f) =>
  SEGMENT_FEATURES.indexOf(f),
);

const RESULT = SECTIONS.indexOf('result');
const REFLECTION = SECTIONS.indexOf('reflection');
const RESULT_EVIDENCE = (['result_cue', 'change', 'outcome', 'present'] as const).map((f) =>
  SEGMENT_FEATURES.indexOf(f),
);
const METRIC_FEATURE = SEGMENT_FEATURES.indexOf('number');
const I_STEP = (['i_action_start', 'i_action'] as const).map((f) => SEGMENT_FEATURES.indexOf(f));
/** What a step sentence costs in a section its words give no evidence for (a log-probability penalty). */
const STEP_OUTSIDE_ACTION = 2.5;

/**
 * A reflection starts where something reflects (a lesson, hindsight, a cue, a habit since): "I pulled the logs
 * and wrote the patch" closing a story is its last action, not its lesson. Later sentences may follow it without.
 */
function reflectionGate(features: number[][]): number[][] {
  let open = false;
  return features.map((x) => {
    open ||= REFLECTION_EVIDENCE.some((j) => (x[j] ?? 0) > 0);
    return open ? ALL_SECTIONS : BEFORE_REFLECTION;
  });
}

/**
 * A sentence that opens with "I" and a step ("I reworked it and put it on our test checklist") is read as a
 * result only when it also tells an outcome or a measure, and as a reflection only when it reflects itself.
 * A penalty, not a rule: where the story's order leaves nothing else, the sentence still finds a section.
 */
function stepPenalties(features: number[][], scores: number[][]): number[][] {
  return scores.map((row, i) => {
    const x = features[i]!;
    if (!I_STEP.every((j) => (x[j] ?? 0) > 0)) return row;
    const outcome = RESULT_EVIDENCE.some((j) => (x[j] ?? 0) > 0) || (x[METRIC_FEATURE] ?? 0) >= 1;
    const reflects = REFLECTION_EVIDENCE.some((j) => (x[j] ?? 0) > 0);
    return row.map((v, k) =>
      (k === RESULT && !outcome) || (k === REFLECTION && !reflects) ? v - STEP_OUTSIDE_ACTION : v,
    );
  });
}
