import type { Content, ProbeEntry } from '../content/content.js';
import type { QuestionType, StoryElement } from '../content/question-types.js';
import {
  type Budget,
  type DimensionId,
  type Level,
  type Principle,
  SECTIONS,
  type Section,
} from '../content/schema.js';
import { CoachError } from '../errors.js';
import { isAsciiLetter } from './chars.js';
import { coachingFor, weakestFirst } from './coaching.js';
import type { RateContext } from './dimensions/context.js';
import { rateDelivery } from './dimensions/delivery.js';
import { presentForms, rateIndividual } from './dimensions/individual.js';
import { ratePrincipleFit } from './dimensions/principle-fit.js';
import { rateReflection } from './dimensions/reflection.js';
import { rateResult } from './dimensions/result.js';
import { rateRigor } from './dimensions/rigor.js';
import { rateScope } from './dimensions/scope.js';
import { rateStructure } from './dimensions/structure.js';
import { detectStuffing } from './dimensions/stuffing.js';
import { FLAG_ORDER, FLAGS } from './flags.js';
import { type Lexicon as PhraseLexicon, tokensOf } from './phrases.js';
import { applyCaps, type CapId, featureVector, modelWeights, rawScore, verdictFor } from './policy.js';
import { checkQuestionFit, compileQuestionTyping, declinedExample, ownsMistake } from './question-fit.js';
import { compileReaders, type ListName, type Reading, read } from './reading.js';
import type { SegmentModel } from './segment.js';
import { stableSorted } from './sorted.js';
import { cleanAnswer, countWords, hasLetterOrDigit, trimQuote, wordsOf } from './text.js';
import type { Dimension, Flag, FlagId, Report, ScoreOptions, SectionReport } from './types.js';

/** What the scoring model reads from one answer, before any weight is applied (for calibration). */
export interface Analysis {
  features: number[];
  caps: Set<CapId>;
  report: Report;
}

/** The rubric, compiled once from content. */
export interface Rubric {
  /** Scores one answer; deterministic: the same text and options give the same report. */
  scoreAnswer(answer: string, options?: ScoreOptions): Report;
  /** The model's inputs for one answer (null when it cannot be scored); `segmentation` overrides the fitted one. */
  analyse(answer: string, options?: ScoreOptions, segmentation?: SegmentModel): Analysis | null;
  /** The probe for the weakest dimension not yet probed (by dimension), or null. */
  chooseProbe(report: Report, exclude?: { probes?: string[]; dimensions?: DimensionId[] }): ProbeEntry | null;
  /** The type of a question given as free text. */
  questionTypeOf(question: string): QuestionType;
  /** Every lexicon list, scanned in one pass; the probe judge reuses it. */
  lexicon: PhraseLexicon<ListName>;
  concreteVerbs: Set<string>;
  weakVerbs: Set<string>;
}

const A_LETTER = /\p{L}/u;
const NOTHING: ReadonlySet<never> = new Set();
/** English prose has at least this share of stop words. */
const ENGLISH_STOPWORD_SHARE = 0.06;

const ENGLISH_STOPWORDS = new Set(
  'the a an and i to of in was we it my for that on with is this our had as by at from but so they he she not be were have their me'.split(
    ' ',
  ),
);

