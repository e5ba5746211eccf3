import { isMetric } from '../numbers.js';
import type { Hit } from '../reading.js';
import { type Sentence, trimQuote } from '../text.js';
import type { Dimension } from '../types.js';
import type { RateContext } from './context.js';

// Observable outcomes that count as a result for principles judged on people and trust.
const OBSERVABLE =
  /\b(?:promoted|now leads|led the|leads the|asked me|invited|renewed|signed|adopted|chose|stayed|returned|thanked|approved|agreed|shipped|launched|passed|hired|joined|rejoined|trusted|volunteered|took over|started using|now uses|retained|completed|finished|delivered|won|closed|resolved|went live|went (?:for|with) (?:it|the|my|our)|signed off|said yes|came around|(?:got|was|were) on board|bought in|introduced (?:us|me)|referred|recommended (?:us|me)|compatible|work(?:s|ed)? (?:together|again|now))\b/;
const OUTCOME =
  /\b(?:drove|brought in|went (?:up|down)|rose|fell|dropped|grew|increased|decreased|reduced|cut|saved|improved|raised|lowered|recovered|resulted|as a result|which (?:cut|saved|took|brought|raised|reduced|meant))\b/;
const APPLIED_LESSON =
  /\b(?:since then|ever since|from then on|on the next (?:project|launch|release|one|team)|applied:|i now|now i|these days i|i've (?:run|used|kept|done|made|set)|have (?:stopped|prevented|caught|kept))\b/;
const FIRST_PERSON = /\b(?:i|we|i'm|we're|i've|we've|i'd|my|our)\b/;
const PEOPLE_NOUNS =
  /^(?:customers?|users?|clients?|people|engineers?|teams?|orders?|tickets?|merchants?|sellers?|accounts?|patients?|students?|employees?|members?|subscribers?|requests?|hours?|days?|weeks?|incidents?|pages?|complaints?|calls?|sales|leads|deals)$/;

export interface ResultFacts {
  dimension: Dimension;
  /** The ending says only how people felt ("it went well", "the team was happy"): nothing measured or observed. */
  vagueOnly: boolean;
  /** An outcome is told somewhere: a result section, a measured change, or an observable outcome. */
  told: boolean;
}

/** Whether one of the hits is in the sentence. */
function inAny(hits: readonly Hit[], sentence: Sentence): boolean {
  for (const h of hits) if (h.sentence === sentence) return true;
  return false;
}

/** Quantified result: a measured change, what it was worth, and an effect beyond the fix. */
export function rateResult(ctx: RateContext): ResultFacts {
  const { r, senior, qualitative, level } = ctx;
  const resultPresent = r.seg.bySection.result.length > 0;
  const half = Math.floor(r.seg.sentences.length / 2);
  // Where the sections are only an estimate (plain prose), an outcome told in the second half counts wherever
  // the estimate put it: "shipped on time and livestream drove 12% extra orders" is a result, and so is a number
  // told of others, not of the person's own steps ("last year 10 pairs of students took part").
  const inResult = (section: string, sentence: Sentence) =>
    section === 'result' ||
    section === 'reflection' ||
    (section !== 'situation' &&
      sentence.index >= half &&
      (!resultPresent ||
        (!r.seg.labelled && (OUTCOME.test(sentence.lower) || !FIRST_PERSON.test(sentence.lower)))));
  // Counted in one pass over the numbers (the lists of placed numbers, deltas, metrics and business numbers were
  // only ever counted); the sentences of the first two deltas are kept for the evidence.
  let placed = 0;
  let deltas = 0;
  let metrics = 0;
  let businessNumbers = 0;
  let deltaSentence: Sentence | undefined;
  let secondDeltaSentence: Sentence | undefined;
  for (const q of r.quantities) {
    if (!inResult(q.section, q.sentence)) continue;
    placed++;
    if (isMetric(q)) metrics++;
    if (q.kind === 'money' || (q.kind === 'count' && PEOPLE_NOUNS.test(q.noun ?? ''))) businessNumbers++;
    if (!(q.change || (isMetric(q) && q.kind !== 'count' && q.kind !== 'duration'))) continue;
    deltas++;
    if (!deltaSentence) deltaSentence = q.sentence;
    else if (!secondDeltaSentence && q.sentence !== deltaSentence) secondDeltaSentence = q.sentence;
  }
  const business = r.hits('businessTranslation', ['result', 'reflection']).length + businessNumbers;
  // A slogan ("since then I've been more careful") is neither a lesson put to work nor an effect beyond the fix.
  const slogans = r.hits('genericReflection');
  const secondOrder = r
    .hits('secondOrder', ['result', 'reflection'])
    .filter((h) => !inAny(slogans, h.sentence));
  const tailStart = r.seg.sentences[Math.max(0, r.seg.sentences.length - 3)]!.index;
  const vague = r
    .hits('vagueEnding')
    .filter((h) => h.section === 'result' || h.section === 'reflection' || h.sentence.index >= tailStart);
  // Sentences with an observable outcome, each once: result sentences (the tail when there is no result section),
  // and for a failure story, a lesson put to work ("on the next project we defined guardrails from day one").
  let observable = 0;
  for (const s of r.seg.sentences) {
    const isResult = resultPresent ? inResult(r.seg.sectionOf[s.index]!, s) : s.index >= tailStart;
    if (
      (isResult && OBSERVABLE.test(s.lower)) ||
      (ctx.type === 'failure' && APPLIED_LESSON.test(s.lower) && !inAny(slogans, s))
    )
      observable++;
  }
  let rating = 0;
  if (deltas) rating = 2 + (business ? 1 : 0) + (secondOrder.length ? 1 : 0);
  else if (metrics) rating = 1 + (business || secondOrder.length ? 1 : 0);
  else if (observable || (resultPresent && secondOrder.length)) rating = 1;
  if (qualitative && resultPresent && !vague.length && r.sectionWords.result >= 5) {
    const concreteOutcome = observable + (metrics ? 1 : 0) + (secondOrder.length ? 1 : 0);
    rating = Math.max(rating, concreteOutcome >= 2 ? 4 : concreteOutcome === 1 ? 3 : 1);
  }
  if (senior && rating === 4 && !secondOrder.length) rating = 3;
  if (level === 'sde1' && rating === 3) rating = 4;
  if (vague.length && !deltas) {
    ctx.raise('vague_result', r.quoteOf(vague[0]!));
    rating = Math.min(rating, 1);
  }
  if (resultPresent && !deltas && rating < 3) {
    ctx.raise('unquantified_result', (r.seg.bySection.result[0] ?? r.last).text);
  }
  const deltaSentences = [deltaSentence, secondDeltaSentence].filter((x) => x !== undefined);
  const vagueOnly = vague.length > 0 && !metrics && !observable && !secondOrder.length;
  return {
    vagueOnly,
    told: resultPresent || placed > 0 || observable > 0,
    dimension: {
      id: 'quantified_result',
      rating,
      evidence: [
        ...deltaSentences.map((s) => trimQuote(s.text, 90)),
        ...secondOrder.slice(0, 1).map(r.quoteOf),
      ],
      note: deltas
        ? secondOrder.length
          ? 'A measured change and an effect beyond the fix.'
          : 'A measured change; add what it was worth or who else benefited.'
        : 'No before-and-after number.',
    },
  };
}
