import { isLowerLetterOrDigit } from './chars.js';
import { internSlice } from './intern.js';

/**
 * Words of an answer as people type them in Slack: contractions with or without the apostrophe
 * ("wasn't", "wasnt", "was not" are one reading), casual spellings ("ppl", "pct", "bc", "thru") and the
 * filler adverbs that sit inside a phrase without changing it ("it wasn't *really* my area").
 * Offsets always point into the original text, so quotes stay the person's own words.
 */
/**
 * The tokens of a text, one column per field (an object per token was a sixth of what scoring allocated).
 * Token `i` is `word[i]`, from `start[i]` to `end[i]`.
 */
export interface Tokens {
  count: number;
  start: Int32Array;
  end: Int32Array;
  /** The canonical word ("not" for the "n't" of "wasn't"). */
  word: string[];
  /** 1 when only spaces or commas separate it from the token before (so a phrase may continue into it). */
  joined: Uint8Array;
}

// Columns filled by tokenize, then copied at their exact length; grown when a text needs more. tokenize runs to
// the end before it returns, so one set serves every call (the words left in it are interned strings, kept anyway).
let scratchStart = new Int32Array(1024);
let scratchEnd = new Int32Array(1024);
let scratchJoined = new Uint8Array(1024);
const scratchWord: string[] = [];

function pushToken(n: number, start: number, end: number, word: string, joined: boolean): void {
  if (n === scratchStart.length) {
    const starts = new Int32Array(n * 2);
    const ends = new Int32Array(n * 2);
    const joins = new Uint8Array(n * 2);
    starts.set(scratchStart);
    ends.set(scratchEnd);
    joins.set(scratchJoined);
    scratchStart = starts;
    scratchEnd = ends;
    scratchJoined = joins;
  }
  scratchStart[n] = start;
  scratchEnd[n] = end;
  scratchWord[n] = word;
  scratchJoined[n] = joined ? 1 : 0;
}

/** Only spaces and commas between two offsets. */
function isGap(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 44 && c !== 10 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** Contractions and their readings; the apostrophe-less spellings people type are listed too. */
const EXPANSION_LIST: Record<string, string[]> = {};
const NOT_BASES = [
  'was',
  'is',
  'are',
  'were',
  'did',
  'do',
  'does',
  'has',
  'have',
  'had',
  'could',
  'should',
  'would',
  'must',
  'need',
];
for (const base of NOT_BASES) {
  EXPANSION_LIST[`${base}n't`] = [base, 'not'];
  EXPANSION_LIST[`${base}nt`] = [base, 'not'];
}
Object.assign(EXPANSION_LIST, {
  "can't": ['can', 'not'],
  cant: ['can', 'not'],
  cannot: ['can', 'not'],
  "won't": ['will', 'not'],
  "ain't": ['is', 'not'],
  "i'm": ['i', 'am'],
  im: ['i', 'am'],
  "i've": ['i', 'have'],
  ive: ['i', 'have'],
  "i'd": ['i', 'would'],
  "i'll": ['i', 'will'],
  "we're": ['we', 'are'],
  "we've": ['we', 'have'],
  "we'd": ['we', 'would'],
  "we'll": ['we', 'will'],
  "they're": ['they', 'are'],
  theyre: ['they', 'are'],
  "they've": ['they', 'have'],
  "they'd": ['they', 'would'],
  "you're": ['you', 'are'],
  youre: ['you', 'are'],
  "it's": ['it', 'is'],
  "that's": ['that', 'is'],
  thats: ['that', 'is'],
  "there's": ['there', 'is'],
  "what's": ['what', 'is'],
  "let's": ['let', 'us'],
  "should've": ['should', 'have'],
  shouldve: ['should', 'have'],
  shoulda: ['should', 'have'],
  "would've": ['would', 'have'],
  wouldve: ['would', 'have'],
  "could've": ['could', 'have'],
  couldve: ['could', 'have'],
  coulda: ['could', 'have'],
  "must've": ['must', 'have'],
  // Casual spellings
  ppl: ['people'],
  pct: ['percent'],
  bc: ['because'],
  'b/c': ['because'],
  cuz: ['because'],
  coz: ['because'],
  'w/': ['with'],
  'w/o': ['without'],
  thru: ['through'],
  tho: ['though'],
  u: ['you'],
  ur: ['your'],
  mgr: ['manager'],
  approx: ['approximately'],
  yr: ['year'],
  yrs: ['years'],
  wk: ['week'],
  wks: ['weeks'],
  hr: ['hour'],
  hrs: ['hours'],
  mins: ['minutes'],
  secs: ['seconds'],
  mos: ['months'],
  msg: ['message'],
  convo: ['conversation'],
  govt: ['government'],
  dept: ['department'],
  recieved: ['received'],
  acheived: ['achieved'],
  teh: ['the'],
  wiht: ['with'],
  becuase: ['because'],
  realised: ['realized'],
  analysed: ['analyzed'],
  prioritised: ['prioritized'],
  organised: ['organized'],
  optimised: ['optimized'],
  utilised: ['utilized'],
  standardised: ['standardized'],
});

const EXPANSIONS = new Map(Object.entries(EXPANSION_LIST));

/** Adverbs that may sit inside a phrase without changing what it says ("it wasn't really my area"). */
export const FILLERS = new Set([
  'really',
  'even',
  'actually',
  'technically',
  'officially',
  'strictly',
  'exactly',
  'quite',
  'just',
  'totally',
  'entirely',
  'basically',
  'literally',
  'honestly',
  'formally',
  'directly',
  'originally',
  'ever',
  'still',
  'also',
  'like',
  'kinda',
  'sorta',
  'had',
  'once',
]);

/** Reads one raw word as one or more canonical words. */
export function canonical(word: string): string[] {
  return EXPANSIONS.get(word) ?? [word];
}

/**
 * Tokens of an ASCII-lowercased text (see cleanAnswer), with contractions and casual spellings read. A word is
 * letters and digits with inner apostrophes, slashes, dots or dashes ("team's", "a/b", "0.3", "cross-team"),
 * scanned by hand: a regular expression's match array per word was a tenth of what scoring allocated.
 */
export function tokenize(lower: string): Tokens {
  let count = 0;
  let prevEnd = -1;
  const n = lower.length;
  let i = 0;
  while (i < n) {
    if (!isLowerLetterOrDigit(lower.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    for (;;) {
      while (i < n && isLowerLetterOrDigit(lower.charCodeAt(i))) i++;
      const c = lower.charCodeAt(i);
      if (
        (c === 39 || c === 47 || c === 46 || c === 45) &&
        i + 1 < n &&
        isLowerLetterOrDigit(lower.charCodeAt(i + 1))
      )
        i += 2;
      else break;
    }
    let end = i;
    let raw = internSlice(lower, start, end);
    // "w/" and "b/c" end in a slash the word pattern leaves out.
    if (lower.charCodeAt(end) === 47 && (raw === 'w' || raw === 'b')) {
      raw = `${raw}/`;
      end++;
      i = end;
    }
    const joined = prevEnd >= 0 && isGap(lower, prevEnd, start);
    const words = EXPANSIONS.get(raw);
    if (!words) pushToken(count++, start, end, raw, joined);
    else for (let k = 0; k < words.length; k++) pushToken(count++, start, end, words[k]!, k > 0 || joined);
    prevEnd = end;
  }
  const tokens: Tokens = {
    count,
    start: scratchStart.slice(0, count),
    end: scratchEnd.slice(0, count),
    word: scratchWord.slice(0, count),
    joined: scratchJoined.slice(0, count),
  };
  return tokens;
}
