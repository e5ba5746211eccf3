/**
 * Numbers as people write them: digits ("31", "1,200", "4.5"), words ("two weeks", "a third", "twenty-five"),
 * units ("%", "pct", "percent", "$40k", "2.3M", "x3", "3x", "ms", "hrs") and changes ("from 12% to 2%",
 * "4.1% -> 0.2%", "cut by half", "down to 22 percent", "doubled"). One pass of one pattern over the text.
 */

import { isDigit } from './chars.js';
import { internSlice } from './intern.js';
import {
  endsWithChange,
  endsWithWord,
  onlyArrowBetween,
  startsWithArrow,
  startsWithChange,
  WordList,
} from './number-context.js';

export type QuantityKind = 'percent' | 'money' | 'multiplier' | 'duration' | 'count' | 'plain' | 'year';

export interface Quantity {
  start: number;
  end: number;
  kind: QuantityKind;
  /** The value when it can be read (40k → 40000, "two" → 2), else null. */
  value: number | null;
  /** The number is part of a change: a before/after, a "by N", a "down to", a "doubled". */
  change: boolean;
  /** The noun counted ("12 teams" → "teams"), for counts. */
  noun: string | null;
}

const SMALL: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  dozen: 12,
  hundred: 100,
  thousand: 1000,
  million: 1e6,
  billion: 1e9,
  half: 0.5,
  third: 1 / 3,
  quarter: 0.25,
};
const WORD_NUMBER =
  '(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|dozen|hundred|thousand|million|billion|half|a third|a quarter|two thirds)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine|hundred|thousand|million|billion))*';
const DIGITS = '\\d+(?:,\\d{3})*(?:\\.\\d+)?';
const SCALE = '(?:k|m|mm|bn|b|million|billion|thousand)';
const UNIT_PERCENT = '(?:%|percent|per cent|pct|percentage points?|pp|bps|basis points)';
const UNIT_TIME =
  '(?:ms|milliseconds?|s|secs?|seconds?|mins?|minutes?|hrs?|hours?|h|days?|weeks?|wks?|months?|mos|quarters?|years?|yrs?|sprints?)';
const MONEY_WORD = '(?:dollars?|usd|eur|euros?|pounds?|gbp)';

// One alternation, tried left to right at each place: money first, then multipliers, then a number with a unit.
// Numbered groups (see GROUP), not named ones: a named match builds a groups object per number, which was a
// tenth of what scoring allocated.
const QUANTITY = new RegExp(
  [
    `([$€£]\\s?${DIGITS}(?:\\s?${SCALE}\\b)?)`,
    `(\\b(?:${DIGITS}|${WORD_NUMBER})\\s?${SCALE}?\\s?${MONEY_WORD}\\b)`,
    `(\\bx\\s?${DIGITS}\\b)`,
    `(\\b${DIGITS}\\s?(?:x|times|fold)\\b)`,
    `(\\b(?:doubled|tripled|quadrupled|halved|twice|threefold|tenfold|cut in half|by half)\\b)`,
    `((?<![\\w.])(?:${DIGITS}|${WORD_NUMBER})(?:\\s?(${SCALE})\\b)?)(?:\\s?(${UNIT_PERCENT})(?![a-z])|\\s?(${UNIT_TIME})\\b|\\s+(?:of\\s+)?(?:our\\s+|the\\s+|my\\s+|their\\s+)?([a-z][a-z-]{2,}))?`,
  ].join('|'),
  'g',
);
/** The capture group of each part of QUANTITY. */
const GROUP = {
  money1: 1,
  money2: 2,
  mult1: 3,
  mult2: 4,
  mult3: 5,
  num: 6,
  scale: 7,
  pct: 8,
  time: 9,
  noun: 10,
} as const;

// Words after a number that are not what it counts ("3 of", "2 and"), and words before that make it an ordinal.
const NOT_NOUN = new Set(
  'and or of to in on at by for from with the a an was were is are but so that than then as per into over under out up down more less fewer later earlier ago before after each every times during when while until since because i we he she they it my our you your his her their this these those there which who what where also had has have did'.split(
    ' ',
  ),
);
// Words that make the number after them an ordinal ("week 3"), or a year ("since 2019"); see endsWithWord.
const ORDINAL_BEFORE = new WordList(
  'week|day|step|level|version|v|page|room|grade|year|phase|sprint|round|chapter|number|no|top|q|p'.split(
    '|',
  ),
);
// Expressions used per number live here, not as literals in the loop: a literal is a new object each time it
// is evaluated.
const COMMAS = /,/g;
const SCALE_WORD = /(k|m|mm|bn|b|million|billion|thousand)\b/;
const YEAR = /^(?:19|20)\d\d$/;
const YEAR_BEFORE = new WordList(
  'in|since|by|during|of|until|from|early|late|mid|spring|summer|fall|autumn|winter|around'.split('|'),
);
const POSSESSIVE = /'s$/;
const LEAD_OUT = /\s+(?:of\s+)?(?:our\s+|the\s+|my\s+|their\s+)?$/;
const A_DIGIT = /\d/;

function isWordSeparator(c: number): boolean {
  return c === 45 || c === 32;
}

