import { isLowerLetter, isLowerLetterOrDigit, isWordCharacter } from '../chars.js';
import { internSlice } from '../intern.js';
import { type PhraseMatch, tokensOf } from '../phrases.js';
import type { ListName, Reading } from '../reading.js';
import type { RateContext } from './context.js';
import type { IndividualFacts } from './individual.js';

/** Above this keyword density an answer reads as a keyword list (stuffed answers measure 0.8-0.95). */
const KEYWORD_LIST_DENSITY = 0.6;
const GENERIC_OBJECT_WORDS = new Set(['everything', 'it', 'all', 'things', 'every', 'stuff', 'whatever']);
const TOTAL =
  /\b(?:out of(?: the| our)?|of the|we have|there are|in total|total of)\s+((?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred))\s+([a-z]+?)s?\b(?!\s+(?:of|out))/g;

const COMMAS = /,/g;
const FINAL_S = /s$/;

export interface Stuffing {
  stuffed: boolean;
  /** The person's words that show it. */
  quote: string | null;
}

/**
 * Where "i" and a concrete verb stand, as start and end offsets in one flat list: the matches of /\bi ([a-z]+)/g
 * whose verb is concrete, read by hand (a match array per "i" was most of what this check allocated).
 */
function concreteIVerbs(lower: string, concreteVerbs: ReadonlySet<string>): number[] {
  const out: number[] = [];
  for (let at = lower.indexOf('i ', 0); at !== -1; ) {
    let end = at + 2;
    if (at === 0 || !isWordCharacter(lower.charCodeAt(at - 1)))
      while (end < lower.length && isLowerLetter(lower.charCodeAt(end))) end++;
    if (end === at + 2) {
      at = lower.indexOf('i ', at + 1);
      continue;
    }
    if (concreteVerbs.has(internSlice(lower, at + 2, end))) out.push(at, end);
    at = lower.indexOf('i ', end);
  }
  return out;
}

/** The summed length of the matches (only those not negated when `affirmedOnly`). */
function matchedLength(matches: readonly PhraseMatch[], affirmedOnly: boolean): number {
  let n = 0;
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i]!;
    if (!(affirmedOnly && m.negated)) n += m.end - m.start;
  }
  return n;
}

/** Marks the characters of the matches (only those not negated when `affirmedOnly`). */
function cover(covered: Uint8Array, matches: readonly PhraseMatch[], affirmedOnly: boolean): void {
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i]!;
    if (!(affirmedOnly && m.negated)) covered.fill(1, m.start, m.end);
  }
}

/** Share of the answer's letters and digits inside a rubric phrase, a principle signal or "I + concrete verb". */
function keywordDensity(r: Reading, ctx: RateContext, lists: ListName[], principles: string[]): number {
  const lower = r.text.lower;
  let chars = 0;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (isLowerLetterOrDigit(c)) chars++;
  }
  if (!chars) return 0;
  const iVerbs = concreteIVerbs(lower, ctx.concreteVerbs);
  // Matches overlap at most, so their summed length bounds the density; real answers stay far below it.
  // Indexed loops: for...of over these arrays (of more than one kind, the empty one frozen) built an iterator
  // result per match.
  let bound = 0;
  for (const list of lists) bound += matchedLength(r.matches(list), true);
  for (const p of principles) bound += matchedLength(r.signalMatches(p), false);
  for (let k = 0; k < iVerbs.length; k += 2) bound += iVerbs[k + 1]! - iVerbs[k]!;
  if (bound < KEYWORD_LIST_DENSITY * chars) return bound / chars;
  const covered = new Uint8Array(lower.length);
  for (const list of lists) cover(covered, r.matches(list), true);
  for (const p of principles) cover(covered, r.signalMatches(p), false);
  for (let k = 0; k < iVerbs.length; k += 2) covered.fill(1, iVerbs[k]!, iVerbs[k + 1]!);
  let inside = 0;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (isLowerLetterOrDigit(c)) inside += covered[i]!;
  }
  return inside / chars;
}

/** "I validated, tested, monitored and reproduced everything": verbs listed with no object. */
function verbList(r: Reading, ctx: RateContext, concreteVerbs: number): string | null {
  if (concreteVerbs < 3) return null;
  const tokens = tokensOf(r.text.lower);
  let run = 0;
  for (let i = 0; i < tokens.count; i++) {
    const word = tokens.word[i]!;
    const joined = i > 0 && tokens.joined[i] === 1;
    if (ctx.concreteVerbs.has(word)) {
      run = joined || run === 0 ? run + 1 : 1;
      const next = i + 1 < tokens.count ? tokens.word[i + 1]! : undefined;
      const continues =
        next !== undefined &&
        tokens.joined[i + 1] === 1 &&
        (next === 'and' || next === 'or' || ctx.concreteVerbs.has(next));
      if (continues) continue;
      if (run >= 4 || (run >= 3 && next !== undefined && GENERIC_OBJECT_WORDS.has(next))) {
        const start = tokens.start[i]!;
        const at = r.seg.sentences.find((s) => start >= s.start && start < s.end);
        return at?.text ?? r.first.text;
      }
      run = 0;
    } else if (!(joined && (word === 'and' || word === 'or') && run > 0)) run = 0;
  }
  return null;
}

/** "All 12 of our teams … out of the four teams we have": a part larger than the stated whole. */
function contradictoryNumbers(r: Reading): string | null {
  const totals = new Map<string, number>();
  const value = (raw: string) => {
    const words: Record<string, number> = {
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
      twenty: 20,
      thirty: 30,
      forty: 40,
      fifty: 50,
      hundred: 100,
    };
    return words[raw] ?? Number(raw.replace(COMMAS, ''));
  };
  for (const m of r.text.lower.matchAll(TOTAL)) {
    const noun = m[2]!.replace(FINAL_S, '');
    const v = value(m[1]!);
    if (!Number.isNaN(v)) totals.set(noun, Math.min(totals.get(noun) ?? Number.POSITIVE_INFINITY, v));
  }
  for (const q of r.quantities) {
    if (q.kind !== 'count' || q.value === null || !q.noun) continue;
    const total = totals.get(q.noun.replace(FINAL_S, ''));
    if (total !== undefined && q.value > total) return q.sentence.text;
  }
  return null;
}

/** Claims and keywords in place of concrete steps, or numbers that cannot all be true. */
export function detectStuffing(
  ctx: RateContext,
  individual: IndividualFacts,
  principles: string[],
): Stuffing {
  const { r } = ctx;
  const claims = r.hits('genericClaims');
  if (claims.length) ctx.raise('generic_claims', r.quoteOf(claims[0]!));
  const lists: ListName[] = [
    'scopeBoundary',
    'selfInitiated',
    'escalation',
    'assigned',
    'opportunistic',
    'vagueEnding',
    'assumedSuccess',
    'guessing',
    'passiveHandoff',
    'genericClaims',
    'validation',
    'businessTranslation',
    'secondOrder',
    'systemicReflection',
    'mechanism',
    'genericReflection',
    'tradeOffs',
    'crossTeam',
  ];
  const keywordList = r.words >= 30 && keywordDensity(r, ctx, lists, principles) >= KEYWORD_LIST_DENSITY;
  const listed = verbList(r, ctx, individual.concrete.size);
  const contradiction = contradictoryNumbers(r);
  const claimsOnly = claims.length >= 3 && individual.concreteSteps < 3;
  const quote = keywordList
    ? r.first.text
    : (listed ?? contradiction ?? (claimsOnly ? r.quoteOf(claims[0]!) : null));
  if (quote) ctx.raise('generic_claims', quote);
  return { stuffed: quote !== null, quote };
}
