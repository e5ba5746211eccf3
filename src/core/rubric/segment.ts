import { SECTIONS, type Section } from '../content/schema.js';
import type { Lexicon } from './phrases.js';
import { type CleanText, type Sentence, splitSentences } from './text.js';

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
export type SegmentCues = Lexicon<CueList>;

/** Which cue lists occur in each sentence: one scan of the whole answer, matches placed by offset. */
function cuesBySentence(text: CleanText, sentences: Sentence[], cues: SegmentCues): Array<Set<CueList>> {
  const out = sentences.map(() => new Set<CueList>());
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
      if (s && m.start >= s.start && m.end <= s.end) out[lo]!.add(list);
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
};

// A label at the start of a line: optional bullet/number/emoji/markup, the word, then ":" "-" "—" ")" or
// the end of the line, or the word wrapped in * or _ (Slack bold/italic) and followed by a space.
const LABEL =
  /^[ \t]*(?:[-*•>]+[ \t]*)?(?:\d+[.)][ \t]*)?(?::[a-z0-9_+-]+:[ \t]*)*(?:\p{Extended_Pictographic}\uFE0F?[ \t]*)?([*_]{0,2})(lessons learned|what i learned|[a-z]+)\1?[ \t]*(?:([*_]{1,2})?[ \t]*([:\-–—)])|(?=\n|$)|(?<=[*_][ \t]+))[*_]{0,2}[ \t]*/gimu;

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

function emptyGroups(): Record<Section, Sentence[]> {
  return { situation: [], task: [], action: [], result: [], reflection: [] };
}

function group(sentences: Sentence[], sectionOf: Section[], labelled: boolean): Segmentation {
  const bySection = emptyGroups();
  for (const [i, s] of sentences.entries()) bySection[sectionOf[i]!].push(s);
  return { labelled, sentences, sectionOf, bySection };
}

/** Splits an answer into Situation, Task, Action, Result and Reflection, by labels or by cues. */
export function segment(text: CleanText, cues: SegmentCues): Segmentation {
  const labels = findLabels(text.clean);
  const distinct = new Set(labels.map((l) => l.section));
  if (distinct.size >= 2) return segmentLabelled(text, labels, cues);
  return segmentByCues(text, cues);
}

/**
 * Labels fix the section of the sentences under them; sentences further down a labelled span may move
 * on to a section that no label names (bullets of actions under "Goal:"), decided by cues.
 */
function segmentLabelled(
  text: CleanText,
  labels: Array<{ section: Section; start: number; bodyStart: number }>,
  cues: SegmentCues,
): Segmentation {
  const sentences: Sentence[] = [];
  const labelOf: Array<{ section: Section; first: boolean }> = [];
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
      sentences.push({ ...s, index: sentences.length, start: s.start + span.start, end: s.end + span.start });
      labelOf.push({ section: span.section, first });
      first = false;
    }
  }
  const named = new Set(labels.map((l) => l.section));
  const allowed = labelOf.map(({ section, first }) => {
    const k = SECTIONS.indexOf(section);
    if (first) return [k];
    // Later sentences of a span may move to an unlabelled section before the next labelled one.
    const next = SECTIONS.findIndex((x, j) => j > k && named.has(x));
    const limit = next === -1 ? SECTIONS.length : next;
    return SECTIONS.map((_x, j) => j).filter(
      (j) => j === k || (j > k && j < limit && !named.has(SECTIONS[j]!)),
    );
  });
  const found = cuesBySentence(text, sentences, cues);
  const scores = sentences.map((s, i) => {
    const base = cueScores(s, found[i]!, false);
    const k = SECTIONS.indexOf(labelOf[i]!.section);
    return base.map((v, j) => (j === k ? v + 2 : v));
  });
  return group(
    sentences,
    monotonePath(scores, allowed).map((p) => SECTIONS[p]!),
    true,
  );
}

const I_VERB_AT_START =
  /^(?:(?:then|so|first|next|after that|finally|second|third|also|once|and|within [a-z ]+?|over [a-z ]+?|on [a-z ]+?|before [a-z ]+?|after [a-z ]+?|to [a-z ]+?|when [a-z ]+?),?\s+)?i\s+(?:(?:\w+ly|also|then|first|personally|still)\s+)?(?:[a-z]+ed|wrote|built|ran|set|made|took|led|put|cut|found|rewrote|spent|began|chose|drew|dug|got|kept|met|read|sat|sought|split|taught|brought|caught|gave|went|did|shipped|paired|won|sent|told|held|left|began|broke|drove|fought|flew|grew|hid|knew|lost|overrode|rode|shut|sold|spoke|stood|struck|swept|threw|understood|woke)\b/;