function wordValue(text: string): number | null {
  let total = 0;
  let current = 0;
  let any = false;
  // The pieces of text.split(/[- ]+/), read in place (each an interned string; empty pieces count for nothing).
  for (let i = 0; i < text.length; ) {
    if (isWordSeparator(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && !isWordSeparator(text.charCodeAt(i))) i++;
    const v = SMALL[internSlice(text, start, i)];
    if (v === undefined) continue;
    any = true;
    if (v === 100 || v >= 1000) {
      current = (current || 1) * v;
      if (v >= 1000) {
        total += current;
        current = 0;
      }
    } else current += v;
  }
  if (text === 'two thirds') return 2 / 3;
  return any ? total + current : null;
}

/** The first run of digits in `text` with its thousands commas and decimals (as DIGITS), read without a match array. */
function firstDigits(text: string): string | undefined {
  let start = 0;
  while (start < text.length && !isDigit(text.charCodeAt(start))) start++;
  if (start === text.length) return undefined;
  let end = start;
  while (end < text.length && isDigit(text.charCodeAt(end))) end++;
  // (?:,\d{3})*: a comma and three digits, as often as they follow.
  while (
    text.charCodeAt(end) === 44 &&
    isDigit(text.charCodeAt(end + 1)) &&
    isDigit(text.charCodeAt(end + 2)) &&
    isDigit(text.charCodeAt(end + 3))
  )
    end += 4;
  if (text.charCodeAt(end) === 46 && isDigit(text.charCodeAt(end + 1))) {
    end += 2;
    while (end < text.length && isDigit(text.charCodeAt(end))) end++;
  }
  return text.slice(start, end);
}

function amountOf(num: string, scale: string | undefined): number | null {
  const digits = firstDigits(num);
  let v = digits ? Number(digits.replace(COMMAS, '')) : wordValue(num.trim());
  if (v === null || Number.isNaN(v)) return null;
  if (scale === 'k' || scale === 'thousand') v *= 1e3;
  else if (scale === 'm' || scale === 'mm' || scale === 'million') v *= 1e6;
  else if (scale === 'b' || scale === 'bn' || scale === 'billion') v *= 1e9;
  return v;
}

/** Every number in an ASCII-lowercased text, with its kind and whether it states a change. */
export function findQuantities(lower: string): Quantity[] {
  const out: Quantity[] = [];
  QUANTITY.lastIndex = 0;
  for (let m = QUANTITY.exec(lower); m; m = QUANTITY.exec(lower)) {
    const start = m.index;
    let end = start + m[0].length;
    let kind: QuantityKind;
    let value: number | null = null;
    let noun: string | null = null;
    if (m[GROUP.money1] || m[GROUP.money2]) {
      kind = 'money';
      const scale = SCALE_WORD.exec(m[0])?.[1];
      value = amountOf(m[0], scale);
    } else if (m[GROUP.mult1] || m[GROUP.mult2] || m[GROUP.mult3]) {
      kind = 'multiplier';
      value = m[GROUP.mult3] ? null : amountOf(m[0], undefined);
    } else {
      const num = m[GROUP.num]!;
      const scale = m[GROUP.scale];
      const counted = m[GROUP.noun];
      const yearLike = YEAR.test(num) && endsWithWord(lower, Math.max(0, start - 10), start, YEAR_BEFORE);
      if (yearLike) kind = 'year';
      else if (m[GROUP.pct]) kind = 'percent';
      else if (m[GROUP.time]) kind = 'duration';
      else if (counted && !NOT_NOUN.has(counted)) {
        kind = 'count';
        noun = counted.replace(POSSESSIVE, '');
      } else if (scale) kind = 'count';
      else kind = 'plain';
      if (counted && noun === null) {
        // The word after the number is not what it counts: the quantity ends before it.
        end = start + m[0].slice(0, m[0].lastIndexOf(counted)).replace(LEAD_OUT, '').length;
        QUANTITY.lastIndex = end;
      }
      if (kind === 'plain' && YEAR.test(num)) kind = 'year';
      // "a hundred" without a noun, "one of", "half of": words that are not amounts.
      if (kind === 'year' || kind === 'plain') {
        end = start + num.length;
        QUANTITY.lastIndex = end;
      }
      if (kind === 'plain' && !A_DIGIT.test(num)) continue;
      if (
        (kind === 'plain' || kind === 'count') &&
        endsWithWord(lower, Math.max(0, start - 12), start, ORDINAL_BEFORE)
      ) {
        kind = 'plain';
        noun = null;
        end = start + num.length;
        QUANTITY.lastIndex = end;
      }
      if (kind === 'count' && num === 'one' && !A_DIGIT.test(num)) continue;
      // Read only for the numbers kept (words like "one" and "half" are mostly dropped above).
      value = amountOf(num, scale);
    }
    // The 28 characters before and the 24 after, read in place (see number-context.ts).
    const after = Math.min(lower.length, end + 24);
    const change =
      kind === 'multiplier' ||
      endsWithChange(lower, Math.max(0, start - 28), start) ||
      startsWithChange(lower, end, after) ||
      startsWithArrow(lower, end, after);
    out.push({ start, end, kind, value, change, noun });
  }
  // "from 4.1% to 0.2%", "12 -> 3": both ends of an arrow or a from/to are a change.
  for (let i = 1; i < out.length; i++) {
    const a = out[i - 1]!;
    const b = out[i]!;
    if (onlyArrowBetween(lower, a.end, b.start)) {
      a.change = true;
      b.change = true;
    }
  }
  return out;
}

/** Quantities that measure something (not years, not ordinals like "week 3", not bare digits). */
export function isMetric(q: Quantity): boolean {
  return q.kind !== 'year' && q.kind !== 'plain';
}
