import { isAsciiLetterOrDigit, isDigit, isLowerLetter } from '../chars.js';
import { internSlice } from '../intern.js';
import { listMarkBefore } from '../list-marks.js';
import type { Sentence } from '../text.js';
import { sentenceWords, wordsOf } from '../text.js';
import type { Dimension } from '../types.js';
import { IRREGULAR_PAST, NOT_ACTIONS } from '../verbs.js';
import type { RateContext } from './context.js';
import { impliedVerb, subjectOpening } from './openings.js';

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
  /\bi(?:'ve|'d)?\s+((?:(?:(?!(?:app|rep|supp|multip|comp)ly\b|rely\b)[a-z]{2,}ly|have|had|also|now|always|usually|then|quickly|personally|immediately|first|finally|carefully|manually|actually|just|basically|eventually|later|still|even|went ahead and|ended up|started|began|decided to|made sure to|took the time to|worked to|set out to|was able to|managed to|proceeded to|chose to|opted to|offered to)\s+){0,3})([a-z]+)\b/g;
// "what I did was go through…", "my first step was to pull…"
const WHAT_I_DID =
  /\b(?:what i did was|my first step was|the first thing i did was|i started by|i began by|i did (?:(?:two|three|four|five|a few|several|the following|\d) )?things?:|i took (?:(?:two|three|four|five|a few|several|the following|\d) )?steps?:)\s+(?:to\s+)?(?:\(?\d\)\s*)?([a-z]+)/g;
// A line that introduces a list of steps ("within two hours i:"); see subjectOpening for a sentence that opens
// with its subject.
const INTRODUCES = /\b(i|we)(?: (?:did|then|had to|needed to|decided to|went and))?:\s*$/;
// A line that announces the person's steps as a list ("so i started 2 things:", "here's what i did:").
const LIST_INTRO = /\b(?:i|i'd|i've)\b[^:]*:\s*$/;
const LESSON_INTRO = /\b(?:learn\w*|lessons?|takeaways?|would|should|next time|going forward)\b/;
const HELP_IDIOM = /\b(?:gave (?:[a-z]+ ){0,2}a hand|lent (?:[a-z]+ ){0,2}a hand|pitched in)\b/g;
// Used per word or per match, so kept here (a literal is a new object each time it is evaluated).
const FIRST_PERSON_WORD = /\b(?:i|my|me)\b/g;
const WE_WORD = /\bwe\b/g;
const ENDS_WITH_LEAD_IN =
  /\b(?:started|began|decided to|went ahead and|ended up|offered to|chose to|opted to|managed to|was able to|proceeded to|set out to|worked to|made sure to|took the time to)\s+$/;
const HAD_OR_GOT = /^(?:had|got)\s+$/;
const WE_CLAUSE = /\bwe\s+(?:(?:also|then|quickly|all|finally|just|eventually)\s+)?([a-z]+)\b/g;
// A named thing in the original casing: an acronym ("QA", "RICE", "JAWS") or a capitalised word inside a sentence.
const NAMED = /\b[A-Z]{2,}[A-Za-z0-9]*\b|(?<=[a-z0-9,;] )[A-Z][a-z]+[A-Za-z0-9]*/g;
const OTHER_SUBJECT = /^(?:we|they|he|she|the team|my (?:manager|boss|lead|team)|our team|everyone)\b/;
const GOAL_STATEMENT =
  /\b(?:set (?:myself|us) (?:the |a )?goal|my goal was|our goal was|the goal was|i (?:wanted|needed|had) to|we (?:wanted|needed|had) to|i set out to|i aimed to)\b/;
const APPROACH =
  /^(?:my (?:approach|plan|steps?)|what i did|here'?s what i did|steps i took|how i (?:did|handled) it)\s*:?\s*$/;
const KEPT_CHANGE =
  /\b(?:now|since|these days|from then on|going forward|every|each|always|today|still|next time)\b|\bi'?ve\b|\bi have\b/;
// "the one more people recommended", "which they approved": a verb after someone else is their step.
const OTHER_DOERS = new Set(
  'they he she we it people ppl everyone everybody team users customers manager lead who which that others'.split(
    ' ',
  ),
);
const FILLERS = new Set('just then also still never simply really even only already'.split(' '));
const DETERMINERS = new Set(
  'the a an our my their his her its this that these those every each some any'.split(' '),
);
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
  /** Sentences that tell a step: not a goal ("I set myself the goal of fixing it" is the task), not a lesson. */
  stepSentences: number;
}

