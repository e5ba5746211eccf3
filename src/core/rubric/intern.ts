/**
 * One string per distinct word. Answers repeat the same few hundred words, and a new string for every word of every
 * answer (its tokens and its sentences' words) was about a fifth of what scoring allocated. A word is found by its
 * characters in the text, so nothing is cut out of the text unless the word is new; the table is open-addressed
 * (linear probing) and starts over when half full.
 */
const SLOTS = 1 << 14;
const MAX_WORDS = SLOTS >> 1;
/** Longer words are rare and are cut out as they are. */
const MAX_LENGTH = 32;

let table: Array<string | undefined> = new Array<string | undefined>(SLOTS).fill(undefined);
let stored = 0;

/** `text.slice(start, end)`, as the one string kept for those characters. */
export function internSlice(text: string, start: number, end: number): string {
  const length = end - start;
  if (length > MAX_LENGTH || length <= 0) return text.slice(start, end);
  // FNV-1a over the UTF-16 code units.
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  const home = (hash >>> 0) & (SLOTS - 1);
  let slot = home;
  for (let word = table[slot]; word !== undefined; word = table[slot]) {
    if (word.length === length && sameCharacters(word, text, start)) return word;
    slot = (slot + 1) & (SLOTS - 1);
  }
  if (stored >= MAX_WORDS) {
    table = new Array<string | undefined>(SLOTS).fill(undefined);
    stored = 0;
    slot = home;
  }
  const word = text.slice(start, end);
  table[slot] = word;
  stored++;
  return word;
}

function sameCharacters(word: string, text: string, start: number): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}
