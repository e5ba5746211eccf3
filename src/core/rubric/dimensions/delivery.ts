import type { Dimension } from '../types.js';
import type { RateContext } from './context.js';

/** Delivery time: estimated speaking time against the level's budget. Coached; length alone is not scored. */
export function rateDelivery(ctx: RateContext, totalSeconds: number, targetSeconds: number): Dimension {
  const { r, budget } = ctx;
  const ratio = totalSeconds / targetSeconds;
  let rating = 4;
  if (ratio > 2) rating = 0;
  else if (ratio > 1.35 || ratio < 0.32) rating = 1;
  else if (ratio > 1.2 || ratio < 0.45) rating = 2;
  else if (ratio < 0.65) rating = 3;
  if (ratio > 1.35) ctx.raise('over_time', r.last.text);
  if (ratio < 0.32) ctx.raise('under_time', r.first.text);
  const situationSeconds = Math.round((r.sectionWords.situation / ctx.wordsPerMinute) * 60);
  if (situationSeconds > budget.situation * 1.6 && situationSeconds > 20) {
    ctx.raise('long_situation', r.seg.bySection.situation[0]!.text);
    rating = Math.max(0, rating - 1);
  }
  return {
    id: 'delivery_time',
    rating,
    evidence: [`about ${totalSeconds} s spoken vs a ${targetSeconds} s budget`],
    note:
      ratio > 1.2
        ? 'Long: cut the setup first.'
        : ratio < 0.65
          ? 'Short for an interview answer: have more detail ready on your steps and the result.'
          : 'About the right length.',
  };
}
