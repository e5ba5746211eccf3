import { internSlice } from './intern.js';
import { canonical, FILLERS, type Tokens, tokenize } from './tokens.js';

/** A phrase found in the answer: offsets into the cleaned text and whether a negation governs it. */
export interface PhraseMatch {
  start: number;
  end: number;
  phrase: string;
  negated: boolean;
}

export interface PhraseMatcher {
  /** All non-overlapping matches in `lower` (an ASCII-lowercased text), longest first at each place. */
  find(lower: string, from?: number, to?: number): PhraseMatch[];
  /** True when some phrase occurs in a short text (used for the words before a match). */
  occursIn(short: string): boolean;
}

/** Several named phrase lists scanned together in one pass over the text. */
export interface Lexicon<K extends string> {
  /** Matches of every list, each list's own matches non-overlapping and longest first. */
  scan(lower: string, from?: number, to?: number): Record<K, PhraseMatch[]>;
  /** True when a phrase of any list occurs in a short text. */
  occurs(short: string): boolean;
  /** The list names, in the order `scanLists` numbers them. */
  names: readonly K[];
  /** Like `scan`, with lists asked for by their number in `names` (no record is built per scan). */
  scanLists(lower: string): ScannedLists;
}

/** One scan's matches, list by list; a list's match objects are made when it is first asked for. */
export interface ScannedLists {
  /** The matches of list `k` (its index in `names`), in the order found. */
  list(k: number): PhraseMatch[];
}

type WordPattern = { kind: 'exact'; word: string } | { kind: 'prefix'; word: string } | { kind: 'any' };

interface Phrase {
  list: number;
  words: WordPattern[];
}

let cachedText: string | null = null;
let cachedTokens: Tokens = tokenize('');

/** Tokens of a text; the last text is cached because the rubric asks several lexicons about one answer. */
export function tokensOf(lower: string, cache = true): Tokens {
  if (lower === cachedText) return cachedTokens;
  const tokens = tokenize(lower);
  if (cache) {
    cachedText = lower;
    cachedTokens = tokens;
  }
  return tokens;
}

/** A phrase word as patterns: `_` any word, `x*` any ending, else its canonical reading ("wasn't" → was, not). */
function compileWord(word: string): WordPattern[] {
  if (word === '_') return [{ kind: 'any' }];
  if (word.endsWith('*')) return [{ kind: 'prefix', word: word.slice(0, -1) }];
  return canonical(word).map((w) => ({ kind: 'exact', word: w }));
}

/** The first two characters of a word as a number (a map key that allocates nothing). */
function pairKey(word: string): number {
  return word.charCodeAt(0) * 65536 + (word.length > 1 ? word.charCodeAt(1) : 0);
}

function matchesWord(p: WordPattern, word: string): boolean {
  if (p.kind === 'any') return true;
  if (p.kind === 'prefix') return word.startsWith(p.word);
  // A possessive is the same word: "team" matches "team's".
  return (
    word === p.word || (word.length === p.word.length + 2 && word.endsWith("'s") && word.startsWith(p.word))
  );
}

const NO_MATCHES = Object.freeze([]) as unknown as PhraseMatch[];

/**
 * The matches of a scan as rows of numbers (start, end, negated), grouped by list and in the order found within
 * each; `first[k]` is the first row of list `k`. Most lists a scan fills are never read for a given answer (the
 * signals of other principles, the story elements of other question types), so their objects are never made.
 */
class MatchRows implements ScannedLists {
  private readonly made: Array<PhraseMatch[] | undefined>;

  constructor(
    private readonly lower: string,
    private readonly rows: Int32Array,
    private readonly first: Int32Array,
  ) {
    this.made = new Array<PhraseMatch[] | undefined>(first.length - 1);
  }

