import type { Content, ProbeEntry } from '../content/content.js';
import {
  type Budget,
  type DimensionId,
  type Level,
  type Lexicon,
  type Principle,
  SECTIONS,
  type Section,
} from '../content/schema.js';
import { CoachError } from '../errors.js';
import { compileLexicon, type Lexicon as PhraseLexicon, type PhraseMatch } from './phrases.js';
import { type Segmentation, segment } from './segment.js';
import { cleanAnswer, countWords, type Sentence, trimQuote, wordsOf } from './text.js';
import type { Dimension, Flag, FlagId, Report, ScoreOptions, SectionReport, Verdict } from './types.js';

type ListName = Exclude<keyof Lexicon, 'concreteVerbs' | 'weakVerbs' | 'negations'>;

/** A located phrase: the match plus the sentence and section it sits in. */
interface Hit extends PhraseMatch {
  sentence: Sentence;
  section: Section;
}

const FLAG_MESSAGES: Record<FlagId, string> = {
  missing_situation: 'Without a situation the interviewer has no context to judge your actions against.',
  missing_task:
    'Without a stated goal or ask, the interviewer cannot tell what you set out to do or why it was yours.',
  missing_action: 'The actions are the evidence; without them there is nothing to credit you with.',
  missing_result: 'A story with no ending leaves the interviewer guessing whether anything changed.',
  missing_reflection:
    'Bar Raisers listen for what you learned; without it the story stops at "what", not "so what".',
  no_scope_boundary:
    'Saying whose job it was (and that nobody asked you) is what proves ownership was your choice.',
  we_not_i: 'With "we" in the actions the interviewer cannot tell what you did yourself.',
  escalated_not_owned: 'Passing the problem on to others reads as routing it, not owning it.',
  assigned_not_self_initiated:
    'Work you were handed shows you can follow a request, not that you take ownership.',
  opportunistic_motive:
    'Acting because you had spare time sounds convenient, not driven by customers or the business.',
  unquantified_result:
    'A result without a number or an observable change is hard to believe and easy to forget.',
  vague_result: 'Ending on how people felt says nothing about what actually changed.',
  unverified_fix: 'Assuming it worked, rather than checking, is a rigor gap interviewers probe hard.',
  generic_reflection: 'A lesson that would fit any story tells the interviewer nothing about your judgment.',
  generic_claims: 'Stock phrases earn no credit on their own; interviewers want the concrete thing you did.',
  long_situation: 'A long setup eats the time your actions need; interviewers lose the thread.',
  over_time: 'Answers that run long get cut off before the result and the reflection land.',
  under_time: 'An answer this short cannot show enough evidence to judge the principle.',
  no_systemic_insight:
    'At this level interviewers expect the systemic root cause and the mechanism you put in place.',
};

// Cost of each flag on the 0-100 score, on top of what the dimensions already lose.
const FLAG_PENALTY: Partial<Record<FlagId, number>> = {
  escalated_not_owned: 14,
  assigned_not_self_initiated: 8,
  opportunistic_motive: 8,
  vague_result: 4,
  unverified_fix: 3,
  generic_claims: 3,
  we_not_i: 3,
};

// Order in which fixes are worth the most to the candidate.
const COACHING_ORDER: FlagId[] = [
  'escalated_not_owned',
  'assigned_not_self_initiated',
  'opportunistic_motive',
  'missing_action',
  'we_not_i',
  'missing_result',
  'vague_result',
  'unquantified_result',
  'no_scope_boundary',
  'unverified_fix',
  'generic_claims',
  'missing_reflection',
  'generic_reflection',
  'no_systemic_insight',
  'long_situation',
  'over_time',
  'under_time',
  'missing_task',
  'missing_situation',
];

/** Above this keyword density an answer reads as a keyword list (stuffed answers measure 0.8-0.95). */
const KEYWORD_LIST_DENSITY = 0.6;

const DIMENSION_PROBE_ORDER: DimensionId[] = [
  'scope_ownership',
  'individual_contribution',
  'quantified_result',
  'rigor',
  'reflection',
  'principle_fit',
  'structure',
  'delivery_time',
];

const ENGLISH_STOPWORDS = new Set(
  'the a an and i to of in was we it my for that on with is this our had as by at from but so they he she not be were have their me'.split(
    ' ',
  ),
);

const I_VERB =
  /\bi\s+(?:(?:also|then|quickly|personally|immediately|first|finally|carefully|manually)\s+)?([a-z]+)\b/g;
const WE_VERB = /\bwe\s+(?:(?:also|then|quickly|all|finally)\s+)?([a-z]+)\b/g;
const NOT_ACTION = new Set(
  'was were am had have think thought felt feel noticed saw guess guessed assumed hope hoped believe believed wanted needed knew realized realised learned learnt would could should will can did do'.split(
    ' ',
  ),
);

