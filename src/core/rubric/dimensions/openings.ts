/**
 * How a sentence opens, read by hand where the rubric used regular expressions whose match array (and a copy of
 * the text before each sentence) per sentence was a large part of what the individual-contribution dimension
 * allocated. Each function names the expression it stands for; test/core/rubric/openings.test.ts checks that they
 * agree on seeded random text.
 */
import { isLowerLetter, isWordCharacter, spaceEnd } from '../chars.js';
import { internSlice } from '../intern.js';

/** The first `[a-z]+` word at `at` when a word boundary follows it (as `([a-z]+)\b`), else -1; returns its end. */
function wordEndAt(text: string, at: number): number {
  let end = at;
  while (end < text.length && isLowerLetter(text.charCodeAt(end))) end++;
  // A shorter run would end between two letters, where there is no boundary either.
  if (end === at || (end < text.length && isWordCharacter(text.charCodeAt(end)))) return -1;
  return end;
}

/** Whether `text` has one of `words` at `at`, followed by a word boundary. */
function wordAt(text: string, at: number, words: readonly string[]): boolean {
  for (const w of words) {
    if (!text.startsWith(w, at)) continue;
    const after = at + w.length;
    if (after >= text.length || !isWordCharacter(text.charCodeAt(after))) return true;
  }
  return false;
}

const STEP_LEAD_INS = [
  'so',
  'then',
  'and',
  'also',
  'first',
  'next',
  'finally',
  'after that',
  'plus',
  'later',
];
const SUBJECT_LEAD_INS = STEP_LEAD_INS.filter((w) => w !== 'plus');
const NOT_A_STEP_AFTER = ['not', 'it was', 'was', 'were', 'is', 'isnt', "isn't", 'are', 'has', 'had'];

/** The length of `(?:lead-in)\s+` at the start of `text` (0 when none). No lead-in is a prefix of another. */
function leadInLength(text: string, leadIns: readonly string[]): number {
  for (const w of leadIns) {
    if (!text.startsWith(w)) continue;
    const end = spaceEnd(text, w.length);
    return end > w.length ? end : 0;
  }
  return 0;
}

/**
 * The verb of a step told without its subject, as people do in bullets and quick typing ("- wrote the JD", "sent it
 * to them privately"): the first word after an optional lead-in ("then wrote the fix"), unless "not", "was", "is"…
 * follows it; without the lead-in when that fails. The capture of
 * /^(?:(?:so|then|and|also|first|next|finally|after that|plus|later)\s+)?([a-z]+)\b(?!\s+(?:not|it was|was|were|is|isnt|isn't|are|has|had)\b)/,
 * read by hand: its match array per sentence was a large part of what this dimension allocated.
 */
export function impliedVerb(lower: string): string | undefined {
  const lead = leadInLength(lower, STEP_LEAD_INS);
  return (lead > 0 ? stepVerbAt(lower, lead) : undefined) ?? stepVerbAt(lower, 0);
}

function stepVerbAt(text: string, at: number): string | undefined {
  const end = wordEndAt(text, at);
  if (end === -1) return undefined;
  const next = spaceEnd(text, end);
  if (next > end && wordAt(text, next, NOT_A_STEP_AFTER)) return undefined;
  return internSlice(text, at, end);
}

/**
 * The subject a sentence opens with ("then i rewrote" → "i"): the capture of
 * /^(?:(?:so|then|and|also|first|next|finally|after that|later)\s+)?(i|we)\b/, read by hand (see impliedVerb).
 */
export function subjectOpening(lower: string): 'i' | 'we' | undefined {
  const lead = leadInLength(lower, SUBJECT_LEAD_INS);
  return (lead > 0 ? subjectAt(lower, lead) : undefined) ?? subjectAt(lower, 0);
}

const I = ['i'];
const WE = ['we'];

function subjectAt(text: string, at: number): 'i' | 'we' | undefined {
  if (wordAt(text, at, I)) return 'i';
  if (wordAt(text, at, WE)) return 'we';
  return undefined;
}
