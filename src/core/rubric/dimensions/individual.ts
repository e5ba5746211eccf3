import type { Sentence } from '../text.js';
import { wordsOf } from '../text.js';
import type { Dimension } from '../types.js';
import { IRREGULAR_PAST, NOT_ACTIONS } from '../verbs.js';
import type { RateContext } from './context.js';

const HINDSIGHT =
  /\b(?:should have|should've|ought to have|would have|could have|would've|could've|if i had)\b/;
/** Adjectives in -ed that are not actions ("I was excited", "I felt frustrated"). */
const NOT_VERB_ED = new Set(
  'excited interested frustrated surprised stressed motivated tired bored confused worried concerned pleased satisfied disappointed embarrassed overwhelmed based related supposed used red shed bed wed need'.split(
    ' ',
  ),
);
/** Base forms of irregular past actions ("since then I run…", "I now write…"). */
const IRREGULAR_BASE = new Set(
  'write build run set make take lead put cut find rewrite spend begin choose draw dig get keep meet read seek split teach bring catch give go ship pair win send tell hold break drive sell speak throw rebuild stand buy'.split(
    ' ',
  ),
);

// "I" then up to three lead-in words ("I then quickly", "I went ahead and"), then the verb.
const I_CLAUSE =
  /\bi(?:'ve|'d)?\s+((?:(?:have|had|also|then|quickly|personally|immediately|first|finally|carefully|manually|actually|just|basically|eventually|later|still|even|went ahead and|ended up|started|began|decided to|made sure to|took the time to|worked to|set out to|was able to|managed to|proceeded to|chose to|opted to|offered to)\s+){0,3})([a-z]+)\b/g;
// "what I did was go through…", "my first step was to pull…"
const WHAT_I_DID =
  /\b(?:what i did was|my first step was|the first thing i did was|i started by|i began by)\s+(?:to\s+)?([a-z]+)/g;
// A step told without its subject, as people do in bullets and quick typing: "- wrote the JD", "sent it to
// them privately", "did discovery with 10 agents".
const IMPLIED_I =
  /^(?:(?:so|then|and|also|first|next|finally|after that|plus|later)\s+)?([a-z]+)\b(?!\s+(?:not|it was|was|were)\b)/;
const WE_CLAUSE = /\bwe\s+(?:(?:also|then|quickly|all|finally|just|eventually)\s+)?([a-z]+)\b/g;
const GENERIC_OBJECTS = new Set(
  'everything everyone it things stuff all issue issues problem problems work project thing lot whole way'.split(
    ' ',
  ),
);
const STOP = new Set(
  'the a an and i to of in was we it my for that on with is this our had as by at from but so they he she not be were have their me them then there into out up over all each every any some more most very'.split(
    ' ',
  ),
);

export interface IndividualFacts {
  dimension: Dimension;
  /** Distinct concrete verbs told in the first person. */
  concrete: Set<string>;
  /** First-person sentences that describe a concrete step on a specific object. */
  concreteSteps: number;
  iSentences: number;
  weSentences: number;
}

/** A concrete action: a listed verb, an irregular past, a regular past in -ed, or the present of one of those. */
function isConcrete(word: string, ctx: RateContext): boolean {
  if (NOT_ACTIONS.has(word) || NOT_VERB_ED.has(word) || ctx.weakVerbs.has(word)) return false;
  if (ctx.concreteVerbs.has(word) || IRREGULAR_PAST.has(word) || IRREGULAR_BASE.has(word)) return true;
  if (word.length > 4 && word.endsWith('ed')) return true;
  // Present tense of a listed verb: "I estimate", "I review", "I add".
  return (
    ctx.concreteVerbs.has(`${word}ed`) ||
    ctx.concreteVerbs.has(`${word}d`) ||
    ctx.concreteVerbs.has(word.replace(/y$/, 'ied'))
  );
}

function isAction(word: string, ctx: RateContext, leadIn: boolean): boolean {
  if (NOT_ACTIONS.has(word)) return false;
  if (isConcrete(word, ctx)) return true;
  // After a lead-in ("I started digging", "I went ahead and rolled"), an -ing form or a base verb is the action.
  return leadIn && (word.endsWith('ing') || word.length > 3);
}

/** Whether a sentence's step has a specific object, not "everything" or "it". */
function specificStep(sentence: Sentence, ctx: RateContext): boolean {
  const words = wordsOf(sentence.lower);
  if (words.length < 6) return false;
  const specific = words.filter(
    (w) =>
      w.length >= 4 &&
      !STOP.has(w) &&
      !GENERIC_OBJECTS.has(w) &&
      !ctx.concreteVerbs.has(w) &&
      !IRREGULAR_PAST.has(w) &&
      !w.endsWith('ly'),
  );
  return specific.length >= 2;
}

/** Individual contribution: actions told with "I" and concrete verbs, versus "we". */
export function rateIndividual(ctx: RateContext): IndividualFacts {
  const { r } = ctx;
  // Actions are read wherever they are told: a plain-prose answer's sections are an estimate, and a step told
  // in the result or the lesson ("since then I run a weekly review") is still the person's own step.
  const actionSentences = r.seg.sentences.filter((s) => !HINDSIGHT.test(s.lower));
  // A step told without its subject is the person's own unless the answer is told as "we".
  const mentions = (re: RegExp) => r.text.lower.match(re)?.length ?? 0;
  const firstPersonAnswer = mentions(/\b(?:i|my|me)\b/g) >= mentions(/\bwe\b/g);
  const iVerbs: Array<{ verb: string; sentence: Sentence }> = [];
  const weVerbs: Array<{ verb: string; sentence: Sentence }> = [];
  for (const sentence of actionSentences) {
    // Hindsight is not an action: "I should have tested it" credits nothing.
    for (const m of sentence.lower.matchAll(I_CLAUSE)) {
      const verb = m[2]!;
      // Weak verbs ("I helped", "I looked into it") still make the sentence the person's own.
      if (isAction(verb, ctx, Boolean(m[1])) || ctx.weakVerbs.has(verb)) iVerbs.push({ verb, sentence });
    }
    for (const m of sentence.lower.matchAll(WHAT_I_DID)) iVerbs.push({ verb: m[1]!, sentence });
    // Subject-less steps count as the person's own when the answer is told in the first person.
    if (firstPersonAnswer) {
      const m = IMPLIED_I.exec(sentence.lower.trimStart());
      const verb = m?.[1];
      if (verb && (verb === 'did' || (isConcrete(verb, ctx) && !verb.endsWith('ing'))))
        iVerbs.push({ verb, sentence });
    }
    for (const m of sentence.lower.matchAll(WE_CLAUSE)) {
      const verb = m[1]!;
      // Only the concrete verbs of doing the work ("we traced", "we wrote"), not "we ended up", "we got".
      if (!NOT_ACTIONS.has(verb) && ctx.concreteVerbs.has(verb)) weVerbs.push({ verb, sentence });
    }
  }
  // Stock claims ("I aligned stakeholders", "I took ownership end to end") are not steps: their sentences
  // credit nothing.
  const claimed = new Set(r.hits('genericClaims').map((h) => h.sentence));
  const credited = iVerbs.filter((v) => !claimed.has(v.sentence));
  const concrete = new Set(credited.filter((v) => isConcrete(v.verb, ctx)).map((v) => v.verb));
  // "I pulled the logs, traced the fault and wrote the fix": every past-tense action of a first-person sentence
  // counts (listed, irregular or regular in -ed).
  const firstPerson = new Set(credited.map((v) => v.sentence));
  for (const sentence of firstPerson) {
    for (const w of wordsOf(sentence.lower))
      if (
        !NOT_ACTIONS.has(w) &&
        !NOT_VERB_ED.has(w) &&
        !ctx.weakVerbs.has(w) &&
        (ctx.concreteVerbs.has(w) || IRREGULAR_PAST.has(w) || (w.length > 4 && w.endsWith('ed')))
      )
        concrete.add(w);
  }
  const iSentences = firstPerson.size;
  const concreteSteps = [...firstPerson].filter((s) => specificStep(s, ctx)).length;
  const weSentences = new Set(weVerbs.map((v) => v.sentence.index)).size;
  const weakOnly = credited.length > 0 && credited.every((v) => ctx.weakVerbs.has(v.verb));
  let rating = 0;
  if (concrete.size >= 5 && iSentences >= 2) rating = 4;
  else if (concrete.size >= 3 && iSentences >= 1) rating = 3;
  else if (concrete.size >= 2 || iSentences >= 2) rating = 2;
  else if (iSentences >= 1 || weSentences >= 1) rating = 1;
  if (weakOnly) rating = Math.min(rating, 1);
  const weDominant =
    (weSentences >= 2 && weSentences >= iSentences) || (weSentences >= 1 && iSentences === 0);
  if (weDominant) {
    rating = Math.min(rating, weSentences > iSentences ? 1 : 2);
    ctx.raise('we_not_i', weVerbs[0]!.sentence.text);
  }
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return {
    dimension: {
      id: 'individual_contribution',
      rating,
      evidence: [...concrete].slice(0, 6).map((v) => `I ${v}`),
      note: `${plural(iSentences, 'sentence', 'sentences')} of your own actions, ${plural(concrete.size, 'concrete verb', 'concrete verbs')}${
        weSentences ? `, ${weSentences} told with "we"` : ''
      }.`,
    },
    concrete,
    concreteSteps,
    iSentences,
    weSentences,
  };
}
