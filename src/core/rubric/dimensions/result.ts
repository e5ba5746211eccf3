import { isMetric } from '../numbers.js';
import { trimQuote } from '../text.js';
import type { Dimension } from '../types.js';
import type { RateContext } from './context.js';

// Observable outcomes that count as a result for principles judged on people and trust.
const OBSERVABLE =
  /\b(?:promoted|now leads|led the|leads the|asked me|invited|renewed|signed|adopted|chose|stayed|returned|thanked|approved|agreed|shipped|launched|passed|hired|joined|rejoined|trusted|volunteered|took over|started using|now uses|retained|completed|finished|delivered|won|closed|resolved|went live)\b/;
const PEOPLE_NOUNS =
  /^(?:customers?|users?|clients?|people|engineers?|teams?|orders?|tickets?|merchants?|sellers?|accounts?|patients?|students?|employees?|members?|subscribers?|requests?|hours?|days?|weeks?|incidents?|pages?|complaints?|calls?|sales|leads|deals)$/;

export interface ResultFacts {
  dimension: Dimension;
  /** The ending says only how people felt ("it went well", "the team was happy"): nothing measured or observed. */
  vagueOnly: boolean;
}

/** Quantified result: a measured change, what it was worth, and an effect beyond the fix. */
export function rateResult(ctx: RateContext): ResultFacts {
  const { r, senior, qualitative, level } = ctx;
  const resultPresent = r.seg.bySection.result.length > 0;
  const inResult = (section: string, index: number) =>
    resultPresent
      ? section === 'result' || section === 'reflection'
      : section !== 'situation' && index >= Math.floor(r.seg.sentences.length / 2);
  const placed = r.quantities.filter((q) => inResult(q.section, q.sentence.index));
  const deltas = placed.filter(
    (q) => q.change || (isMetric(q) && q.kind !== 'count' && q.kind !== 'duration'),
  );
  const metrics = placed.filter(isMetric);
  const business = [
    ...r.hits('businessTranslation', ['result', 'reflection']),
    ...placed.filter((q) => q.kind === 'money' || (q.kind === 'count' && PEOPLE_NOUNS.test(q.noun ?? ''))),
  ];
  const secondOrder = r.hits('secondOrder', ['result', 'reflection']);
  const tailStart = r.seg.sentences[Math.max(0, r.seg.sentences.length - 3)]!.index;
  const vague = r
    .hits('vagueEnding')
    .filter((h) => h.section === 'result' || h.section === 'reflection' || h.sentence.index >= tailStart);
  const resultSentences = resultPresent ? r.seg.bySection.result : r.seg.sentences.slice(tailStart);
  const observable = resultSentences.filter((s) => OBSERVABLE.test(s.lower));
  let rating = 0;
  if (deltas.length) rating = 2 + (business.length ? 1 : 0) + (secondOrder.length ? 1 : 0);
  else if (metrics.length) rating = 1 + (business.length || secondOrder.length ? 1 : 0);
  else if (resultPresent && (secondOrder.length || observable.length)) rating = 1;
  if (qualitative && resultPresent && !vague.length && r.sectionWords.result >= 12) {
    const concreteOutcome = observable.length + (metrics.length ? 1 : 0) + (secondOrder.length ? 1 : 0);
    rating = Math.max(rating, concreteOutcome >= 2 ? 4 : concreteOutcome === 1 ? 3 : 2);
  }
  if (senior && rating === 4 && !secondOrder.length) rating = 3;
  if (level === 'sde1' && rating === 3) rating = 4;
  if (vague.length && !deltas.length) {
    ctx.raise('vague_result', r.quoteOf(vague[0]!));
    rating = Math.min(rating, 1);
  }
  if (resultPresent && !deltas.length && rating < 3) {
    ctx.raise('unquantified_result', (r.seg.bySection.result[0] ?? r.last).text);
  }
  const deltaSentences = [...new Set(deltas.map((q) => q.sentence))];
  const vagueOnly = vague.length > 0 && !metrics.length && !observable.length && !secondOrder.length;
  return {
    vagueOnly,
    dimension: {
      id: 'quantified_result',
      rating,
      evidence: [
        ...deltaSentences.slice(0, 2).map((s) => trimQuote(s.text, 90)),
        ...secondOrder.slice(0, 1).map(r.quoteOf),
      ],
      note: deltas.length
        ? secondOrder.length
          ? 'A measured change and an effect beyond the fix.'
          : 'A measured change; add what it was worth or who else benefited.'
        : 'No before-and-after number.',
    },
  };
}
