import { z } from 'zod';
import { DIMENSIONS, type DimensionId, SECTIONS, type Section } from '../content/schema.js';
import { sigmoid } from './logistic.js';
import { FLAG_IDS, type FlagId, VERDICTS, type Verdict } from './types.js';

/**
 * Conditions that cap a score whatever the rest of the answer earns: they are judgements a Bar Raiser
 * makes outright, so they are policy, not fitted.
 */
export const CAP_IDS = [
  /** The problem was routed to someone else and never owned. */
  'escalated',
  /** Assigned work, for a principle where ownership is the point. */
  'assigned',
  /** Acted for convenience or self-promotion, not for customers or the business. */
  'opportunistic',
  /** No actions of the candidate's own. */
  'no_actions',
  /** Claims and keywords instead of concrete steps, or numbers that contradict each other. */
  'stuffed',
  /** The story ends on how people felt, with nothing measured or observed. */
  'vague_ending',
  /** Too few words to judge anything. */
  'too_short',
  /** A good story about something other than what the question asks for. */
  'off_question',
  /** A failure story that never owns the failure. */
  'unowned_failure',
  /** Declines to give an example ("I can't think of a time I failed"). */
  'no_example',
] as const;
export type CapId = (typeof CAP_IDS)[number];

/** Features of an answer the segmentation classifier reads, one weight per section each. */
export const SEGMENT_FEATURES = [
  'first',
  'last',
  'position',
  'position_sq',
  'situation_cue',
  'task_cue',
  'scope_cue',
  'result_cue',
  'reflection_cue',
  'i_action_start',
  'i_action',
  'we_action',
  'i_state',
  'context',
  'goal',
  'number',
  'change',
  'outcome',
  'lesson',
  'hindsight',
  'present',
  'short',
] as const;
export type SegmentFeature = (typeof SEGMENT_FEATURES)[number];

const verdictCut = z.number().min(0).max(100);
const weight = z.number().min(0).max(10);
const record = <K extends string, T extends z.ZodType>(keys: readonly K[], value: T) =>
  z.strictObject(Object.fromEntries(keys.map((k) => [k, value])) as Record<K, T>);

/** content/rubric/scoring.yaml */
export const scoringFileSchema = z
  .strictObject({
    verdicts: z.strictObject({
      strong_hire: verdictCut,
      hire: verdictCut,
      lean_hire: verdictCut,
      lean_no_hire: verdictCut,
    }),
    model: z.strictObject({
      /** What the weights were fitted on, and when. */
      fittedOn: z.string().min(1),
      /** Logit of a balanced, even call (50/50 strong or weak): the score there is the lean-hire cut. */
      bias: z.number(),
      /**
       * Held-out over-confidence correction (temperature scaling, fitted by calibrate): the logit is divided by
       * it, which keeps the ranking and the lean-hire cut and spreads scores only as far as unseen answers bear.
       */
      temperature: z.number().min(0.1).max(10),
      /**
       * Logit points for reaching each rating of a dimension: [1, 2, 3, 4]. A rating of 3 earns the first three
       * steps. Steps are fitted separately (each at least zero), so the model can learn that a 2 is not much
       * better than a 1 while a 4 is, and the score still never falls as a rating rises.
       */
      ratings: record(DIMENSIONS, z.tuple([weight, weight, weight, weight])),
      /** Logit points a flag costs when raised. */
      flags: record(FLAG_IDS, weight),
    }),
    /**
     * What a Bar Raiser weighs before seeing any data (per rating point, spread evenly over the four steps): the fit starts from these weights and the L2 penalty
     * pulls toward them, so a signal the corpus rarely shows (routing, stock phrases) keeps its expert cost.
     */
    prior: z.strictObject({ ratings: record(DIMENSIONS, weight), flags: record(FLAG_IDS, weight) }),
    /** Dimensions and flags held at zero weight by policy rather than fitted (and why, in comments). */
    fixedAtZero: z.array(z.union([z.enum(DIMENSIONS), z.enum(FLAG_IDS)])),
    caps: record(CAP_IDS, z.enum(['lean_hire', 'lean_no_hire', 'no_hire'])),
    /** Below this many words there is too little to judge. */
    minWords: z.number().int().min(0),
    calibration: z.strictObject({
      folds: z.number().int().min(2),
      l2: z.number().min(0),
      iterations: z.number().int().min(1),
      learningRate: z.number().positive(),
    }),
    segmentation: z.strictObject({
      fittedOn: z.string().min(1),
      /** Cost of moving on to a later section (keeps cue-less sentences with the section before them). */
      moveCost: z.number().min(0),
      bias: record(SECTIONS, z.number()),
      weights: record(SECTIONS, record(SEGMENT_FEATURES, z.number())),
    }),
  })
  .refine(
    (s) =>
      s.verdicts.strong_hire > s.verdicts.hire &&
      s.verdicts.hire > s.verdicts.lean_hire &&
      s.verdicts.lean_hire > s.verdicts.lean_no_hire,
    'verdict cut-offs must fall from strong_hire to lean_no_hire',
  );
