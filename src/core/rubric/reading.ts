import type { Content } from '../content/content.js';
import type { StoryElement } from '../content/question-types.js';
import { type Lexicon, SECTIONS, type Section } from '../content/schema.js';
import { findQuantities, type Quantity } from './numbers.js';
import { compileLexicon, type Lexicon as PhraseLexicon, type PhraseMatch } from './phrases.js';
import { type Segmentation, type SegmentCues, type SegmentModel, segment } from './segment.js';
import { type CleanText, countWords, type Sentence } from './text.js';

export type ListName = Exclude<keyof Lexicon, 'concreteVerbs' | 'weakVerbs' | 'workProducts' | 'negations'>;

/** A located phrase: the match plus the sentence and section it sits in. */
export interface Hit extends PhraseMatch {
  sentence: Sentence;
  section: Section;
}

/** A number placed in its sentence and section. */
export interface PlacedQuantity extends Quantity {
  sentence: Sentence;
  section: Section;
}

const NONE: Hit[] = [];

/** Everything read from one answer, shared by the dimensions. */
export interface Reading {
  text: CleanText;
  seg: Segmentation;
  /** Words per section and in all. */
  sectionWords: Record<Section, number>;
  words: number;
  quantities: PlacedQuantity[];
  /** Lexicon hits, negated ones included (see `hits`). */
  hits(list: ListName, sections?: Section[]): Hit[];
  /** Hits that a negation or hindsight governs ("I should have escalated", "rather than escalating"). */
  negatedHits(list: ListName): Hit[];
  /** The raw matches of a list, not placed in sentences (cheap; for counting and coverage). */
  matches(list: ListName): PhraseMatch[];
  /** The raw matches of a principle's signals. */
  signalMatches(principleId: string): PhraseMatch[];
  signals(principleId: string): Hit[];
  elements(element: StoryElement): Hit[];
  /** The sentence as quoted back (a long one is cut around the hit). */
  quoteOf(hit: { sentence: Sentence; start: number; end: number }): string;
  first: Sentence;
  last: Sentence;
}

/** The compiled lexicons a reading needs; built once per rubric. */
export interface Readers {
  lexicon: PhraseLexicon<ListName>;
  signalIndex: PhraseLexicon<string>;
  elementIndex: PhraseLexicon<StoryElement>;
  cues: SegmentCues;
  model: SegmentModel;
}

export function compileReaders(content: Content): Readers {
  const lex = content.lexicon;
  const listNames = (Object.keys(lex) as Array<keyof Lexicon>).filter(
    (k): k is ListName =>
      k !== 'concreteVerbs' && k !== 'weakVerbs' && k !== 'workProducts' && k !== 'negations',
  );
  return {
    lexicon: compileLexicon(
      Object.fromEntries(listNames.map((k) => [k, lex[k] as string[]])) as Record<ListName, string[]>,
      lex.negations,
    ),
    signalIndex: compileLexicon(Object.fromEntries(content.principles.map((p) => [p.id, p.signals]))),
    elementIndex: compileLexicon(
      Object.fromEntries(
        Object.entries(content.questionTypes.elements).map(([id, e]) => [id, e.signals]),
      ) as Record<StoryElement, string[]>,
      lex.negations,
    ),
    cues: compileLexicon({
      situation: lex.situationCues,
      task: lex.taskCues,
      scope: lex.scopeBoundary,
      result: lex.resultCues,
      reflection: lex.reflectionCues,
    }),
    model: content.scoring.segmentation,
  };
}

/** Reads a cleaned answer: sentences and sections, numbers, and every phrase list, each scanned once. */
export function read(text: CleanText, readers: Readers, model: SegmentModel = readers.model): Reading {
  const seg = segment(text, readers.cues, model);
  const sentenceAt = (offset: number): Sentence => {
    let lo = 0;
    let hi = seg.sentences.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (seg.sentences[mid]!.start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return seg.sentences[lo]!;
  };
  const place = <T extends { start: number }>(m: T): T & { sentence: Sentence; section: Section } => {
    const sentence = sentenceAt(m.start);
    return { ...m, sentence, section: seg.sectionOf[sentence.index]! };
  };
  const scanned = readers.lexicon.scan(text.lower);
  let signalScan: Record<string, PhraseMatch[]> | null = null;
  let elementScan: Record<StoryElement, PhraseMatch[]> | null = null;
  const located = new Map<string, Hit[]>();
  const locate = (key: string, matches: PhraseMatch[]): Hit[] => {
    let all = located.get(key);
    if (!all) {
      all = matches.length ? matches.map(place) : NONE;
      located.set(key, all);
    }
    return all;
  };
  const affirmed = new Map<string, Hit[]>();
  const sectionWords = Object.fromEntries(
    SECTIONS.map((s) => [s, seg.bySection[s].reduce((n, x) => n + countWords(x.text), 0)]),
  ) as Record<Section, number>;
  return {
    text,
    seg,
    sectionWords,
    words: SECTIONS.reduce((n, s) => n + sectionWords[s], 0),
    quantities: findQuantities(text.lower)
      .filter((q) => q.start >= seg.sentences[0]!.start)
      .map(place),
    hits: (list, sections) => {
      let all = affirmed.get(list);
      if (!all) {
        const located = locate(list, scanned[list]);
        all = located.some((h) => h.negated) ? located.filter((h) => !h.negated) : located;
        affirmed.set(list, all);
      }
      return sections && all.length ? all.filter((h) => sections.includes(h.section)) : all;
    },
    negatedHits: (list) => locate(list, scanned[list]).filter((h) => h.negated),
    matches: (list) => scanned[list],
    signalMatches: (principleId) => {
      signalScan ??= readers.signalIndex.scan(text.lower);
      return signalScan[principleId] ?? [];
    },
    signals: (principleId) => {
      signalScan ??= readers.signalIndex.scan(text.lower);
      return locate(`signal:${principleId}`, signalScan[principleId] ?? []);
    },
    elements: (element) => {
      elementScan ??= readers.elementIndex.scan(text.lower);
      return locate(`element:${element}`, elementScan[element]).filter((h) => !h.negated);
    },
    quoteOf: (hit) => quoteAround(text.clean, hit),
    first: seg.sentences[0]!,
    last: seg.sentences[seg.sentences.length - 1]!,
  };
}

/** The quoted words, extended to the clause around them when the match alone is short. */
function quoteAround(clean: string, hit: { sentence: Sentence; start: number; end: number }): string {
  const s = hit.sentence;
  if (s.end - s.start <= 110) return s.text;
  const from = Math.max(s.start, clean.lastIndexOf(' ', Math.max(s.start, hit.start - 40)) + 1);
  const to = Math.min(s.end, hit.end + 50);
  return `${from > s.start ? '…' : ''}${clean.slice(from, to).trim()}${to < s.end ? '…' : ''}`;
}
