import type { Dimension } from '../types.js';
import type { RateContext } from './context.js';

const SPACE = /\s/;

function firstSpace(text: string): number {
  const at = text.search(SPACE);
  return at === -1 ? text.length : at;
}

/** Rigor: reproduced, tested, monitored, measured, versus assumed or guessed. */
export function rateRigor(ctx: RateContext): Dimension {
  const { r, qualitative } = ctx;
  const validation = r.hits('validation', ['action', 'result', 'reflection']);
  const assumed = [...r.hits('assumedSuccess'), ...r.hits('guessing')];
  // The first word of each phrase (as split(/\s+/)[0]), without splitting the rest.
  const terms = new Set(validation.map((h) => h.phrase.slice(0, firstSpace(h.phrase))));
  let rating = terms.size >= 3 ? 4 : terms.size === 2 ? 3 : terms.size === 1 ? 2 : 1;
  if (assumed.length) {
    rating = Math.min(rating, 1) - (validation.length ? 0 : 1);
    ctx.raise('unverified_fix', r.quoteOf(assumed[0]!));
  } else if (!validation.length && !qualitative && r.sectionWords.action >= 25) {
    const action = r.seg.bySection.action;
    ctx.raise('unverified_fix', (action[action.length - 1] ?? r.last).text);
  }
  return {
    id: 'rigor',
    rating: Math.max(0, rating),
    evidence: validation.slice(0, 4).map(r.quoteOf),
    note: assumed.length
      ? 'Success assumed, not checked.'
      : validation.length
        ? 'You checked your work.'
        : 'No sign you validated the result.',
  };
}
