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

/** The match read as not negated. */
function unnegated(m: PhraseMatch): PhraseMatch {
  return { start: m.start, end: m.end, phrase: m.phrase, negated: false };
}

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
  /** The rubric's phrase lists alone (the follow-up judge scans short replies with it). */
  lexicon: PhraseLexicon<ListName>;
  /** Every list a reading needs (rubric lists, principle signals, story elements, section cues) in one pass. */
  scanAll(lower: string): AllMatches;
  /** Where each rubric list, principle's signals and story element sits among the lists scanAll reads. */
  slots: Slots;
  cues: SegmentCues;
  model: SegmentModel;
}

interface Slots {
  list: ReadonlyMap<ListName, number>;
  signal: ReadonlyMap<string, number>;
  element: ReadonlyMap<StoryElement, number>;
  /** How many lists scanAll reads. */
  count: number;
}

interface AllMatches {
  /** The matches of the list in slot `k` (see Slots). */
  at(k: number): PhraseMatch[];
  cues: Record<CueList, PhraseMatch[]>;
}

const CUE_LISTS = ['situation', 'task', 'scope', 'result', 'reflection'] as const;
type CueList = (typeof CUE_LISTS)[number];

export function compileReaders(content: Content): Readers {
  const lex = content.lexicon;
  const listNames = (Object.keys(lex) as Array<keyof Lexicon>).filter(
    (k): k is ListName =>
      k !== 'concreteVerbs' && k !== 'weakVerbs' && k !== 'workProducts' && k !== 'negations',
  );
  const elementIds = Object.keys(content.questionTypes.elements) as StoryElement[];
  const cueLists: Record<CueList, readonly string[]> = {
    situation: lex.situationCues,
    task: lex.taskCues,
    scope: lex.scopeBoundary,
    result: lex.resultCues,
    reflection: lex.reflectionCues,
  };
  const lists = Object.fromEntries(listNames.map((k) => [k, lex[k] as string[]])) as Record<
    ListName,
    string[]
  >;
  // One index over every list, so an answer's tokens are walked once: lists keep their own names, the others
  // are namespaced ("signal:ownership", "element:setback", "cue:result").
  const all = compileLexicon<string>(
    {
      ...lists,
      ...Object.fromEntries(content.principles.map((p) => [`signal:${p.id}`, p.signals])),
      ...Object.fromEntries(
        elementIds.map((id) => [`element:${id}`, content.questionTypes.elements[id].signals]),
      ),
      ...Object.fromEntries(CUE_LISTS.map((k) => [`cue:${k}`, cueLists[k]])),
    },
    lex.negations,
  );
  // Where each list sits in the scan's arrays, found once here rather than as records built per scan.
  const indexOf = new Map(all.names.map((name, k) => [name, k]));
  const at = (key: string): number => indexOf.get(key)!;
  const listIndex = new Map(listNames.map((k) => [k, at(k)]));
  const signalIndex = new Map(content.principles.map((p) => [p.id, at(`signal:${p.id}`)]));
  const elementIndex = new Map(elementIds.map((id) => [id, at(`element:${id}`)]));
  const cueIndex = CUE_LISTS.map((k) => at(`cue:${k}`));
  let lastText: string | null = null;
  let lastMatches: AllMatches | null = null;
  const scanAll = (lower: string): AllMatches => {
    if (lower === lastText && lastMatches) return lastMatches;
    const scanned = all.scanLists(lower);
    const cues = {} as Record<CueList, PhraseMatch[]>;
    // Section cues are cues wherever they sit: a negation does not turn "the result was" into something else.
    CUE_LISTS.forEach((k, c) => {
      const found = scanned.list(cueIndex[c]!);
      cues[k] = found.some((m) => m.negated) ? found.map((m) => (m.negated ? unnegated(m) : m)) : found;
    });
    lastMatches = { at: (k) => scanned.list(k), cues };
    lastText = lower;
    return lastMatches;
  };
  return {
    lexicon: compileLexicon(lists, lex.negations),
    scanAll,
    slots: { list: listIndex, signal: signalIndex, element: elementIndex, count: all.names.length },
    cues: { scan: (lower) => scanAll(lower).cues, occurs: (short) => all.occurs(short) },
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
  // Objects built field by field, not by spreading: a spread copy here made V8 keep every call's hits alive
  // through a young-generation collection (about 0.4 MB promoted per collection, a 2 ms pause in the tail).
  const place = (m: PhraseMatch, negated: boolean): Hit => {
    const sentence = sentenceAt(m.start);
    return {
      start: m.start,
      end: m.end,
      phrase: m.phrase,
      negated,
      sentence,
      section: seg.sectionOf[sentence.index]!,
    };
  };
  const placeQuantity = (q: Quantity): PlacedQuantity => {
    const sentence = sentenceAt(q.start);
    return {
      start: q.start,
      end: q.end,
      kind: q.kind,
      value: q.value,
      change: q.change,
      noun: q.noun,
      sentence,
      section: seg.sectionOf[sentence.index]!,
    };
  };
  const matched = readers.scanAll(text.lower);
  const { slots } = readers;
  // Placed hits by slot, each list placed once, when first asked for (arrays by slot rather than maps by name,
  // whose tables grew as lists were asked for): rubric lists and story elements with their negated hits, principle
  // signals all read as not negated (as they always have); and the rubric lists' hits without the negated ones.
  const placed = new Array<Hit[] | undefined>(slots.count);
  const affirmed = new Array<Hit[] | undefined>(slots.count);
  const locate = (k: number, asNegated: boolean): Hit[] => {
    let all = placed[k];
    if (!all) {
      const matches = matched.at(k);
      all = NONE;
      if (matches.length) {
        all = new Array<Hit>(matches.length);
        for (let i = 0; i < matches.length; i++) {
          const m = matches[i]!;
          all[i] = place(m, asNegated && m.negated);
        }
      }
      placed[k] = all;
    }
    return all;
  };
  const listHits = (list: ListName) => locate(slots.list.get(list)!, true);
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
      .map(placeQuantity),
    hits: (list, sections) => {
      const k = slots.list.get(list)!;
      let all = affirmed[k];
      if (!all) {
        const placedHits = listHits(list);
        all = placedHits.some((h) => h.negated) ? placedHits.filter((h) => !h.negated) : placedHits;
        affirmed[k] = all;
      }
      return sections && all.length ? inSections(all, sections) : all;
    },
    negatedHits: (list) => listHits(list).filter((h) => h.negated),
    matches: (list) => matched.at(slots.list.get(list)!),
    // Principle signals count whether or not a negation is near (as they always have); elements do not.
    signalMatches: (principleId) => {
      const k = slots.signal.get(principleId);
      return k === undefined ? NONE : matched.at(k);
    },
    signals: (principleId) => {
      const k = slots.signal.get(principleId);
      return k === undefined ? NONE : locate(k, false);
    },
    elements: (element) => locate(slots.element.get(element)!, true).filter((h) => !h.negated),
    quoteOf: (hit) => quoteAround(text.clean, hit),
    first: seg.sentences[0]!,
    last: seg.sentences[seg.sentences.length - 1]!,
  };
}

/**
 * The hits in the given sections, in an array of their number (filter() grew one from empty); all of them are the
 * list's own shared array, as `hits` without sections returns it.
 */
function inSections(hits: Hit[], sections: readonly Section[]): Hit[] {
  let count = 0;
  for (const h of hits) if (sections.includes(h.section)) count++;
  if (count === hits.length) return hits;
  const out = new Array<Hit>(count);
  let k = 0;
  for (const h of hits) if (sections.includes(h.section)) out[k++] = h;
  return out;
}

/** The quoted words, extended to the clause around them when the match alone is short. */
function quoteAround(clean: string, hit: { sentence: Sentence; start: number; end: number }): string {
  const s = hit.sentence;
  if (s.end - s.start <= 110) return s.text;
  const from = Math.max(s.start, clean.lastIndexOf(' ', Math.max(s.start, hit.start - 40)) + 1);
  const to = Math.min(s.end, hit.end + 50);
  return `${from > s.start ? '…' : ''}${clean.slice(from, to).trim()}${to < s.end ? '…' : ''}`;
}
