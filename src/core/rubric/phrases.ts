/** A phrase found in the answer: offsets into the cleaned text and whether a negation governs it. */
export interface PhraseMatch {
  start: number;
  end: number;
  phrase: string;
  negated: boolean;
}

export interface PhraseMatcher {
  /** All non-overlapping matches in `lower` (an ASCII-lowercased text). */
  find(lower: string, from?: number, to?: number): PhraseMatch[];
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Turns a lexicon phrase into a regex source: `*` = any word ending, `_` = any one word. */
function phraseSource(phrase: string): string {
  return phrase
    .trim()
    .split(/\s+/)
    .map((word) => {
      if (word === '_') return "[a-z0-9'-]+";
      const star = word.endsWith('*');
      const body = escapeRegex(star ? word.slice(0, -1) : word).replace(/'/g, "'");
      return star ? `${body}[a-z0-9'-]*` : body;
    })
    .join('[\\s,]+');
}

/** Negation words in front of a phrase, within the same clause (at most 4 words back). */
const NEGATION_WINDOW = 32;

/**
 * Compiles a phrase list into one matcher. Longer phrases win over shorter ones at the same place.
 * `negations` are checked in the few words before each match.
 */
export function compilePhrases(phrases: readonly string[], negations: readonly string[] = []): PhraseMatcher {
  const sorted = [...new Set(phrases.map((p) => p.trim().toLowerCase()))].sort((a, b) => b.length - a.length);
  const regex = new RegExp(`(?<![a-z0-9'])(?:${sorted.map(phraseSource).join('|')})(?![a-z0-9])`, 'g');
  const negation = negations.length
    ? new RegExp(`(?<![a-z0-9'])(?:${negations.map(phraseSource).join('|')})(?![a-z0-9'])[^.;!?]*$`)
    : null;
  return {
    find(lower, from = 0, to = lower.length) {
      const out: PhraseMatch[] = [];
      regex.lastIndex = from;
      for (let m = regex.exec(lower); m && m.index < to; m = regex.exec(lower)) {
        const end = m.index + m[0].length;
        if (end > to) break;
        let negated = false;
        if (negation) {
          const before = lower.slice(Math.max(from, m.index - NEGATION_WINDOW), m.index);
          const clause = before.split(/[,;:.!?]|\bbut\b|\bso\b|\band then\b/).pop() ?? '';
          negated = negation.test(clause);
        }
        out.push({ start: m.index, end, phrase: m[0], negated });
      }
      return out;
    },
  };
}
