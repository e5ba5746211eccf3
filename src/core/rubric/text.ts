import {
  isAsciiLetter,
  isAsciiLetterOrDigit,
  isLowerLetter,
  isSpace,
  spaceEnd,
  spaceStart,
} from './chars.js';
import { internSlice } from './intern.js';
import { listMarkerLength, opensListLine } from './list-marks.js';

/** A sentence (or bullet line) of the cleaned answer, with its offsets into `clean`. */
export interface Sentence {
  index: number;
  start: number;
  end: number;
  text: string;
  /** ASCII-lowercased text, same length as `text`. */
  lower: string;
  /** Its words (see sentenceWords), read once when first asked for. */
  words?: string[] | undefined;
}

export interface CleanText {
  /** Answer with Slack markup resolved, entities decoded, code blocks removed, quotes straightened. */
  clean: string;
  /** `clean` with ASCII letters lowercased (same length, so offsets are shared). */
  lower: string;
  hadCode: boolean;
}

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

// The cleaning expressions, made once (a literal is a new object each time it is evaluated).
const LT = /&lt;/g;
const GT = /&gt;/g;
const QUOT = /&quot;/g;
const APOS = /&#39;/g;
const NBSP = /&nbsp;/g;
const AMP = /&amp;/g;
const SLACK_MARKUP = /<([^<>\n]{1,400})>/g;
const CODE_BLOCK = /```[\s\S]*?(```|$)/g;
const SINGLE_QUOTES = /[\u2018\u2019\u02BC]/g;
const DOUBLE_QUOTES = /[\u201C\u201D]/g;
const CARRIAGE_RETURN = /\r\n?/g;
const TAB_OR_NBSP = /[\t\u00A0]/g;
const ASCII_CAPITALS = /[A-Z]+/g;

/** Slack's three escaped characters and a few common HTML entities. */
function decodeEntities(text: string): string {
  return text
    .replace(LT, '<')
    .replace(GT, '>')
    .replace(QUOT, '"')
    .replace(APOS, "'")
    .replace(NBSP, ' ')
    .replace(AMP, '&');
}

/** Reads Slack's `<…>` markup as the words a person sees. */
function resolveSlackMarkup(text: string): string {
  return text.replace(SLACK_MARKUP, (_all, inner: string) => {
    const [target = '', label] = inner.split('|');
    if (target.startsWith('@')) return label ? `@${label}` : '@someone';
    if (target.startsWith('#')) return label ? `#${label}` : '#channel';
    if (target.startsWith('!')) return label ?? `@${target.slice(1).split('^')[0]}`;
    return label ?? target;
  });
}

const EMOJI_CODE = /(?<![0-9]):[a-z0-9_+'-]{1,40}:(?![0-9])/gi;

/** Normalizes an answer for analysis; the original is never changed. */
export function cleanAnswer(raw: string): CleanText {
  let hadCode = false;
  let text = raw.replace(ZERO_WIDTH, '');
  text = text.replace(CODE_BLOCK, () => {
    hadCode = true;
    return '\n';
  });
  text = resolveSlackMarkup(text);
  text = decodeEntities(text);
  text = text
    // Slack emoji codes (:tada:) are not words of the story, and people end a thought with one; clock times
    // like 10:30:45 are left alone.
    .replace(EMOJI_CODE, '\n')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(CARRIAGE_RETURN, '\n')
    .replace(TAB_OR_NBSP, ' ');
  return { clean: text, lower: lowerAscii(text), hadCode };
}

/** Lowercases ASCII letters only, so offsets stay valid. */
export function lowerAscii(text: string): string {
  // An ASCII text lowercases in one call (the same result); only other text needs its letters kept apart.
  if (ASCII_ONLY.test(text)) return text.toLowerCase();
  return text.replace(ASCII_CAPITALS, (s) => s.toLowerCase());
}

/** Abbreviations: a full stop after one does not end the sentence (lowercase, inner dots kept, no final dot). */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'e.g',
  'i.e',
  'etc',
  'vs',
  'dr',
  'mr',
  'mrs',
  'ms',
  'inc',
  'ltd',
  'co',
  'approx',
  'no',
  'st',
  'jr',
  'sr',
  'u.s',
  'a.m',
  'p.m',
  'fig',
  'incl',
  'dept',
  'est',
  'avg',
  'eg',
  'ie',
  'cf',
  'al',
]);