/** A concrete action: a listed verb, an irregular past, a regular past in -ed, or the present of one of those. */
function isConcrete(word: string, ctx: RateContext): boolean {
  if (NOT_ACTIONS.has(word) || NOT_VERB_ED.has(word) || ctx.weakVerbs.has(word)) return false;
  if (ctx.concreteVerbs.has(word) || IRREGULAR_PAST.has(word) || IRREGULAR_BASE.has(word)) return true;
  if (word.length > 4 && word.endsWith('ed')) return true;
  // Present tense of a listed verb: "I estimate", "I review", "I add".
  return ctx.concretePresent.has(word);
}

/**
 * The words whose past is a listed concrete verb (+ "ed", + "d", or "y" → "ied"), found once per rubric: asking
 * the set about `${word}ed`, `${word}d` and the -ied form built three strings per word read.
 */
export function presentForms(concreteVerbs: Iterable<string>): Set<string> {
  const forms = new Set<string>();
  for (const verb of concreteVerbs) {
    if (verb.endsWith('ed')) forms.add(verb.slice(0, -2));
    if (verb.endsWith('d')) forms.add(verb.slice(0, -1));
    if (verb.endsWith('ied')) forms.add(`${verb.slice(0, -3)}y`);
  }
  return forms;
}

/** A past form: irregular, or regular in -ed. */
function isPast(word: string): boolean {
  return IRREGULAR_PAST.has(word) || word.endsWith('ed') || word === 'did' || word === 'had';
}

function isAction(word: string, ctx: RateContext, leadIn: boolean): boolean {
  if (NOT_ACTIONS.has(word)) return false;
  if (isConcrete(word, ctx)) return true;
  // After a lead-in ("I started digging", "I went ahead and rolled"), an -ing form or a base verb is the action.
  return leadIn && (word.endsWith('ing') || word.length > 3);
}

/** Whether a sentence's step has a specific object, not "everything" or "it". */
function specificStep(sentence: Sentence, ctx: RateContext): boolean {
  const words = sentenceWords(sentence);
  if (words.length < 6) return false;
  let specific = 0;
  for (const w of words) {
    if (
      w.length >= 4 &&
      !STOP.has(w) &&
      !GENERIC_OBJECTS.has(w) &&
      !ctx.concreteVerbs.has(w) &&
      !IRREGULAR_PAST.has(w) &&
      !w.endsWith('ly') &&
      ++specific >= 2
    )
      return true;
  }
  return false;
}

/** Whether a word holds a digit (a hand loop: a regular expression per word showed in the profile). */
function hasDigit(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (isDigit(c)) return true;
  }
  return false;
}

/** What a sentence is to the person's steps, one bit each (flags per sentence index instead of sets of sentences). */
const LISTED = 1;
const CLAIMED = 2;
const WITH_VERBS = 4;
const WE_STEP = 8;