const DELTA =
  /(?:\d[\d,.]*\s*(?:%|percent|x\b|ms\b|s\b|seconds|minutes|hours|days|weeks|k\b|m\b|gb|tb|points?|pp\b|times)|[$€£]\s?\d|\b\d[\d,.]*\s*(?:dollars|euros|customers|users|tickets|engineers|teams|incidents|pages|alerts|defects|bugs|orders|requests)|\bfrom\s+[^.;]{0,30}?\d[^.;]{0,40}?\bto\b|\b(?:halved|doubled|tripled|to zero|down to zero)\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty|hundred)\s+(?:percent|hours|days|weeks|customers|teams|engineers|incidents|pages|times))/;
const ANY_NUMBER =
  /\d|\b(?:zero|half|halved|doubled|tripled|twice|one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand|million)\b/;
// Observable outcomes that count as a result for principles judged on people and trust.
const OBSERVABLE =
  /\b(?:promoted|now leads|led the|leads the|asked me|invited|renewed|signed|adopted|chose|stayed|returned|thanked|approved|agreed|shipped|launched|passed|hired|joined|rejoined|trusted|volunteered|took over|started using|now uses|retained)\b/;

/** The rubric, compiled once from content. */
export interface Rubric {
  /** Scores one answer; deterministic: the same text and options give the same report. */
  scoreAnswer(answer: string, options?: ScoreOptions): Report;
  /** The probe for the weakest dimension not yet probed (by dimension), or null. */
  chooseProbe(report: Report, exclude?: { probes?: string[]; dimensions?: DimensionId[] }): ProbeEntry | null;
  /** Every lexicon list, scanned in one pass; the probe judge reuses it. */
  lexicon: PhraseLexicon<ListName>;
  concreteVerbs: Set<string>;
  weakVerbs: Set<string>;
}