// Where a run-on sentence ("…two weeks and i noticed… so i rewrote… and then abandonment fell…") turns to a
// new clause with its own subject.
export const CLAUSE_TURN =
  /(?:[,;]\s+|\s+[-–—]+\s+|\s+)(?:and then|and so|so|then|and|but|after that|which meant|as a result|in the end)\s+(?=(?:i|i'm|im|i've|ive|i'd|we|we're|it|my|our|they|the|that|this|he|she|abandonment|errors?|latency)\b)|;\s+/g;
const RUN_ON_WORDS = 20;

// Expressions used inside loops live here, not as literals there: a regular expression literal is a new object
// each time it is evaluated, and per character, sentence or number those were a large part of what scoring
// allocated.
const MAY_OPEN_SENTENCE = /^[\p{L}\p{N}"'*_•(\-:]/u;
const LOWERCASE_START = /^\p{Ll}/u;
const SINGLE_LETTER_END = /(?:^|[\s(])\p{L}$/u;

/**
 * A long run-on sentence (over RUN_ON_WORDS) split at its clause turns, each piece at least six words; each piece
 * is handed to `add` with its offsets (no list of pairs is built).
 */
function splitClauses(
  lower: string,
  start: number,
  end: number,
  add: (from: number, to: number) => void,
): void {
  const text = lower.slice(start, end);
  let from = 0;
  CLAUSE_TURN.lastIndex = 0;
  for (let m = CLAUSE_TURN.exec(text); m; m = CLAUSE_TURN.exec(text)) {
    const cut = m.index;
    const next = m.index + m[0].length;
    if (pieces(text, from, cut) < 6 || pieces(text, next) < 6) continue;
    add(start + from, start + cut);
    // The next piece starts after the turn's punctuation and spaces (/^[,;\s–—-]+/ on the turn, read in place).
    from = cut;
    while (from < next && isCutPunctuation(text.charCodeAt(from))) from++;
  }
  add(start + from, end);
}

/** [,;\s–—-] */
function isCutPunctuation(c: number): boolean {
  return c === 44 || c === 59 || c === 45 || c === 0x2013 || c === 0x2014 || isSpace(c);
}

/** Splits into sentences and list lines; keeps offsets. Handles decimals and common abbreviations. */
export function splitSentences(clean: string, lower: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  const add = (a: number, b: number) => {
    sentences.push({
      index: sentences.length,
      start: a,
      end: b,
      text: clean.slice(a, b),
      lower: lower.slice(a, b),
      words: undefined,
    });
  };
  const push = (end: number) => {
    let s = start;
    let e = end;
    s = spaceEnd(clean, s, e);
    // A list marker ("- ", "• ", "3. ") is layout, not words of the sentence.
    s += listMarkerLength(clean, s, Math.min(e, s + 6));
    e = spaceStart(clean, s, e);
    if (e > s && hasLetterOrDigit(clean, s, e)) {
      // Most sentences are short enough to need no clause split (and no copy to look for one).
      if (pieces(lower, s, e) <= RUN_ON_WORDS) add(s, e);
      else splitClauses(lower, s, e, add);
    }
    start = end;
  };
  for (let i = 0; i < clean.length; i++) {
    const ch = clean[i]!;
    if (ch === '\n') {
      push(i + 1);
      continue;
    }
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    const next = clean[i + 1];
    if (next !== undefined && !isSpace(next.charCodeAt(0)) && next !== '"' && next !== ')') continue;
    // "1." or "2)" opening a list line is a number, not the end of a sentence.
    if (ch === '.' && opensListLine(clean, i)) continue;
    if (ch === '.' && endsWithAbbreviation(lower, i)) continue;
    // Split before a capital, a digit, a quote, a bullet or the end; people typing in lowercase start
    // sentences in lowercase too, so a lowercase word after ". " starts one unless the dot ends a single
    // letter ("j. smith") or an ellipsis runs on. What follows is read in place, as the first code point of
    // `clean.slice(i + 1, i + 4).trimStart()` (that copy and its trimmed copy were made per sentence end).
    const opening = firstCodePointAfterSpace(clean, i + 1, Math.min(clean.length, i + 4));
    if (opening !== -1 && !mayOpenSentence(opening)) continue;
    if (
      opening !== -1 &&
      isLowercase(opening) &&
      (SINGLE_LETTER_END.test(clean.slice(Math.max(0, i - 2), i)) || clean[i - 1] === '.')
    )
      continue;
    push(i + 1);
  }
  push(clean.length);
  return sentences;
}

/**
 * Whether the letters and dots just before `at`, at most eight characters back (as /([A-Za-z.]+)$/ on those
 * eight), are an abbreviation; compared in place (a copy of them per full stop was most of what this cost).
 */
function endsWithAbbreviation(text: string, at: number): boolean {
  const limit = Math.max(0, at - 8);
  let i = at;
  while (i > limit) {
    const c = text.charCodeAt(i - 1);
    if (!(isAsciiLetter(c) || c === 46)) break;
    i--;
  }
  for (const a of ABBREVIATIONS) if (a.length === at - i && text.startsWith(a, i)) return true;
  return false;
}

/** The first code point in [from, to) after white space, or -1 when there is none; a pair cut by `to` is its first half. */
function firstCodePointAfterSpace(text: string, from: number, to: number): number {
  const i = spaceEnd(text, from, to);
  if (i >= to) return -1;
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return (c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  }
  return c;
}

/** Whether a sentence may open with this code point (MAY_OPEN_SENTENCE; ASCII without the expression). */
function mayOpenSentence(point: number): boolean {
  if (point < 128)
    return isAsciiLetterOrDigit(point) || OPENING_PUNCTUATION.includes(String.fromCharCode(point));
  return MAY_OPEN_SENTENCE.test(String.fromCodePoint(point));
}
const OPENING_PUNCTUATION = `"'*_(-:`;

/** Whether the code point is a lowercase letter (LOWERCASE_START; ASCII without the expression). */
function isLowercase(point: number): boolean {
  if (point < 128) return isLowerLetter(point);
  return LOWERCASE_START.test(String.fromCodePoint(point));
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** Whether `text` holds a letter or a digit (Unicode) between two offsets, as /[\p{L}\p{N}]/u on that slice. */
export function hasLetterOrDigit(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isAsciiLetterOrDigit(c)) return true;
    if (c > 127) {
      // A pair cut by `to` is a lone surrogate, as in the slice.
      const point = i + 1 < to ? text.codePointAt(i)! : c;
      if (LETTER_OR_DIGIT.test(String.fromCodePoint(point))) return true;
      if (point > 0xffff) i++;
    }
  }
  return false;
}

/**
 * How many pieces `text.slice(from, to).split(/\s+/)` has (runs of whitespace + 1), without building them.
 */
export function pieces(text: string, from = 0, to = text.length): number {
  let n = 1;
  let inSpace = false;
  for (let i = from; i < to; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (space && !inSpace) n++;
    inSpace = space;
  }
  return n;
}

/** Words of a sentence (wordsOf its lowercased text), read once and kept on it. */
export function sentenceWords(s: Sentence): string[] {
  if (!s.words) s.words = wordsOf(s.lower);
  return s.words;
}

/** Words of a text: letters, digits, apostrophes and inner dashes. */
export function wordsOf(text: string): string[] {
  // Most answers are ASCII: read by hand (as /[A-Za-z0-9][A-Za-z0-9'\-.%$]*/g would match) into a reused
  // scratch array, then copied at their count; each word is the one interned string for it (see intern.ts), so the
  // scratch holds nothing the table does not.
  if (!ASCII_ONLY.test(text)) return text.match(UNICODE_WORD) ?? [];
  let n = 0;
  for (let i = 0; i < text.length; ) {
    if (!isAsciiLetterOrDigit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    for (i++; i < text.length && isWordInside(text.charCodeAt(i)); i++);
    wordScratch[n++] = internSlice(text, start, i);
  }
  return wordScratch.slice(0, n);
}
const wordScratch: string[] = [];

/** [A-Za-z0-9'\-.%$] */
function isWordInside(c: number): boolean {
  return isAsciiLetterOrDigit(c) || c === 39 || c === 45 || c === 46 || c === 37 || c === 36;
}
const ASCII_ONLY = /^[\x00-\x7F]*$/;
const UNICODE_WORD = /[\p{L}\p{N}][\p{L}\p{N}'’\-.%$]*/gu;

/** The number of words wordsOf would return, without building them. */
export function countWords(text: string): number {
  if (!ASCII_ONLY.test(text)) return wordsOf(text).length;
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inWord) inWord = isWordInside(c);
    else if (isAsciiLetterOrDigit(c)) {
      n++;
      inWord = true;
    }
  }
  return n;
}

// Whitespace that `replace(/\s+/g, ' ')` would change: a run of two or more, or any other than a plain space.
const SPACING_TO_COLLAPSE = /\s\s|[^\S ]/;
const TRAILING_PUNCTUATION = /[,;:.\s]+$/;

/** Shortens a quote to at most `max` characters around its middle, on word boundaries. */
export function trimQuote(text: string, max = 120): string {
  // Most quotes have only single spaces: the test spares a copy of the whole sentence.
  const t = (SPACING_TO_COLLAPSE.test(text) ? text.replace(/\s+/g, ' ') : text).trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > max / 2 ? space : max).replace(TRAILING_PUNCTUATION, '')}…`;
}