/** Individual contribution: actions told with "I" and concrete verbs, versus "we". */
export function rateIndividual(ctx: RateContext): IndividualFacts {
  const { r } = ctx;
  const sentences = r.seg.sentences;
  // Actions are read wherever they are told: a plain-prose answer's sections are an estimate, and a step told
  // in the result or the lesson ("since then I run a weekly review") is still the person's own step.
  // A step told without its subject belongs to the subject told last: "within two hours i:" then bullets
  // ("- sized it with the tech lead") are the person's own; after "we:" they are the team's. Before any
  // subject, the answer's dominant voice decides.
  // Counted with test(), which builds no match array (the expressions are global: each test moves past a match).
  const mentions = (re: RegExp) => {
    let n = 0;
    re.lastIndex = 0;
    while (re.test(r.text.lower)) n++;
    return n;
  };
  let approach = false;
  let subject: 'i' | 'we' = mentions(FIRST_PERSON_WORD) >= mentions(WE_WORD) ? 'i' : 'we';
  const role = new Uint8Array(sentences.length);
  // Stock claims ("I aligned stakeholders", "I took ownership end to end") are not steps: their sentences
  // credit nothing.
  for (const h of r.hits('genericClaims')) role[h.sentence.index]! |= CLAIMED;
  // The person's steps are credited as they are read: concrete verbs in the order told, and whether every
  // credited verb is a weak one.
  const concrete = new Set<string>();
  let credited = 0;
  let weak = 0;
  const credit = (verb: string, sentence: Sentence) => {
    if (role[sentence.index]! & CLAIMED) return;
    credited++;
    if (ctx.weakVerbs.has(verb)) weak++;
    if (isConcrete(verb, ctx)) concrete.add(verb);
    role[sentence.index]! |= WITH_VERBS;
  };
  let firstWe: Sentence | undefined;
  // Steps listed without verbs under the person's own introduction ("so i started 2 things:" then "- a one-page
  // email every 2 weeks to the leads"): each list line is a step of the person's, as an "Action:" label says.
  let listing = false;
  for (const sentence of sentences) {
    const lower = sentence.lower.trimStart();
    const listLine = listMarkBefore(r.text.clean, sentence.start);
    if (listing && listLine && !OTHER_SUBJECT.test(lower)) role[sentence.index]! |= LISTED;
    else if (!listLine) listing = false;
    // "what i learned:", "next time i'd:" introduce lessons, not steps.
    if (LIST_INTRO.test(lower)) listing = !LESSON_INTRO.test(lower);
    const opens = subjectOpening(lower) ?? INTRODUCES.exec(lower)?.[1];
    if (opens === 'i' || opens === 'we') subject = opens;
    // "My approach:" then lines that open with a verb ("Bring options, not only problems."): the person's steps,
    // told as the rule they followed.
    if (APPROACH.test(lower)) {
      subject = 'i';
      approach = true;
      continue;
    }
    if (opens) approach = false;
    // Hindsight is not an action: "I should have tested it" credits nothing.
    if (HINDSIGHT.test(sentence.lower)) continue;
    // A present-tense step is a habit ("I try to see their side"), which shows nothing that happened, unless it is
    // a change the person made and keeps ("since then I run a weekly review").
    const changed = KEPT_CHANGE.test(sentence.lower);
    // exec loops, not matchAll: matchAll clones the expression and builds an iterator per sentence.
    I_CLAUSE.lastIndex = 0;
    for (let m = I_CLAUSE.exec(sentence.lower); m; m = I_CLAUSE.exec(sentence.lower)) {
      const verb = m[2]!;
      if (!changed && !isPast(verb) && !ENDS_WITH_LEAD_IN.test(m[1] ?? '')) continue;
      // Weak verbs ("I helped", "I looked into it") still make the sentence the person's own.
      if (isAction(verb, ctx, Boolean(m[1])) || ctx.weakVerbs.has(verb)) credit(verb, sentence);
      // "I had FE and QA go ahead against a mock, and set up a daily standup": the sentence is the person's own
      // steps; its verbs are read below.
      else if (HAD_OR_GOT.test(m[1] ?? '') && sentence.lower.length > m.index + m[0].length + 8)
        credit('had', sentence);
    }
    WHAT_I_DID.lastIndex = 0;
    for (let m = WHAT_I_DID.exec(sentence.lower); m; m = WHAT_I_DID.exec(sentence.lower))
      credit(m[1]!, sentence);
    // Under an "Action:" label a first-person answer's steps may be told without verbs ("For the CEO, a
    // business briefing…; for engineering, a two-hour workshop"): the label says whose steps they are.
    if (
      subject === 'i' &&
      r.seg.labelled &&
      r.seg.sectionOf[sentence.index] === 'action' &&
      !OTHER_SUBJECT.test(lower)
    )
      credit('did', sentence);
    if (subject === 'i') {
      const verb = impliedVerb(lower);
      // Only a past form: a bare base form at the start of a line is as often a noun ("launch at my last co").
      const past =
        verb !== undefined &&
        (verb === 'did' ||
          IRREGULAR_PAST.has(verb) ||
          (verb.endsWith('ed') && isConcrete(verb, ctx)) ||
          (approach && (isConcrete(verb, ctx) || IRREGULAR_BASE.has(verb))));
      if (verb && past) credit(verb, sentence);
    }
    // The verb is the last word of the match: read back from where test() stopped, with no match array.
    WE_CLAUSE.lastIndex = 0;
    while (WE_CLAUSE.test(sentence.lower)) {
      const end = WE_CLAUSE.lastIndex;
      const verb = internSlice(sentence.lower, lowerLettersBefore(sentence.lower, end), end);
      // Only the concrete verbs of doing the work ("we traced", "we wrote"), not "we ended up", "we got".
      if (!NOT_ACTIONS.has(verb) && ctx.concreteVerbs.has(verb)) {
        role[sentence.index]! |= WE_STEP;
        firstWe ??= sentence;
      }
    }
  }
  // "I pulled the logs, traced the fault and wrote the fix": every past-tense action of a first-person sentence
  // counts (listed, irregular or regular in -ed). The sentences with credited verbs come first, then the listed
  // ones, each in the order told (the order concrete verbs are added in).
  const firstPerson: Sentence[] = [];
  for (const s of sentences) if (role[s.index]! & WITH_VERBS) firstPerson.push(s);
  const withVerbs = firstPerson.length;
  for (const s of sentences) if ((role[s.index]! & (LISTED | WITH_VERBS)) === LISTED) firstPerson.push(s);
  for (const sentence of firstPerson) {
    // "gave others a hand", "lent a hand", "pitched in": helping, told as an idiom, is as weak as "helped".
    // The sentence's shared words unless an idiom is rewritten (most sentences have none).
    HELP_IDIOM.lastIndex = 0;
    const words = HELP_IDIOM.test(sentence.lower)
      ? wordsOf(sentence.lower.replace(HELP_IDIOM, 'helped'))
      : sentenceWords(sentence);
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      // Whether it reads as an action is asked first: most words are not, and need no other look-up.
      if (
        !(ctx.concreteVerbs.has(w) || IRREGULAR_PAST.has(w) || (w.length > 4 && w.endsWith('ed'))) ||
        NOT_ACTIONS.has(w) ||
        NOT_VERB_ED.has(w) ||
        ctx.weakVerbs.has(w)
      )
        continue;
      // "our visually impaired users", "the updated list": a participle after a determiner or an adverb
      // describes a noun; it is not a step.
      // "he just ignored it", "they then approved it": someone else's verb behind a small adverb.
      const before = FILLERS.has(words[i - 1] ?? '') ? (words[i - 2] ?? '') : (words[i - 1] ?? '');
      if (w.endsWith('ed') && (DETERMINERS.has(before) || before.endsWith('ly') || OTHER_DOERS.has(before)))
        continue;
      concrete.add(w);
    }
  }
  const iSentences = firstPerson.length;
  let concreteSteps = 0;
  for (const s of firstPerson) if (specificStep(s, ctx)) concreteSteps++;
  let weSentences = 0;
  let stepSentences = 0;
  for (const s of sentences) {
    const k = role[s.index]!;
    if (k & WE_STEP) weSentences++;
    if (
      k & (WITH_VERBS | LISTED | WE_STEP) &&
      !GOAL_STATEMENT.test(s.lower) &&
      r.seg.sectionOf[s.index] !== 'reflection'
    )
      stepSentences++;
  }
  const weakOnly = credited > 0 && weak === credited;
  // Specific detail in the person's own steps: a number, a named thing (an acronym, a product, a tool) or a work
  // product ("the logs", "a runbook"). "I searched online and watched videos" has steps but nothing specific.
  const detail = new Set<string>();
  for (const sentence of firstPerson) {
    for (const w of sentenceWords(sentence)) if (ctx.workProducts.has(w) || hasDigit(w)) detail.add(w);
    // A named thing is ASCII letters and digits only, so its lowercase is the same stretch of the sentence's
    // lowercased text, read back from where test() stopped (no match array, no lowercased copy).
    NAMED.lastIndex = 0;
    while (NAMED.test(sentence.text)) {
      const end = NAMED.lastIndex;
      detail.add(internSlice(sentence.lower, asciiAlnumBefore(sentence.text, end), end));
    }
  }
  // A listed step without a verb stands for one concrete action.
  const actions = concrete.size + firstPerson.length - withVerbs;
  let rating = 0;
  if (actions >= 5 && iSentences >= 2 && detail.size >= 2) rating = 4;
  else if (actions >= 3 && iSentences >= 1 && detail.size >= 1) rating = 3;
  else if (actions >= 2 || iSentences >= 2) rating = 2;
  else if (iSentences >= 1 || weSentences >= 1) rating = 1;
  if (weakOnly) rating = Math.min(rating, 1);
  const weDominant =
    (weSentences >= 2 && weSentences >= iSentences) || (weSentences >= 1 && iSentences === 0);
  if (weDominant) {
    rating = Math.min(rating, weSentences > iSentences ? 1 : 2);
    ctx.raise('we_not_i', firstWe!.text);
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
    stepSentences,
  };
}

/** Where the run of a-z letters that ends at `end` starts. */
function lowerLettersBefore(text: string, end: number): number {
  let i = end;
  while (i > 0 && isLowerLetter(text.charCodeAt(i - 1))) i--;
  return i;
}

/** Where the run of ASCII letters and digits that ends at `end` starts. */
function asciiAlnumBefore(text: string, end: number): number {
  let i = end;
  while (i > 0 && isAsciiLetterOrDigit(text.charCodeAt(i - 1))) i--;
  return i;
}