/** Compiles the lexicons, principle signals, budgets and the scoring policy into a reusable rubric. */
export function createRubric(content: Content): Rubric {
  const readers = compileReaders(content);
  const typing = compileQuestionTyping(content);
  const concreteVerbs = new Set(content.lexicon.concreteVerbs);
  const concretePresent = presentForms(concreteVerbs);
  const weakVerbs = new Set(content.lexicon.weakVerbs);
  const workProducts = new Set(content.lexicon.workProducts);
  const policy = content.scoring;
  const weights = modelWeights(policy);

  interface Resolved {
    principle: Principle | null;
    questionId: string | null;
    type: QuestionType | null;
    asks: readonly StoryElement[] | undefined;
  }

  function resolve(options: ScoreOptions): Resolved {
    const principleOf = (id: string | null | undefined): Principle | null => {
      if (!id) return null;
      const p = content.principleById.get(id);
      if (!p) throw new CoachError('unknown_principle', `No principle with id "${id}".`);
      return p;
    };
    const question = options.question?.trim();
    if (question && !/\s/.test(question)) {
      const q = content.questionById.get(question);
      if (!q) throw new CoachError('unknown_question', `No question with id "${question}".`);
      return { principle: principleOf(q.principle), questionId: q.id, type: q.type, asks: q.asks };
    }
    // The question's own words: its type decides what the story must show.
    const type = options.questionType ?? (question ? typing.typeOf(question) : null);
    return { principle: principleOf(options.principle), questionId: null, type, asks: undefined };
  }

  function analyse(answer: string, options: ScoreOptions = {}, segmentation?: SegmentModel): Analysis | null {
    const level: Level = options.level ?? 'sde2';
    const resolved = resolve(options);
    const { principle, questionId, type } = resolved;
    const budget = content.levels.levels[level].budget;
    const wpm = content.levels.wordsPerMinute;
    const text = cleanAnswer(answer);
    const base = emptyReport(level, principle?.id ?? null, questionId, budget, type);

    const unscorable = checkScorable(answer, text.clean, text.lower, text.hadCode);
    if (unscorable) return { features: [], caps: new Set(), report: { ...base, ...unscorable } };
    // Only labels ("Situation:\nTask:\nAction:\nResult:"): words, but no sentence to score.
    if (!hasWordsBesideLabels(text.clean)) return labelsOnly(base);
    const r = read(text, readers, segmentation);
    if (r.seg.sentences.length === 0) return labelsOnly(base);

    const flags: Flag[] = [];
    const raise = (id: FlagId, quote: string) => {
      if (!flags.some((f) => f.id === id))
        flags.push({ id, quote: trimQuote(quote), message: FLAGS[id].message });
    };
    const ctx: RateContext = {
      r,
      level,
      senior: level === 'senior' || level === 'principal',
      principle,
      scopeWeight: principle?.scopeWeight ?? 1,
      qualitative: principle?.qualitativeResults ?? false,
      type,
      budget,
      wordsPerMinute: wpm.typical,
      concreteVerbs,
      concretePresent,
      weakVerbs,
      workProducts,
      raise,
    };

    // The base report's sections, filled in (their targets are already there).
    const sections = base.sections;
    for (const s of SECTIONS) {
      sections[s].present = r.seg.bySection[s].length > 0;
      sections[s].words = r.sectionWords[s];
      sections[s].seconds = Math.round((r.sectionWords[s] / wpm.typical) * 60);
    }
    const totalSeconds = Math.round((r.words / wpm.typical) * 60);
    const targetSeconds = sumBudget(budget);

    const individual = rateIndividual(ctx);
    const fitPrinciple = principle ?? bestPrinciple(r);
    const stuffing = detectStuffing(ctx, individual, fitPrinciple ? [fitPrinciple.id] : []);
    const scope = rateScope(ctx, individual.dimension.rating);
    const result = rateResult(ctx);
    const structure = rateStructure(ctx, {
      steps: individual.stepSentences,
      outcome: result.told,
    });
    const dimensions: Dimension[] = [
      structure,
      scope.dimension,
      individual.dimension,
      result.dimension,
      rateRigor(ctx),
      rateReflection(ctx),
      rateDelivery(ctx, totalSeconds, targetSeconds),
      ratePrincipleFit(ctx, fitPrinciple, individual.dimension.rating),
    ];

    const caps = new Set<CapId>();
    if (scope.escalated) caps.add('escalated');
    if (scope.assigned && ctx.scopeWeight >= 1.25) caps.add('assigned');
    // No actions of one's own caps an answer, except a failure story that owns the mistake: its substance is
    // the ownership and the lesson, not a list of steps.
    if (individual.dimension.rating <= 1 && !(type === 'failure' && ownsMistake(r.text.lower)))
      caps.add('no_actions');
    if (stuffing.stuffed) caps.add('stuffed');
    if (result.vagueOnly) caps.add('vague_ending');
    if (scope.opportunistic) caps.add('opportunistic');
    if (r.words < policy.minWords) caps.add('too_short');
    const question = type ? checkQuestionFit(content, r, type, resolved.asks) : null;
    for (const cap of question?.caps ?? []) caps.add(cap);
    const declined = declinedExample(r);
    for (const cap of declined.caps) caps.add(cap);

    const ratings = {} as Record<DimensionId, number>;
    for (const d of dimensions) ratings[d.id] = d.rating;
    const orderedFlags = stableSorted(flags, (a, b) => FLAG_ORDER.indexOf(a.id) - FLAG_ORDER.indexOf(b.id));
    const features = featureVector(ratings, new Set(flags.map((f) => f.id)));
    // The base report filled in: its fields keep their order, as in a spread copy, without a second report.
    const report = base;
    report.status = 'scored';
    report.dimensions = dimensions;
    report.flags = orderedFlags;
    report.totalSeconds = totalSeconds;
    report.secondsRange = [Math.round((r.words / wpm.max) * 60), Math.round((r.words / wpm.min) * 60)];
    report.words = r.words;
    report.labelled = r.seg.labelled;
    report.questionFit = question?.fit ?? null;
    const { score, capped } = applyCaps(policy, rawScore(policy, features, weights), caps);
    report.score = score;
    report.verdict = verdictFor(policy, score);
    report.capped = capped;
    report.coaching = coachingFor(report, r.seg, [...declined.coaching, ...(question?.coaching ?? [])]);
    report.probe = pickProbe(report, {})?.ref ?? null;
    return { features, caps, report };
  }

  function bestPrinciple(r: Reading): Principle | null {
    let best: Principle | null = null;
    let bestCount = 0;
    for (const p of content.principles) {
      const count = new Set(r.signals(p.id).map((m) => m.phrase)).size;
      if (count > bestCount) {
        best = p;
        bestCount = count;
      }
    }
    return best;
  }

  function labelsOnly(base: Report): Analysis {
    return {
      features: [],
      caps: new Set(),
      report: {
        ...base,
        status: 'empty',
        verdict: 'not_scored',
        score: 0,
        message:
          'I see the labels but nothing under them yet. Write a sentence or two after each one and I will score it.',
      },
    };
  }

  function pickProbe(
    report: Report,
    exclude: { probes?: string[]; dimensions?: DimensionId[] },
  ): { probe: ProbeEntry; ref: { id: string; text: string } } | null {
    // Scoring asks with nothing to exclude: no sets are made for it.
    const skipProbes: ReadonlySet<string> = exclude.probes?.length ? new Set(exclude.probes) : NOTHING;
    const skipDims: ReadonlySet<DimensionId> = exclude.dimensions?.length
      ? new Set(exclude.dimensions)
      : NOTHING;
    const ranked = weakestFirst(report).filter((d) => !skipDims.has(d.id));
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
    scoreAnswer: (answer, options) => analyse(answer, options)!.report,
    analyse,
    chooseProbe: (report, exclude = {}) => pickProbe(report, exclude)?.probe ?? null,
    questionTypeOf: (question) => typing.typeOf(question),
    lexicon: readers.lexicon,
    concreteVerbs,
    weakVerbs,
  };
}

