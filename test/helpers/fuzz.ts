import { expect } from 'vitest';

/**
 * Seeded random texts for checking a hand-written scanner against the regular expression it stands for: texts
 * joined from `pieces` (the expression's words, parts of them, boundaries and white space), so its edge cases
 * come up often. The seed is fixed, so a failure repeats.
 */
export function* randomTexts(
  pieces: readonly string[],
  n: number,
  maxPieces = 7,
  seed = 12345,
): Generator<string> {
  let s = seed;
  const next = (k: number) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 8) % k;
  };
  for (let i = 0; i < n; i++) {
    let text = '';
    for (let parts = 1 + next(maxPieces); parts > 0; parts--) text += pieces[next(pieces.length)]!;
    yield text;
  }
}

/** White space as pieces of random texts: a single space most often, as between words. */
export const SPACES: readonly string[] = [' ', ' ', ' ', '  ', '\t', '\n'];

/** Every window [from, to) of `text`: readers that take a window of a longer text are checked on each. */
export function* windows(text: string): Generator<[number, number]> {
  for (let from = 0; from <= text.length; from++)
    for (let to = from; to <= text.length; to++) yield [from, to];
}

/**
 * Compares a hand-written reader with the expression it stands for, one check at a time, and at the end asks that
 * the checks reached both answers of the expression (a match and none) more than `share` of the time each, so that
 * agreeing with it means something.
 */
export function agreement(share: number): {
  check(got: unknown, expected: unknown, matched: boolean, where: () => string): void;
  done(): void;
} {
  let checked = 0;
  let matches = 0;
  return {
    check(got, expected, matched, where) {
      if (got !== expected) expect.fail(`${where()}: expected ${String(expected)}, got ${String(got)}`);
      checked++;
      if (matched) matches++;
    },
    done() {
      expect(matches).toBeGreaterThan(checked * share);
      expect(checked - matches).toBeGreaterThan(checked * share);
    },
  };
}