/** Compiles the lexicons, principle signals and budgets into a reusable rubric. */
export function createRubric(content: Content): Rubric {
  const lex = content.lexicon;
  const negations = lex.negations;
  const listNames = (Object.keys(lex) as Array<keyof Lexicon>).filter(
    (k): k is ListName => k !== 'concreteVerbs' && k !== 'weakVerbs' && k !== 'negations',
  );
  // Every list scanned in one pass over the answer; likewise the 16 principles' signals.
  const lexicon = compileLexicon(
    Object.fromEntries(listNames.map((k) => [k, lex[k] as string[]])) as Record<ListName, string[]>,
    negations,
  );
  const signalIndex = compileLexicon(Object.fromEntries(content.principles.map((p) => [p.id, p.signals])));
  const concreteVerbs = new Set(lex.concreteVerbs);
  const cueLists = new Set<ListName>(['situationCues', 'taskCues', 'resultCues', 'reflectionCues']);
  const densityLists = listNames.filter((k) => !cueLists.has(k));

  /**
   * Share of the answer's letters and digits that sit inside a rubric phrase, a principle signal or an
   * "I + concrete verb" (from the scans already made for this answer).
   */
  function keywordDensity(
    lower: string,
    scanned: Record<ListName, PhraseMatch[]>,
    signals: Record<string, PhraseMatch[]>,
  ): number {
    const covered = new Uint8Array(lower.length);
    for (const list of densityLists) for (const m of scanned[list]) covered.fill(1, m.start, m.end);
    for (const list of Object.values(signals)) for (const m of list) covered.fill(1, m.start, m.end);
    for (const m of lower.matchAll(/\bi ([a-z]+)/g)) {
      if (concreteVerbs.has(m[1]!)) covered.fill(1, m.index, m.index + m[0].length);
    }
    let chars = 0;
    let inside = 0;
    for (let i = 0; i < lower.length; i++) {
      const c = lower.charCodeAt(i);
      if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) continue;
      chars++;
      inside += covered[i]!;
    }
    return chars ? inside / chars : 0;
  }
  const weakVerbs = new Set(lex.weakVerbs);
  const cues = compileLexicon({
    situation: lex.situationCues,
    task: lex.taskCues,
    scope: lex.scopeBoundary,
    result: lex.resultCues,
    reflection: lex.reflectionCues,
  });

  function resolve(options: ScoreOptions): { principle: Principle | null; questionId: string | null } {
    if (options.question) {
      const q = content.questionById.get(options.question);
      if (!q) throw new CoachError('unknown_question', `No question with id "${options.question}".`);
      return { principle: content.principleById.get(q.principle) ?? null, questionId: q.id };
    }
    if (options.principle) {
      const p = content.principleById.get(options.principle);
      if (!p) throw new CoachError('unknown_principle', `No principle with id "${options.principle}".`);
      return { principle: p, questionId: null };
    }
    return { principle: null, questionId: null };
  }

  function scoreAnswer(answer: string, options: ScoreOptions = {}): Report {
    const level: Level = options.level ?? 'sde2';
    const { principle, questionId } = resolve(options);
    const budget = content.levels.levels[level].budget;
    const wpm = content.levels.wordsPerMinute;
    const text = cleanAnswer(answer);
    const base = emptyReport(level, principle?.id ?? null, questionId, budget);

    const unscorable = checkScorable(answer, text.clean, text.hadCode);
    if (unscorable) return { ...base, ...unscorable };

    const seg = segment(text, cues);
    // Only labels ("Situation:\nTask:\nAction:\nResult:"): words, but no sentence to score.
    if (seg.sentences.length === 0) {
      return {
        ...base,
        status: 'empty',
        verdict: 'not_scored',
        score: 0,
        message:
          'I see the labels but nothing under them yet. Write a sentence or two after each one and I will score it.',
      };
    }
    const sentenceAt = (offset: number): Sentence => {
      let lo = 0;
      let hi = seg.sentences.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (seg.sentences[mid]!.start <= offset) lo = mid;
        else hi = mid - 1;
      }
      return seg.sentences[lo]!;
    };
    const locate = (matches: PhraseMatch[]): Hit[] =>
      matches.map((m) => {
        const sentence = sentenceAt(m.start);
        return { ...m, sentence, section: seg.sectionOf[sentence.index]! };
      });
    const scanned = lexicon.scan(text.lower);
    const signalScan = signalIndex.scan(text.lower);
    const cache = new Map<ListName, Hit[]>();
    const hits = (list: ListName, sections?: Section[]): Hit[] => {
      let all = cache.get(list);
      if (!all) {
        all = locate(scanned[list]);
        cache.set(list, all);
      }
      return all.filter((h) => !h.negated && (!sections || sections.includes(h.section)));
    };
    const quoteOf = (hit: { sentence: Sentence; start: number; end: number }) => quoteAround(text.clean, hit);

    // Sections, words, time
    const sections = {} as Record<Section, SectionReport>;
    let totalWords = 0;
    for (const s of SECTIONS) {
      const words = seg.bySection[s].reduce((n, x) => n + countWords(x.text), 0);
      totalWords += words;
      sections[s] = {
        present: seg.bySection[s].length > 0,
        words,
        seconds: Math.round((words / wpm.typical) * 60),
        targetSeconds: budget[s],
      };
    }
    const totalSeconds = Math.round((totalWords / wpm.typical) * 60);
    const targetSeconds = sumBudget(budget);

    const flags: Flag[] = [];
    const raise = (id: FlagId, quote: string) => {
      if (!flags.some((f) => f.id === id))
        flags.push({ id, quote: trimQuote(quote), message: FLAG_MESSAGES[id] });
    };
    const first = seg.sentences[0]!;
    const last = seg.sentences[seg.sentences.length - 1]!;
    const scopeWeight = principle?.scopeWeight ?? 1;
    const qualitative = principle?.qualitativeResults ?? false;
    const senior = level === 'senior' || level === 'principal';

    // Structure
    const present = SECTIONS.filter((s) => sections[s].present);
    // The task is often folded into a strong situation; its absence only counts next to other gaps.
    const missingCore = (['situation', 'action', 'result', 'reflection'] as const).filter(
      (s) => !sections[s].present,
    ).length;
    const taskGap = !sections.task.present && (missingCore > 0 || seg.labelled);
    for (const s of SECTIONS) {
      if (sections[s].present || (s === 'task' && !taskGap)) continue;
      const near = s === 'situation' || s === 'task' ? first : last;
      raise(`missing_${s}` as FlagId, near.text);
    }
    const structure: Dimension = {
      id: 'structure',
      rating: Math.max(0, 4 - missingCore - (taskGap ? 1 : 0) - (sections.action.present ? 0 : 1)),
      evidence: present.map((s) => `${s}: ${trimQuote(seg.bySection[s][0]!.text, 60)}`),
      note:
        present.length === 5
          ? 'All five parts are there.'
          : missingCore === 0 && !taskGap
            ? 'All parts are there (the task is folded into the situation).'
            : `Missing: ${SECTIONS.filter((s) => !sections[s].present && (s !== 'task' || taskGap)).join(', ')}.`,
    };

    // Actions: "I" + verb vs "we" + verb, in the Action section (or anywhere when none was found)
    const actionSentences = sections.action.present ? seg.bySection.action : seg.sentences;
    const iVerbs: Array<{ verb: string; sentence: Sentence }> = [];
    const weVerbs: Array<{ verb: string; sentence: Sentence }> = [];
    for (const sentence of actionSentences) {
      for (const m of sentence.lower.matchAll(I_VERB)) {
        const verb = m[1]!;
        if (!NOT_ACTION.has(verb)) iVerbs.push({ verb, sentence });
      }
      for (const m of sentence.lower.matchAll(WE_VERB)) {
        const verb = m[1]!;
        if (!NOT_ACTION.has(verb)) weVerbs.push({ verb, sentence });
      }
    }
    const concrete = new Set(iVerbs.filter((v) => concreteVerbs.has(v.verb)).map((v) => v.verb));
    // "I pulled the logs, traced the fault and wrote the fix": every verb of a first-person sentence counts.
    const firstPersonSentences = new Set(iVerbs.map((v) => v.sentence));
    for (const sentence of firstPersonSentences) {
      for (const w of wordsOf(sentence.lower))
        if (concreteVerbs.has(w) && !NOT_ACTION.has(w)) concrete.add(w);
    }
    const iSentences = firstPersonSentences.size;
    const weSentences = new Set(weVerbs.map((v) => v.sentence.index)).size;
    const weakOnly = iVerbs.length > 0 && iVerbs.every((v) => weakVerbs.has(v.verb));
    let individual = 0;
    if (concrete.size >= 5 && iSentences >= 2) individual = 4;
    else if (concrete.size >= 3 && iSentences >= 1) individual = 3;
    else if (concrete.size >= 2 || iSentences >= 2) individual = 2;
    else if (iSentences >= 1 || weSentences >= 1) individual = 1;
    if (weakOnly) individual = Math.min(individual, 1);
    const weDominant =
      (weSentences >= 2 && weSentences >= iSentences) || (weSentences >= 1 && iSentences === 0);
    if (weDominant) {
      individual = Math.min(individual, weSentences > iSentences ? 1 : 2);
      raise('we_not_i', weVerbs[0]!.sentence.text);
    }
    const individualDim: Dimension = {
      id: 'individual_contribution',
      rating: individual,
      evidence: [...concrete].slice(0, 6).map((v) => `I ${v}`),
      note: `${iSentences} sentence(s) of your own actions, ${concrete.size} concrete verb(s)${
        weSentences ? `, ${weSentences} told with "we"` : ''
      }.`,
    };

    // Generic claims and stuffing: stock phrases without concrete actions earn nothing.
    const claims = hits('genericClaims');
    if (claims.length) raise('generic_claims', quoteOf(claims[0]!));
    // A list of the words the rubric rewards ("I pulled I traced … no shared SLO alarm") is not a story:
    // real answers, strong ones included, stay well under a third keywords.
    const keywordList =
      totalWords >= 30 && keywordDensity(text.lower, scanned, signalScan) >= KEYWORD_LIST_DENSITY;
    if (keywordList) raise('generic_claims', first.text);
    const stuffed = (claims.length >= 3 && concrete.size < 3) || keywordList;

    // Scope and ownership
    const boundary = hits('scopeBoundary');
    const initiated = hits('selfInitiated');
    const escalation = hits('escalation');
    const assigned = scopeWeight >= 1 || !principle ? hits('assigned') : [];
    const opportunistic = hits('opportunistic');
    const crossTeam = hits('crossTeam');
    const tradeOffs = hits('tradeOffs');
    if (escalation.length) raise('escalated_not_owned', quoteOf(escalation[0]!));
    if (assigned.length) raise('assigned_not_self_initiated', quoteOf(assigned[0]!));
    if (opportunistic.length) raise('opportunistic_motive', quoteOf(opportunistic[0]!));
    let scope = 1 + (boundary.length ? 2 : 0) + (initiated.length ? 1 : 0);
    if (senior && scope === 4 && !crossTeam.length && !tradeOffs.length) scope = 3;
    if (escalation.length || assigned.length) scope = Math.min(scope, 1);
    if (opportunistic.length) scope = Math.max(0, scope - 1);
    if (!boundary.length && scopeWeight >= 1.25)
      raise('no_scope_boundary', (seg.bySection.task[0] ?? first).text);
    const scopeDim: Dimension = {
      id: 'scope_ownership',
      rating: scope,
      evidence: [...boundary, ...initiated, ...escalation, ...assigned].slice(0, 4).map(quoteOf),
      note: boundary.length
        ? 'You said whose job it was, which proves ownership.'
        : 'No scope boundary: say whose job it was and that nobody asked you.',
    };

    // Result
    const resultSentences = sections.result.present
      ? seg.bySection.result
      : seg.sentences.filter((s) => seg.sectionOf[s.index] !== 'situation');
    const deltas = resultSentences.filter((s) => DELTA.test(s.lower));
    const numbered = resultSentences.filter((s) => ANY_NUMBER.test(s.lower));
    const business = hits('businessTranslation', ['result', 'reflection']);
    const secondOrder = hits('secondOrder', ['result', 'reflection']);
    const tailStart = seg.sentences[Math.max(0, seg.sentences.length - 3)]!.index;
    const vague = hits('vagueEnding').filter(
      (h) => h.section === 'result' || h.section === 'reflection' || h.sentence.index >= tailStart,
    );
    const observable = resultSentences.filter((s) => OBSERVABLE.test(s.lower));
    let quantified = 0;
    if (deltas.length) quantified = 2 + (business.length ? 1 : 0) + (secondOrder.length ? 1 : 0);
    else if (numbered.length) quantified = 1 + (business.length || secondOrder.length ? 1 : 0);
    else if (sections.result.present && (secondOrder.length || observable.length)) quantified = 1;
    if (qualitative && sections.result.present && !vague.length && sections.result.words >= 12) {
      const concreteOutcome = observable.length + (numbered.length ? 1 : 0) + (secondOrder.length ? 1 : 0);
      quantified = Math.max(quantified, concreteOutcome >= 2 ? 4 : concreteOutcome === 1 ? 3 : 2);
    }
    if (senior && quantified === 4 && !secondOrder.length) quantified = 3;
    if (level === 'sde1' && quantified === 3) quantified = 4;
    if (vague.length && !deltas.length) {
      raise('vague_result', quoteOf(vague[0]!));
      quantified = Math.min(quantified, 1);
    }
    if (sections.result.present && !deltas.length && quantified < 3) {
      raise('unquantified_result', (seg.bySection.result[0] ?? last).text);
    }
    const resultDim: Dimension = {
      id: 'quantified_result',
      rating: quantified,
      evidence: [
        ...deltas.slice(0, 2).map((s) => trimQuote(s.text, 90)),
        ...secondOrder.slice(0, 1).map(quoteOf),
      ],
      note: deltas.length
        ? secondOrder.length
          ? 'A measured change and an effect beyond the fix.'
          : 'A measured change; add what it was worth or who else benefited.'
        : 'No before-and-after number.',
    };

    // Rigor
    const validation = hits('validation', ['action', 'result', 'reflection']);
    const assumed = [...hits('assumedSuccess'), ...hits('guessing')];
    const validationTerms = new Set(validation.map((h) => h.phrase.split(/\s+/)[0]));
    let rigor =
      validationTerms.size >= 3 ? 4 : validationTerms.size === 2 ? 3 : validationTerms.size === 1 ? 2 : 1;
    if (assumed.length) {
      rigor = Math.min(rigor, 1) - (validation.length ? 0 : 1);
      raise('unverified_fix', quoteOf(assumed[0]!));
    } else if (!validation.length && !qualitative && sections.action.words >= 25) {
      raise('unverified_fix', (seg.bySection.action[seg.bySection.action.length - 1] ?? last).text);
    }
    const rigorDim: Dimension = {
      id: 'rigor',
      rating: Math.max(0, rigor),
      evidence: validation.slice(0, 4).map(quoteOf),
      note: assumed.length
        ? 'Success assumed, not checked.'
        : validation.length
          ? 'You checked your work.'
          : 'No sign you validated the result.',
    };

    // Reflection
    const reflectionText = seg.bySection.reflection;
    const generic = hits('genericReflection').filter(
      (h) => h.section === 'reflection' || h.section === 'result' || h.sentence.index >= tailStart,
    );
    const systemic = hits('systemicReflection', ['reflection']);
    const mechanism = hits('mechanism', ['reflection', 'result']);
    const storyWords = new Set(
      seg.sentences
        .filter((s) => seg.sectionOf[s.index] !== 'reflection')
        .flatMap((s) => wordsOf(s.lower))
        .filter((w) => w.length > 4 && !ENGLISH_STOPWORDS.has(w)),
    );
    const reflectionWords = reflectionText.flatMap((s) => wordsOf(s.lower)).filter((w) => w.length > 4);
    const shared = new Set(reflectionWords.filter((w) => storyWords.has(w))).size;
    const specific = sections.reflection.words >= 10 && (shared >= 2 || systemic.length > 0);
    let reflection = 0;
    if (sections.reflection.present) {
      reflection = specific ? 3 : 1;
      if (specific && (systemic.length || mechanism.length)) reflection = 4;
      if (generic.length && !systemic.length) {
        reflection = Math.min(reflection, 1);
        raise('generic_reflection', quoteOf(generic[0]!));
      }
      // The insight belongs in the reflection; a mechanism told only as part of the result does not count.
      if (senior && !systemic.length && !mechanism.some((h) => h.section === 'reflection')) {
        reflection = Math.min(reflection, 2);
        raise('no_systemic_insight', reflectionText[0]!.text);
      }
      if (level === 'sde1' && reflection === 3) reflection = 4;
    } else if (generic.length) {
      raise('generic_reflection', quoteOf(generic[0]!));
    }
    const reflectionDim: Dimension = {
      id: 'reflection',
      rating: reflection,
      evidence: [...systemic, ...mechanism].slice(0, 3).map(quoteOf),
      note: !sections.reflection.present
        ? 'No reflection.'
        : reflection >= 3
          ? 'Specific to this story.'
          : 'Make it specific: the root cause and what you changed because of it.',
    };

    // Delivery time
    const ratio = totalSeconds / targetSeconds;
    let delivery = 4;
    if (ratio > 2) delivery = 0;
    else if (ratio > 1.35 || ratio < 0.32) delivery = 1;
    else if (ratio > 1.2 || ratio < 0.45) delivery = 2;
    else if (ratio < 0.65) delivery = 3;
    if (ratio > 1.35) raise('over_time', last.text);
    if (ratio < 0.32) raise('under_time', first.text);
    if (sections.situation.seconds > budget.situation * 1.6 && sections.situation.seconds > 20) {
      raise('long_situation', seg.bySection.situation[0]!.text);
      delivery = Math.max(0, delivery - 1);
    }
    const deliveryDim: Dimension = {
      id: 'delivery_time',
      rating: delivery,
      evidence: [`about ${totalSeconds} s spoken vs a ${targetSeconds} s budget`],
      note:
        ratio > 1.2
          ? 'Too long: cut the setup.'
          : ratio < 0.65
            ? 'Short: add actions and the result.'
            : 'About the right length.',
    };

    // Principle fit: the principle's own signals, in a story with concrete actions
    const fitPrinciple = principle ?? bestPrinciple();
    const signals = fitPrinciple ? locate(signalScan[fitPrinciple.id] ?? []) : [];
    const distinctSignals = [...new Map(signals.map((h) => [h.phrase, h])).values()];
    let fit = Math.min(4, distinctSignals.length);
    fit = Math.min(fit, individual + 1);
    const fitDim: Dimension = {
      id: 'principle_fit',
      rating: fit,
      evidence: distinctSignals.slice(0, 5).map((h) => trimQuote(h.phrase, 40)),
      note: fitPrinciple
        ? `${distinctSignals.length} signal(s) of ${fitPrinciple.name}${principle ? '' : ' (the closest principle)'}.`
        : 'No principle given.',
    };

    function bestPrinciple(): Principle | null {
      let best: Principle | null = null;
      let bestCount = 0;
      for (const p of content.principles) {
        const count = new Set((signalScan[p.id] ?? []).map((m) => m.phrase)).size;
        if (count > bestCount) {
          best = p;
          bestCount = count;
        }
      }
      return best;
    }

    const dimensions = [
      structure,
      scopeDim,
      individualDim,
      resultDim,
      rigorDim,
      reflectionDim,
      deliveryDim,
      fitDim,
    ];

    // Overall
    const weights: Record<DimensionId, number> = {
      structure: 1,
      scope_ownership: 1.1 * scopeWeight,
      individual_contribution: 1.5,
      quantified_result: qualitative ? 1.1 : 1.5,
      rigor: qualitative ? 0.7 : 1,
      reflection: senior ? 1.3 : 1,
      delivery_time: 0.5,
      principle_fit: 1,
    };
    let weighted = 0;
    let total = 0;
    for (const d of dimensions) {
      weighted += weights[d.id] * d.rating;
      total += weights[d.id] * 4;
    }
    let score = (weighted / total) * 100;
    for (const f of flags) {
      const penalty = FLAG_PENALTY[f.id] ?? 0;
      score -= f.id === 'assigned_not_self_initiated' ? penalty * scopeWeight : penalty;
    }
    if (claims.length > 1) score -= Math.min(9, (claims.length - 1) * 3);
    if (totalWords < 40) score = Math.min(score, 20);
    else if (totalWords < 90) score = Math.min(score, 45);
    if (!sections.action.present || individual <= 1) score = Math.min(score, 45);
    if (escalation.length || (assigned.length && scopeWeight >= 1.25)) score = Math.min(score, 50);
    if (stuffed) score = Math.min(score, 35);
    score = Math.max(0, Math.min(100, Math.round(score)));

    const report: Report = {
      ...base,
      status: 'scored',
      score,
      verdict: verdictFor(score),
      dimensions,
      flags: orderFlags(flags),
      sections,
      totalSeconds,
      secondsRange: [Math.round((totalWords / wpm.max) * 60), Math.round((totalWords / wpm.min) * 60)],
      words: totalWords,
      labelled: seg.labelled,
    };
    report.coaching = coachingFor(report, seg);
    report.probe = pickProbe(report, {})?.ref ?? null;
    return report;
  }

  function pickProbe(
    report: Report,
    exclude: { probes?: string[]; dimensions?: DimensionId[] },
  ): { probe: ProbeEntry; ref: { id: string; text: string } } | null {
    const skipProbes = new Set(exclude.probes ?? []);
    const skipDims = new Set(exclude.dimensions ?? []);
    const ranked = [...report.dimensions]
      .filter((d) => !skipDims.has(d.id))
      .sort(
        (a, b) =>
          a.rating - b.rating || DIMENSION_PROBE_ORDER.indexOf(a.id) - DIMENSION_PROBE_ORDER.indexOf(b.id),
      );
    const questionProbes = report.question ? (content.questionById.get(report.question)?.probes ?? []) : [];
    const weak = ranked.filter((d) => d.rating < 4);
    const unused = (p: { id: string }) => !skipProbes.has(p.id);
    const open = (p: { id: string; targets: DimensionId[] }) =>
      unused(p) && p.targets.some((t) => !skipDims.has(t));
    const forWeakest = (pool: Array<{ id: string; targets: DimensionId[] }>) => {
      for (const d of weak) {
        const found = pool.find((p) => unused(p) && p.targets.includes(d.id));
        if (found) return found;
      }
      return pool.find(open);
    };
    // The question's own probes fit the story asked for, so they come first: the weakest dimension first,
    // then one not probed yet (a Bar Raiser digs even into a strong answer); then the generic ones.
    const chosen =
      forWeakest(questionProbes) ??
      forWeakest(content.genericProbes) ??
      questionProbes.find(unused) ??
      content.genericProbes.find(unused);
    const fallback = chosen ? content.probeById.get(chosen.id) : undefined;
    return fallback ? { probe: fallback, ref: { id: fallback.id, text: fallback.text } } : null;
  }

  return {
    scoreAnswer,
    chooseProbe: (report, exclude = {}) => pickProbe(report, exclude)?.probe ?? null,
    lexicon,
    concreteVerbs,
    weakVerbs,
  };
}

