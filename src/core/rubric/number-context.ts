/**
 * The words just before and after a number, read in place within the same windows the rubric's expressions read
 * (a copy of the 10 to 28 characters around every number was most of what reading a number allocated besides its
 * match). Each function names the expression it stands for; test/core/rubric/number-context.test.ts checks that they
 * agree on every window of seeded random text.
 */
import { isWordCharacter, spaceEnd, spaceStart } from './chars.js';

/** Words looked up by their last or first character, so only a few are compared at each place. */
export class WordList {
  private readonly byLast = new Map<number, string[]>();
  private readonly byFirst = new Map<number, string[]>();

  constructor(words: readonly string[]) {
    for (const w of words) {
      add(this.byLast, w.charCodeAt(w.length - 1), w);
      add(this.byFirst, w.charCodeAt(0), w);
    }
  }

  /** The words that end with this character. */
  endingWith(c: number): readonly string[] {
    return this.byLast.get(c) ?? NONE;
  }

  /** The words that start with this character. */
  startingWith(c: number): readonly string[] {
    return this.byFirst.get(c) ?? NONE;
  }
}

const NONE: readonly string[] = [];

function add(index: Map<number, string[]>, c: number, word: string): void {
  const words = index.get(c);
  if (words) words.push(word);
  else index.set(c, [word]);
}

/** Whether one of `words` ends at `end` and starts at a word boundary of the window [from, …) (`\b(?:…)`). */
function wordEndsAt(text: string, from: number, end: number, list: WordList): boolean {
  if (end <= from) return false;
  for (const w of list.endingWith(text.charCodeAt(end - 1))) {
    const start = end - w.length;
    if (start < from || !text.startsWith(w, start)) continue;
    if (start === from || !isWordCharacter(text.charCodeAt(start - 1))) return true;
  }
  return false;
}

/**
 * Whether text[from, to) ends with one of `words` and white space (/\b(?:words)\s*$/ on that window). The words
 * end in letters, so they end where the trailing white space starts.
 */
export function endsWithWord(text: string, from: number, to: number, words: WordList): boolean {
  return wordEndsAt(text, from, spaceStart(text, from, to), words);
}

const CHANGE_WORDS = new WordList(
  'from|to|by|down|up|cut|reduced|reducing|increased|increasing|decreased|dropped|fell|rose|grew|improved|saved|saving|savings|lowered|raised|boosted|shrank|shrunk|trimmed|sped|slashed|gained|lost|went|came|brought|under|below|above|over|only|just|another|extra|additional|more than|less than|fewer than'.split(
    '|',
  ),
);
const CHANGE_QUALIFIERS = new WordList(
  'by|to|from|down|up|about|around|roughly|nearly|almost|over|under|~'.split('|'),
);

/**
 * Whether text[from, to) ends with a word of change, optionally followed by a qualifier ("down to", "by about",
 * "cut ~"), and white space: /\b(?:from|to|by|…|fewer than)\s*(?:by\s*|to\s*|…|~\s*)?$/ on that window.
 */
export function endsWithChange(text: string, from: number, to: number): boolean {
  const end = spaceStart(text, from, to);
  if (wordEndsAt(text, from, end, CHANGE_WORDS)) return true;
  // With a qualifier: it ends where the trailing white space starts (it need not start at a word boundary, and
  // the white space between it and the word of change may be empty).
  if (end <= from) return false;
  for (const q of CHANGE_QUALIFIERS.endingWith(text.charCodeAt(end - 1))) {
    const start = end - q.length;
    if (start < from || !text.startsWith(q, start)) continue;
    if (wordEndsAt(text, from, spaceStart(text, from, start), CHANGE_WORDS)) return true;
  }
  return false;
}

const CHANGE_AFTER_WORDS = new WordList(
  'faster|slower|fewer|less|lower|higher|more|cheaper|smaller|bigger|larger|quicker|shorter|reduction|increase|decrease|drop|decline|improvement|gain|growth|savings|saving|uplift|lift|boost|cut|down|up|better|jump'.split(
    '|',
  ),
);

/**
 * Whether text[from, to) starts with white space and a word of change ending at a word boundary of the window:
 * /^\s*(?:faster|slower|…|savings?|…|jump)\b/ on that window.
 */
export function startsWithChange(text: string, from: number, to: number): boolean {
  const start = spaceEnd(text, from, to);
  if (start >= to) return false;
  for (const w of CHANGE_AFTER_WORDS.startingWith(text.charCodeAt(start))) {
    const end = start + w.length;
    if (end > to || !text.startsWith(w, start)) continue;
    if (end === to || !isWordCharacter(text.charCodeAt(end))) return true;
  }
  return false;
}

const ARROWS = ['->', '→', '=>', '-->'];
const ARROW_OR_TO = [...ARROWS, 'to', 'down to', 'up to'];

/** Whether text[from, to) starts with white space and an arrow: /^\s*(?:->|→|=>|-->)/ on that window. */
export function startsWithArrow(text: string, from: number, to: number): boolean {
  const start = spaceEnd(text, from, to);
  for (const a of ARROWS) if (start + a.length <= to && text.startsWith(a, start)) return true;
  return false;
}

/**
 * Whether text[from, to) is only an arrow or "to" between white space: /^\s*(?:->|→|=>|-->|to|down to|up to)\s*$/
 * on that window.
 */
export function onlyArrowBetween(text: string, from: number, to: number): boolean {
  if (from >= to) return false;
  const start = spaceEnd(text, from, to);
  const end = spaceStart(text, start, to);
  for (const a of ARROW_OR_TO) if (end - start === a.length && text.startsWith(a, start)) return true;
  return false;
}
