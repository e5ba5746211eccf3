import type { Principle } from '../../content/schema.js';
import { trimQuote } from '../text.js';
import type { Dimension } from '../types.js';
import type { RateContext } from './context.js';

/** Principle fit: the principle's own signals, inside a story with concrete actions. */
export function ratePrincipleFit(
  ctx: RateContext,
  fitPrinciple: Principle | null,
  individual: number,
): Dimension {
  const signals = fitPrinciple ? ctx.r.signals(fitPrinciple.id).filter((h) => !h.negated) : [];
  const distinct = [...new Map(signals.map((h) => [h.phrase, h])).values()];
  const rating = Math.min(4, distinct.length, individual + 1);
  return {
    id: 'principle_fit',
    rating,
    evidence: distinct.slice(0, 5).map((h) => trimQuote(h.phrase, 40)),
    note: fitPrinciple
      ? `${distinct.length} ${distinct.length === 1 ? 'signal' : 'signals'} of ${fitPrinciple.name}${ctx.principle ? '' : ' (the closest principle)'}.`
      : 'No principle given.',
  };
}