function sumBudget(budget: Budget): number {
  return budget.situation + budget.task + budget.action + budget.result + budget.reflection;
}

function emptyReport(
  level: Level,
  principle: string | null,
  question: string | null,
  budget: Budget,
): Report {
  const sections = Object.fromEntries(
    SECTIONS.map((s) => [s, { present: false, words: 0, seconds: 0, targetSeconds: budget[s] }]),
  ) as Record<Section, SectionReport>;
  return {
    status: 'scored',
    message: null,
    score: 0,
    verdict: 'no_hire',
    level,
    principle,
    question,
    dimensions: [],
    flags: [],
    sections,
    totalSeconds: 0,
    targetSeconds: sumBudget(budget),
    secondsRange: [0, 0],
    words: 0,
    labelled: false,
    coaching: [],
    probe: null,
  };
}

/** Text that cannot be scored gets a kind explanation instead of a number that means nothing. */
function checkScorable(raw: string, clean: string, hadCode: boolean): Partial<Report> | null {
  const notScored = (status: Report['status'], message: string): Partial<Report> => ({
    status,
    message,
    verdict: 'not_scored',
    score: 0,
  });
  if (!raw.trim()) {
    return notScored(
      'empty',
      'There is no answer here yet. Reply with your story in a few sentences: situation, what you did, and how it ended.',
    );
  }
  // Slack sends emoji as :shortcodes:; they are not words of the story.
  const words = wordsOf(clean.replace(/:[a-z0-9_+'-]+:/gi, ' '));
  if (words.length === 0) {
    return hadCode
      ? notScored(
          'code_only',
          'I can only see code here. Tell the story in words: what was happening, what you did, and what changed.',
        )
      : notScored('no_words', 'I only see emoji or symbols. Tell me the story in words and I will score it.');
  }
  let letters = 0;
  let ascii = 0;
  for (const w of words) {
    for (const ch of w) {
      const c = ch.charCodeAt(0);
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) ascii++;
      else if (/\p{L}/u.test(ch)) letters++;
    }
  }
  letters += ascii;
  const stop = words.filter((w) => ENGLISH_STOPWORDS.has(w.toLowerCase())).length;
  if (letters > 0 && (ascii / letters < 0.5 || (words.length >= 6 && stop / words.length < 0.06))) {
    return notScored(
      'not_english',
      'This looks like it is not in English. The rubric only scores English answers for now; your words are saved, and an English version will get full coaching.',
    );
  }
  return null;
}

function verdictFor(score: number): Verdict {
  if (score >= 82) return 'strong_hire';
  if (score >= 68) return 'hire';
  if (score >= 54) return 'lean_hire';
  if (score >= 38) return 'lean_no_hire';
  return 'no_hire';
}

function orderFlags(flags: Flag[]): Flag[] {
  return [...flags].sort((a, b) => COACHING_ORDER.indexOf(a.id) - COACHING_ORDER.indexOf(b.id));
}

/** The quoted words, extended to the clause around them when the match alone is short. */
function quoteAround(clean: string, hit: { sentence: Sentence; start: number; end: number }): string {
  const s = hit.sentence;
  if (s.end - s.start <= 110) return s.text;
  const from = Math.max(s.start, clean.lastIndexOf(' ', Math.max(s.start, hit.start - 40)) + 1);
  const to = Math.min(s.end, hit.end + 50);
  return `${from > s.start ? '…' : ''}${clean.slice(from, to).trim()}${to < s.end ? '…' : ''}`;
}

const FIXES: Record<FlagId, (quote: string) => string> = {
  escalated_not_owned: (q) =>
    `You wrote "${q}". That hands the problem to someone else. Say what you fixed yourself, then who you told.`,
  assigned_not_self_initiated: (q) =>
    `"${q}" makes it sound assigned. Lead with what you noticed and why you chose to act before anyone asked.`,
  opportunistic_motive: (q) =>
    `"${q}" gives a convenience motive. Give the real reason: the customer or business cost you saw.`,
  missing_action: (q) =>
    `After "${q}" I can't find your actions. Add three or four sentences that start with "I" and a concrete verb.`,
  we_not_i: (q) =>
    `"${q}" is told with "we". Retell it as what you did: "I traced…", "I wrote…", "I tested…".`,
  missing_result: (q) => `The story stops at "${q}". Add how it ended, with a before-and-after number.`,
  vague_result: (q) => `"${q}" says how people felt. Replace it with what changed and by how much.`,
  unquantified_result: (q) =>
    `"${q}" has no number. Add the metric that moved (from what to what) and what it was worth.`,
  no_scope_boundary: (q) =>
    `Around "${q}", say whose job this really was and that nobody asked you; that is the proof of ownership.`,
  unverified_fix: (q) =>
    `"${q}" doesn't show how you checked it worked. Say how you reproduced, tested or monitored it.`,
  generic_claims: (q) =>
    `"${q}" is a stock phrase. Swap it for the concrete thing you did: who, what artefact, what changed.`,
  missing_reflection: (q) =>
    `After "${q}", close with one specific lesson from this story and what you changed because of it.`,
  generic_reflection: (q) =>
    `"${q}" fits any story. Name the root cause you found and the mechanism you added so it doesn't recur.`,
  no_systemic_insight: (q) =>
    `"${q}" stays at the code. At this level, name the organisational root cause and the mechanism you put in place.`,
  long_situation: (q) =>
    `The setup ("${q}") runs long. Cut it to two sentences so your actions get the time.`,
  over_time: (q) =>
    `This runs over the time budget; by "${q}" an interviewer may have moved on. Trim the setup.`,
  under_time: (q) =>
    `Starting from "${q}", this is too short to judge. Add your actions step by step and the measured result.`,
  missing_task: (q) => `After "${q}", say what you set out to do and why it was yours to do.`,
  missing_situation: (q) =>
    `Before "${q}", give one or two sentences of context: where, when, what was wrong.`,
};

/** The dimension each flag costs, so coaching does not say the same thing twice. */
const FLAG_DIMENSION: Record<FlagId, DimensionId> = {
  missing_situation: 'structure',
  missing_task: 'structure',
  missing_action: 'structure',
  missing_result: 'structure',
  missing_reflection: 'structure',
  no_scope_boundary: 'scope_ownership',
  escalated_not_owned: 'scope_ownership',
  assigned_not_self_initiated: 'scope_ownership',
  opportunistic_motive: 'scope_ownership',
  we_not_i: 'individual_contribution',
  generic_claims: 'individual_contribution',
  unquantified_result: 'quantified_result',
  vague_result: 'quantified_result',
  unverified_fix: 'rigor',
  generic_reflection: 'reflection',
  no_systemic_insight: 'reflection',
  long_situation: 'delivery_time',
  over_time: 'delivery_time',
  under_time: 'delivery_time',
};

/** The 2-3 most valuable fixes, each tied to the candidate's own words. */
function coachingFor(report: Report, seg: Segmentation): string[] {
  const out = report.flags.slice(0, 3).map((f) => FIXES[f.id](trimQuote(f.quote, 80)));
  if (out.length >= 2) return out;
  // A strong answer still gets the next steps up, anchored to its weakest dimensions and its own words.
  const quote = (...candidates: Array<Sentence | undefined>) =>
    trimQuote(candidates.find((c) => c !== undefined)?.text ?? '', 80);
  const { situation, task, action, result, reflection } = seg.bySection;
  const firstSentence = seg.sentences[0];
  const lastSentence = seg.sentences[seg.sentences.length - 1];
  const tip: Record<DimensionId, () => string> = {
    structure: () =>
      `Label or order the parts clearly; right now the story ends at "${quote(lastSentence)}".`,
    scope_ownership: () =>
      `Around "${quote(task[0], firstSentence)}", make the ownership explicit: whose job was it, and who else did you bring along?`,
    individual_contribution: () =>
      `After "${quote(action[0], firstSentence)}", add one more concrete step you took yourself, with the artefact (query, test, doc).`,
    quantified_result: () =>
      `After "${quote(result[0], lastSentence)}", add what the change was worth and who else adopted it.`,
    rigor: () =>
      `After "${quote(action[action.length - 1], lastSentence)}", say how you confirmed it: a test, a reproduction or a metric you watched afterwards.`,
    reflection: () =>
      `End with the root cause behind the problem and the mechanism you put in place, not only "${quote(reflection[0], lastSentence)}".`,
    delivery_time: () =>
      report.totalSeconds > report.targetSeconds
        ? `Tighten it to about ${report.targetSeconds} seconds spoken; cut the setup first, starting at "${quote(situation[0], firstSentence)}".`
        : `It runs short of about ${report.targetSeconds} seconds; after "${quote(action[0], firstSentence)}", add your next step and how you checked it.`,
    principle_fit: () =>
      `Make the principle visible: slow down at "${quote(action[0], firstSentence)}" and say why it mattered to the principle.`,
  };
  const covered = new Set(report.flags.slice(0, 3).map((f) => FLAG_DIMENSION[f.id]));
  const weakest = [...report.dimensions]
    .filter((d) => d.rating < 4 && !covered.has(d.id))
    .sort(
      (a, b) =>
        a.rating - b.rating || DIMENSION_PROBE_ORDER.indexOf(a.id) - DIMENSION_PROBE_ORDER.indexOf(b.id),
    );
  for (const d of weakest) {
    if (out.length >= 2) break;
    out.push(tip[d.id]());
  }
  if (out.length < 2)
    out.push(
      `Keep "${quote(result[0], lastSentence)}" word for word: a concrete ending is what interviewers remember.`,
    );
  if (out.length < 2)
    out.push(
      `Practise it aloud in about ${report.targetSeconds} seconds, opening with "${quote(firstSentence)}".`,
    );
  return out;
}
