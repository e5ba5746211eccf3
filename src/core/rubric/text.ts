import { isAsciiLetter, isAsciiLetterOrDigit, isDigit, isSpace } from './chars.js';
import { internSlice } from './intern.js';

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

const ABBREVIATIONS = new Set([
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
  'approx',
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
const CLAUSE_TURN =
  /(?:[,;]\s+|\s+[-–—]+\s+|\s+)(?:and then|and so|so|then|and|but|after that|which meant|as a result|in the end)\s+(?=(?:i|i'm|im|i've|ive|i'd|we|we're|it|my|our|they|the|that|this|he|she|abandonment|errors?|latency)\b)|;\s+/g;
const RUN_ON_WORDS = 20;

// Expressions used inside loops live here, not as literals there: a regular expression literal is a new object
// each time it is evaluated, and per character, sentence or number those were a large part of what scoring
// allocated.
const CUT_PUNCTUATION = /^[,;\s–—-]+/;
const SPACE = /\s/;
const LIST_MARKER = /^(?:[-*•>]|\d{1,2}[.)])[ \t]+/;
const MAY_OPEN_SENTENCE = /^[\p{L}\p{N}"'*_•(\-:]/u;
const LOWERCASE_START = /^\p{Ll}/u;
const SINGLE_LETTER_END = /(?:^|[\s(])\p{L}$/u;

/** A long run-on sentence (over RUN_ON_WORDS) split at its clause turns, each piece at least six words; offsets kept. */
function clauses(lower: string, start: number, end: number): Array<[number, number]> {
  const text = lower.slice(start, end);
  const out: Array<[number, number]> = [];
  let from = 0;
  CLAUSE_TURN.lastIndex = 0;
  for (let m = CLAUSE_TURN.exec(text); m; m = CLAUSE_TURN.exec(text)) {
    const cut = m.index;
    const next = m.index + m[0].length;
    if (pieces(text, from, cut) < 6 || pieces(text, next) < 6) continue;
    out.push([start + from, start + cut]);
    from = cut + (m[0].match(CUT_PUNCTUATION)?.[0].length ?? 0);
  }
  out.push([start + from, end]);
  return out;
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
    while (s < e && SPACE.test(clean[s]!)) s++;
    // A list marker ("- ", "• ", "3. ") is layout, not words of the sentence.
    s += LIST_MARKER.exec(clean.slice(s, Math.min(e, s + 6)))?.[0].length ?? 0;
    while (e > s && SPACE.test(clean[e - 1]!)) e--;
    if (e > s && hasLetterOrDigit(clean, s, e)) {
      // Most sentences are short enough to need no clause split (and no copy to look for one).
      if (pieces(lower, s, e) <= RUN_ON_WORDS) add(s, e);
      else for (const [a, b] of clauses(lower, s, e)) add(a, b);
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
    if (next !== undefined && !SPACE.test(next) && next !== '"' && next !== ')') continue;
    // "1." or "2)" opening a list line is a number, not the end of a sentence.
    if (ch === '.' && opensListLine(clean, i)) continue;
    if (ch === '.' && ABBREVIATIONS.has(wordBefore(lower, i))) continue;
    // Split before a capital, a digit, a quote, a bullet or the end; people typing in lowercase start
    // sentences in lowercase too, so a lowercase word after ". " starts one unless the dot ends a single
    // letter ("j. smith") or an ellipsis runs on.
    const rest = clean.slice(i + 1, i + 4).trimStart();
    if (rest && !MAY_OPEN_SENTENCE.test(rest)) continue;
    if (
      rest &&
      LOWERCASE_START.test(rest) &&
      (SINGLE_LETTER_END.test(clean.slice(Math.max(0, i - 2), i)) || clean[i - 1] === '.')
    )
      continue;
    push(i + 1);
  }
  push(clean.length);
  return sentences;
}

/** Whether only spaces or tabs and one or two digits come before `at` on its line (as /^[ \t]*\d{1,2}$/ on it). */
function opensListLine(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && at - i <= 3 && isDigit(text.charCodeAt(i))) i--;
  const digits = at - 1 - i;
  if (digits < 1 || digits > 2) return false;
  while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i--;
  return i < 0 || text.charCodeAt(i) === 10;
}

/** The letters and dots just before `at`, at most eight characters back (as /([A-Za-z.]+)$/ on those eight). */
function wordBefore(text: string, at: number): string {
  const limit = Math.max(0, at - 8);
  let i = at;
  while (i > limit) {
    const c = text.charCodeAt(i - 1);
    if (!(isAsciiLetter(c) || c === 46)) break;
    i--;
  }
  return i === at ? '' : text.slice(i, at);
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
