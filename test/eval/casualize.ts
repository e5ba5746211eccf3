/**
 * A mechanical retyping of an answer the way people type in Slack: no STAR labels, all lowercase (so "I"
 * becomes "i"), contractions without apostrophes, "%" as " pct", "and" for some sentence breaks, emoji codes.
 * Same words, same numbers; only the form changes. Used to check that form alone does not move a score.
 */
export function casualize(text: string, seed = 0): string {
  const labels =
    /^[ \t]*(?:[-*•>]+[ \t]*)?(?:\d+[.)][ \t]*)?(?::[a-z0-9_+-]+:[ \t]*)*[*_]{0,2}(?:situation|task|action|actions|result|results|reflection|learnings?|lessons? learned|what i learned|s|t|a|r|l)[*_]{0,2}[ \t]*[:\-–—)][*_]{0,2}[ \t]*/gim;
  let out = text.replace(labels, '').replace(/\*\*|__/g, '');
  out = out
    .replace(/\bI am\b/g, 'im')
    .replace(/\bI'm\b/g, 'im')
    .replace(/\bdid not\b/gi, 'didnt')
    .replace(/\bwas not\b/gi, 'wasnt')
    .replace(/n't\b/g, 'nt')
    .replace(/(\d)\s*%/g, '$1 pct')
    .replace(/\bpercent\b/gi, 'pct')
    .replace(/\bpeople\b/gi, 'ppl')
    .replace(/\bbecause\b/gi, 'bc');
  // Join some sentences into run-ons, as people do when they type fast.
  let n = seed;
  out = out.replace(/\.\s+(?=[A-Z])/g, () => (n++ % 3 === 1 ? ' and ' : '. '));
  out = out.toLowerCase().replace(/\n{2,}/g, '\n');
  return `${out.trim()} :sweat_smile:`;
}
