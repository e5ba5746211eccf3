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