  list(k: number): PhraseMatch[] {
    const made = this.made[k];
    if (made) return made;
    const from = this.first[k]!;
    const count = this.first[k + 1]! - from;
    // Lists without a match share one frozen empty array (most of the hundred-odd lists match nothing).
    const out = count ? new Array<PhraseMatch>(count) : NO_MATCHES;
    for (let i = 0; i < count; i++) {
      const row = 3 * (from + i);
      const start = this.rows[row]!;
      const end = this.rows[row + 1]!;
      out[i] = {
        start,
        end,
        // The lexicon's phrases recur from answer to answer: one string each (see intern.ts).
        phrase: internSlice(this.lower, start, end),
        negated: this.rows[row + 2] === 1,
      };
    }
    this.made[k] = out;
    return out;
  }
}

/**
 * A reusable list emptied by resetting its size: `array.length = 0` makes V8 drop the backing store, so every
 * push after it allocated a new one; per token, that was most of what a scan allocated.
 */
class PhraseStack {
  readonly items: Phrase[] = [];
  size = 0;
  push(phrase: Phrase): void {
    this.items[this.size++] = phrase;
  }
}

/** The phrases of one exact first word: by their exact second word, and the rest. */
interface Bucket {
  rest: Phrase[];
  bySecond: Map<string, Phrase[]>;
}

const NOTHING_STARTS = { bucket: undefined, phrases: [] as Phrase[] };
/** Distinct words whose starting phrases a lexicon keeps (a few megabytes at most). */
const MAX_CACHED_WORDS = 50_000;

/** Phrases of a first-word bucket whose exact second word is token `t` (joined to the first). */
function addBySecond(bucket: Bucket, tokens: Tokens, t: number, into: PhraseStack): void {
  if (t >= tokens.count || !tokens.joined[t]) return;
  const word = tokens.word[t]!;
  const found =
    bucket.bySecond.get(word) ?? (word.endsWith("'s") ? bucket.bySecond.get(word.slice(0, -2)) : undefined);
  if (found) for (const phrase of found) into.push(phrase);
}

/** Negation words in front of a phrase, within the same clause (a few words back). */
const NEGATION_WINDOW = 32;
const CLAUSE_BREAK = /[,;:.!?]|\bbut\b|\bso\b|\band then\b/;

/**
 * Compiles named phrase lists into one index: a phrase is a sequence of words (`*` = any ending, `_` = any
 * one word) matched on word tokens, so the cost grows with the answer, not with the lists. Longer phrases
 * win over shorter ones at the same place. `negations` are looked for in the few words before each match.
 */
