import { sentenceWords } from '../text.js';
import type { Dimension } from '../types.js';
import type { RateContext } from './context.js';

const STOP = new Set(
  'the a an and i to of in was we it my for that on with is this our had as by at from but so they he she not be were have their me about would could should there which what when where'.split(
    ' ',
  ),
);

/**
 * Whether the reflection shares `enough` longer words (not stop words) with the rest of the story. The
 * reflection's few words are looked for in the story, which stops at the last one needed (a set of every story
 * word was a tenth of what scoring allocated).
 */
function sharesWords(r: RateContext['r'], enough: number): boolean {
  const wanted = new Set<string>();
  for (const s of r.seg.bySection.reflection)
    for (const w of sentenceWords(s)) if (w.length > 4 && !STOP.has(w)) wanted.add(w);
  if (wanted.size < enough) return false;
  const shared = new Set<string>();
  for (const s of r.seg.sentences) {
    if (r.seg.sectionOf[s.index] === 'reflection') continue;
    for (const w of sentenceWords(s)) if (wanted.has(w) && shared.add(w).size >= enough) return true;
  }
  return false;
}

/** Reflection: specific to the story, naming a cause and a mechanism (required at senior and above). */
export function rateReflection(ctx: RateContext): Dimension {
  const { r, senior, level } = ctx;
  const reflectionText = r.seg.bySection.reflection;
  const tailStart = r.seg.sentences[Math.max(0, r.seg.sentences.length - 3)]!.index;
  const generic = r
    .hits('genericReflection')
    .filter((h) => h.section === 'reflection' || h.section === 'result' || h.sentence.index >= tailStart);
  const systemic = r.hits('systemicReflection', ['reflection']);
  const mechanism = r.hits('mechanism', ['reflection', 'result']);
  let specific = false;
  if (reflectionText.length && r.sectionWords.reflection >= 10) {
    // Specific: the reflection names things from this story (two of its longer words), or a systemic cause.
    specific = systemic.length > 0 || sharesWords(r, 2);
  }
  let rating = 0;
  if (reflectionText.length) {
    rating = specific ? 3 : 1;
    if (specific && (systemic.length || mechanism.length)) rating = 4;
    if (generic.length && !systemic.length) {
      rating = Math.min(rating, 1);
      ctx.raise('generic_reflection', r.quoteOf(generic[0]!));
    }
    // The insight belongs in the reflection; a mechanism told only as part of the result does not count.
    if (senior && !systemic.length && !mechanism.some((h) => h.section === 'reflection')) {
      rating = Math.min(rating, 2);
      ctx.raise('no_systemic_insight', reflectionText[0]!.text);
    }
    if (level === 'sde1' && rating === 3) rating = 4;
  } else if (generic.length) {
    ctx.raise('generic_reflection', r.quoteOf(generic[0]!));
  }
  return {
    id: 'reflection',
    rating,
    evidence: [...systemic, ...mechanism].slice(0, 3).map(r.quoteOf),
    note: !reflectionText.length
      ? 'No reflection.'
      : rating >= 3
        ? 'Specific to this story.'
        : 'Make it specific: the root cause and what you changed because of it.',
  };
}