const I_VERB_ANYWHERE =
  /\bi\s+(?:(?:\w+ly|also|then|first|personally|still)\s+)?(?:(?!was\b|had\b|wanted\b|needed\b|noticed\b|learned\b|learnt\b|realized\b|realised\b|felt\b|thought\b|assumed\b|believed\b)[a-z]+ed|wrote|built|ran|set|made|took|led|put|cut|rewrote|spent|chose|drew|dug|got|kept|met|read|sought|split|taught|brought|gave|went|shipped|paired|won|sent|held|broke|drove|sold|spoke|threw)\b/;
const WE_ACTION =
  /^(?:(?:then|so|first|next|after that|finally|also|and),?\s+)?we\s+(?:\w+ly\s+)?(?:[a-z]+ed|wrote|built|ran|set|made|took|found|did|got|went|put)\b/;
const NUMBER =
  /\d|\b(?:zero|half|halved|doubled|tripled|twice|one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand|million)\b/;
const COMPARATIVE =
  /\b(?:lower|fewer|higher|faster|slower|less|more|down|up|dropped|fell|rose|grew|shrank|saving|saved|cut|reduced|increased|improved)\b/;

/** Cue scores for one sentence, per section. */
function cueScores(s: Sentence, found: Set<CueList>, first: boolean): number[] {
  const has = (list: CueList) => found.has(list);
  const lower = s.lower.trimStart();
  const number = NUMBER.test(lower);
  const situation =
    (has('situation') ? 2 : 0) + (first ? 1.5 : 0) + (/\bi (?:noticed|saw|was)\b/.test(lower) ? 1.5 : 0);
  const task = (has('task') ? 3.5 : 0) + (has('scope') ? 2.5 : 0);
  const action = I_VERB_AT_START.test(lower)
    ? 3
    : I_VERB_ANYWHERE.test(lower)
      ? 2
      : WE_ACTION.test(lower)
        ? 2
        : 0;
  const result =
    (has('result') ? 2.5 : 0) +
    (number ? 1 : 0) +
    (number && COMPARATIVE.test(lower) ? 1 : 0) +
    (/\bfrom\b[^.]*\bto\b/.test(lower) && number ? 1.5 : 0);
  const reflection = has('reflection') ? 4.5 : 0;
  return [situation, task, action, result, reflection];
}

/**
 * The best monotone assignment (sections only move forward, S → T → A → R → Reflection, any may be
 * skipped) of sentences to sections, by total cue score; `allowed` restricts each sentence.
 */
function monotonePath(scores: number[][], allowed?: number[][]): number[] {
  const n = scores.length;
  // Labels with nothing under them ("Situation:\nTask:") leave no sentence to place.
  if (n === 0) return [];
  const K = SECTIONS.length;
  const NEG = Number.NEGATIVE_INFINITY;
  const best: number[][] = [];
  const from: number[][] = [];
  for (let i = 0; i < n; i++) {
    best.push(new Array(K).fill(NEG));
    from.push(new Array(K).fill(0));
    for (let k = 0; k < K; k++) {
      if (allowed && !allowed[i]!.includes(k)) continue;
      let prev = i === 0 ? -0.25 * k : NEG;
      let arg = 0;
      for (let j = 0; i > 0 && j <= k; j++) {
        // A small cost for each move forward keeps cue-less sentences with the section before them.
        const value = best[i - 1]![j]! - (j === k ? 0 : 0.25);
        if (value > prev) {
          prev = value;
          arg = j;
        }
      }
      best[i]![k] = prev + scores[i]![k]!;
      from[i]![k] = arg;
    }
  }
  const path: number[] = new Array(n).fill(0);
  let k = 0;
  for (let j = 1; j < K; j++) if (best[n - 1]![j]! > best[n - 1]![k]!) k = j;
  for (let i = n - 1; i >= 0; i--) {
    path[i] = k;
    k = from[i]![k]!;
  }
  return path;
}

/** Unlabelled prose: each sentence gets cue scores; the best monotone path is chosen. */
function segmentByCues(text: CleanText, cues: SegmentCues): Segmentation {
  const sentences = splitSentences(text.clean, text.lower);
  if (sentences.length === 0) return group([], [], false);
  const found = cuesBySentence(text, sentences, cues);
  const scores = sentences.map((s, i) => cueScores(s, found[i]!, i === 0));
  return group(
    sentences,
    monotonePath(scores).map((p) => SECTIONS[p]!),
    false,
  );
}