export function compileLexicon<K extends string>(
  lists: Record<K, readonly string[]>,
  negations: readonly string[] = [],
): Lexicon<K> {
  const names = Object.keys(lists) as K[];
  // Exact first words, then (when the second word is exact too) by second word: "i" starts dozens of phrases.
  const exact = new Map<string, Bucket>();
  const prefixed = new Map<number, Array<{ prefix: string; phrase: Phrase }>>();
  const anyFirst: Phrase[] = [];
  names.forEach((name, list) => {
    for (const text of new Set(lists[name].map((p) => p.trim().toLowerCase()))) {
      const words = (text.match(/[^\s,]+/g) ?? []).flatMap(compileWord);
      if (!words.length) continue;
      const phrase: Phrase = { list, words };
      const head = words[0]!;
      if (head.kind === 'exact') {
        let bucket = exact.get(head.word);
        if (!bucket) {
          bucket = { rest: [], bySecond: new Map() };
          exact.set(head.word, bucket);
        }
        const second = words[1];
        if (second?.kind === 'exact') {
          const list2 = bucket.bySecond.get(second.word);
          if (list2) list2.push(phrase);
          else bucket.bySecond.set(second.word, [phrase]);
        } else bucket.rest.push(phrase);
      } else if (head.kind === 'prefix' && head.word.length >= 2) {
        const key = pairKey(head.word);
        const bucket = prefixed.get(key);
        if (bucket) bucket.push({ prefix: head.word, phrase });
        else prefixed.set(key, [{ prefix: head.word, phrase }]);
      } else anyFirst.push(phrase);
    }
  });
  const negation = negations.length ? compileLexicon({ negation: negations }) : null;

  // What may start at a word (its bucket for second words, and the phrases that need no second-word lookup), found
  // once per distinct word: answers repeat their words, and the lookups and prefix tests per token were the
  // largest part of a scan's time. The cache is cleared when it grows past MAX_CACHED_WORDS.
  interface Starts {
    bucket: Bucket | undefined;
    phrases: Phrase[];
  }
  const startsByWord = new Map<string, Starts>();
  const startsOf = (word: string): Starts => {
    let starts = startsByWord.get(word);
    if (starts) return starts;
    const bucket = exact.get(word) ?? (word.endsWith("'s") ? exact.get(word.slice(0, -2)) : undefined);
    const phrases: Phrase[] = bucket ? [...bucket.rest] : [];
    for (const p of prefixed.get(pairKey(word)) ?? []) if (word.startsWith(p.prefix)) phrases.push(p.phrase);
    phrases.push(...anyFirst);
    starts = bucket || phrases.length ? { bucket, phrases } : NOTHING_STARTS;
    if (startsByWord.size >= MAX_CACHED_WORDS) startsByWord.clear();
    startsByWord.set(word, starts);
    return starts;
  };

  function matchAt(tokens: Tokens, i: number, phrase: Phrase, to: number): number {
    let j = i;
    let skipped = 0;
    for (let k = 0; k < phrase.words.length; k++) {
      // A filler adverb inside a phrase is read through ("it wasn't really my area"), at most two.
      while (
        k > 0 &&
        j < tokens.count &&
        skipped < 2 &&
        FILLERS.has(tokens.word[j]!) &&
        tokens.joined[j] &&
        !matchesWord(phrase.words[k]!, tokens.word[j]!)
      ) {
        skipped++;
        j++;
      }
      if (j >= tokens.count || tokens.end[j]! > to || !matchesWord(phrase.words[k]!, tokens.word[j]!))
        return -1;
      if (k > 0 && !tokens.joined[j]) return -1;
      j++;
    }
    return j;
  }

  // Negation phrases of the text being scanned, found once per scan (not once per match).
  let negText: string | null = null;
  let negMatches: PhraseMatch[] = [];
  function negatedAt(lower: string, from: number, start: number): boolean {
    if (!negation) return false;
    if (negText !== lower) {
      negMatches = negation.scan(lower).negation;
      negText = lower;
    }
    const windowStart = Math.max(from, start - NEGATION_WINDOW);
    // The negations ending before the match, nearest first, within the window and the same clause.
    let lo = 0;
    let hi = negMatches.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (negMatches[mid]!.end <= start) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo - 1; k >= 0; k--) {
      const m = negMatches[k]!;
      if (m.start < windowStart) return false;
      if (!CLAUSE_BREAK.test(lower.slice(m.end, start))) return true;
    }
    return false;
  }

  // Scratch of one scan, allocated once per lexicon and reset at the start of each scan (a scan runs to the end
  // before the next starts; the negation scan inside it is another lexicon with its own scratch).
  const candidates = new PhraseStack();
  const nextFree = new Int32Array(names.length);
  const bestEnd = new Int32Array(names.length);
  // The lists matched at the current token (each once), and how many.
  const touched = new Int32Array(names.length);
  // The matches found, one row each (start, end, negated, list), in the order found; grown when a text needs more.
  let found: Int32Array = new Int32Array(4 * 256);

  // One pass; per list, the next token index it may match from (its matches never overlap). Returns how many
  // matches `found` holds.
  function run(lower: string, tokens: Tokens, from: number, to: number, firstOnly: boolean): number {
    let count = 0;
    nextFree.fill(0);
    bestEnd.fill(-1);
    let i = 0;
    while (i < tokens.count && tokens.start[i]! < from) i++;
    for (; i < tokens.count && tokens.end[i]! <= to; i++) {
      const { bucket, phrases } = startsOf(tokens.word[i]!);
      // The phrases that may start here, gathered in one reused array (no per-token arrays or closures). Their
      // order does not matter: per list, the longest match at this token wins whichever phrase gave it.
      candidates.size = 0;
      for (const phrase of phrases) candidates.push(phrase);
      if (bucket) {
        addBySecond(bucket, tokens, i + 1, candidates);
        // A filler may sit between the first and second word ("i once failed", "it wasn't really my").
        for (
          let k = i + 1;
          k <= i + 2 && k < tokens.count && tokens.joined[k] && FILLERS.has(tokens.word[k]!);
          k++
        )
          addBySecond(bucket, tokens, k + 1, candidates);
      }
      if (!candidates.size) continue;
      let touchedCount = 0;
      for (let c = 0; c < candidates.size; c++) {
        const phrase = candidates.items[c]!;
        if (i < nextFree[phrase.list]!) continue;
        const end = matchAt(tokens, i, phrase, to);
        if (end <= i) continue;
        const prev = bestEnd[phrase.list]!;
        if (prev === -1) touched[touchedCount++] = phrase.list;
        if (prev === -1 || tokens.end[end - 1]! > tokens.end[prev - 1]!) bestEnd[phrase.list] = end;
      }
      for (let t = 0; t < touchedCount; t++) {
        const list = touched[t]!;
        const end = bestEnd[list]!;
        bestEnd[list] = -1;
        const start = tokens.start[i]!;
        if (4 * count === found.length) found = grown(found);
        found[4 * count] = start;
        found[4 * count + 1] = tokens.end[end - 1]!;
        found[4 * count + 2] = negatedAt(lower, from, start) ? 1 : 0;
        found[4 * count + 3] = list;
        count++;
        nextFree[list] = end;
        if (firstOnly) return count;
      }
    }
    return count;
  }

  // The rows of `found`, grouped by list (a counting sort, so each list keeps the order its matches were found in).
  const listStart = new Int32Array(names.length + 1);
  function grouped(lower: string, count: number): MatchRows {
    listStart.fill(0);
    for (let m = 0; m < count; m++) listStart[found[4 * m + 3]! + 1]!++;
    for (let k = 0; k < names.length; k++) listStart[k + 1]! += listStart[k]!;
    const first = listStart.slice();
    const rows = new Int32Array(3 * count);
    for (let m = 0; m < count; m++) {
      const row = 3 * listStart[found[4 * m + 3]!]!++;
      rows[row] = found[4 * m]!;
      rows[row + 1] = found[4 * m + 1]!;
      rows[row + 2] = found[4 * m + 2]!;
    }
    return new MatchRows(lower, rows, first);
  }

  const scanLists = (lower: string, from = 0, to = lower.length): MatchRows =>
    grouped(lower, run(lower, tokensOf(lower), from, to, false));
  const toRecord = (scanned: MatchRows) => {
    const record = {} as Record<K, PhraseMatch[]>;
    for (let k = 0; k < names.length; k++) record[names[k]!] = scanned.list(k);
    return record;
  };
  return {
    scan: (lower, from = 0, to = lower.length) => toRecord(scanLists(lower, from, to)),
    occurs: (short) => run(short, tokensOf(short, false), 0, short.length, true) > 0,
    names,
    scanLists: (lower) => scanLists(lower),
  };
}

/** The same rows in an array twice as long. */
function grown(rows: Int32Array): Int32Array {
  const more = new Int32Array(rows.length * 2);
  more.set(rows);
  return more;
}

/** One phrase list as a matcher. */
export function compilePhrases(phrases: readonly string[], negations: readonly string[] = []): PhraseMatcher {
  const lexicon = compileLexicon({ list: phrases }, negations);
  return {
    find: (lower, from, to) => lexicon.scan(lower, from, to).list,
    occursIn: (short) => lexicon.occurs(short),
  };
}