// Text made only of STAR labels and markup.
const LABEL_ONLY =
  /(?:^|\n)[ \t]*(?:[-*•>]+[ \t]*)?(?:\d+[.)][ \t]*)?[*_]{0,2}(?:situation|task|action|actions|result|results|reflection|learnings?|lessons?|s|t|a|r|l)[*_]{0,2}[ \t]*[:\-–—)]?[*_]{0,2}/gi;

/**
 * Whether a letter or digit is left once the labels are taken out (as `replace(LABEL_ONLY, '')` would leave it),
 * looked for between the labels rather than in a copy of the whole answer.
 */
function hasWordsBesideLabels(clean: string): boolean {
  LABEL_ONLY.lastIndex = 0;
  let from = 0;
  for (let m = LABEL_ONLY.exec(clean); m; m = LABEL_ONLY.exec(clean)) {
    if (hasLetterOrDigit(clean, from, m.index)) return true;
    from = m.index + m[0].length;
  }
  return hasLetterOrDigit(clean, from, clean.length);
}

function sumBudget(budget: Budget): number {
  return budget.situation + budget.task + budget.action + budget.result + budget.reflection;
}

function emptyReport(
  level: Level,
  principle: string | null,
  question: string | null,
  budget: Budget,
  questionType: QuestionType | null,
): Report {
  const sections = {} as Record<Section, SectionReport>;
  for (const s of SECTIONS) sections[s] = { present: false, words: 0, seconds: 0, targetSeconds: budget[s] };
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
    questionType,
    questionFit: null,
    capped: [],
  };
}

/** Text that cannot be scored gets a kind explanation instead of a number that means nothing. */
function checkScorable(raw: string, clean: string, lower: string, hadCode: boolean): Partial<Report> | null {
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
  // Emoji shortcodes were taken out by cleanAnswer; what is left must hold words.
  const words = countWords(clean);
  if (words === 0) {
    return hadCode
      ? notScored(
          'code_only',
          'I can only see code here. Tell the story in words: what was happening, what you did, and what changed.',
        )
      : notScored('no_words', 'I only see emoji or symbols. Tell me the story in words and I will score it.');
  }
  let letters = 0;
  let ascii = 0;
  for (let i = 0; i < clean.length; i++) {
    const c = clean.charCodeAt(i);
    if (isAsciiLetter(c)) ascii++;
    else if (c > 127 && A_LETTER.test(clean[i]!)) letters++;
  }
  letters += ascii;
  // Tokens of the lowercased text are cached and reused by every lexicon scan that follows. Counting stops once
  // the stop words reach the share below: only whether they do matters.
  let stop = 0;
  const scanned = ascii === letters ? tokensOf(lower).word : wordsOf(lower);
  for (const w of scanned) if (ENGLISH_STOPWORDS.has(w) && ++stop / words >= ENGLISH_STOPWORD_SHARE) break;
  if (letters > 0 && (ascii / letters < 0.5 || (words >= 6 && stop / words < ENGLISH_STOPWORD_SHARE))) {
    return notScored(
      'not_english',
      'This looks like it is not in English. The rubric only scores English answers for now; your words are saved, and an English version will get full coaching.',
    );
  }
  return null;
}
