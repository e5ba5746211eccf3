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

/**
 * The texts reached both answers of the expression often enough (more than `share` of the checks each) for the
 * scanner's agreement with it to mean something.
 */
export function expectBothAnswers(checked: number, matched: number, share: number): void {
  expect(matched).toBeGreaterThan(checked * share);
  expect(checked - matched).toBeGreaterThan(checked * share);
}