export type ScoringPolicy = z.infer<typeof scoringFileSchema>;

/** The verdict for a 0-100 score. */
export function verdictFor(policy: ScoringPolicy, score: number): Verdict {
  const v = policy.verdicts;
  if (score >= v.strong_hire) return 'strong_hire';
  if (score >= v.hire) return 'hire';
  if (score >= v.lean_hire) return 'lean_hire';
  if (score >= v.lean_no_hire) return 'lean_no_hire';
  return 'no_hire';
}

/** The highest score a verdict allows (one below the next band up). */
export function ceilingOf(policy: ScoringPolicy, verdict: Verdict): number {
  const v = policy.verdicts;
  switch (verdict) {
    case 'no_hire':
      return v.lean_no_hire - 1;
    case 'lean_no_hire':
      return v.lean_hire - 1;
    case 'lean_hire':
      return v.hire - 1;
    case 'hire':
      return v.strong_hire - 1;
    default:
      return 100;
  }
}

/** Rating steps of a dimension: feature k is 1 when the rating is at least k + 1. */
const STEPS = [1, 2, 3, 4] as const;

/** The features the model reads: four rating steps per dimension, then one per flag (1 when raised). */
export const FEATURE_NAMES: readonly string[] = [
  ...DIMENSIONS.flatMap((d) => STEPS.map((k) => `${d}>=${k}`)),
  ...FLAG_IDS,
];

/** The dimension or flag a feature belongs to. */
export function featureOwner(name: string): DimensionId | FlagId {
  return name.split('>=')[0] as DimensionId | FlagId;
}

export function featureVector(ratings: Record<DimensionId, number>, flags: ReadonlySet<FlagId>): number[] {
  // Filled in place at its final length (it runs once per scored answer; the spread of mapped arrays built four
  // more, and pushing grew it three times).
  const features = new Array<number>(FEATURE_NAMES.length);
  let i = 0;
  for (const d of DIMENSIONS) for (const k of STEPS) features[i++] = ratings[d] >= k ? 1 : 0;
  for (const f of FLAG_IDS) features[i++] = flags.has(f) ? 1 : 0;
  return features;
}

/** Weights as one signed vector over FEATURE_NAMES (flags cost, so they are negative). */
export function signedWeights(weights: Pick<ScoringPolicy['model'], 'ratings' | 'flags'>): number[] {
  return [...DIMENSIONS.flatMap((d) => weights.ratings[d]), ...FLAG_IDS.map((f) => -weights.flags[f])];
}

/** The prior as one signed vector over FEATURE_NAMES: a rating point's weight on each of its steps. */
export function priorWeights(prior: ScoringPolicy['prior']): number[] {
  return [
    ...DIMENSIONS.flatMap((d) => STEPS.map(() => prior.ratings[d])),
    ...FLAG_IDS.map((f) => -prior.flags[f]),
  ];
}

export function modelWeights(policy: ScoringPolicy): number[] {
  return signedWeights(policy.model);
}

/**
 * 0-100 before caps (`w`: the policy's modelWeights, which a rubric works out once): the model's tempered odds that a Bar Raiser calls the answer strong, placed so that even
 * odds land on the lean-hire cut.
 */
export function rawScore(policy: ScoringPolicy, features: number[], w = modelWeights(policy)): number {
  let z = policy.model.bias;
  for (let i = 0; i < w.length; i++) z += w[i]! * features[i]!;
  const cut = policy.verdicts.lean_hire / 100;
  return 100 * sigmoid(z / policy.model.temperature + Math.log(cut / (1 - cut)));
}

/** Applies the caps that hold; returns the final 0-100 score and which caps bound it. */
export function applyCaps(
  policy: ScoringPolicy,
  score: number,
  holds: ReadonlySet<CapId>,
): { score: number; capped: CapId[] } {
  let out = score;
  const capped: CapId[] = [];
  for (const cap of CAP_IDS) {
    if (!holds.has(cap)) continue;
    const ceiling = ceilingOf(policy, policy.caps[cap]);
    if (out > ceiling) {
      out = ceiling;
      capped.push(cap);
    }
  }
  return { score: Math.max(0, Math.min(100, Math.round(out))), capped };
}

export type { Section };
export { VERDICTS };
