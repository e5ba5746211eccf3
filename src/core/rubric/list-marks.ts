/**
 * List markers (a bullet, or a number of one or two digits and "." or ")", at the start of a line), read in place
 * where the rubric used regular expressions on copies of the text around each sentence. Sentence splitting reads
 * them forwards (the marker a sentence starts with) and the individual-contribution dimension backwards (the marker
 * before a sentence), with the same rules. Each function names the expression it stands for;
 * test/core/rubric/list-marks.test.ts checks that they agree on seeded random text.
 */
import { isDigit } from './chars.js';

/** [-*•>] */
function isBullet(c: number): boolean {
  return c === 45 || c === 42 || c === 0x2022 || c === 62;
}

/** "." or ")" after a list number. */
function closesListNumber(c: number): boolean {
  return c === 46 || c === 41;
}

/** [ \t] */
function isSpaceOrTab(c: number): boolean {
  return c === 32 || c === 9;
}

/** Whether only spaces or tabs stand between a line's start (or `from`) and `at`. */
function opensLine(text: string, from: number, at: number): boolean {
  let i = at;
  while (i > from && isSpaceOrTab(text.charCodeAt(i - 1))) i--;
  return i === from || text.charCodeAt(i - 1) === 10;
}

/**
 * How long a list marker at `at` is, read before `limit`: /^(?:[-*•>]|\d{1,2}[.)])[ \t]+/ on
 * `text.slice(at, limit)` (0 when there is none).
 */
export function listMarkerLength(text: string, at: number, limit: number): number {
  if (at >= limit) return 0;
  let i = at + 1;
  if (!isBullet(text.charCodeAt(at))) {
    // One or two digits, then "." or ")" (with a third digit there, neither reading is followed by one).
    i = at;
    while (i < limit && i - at < 2 && isDigit(text.charCodeAt(i))) i++;
    if (i === at || i >= limit || !closesListNumber(text.charCodeAt(i))) return 0;
    i++;
  }
  let j = i;
  while (j < limit && isSpaceOrTab(text.charCodeAt(j))) j++;
  return j > i ? j - at : 0;
}

/**
 * Whether a list marker stands just before `at`, within the 8 characters before it:
 * /(?:^|\n)[ \t]*(?:[-*•>]|\d{1,2}[.)])[ \t]+$/ on `text.slice(at - 8, at)`.
 */
export function listMarkBefore(text: string, at: number): boolean {
  const from = Math.max(0, at - 8);
  let i = at;
  while (i > from && isSpaceOrTab(text.charCodeAt(i - 1))) i--;
  if (i === at || i === from) return false;
  const c = text.charCodeAt(i - 1);
  if (isBullet(c)) return opensLine(text, from, i - 1);
  if (!closesListNumber(c)) return false;
  // \d{1,2} before the "." or ")": one digit, or two.
  for (let digits = 1; digits <= 2; digits++) {
    const d = i - 1 - digits;
    if (d < from || !isDigit(text.charCodeAt(d))) return false;
    if (opensLine(text, from, d)) return true;
  }
  return false;
}

/**
 * Whether only spaces or tabs and one or two digits come before `at` on its line: /^[ \t]*\d{1,2}$/ on the line up
 * to `at` (a full stop at `at` then numbers a list line rather than ending a sentence).
 */
export function opensListLine(text: string, at: number): boolean {
  let i = at;
  while (i > 0 && at - i < 3 && isDigit(text.charCodeAt(i - 1))) i--;
  const digits = at - i;
  return digits >= 1 && digits <= 2 && opensLine(text, 0, i);
}
