import { z } from 'zod';
import { PROBE_ASKS, QUESTION_TYPES, STORY_ELEMENTS } from './question-types.js';

/** Interview levels the coach calibrates for, junior to senior. */
export const LEVELS = ['sde1', 'sde2', 'senior', 'principal'] as const;
export type Level = (typeof LEVELS)[number];
export const levelSchema = z.enum(LEVELS);

/** The five parts of an answer the rubric segments. */
export const SECTIONS = ['situation', 'task', 'action', 'result', 'reflection'] as const;
export type Section = (typeof SECTIONS)[number];

/** Rubric dimensions; probes target one or more of them. */
export const DIMENSIONS = [
  'structure',
  'scope_ownership',
  'individual_contribution',
  'quantified_result',
  'rigor',
  'reflection',
  'delivery_time',
  'principle_fit',
] as const;
export type DimensionId = (typeof DIMENSIONS)[number];
export const dimensionSchema = z.enum(DIMENSIONS);

const id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (lowercase letters, digits and dashes)');
const text = z.string().trim().min(1, 'must not be empty');
const phrase = z.string().trim().min(2).max(80);
const list = (min = 1) => z.array(text).min(min);

/** How to retell a story for a principle. */
export const reframeSchema = z.strictObject({
  leadWith: text,
  emphasize: text,
  downplay: text,
});

export const principleSchema = z.strictObject({
  id,
  name: text,
  /** Short names people type: "cust obs", "backbone", "ebe". Lowercase. */
  aliases: z
    .array(
      z
        .string()
        .trim()
        .min(2)
        .regex(/^[^A-Z]*$/, 'aliases are lowercase'),
    )
    .min(2),
  /** Two or three sentences in our own words. */
  meaning: text,
  listensFor: list(3),
  notThis: list(2),
  redFlags: list(3),
  /**
   * Phrases that signal this principle in an answer (lowercase; a word ending in `*` matches any
   * ending: "customer*" matches customers, customer's).
   */
  signals: z.array(phrase.regex(/^[^A-Z]*$/, 'signals are lowercase')).min(8),
  /** How much the scope/ownership dimension counts for this principle (1 = normal). */
  scopeWeight: z.number().min(0.5).max(2).default(1),
  /** A concrete observable outcome earns full result credit without a number. */
  qualitativeResults: z.boolean().default(false),
  reframe: reframeSchema,
});
export type Principle = z.infer<typeof principleSchema>;

export const probeSchema = z.strictObject({
  id,
  /** What a reply must supply (own action, verification, lesson…); the follow-up judge reads it. */
  asks: z.enum(PROBE_ASKS),
  text,
  probesFor: text,
  targets: z.array(dimensionSchema).min(1),
  weak: z.strictObject({ answer: text, why: text }),
  strong: z.strictObject({ answer: text, takeaway: text }),
});
export type Probe = z.infer<typeof probeSchema>;

export const questionSchema = z.strictObject({
  id,
  /** The kind of story the question asks for; it sets what the rubric expects. */
  type: z.enum(QUESTION_TYPES),
  /** Story elements an answer must show to answer this question at all (default: the type's). */
  asks: z.array(z.enum(STORY_ELEMENTS)).optional(),
  text,
  secondary: z.array(id).default([]),
  levels: z.array(levelSchema).min(1),
  probes: z.array(probeSchema).min(3),
});
export type Question = z.infer<typeof questionSchema>;

/** One file per principle: content/questions/<principle-id>.yaml */
export const questionFileSchema = z.strictObject({
  principle: id,
  questions: z.array(questionSchema).min(6),
});

const stepSchema = z.strictObject({
  targetSeconds: z.number().int().min(5).max(180),
  example: text,
  keyPhrases: z.array(phrase).min(2),
  tip: text,
  mistake: text,
});

const calibrationSchema = z.strictObject({
  focus: text,
  reflection: text,
  bar: text,
  time: text,
});

export const walkthroughSchema = z.strictObject({
  id,
  principle: id,
  /** The question this model answer answers; must exist in content/questions. */
  question: id,
  title: text,
  /** A few words naming the story, used to check no two walkthroughs tell the same one. */
  story: text,
  overview: text,
  whyItWorks: text,
  steps: z.strictObject({
    situation: stepSchema,
    task: stepSchema,
    action: stepSchema,
    result: stepSchema,
    reflection: stepSchema,
  }),
  reflections: z.strictObject({
    sde1: text.optional(),
    sde2: text,
    senior: text,
    principal: text.optional(),
  }),
  probes: z.array(probeSchema).min(3).max(4),
  weakAnswer: z.strictObject({
    text,
    problems: list(3),
    verdict: text,
  }),
  quiz: z
    .array(
      z.strictObject({
        question: text,
        options: z.array(text).min(3).max(4),
        correct: z.number().int().min(0).max(3),
        explanation: text,
      }),
    )
    .length(3),
  reframes: z
    .array(z.strictObject({ principle: id, leadWith: text, emphasize: text, downplay: text }))
    .length(3),
  levels: z.strictObject({
    sde1: calibrationSchema,
    sde2: calibrationSchema.optional(),
    senior: calibrationSchema,
    principal: calibrationSchema.optional(),
  }),
});
export type Walkthrough = z.infer<typeof walkthroughSchema>;

const budgetSchema = z.strictObject({
  situation: z.number().positive(),
  task: z.number().positive(),
  action: z.number().positive(),
  result: z.number().positive(),
  reflection: z.number().positive(),
});
export type Budget = z.infer<typeof budgetSchema>;

/** content/rubric/levels.yaml */
export const levelsFileSchema = z.strictObject({
  wordsPerMinute: z.strictObject({
    typical: z.number().positive(),
    min: z.number().positive(),
    max: z.number().positive(),
  }),
  levels: z.strictObject({
    sde1: z.strictObject({ label: text, expectations: list(2), budget: budgetSchema }),
    sde2: z.strictObject({ label: text, expectations: list(2), budget: budgetSchema }),
    senior: z.strictObject({ label: text, expectations: list(2), budget: budgetSchema }),
    principal: z.strictObject({ label: text, expectations: list(2), budget: budgetSchema }),
  }),
});
export type LevelsFile = z.infer<typeof levelsFileSchema>;

const phrases = z.array(phrase).min(3);

/** content/rubric/lexicon.yaml: every phrase list the rubric and the probe judge read. */
export const lexiconSchema = z.strictObject({
  scopeBoundary: phrases,
  selfInitiated: phrases,
  escalation: phrases,
  assigned: phrases,
  opportunistic: phrases,
  vagueEnding: phrases,
  assumedSuccess: phrases,
  guessing: phrases,
  passiveHandoff: phrases,
  genericClaims: phrases,
  validation: phrases,
  businessTranslation: phrases,
  secondOrder: phrases,
  systemicReflection: phrases,
  mechanism: phrases,
  genericReflection: phrases,
  reflectionCues: phrases,
  resultCues: phrases,
  situationCues: phrases,
  taskCues: phrases,
  tradeOffs: phrases,
  crossTeam: phrases,
  negations: phrases,
  concreteVerbs: z.array(z.string().regex(/^[a-z]+$/)).min(40),
  weakVerbs: z.array(z.string().regex(/^[a-z]+$/)).min(5),
  /** Things work produces or inspects ("runbook", "query", "heatmap"): naming one makes a step specific. */
  workProducts: z.array(z.string().regex(/^[a-z0-9/-]+$/)).min(20),
});
export type Lexicon = z.infer<typeof lexiconSchema>;

/** content/rubric/probes.yaml: follow-ups for any answer, at least one per dimension. */
export const genericProbesSchema = z.strictObject({
  probes: z.array(probeSchema).min(8),
});

const typeSpecSchema = z.strictObject({
  label: text,
  asks: z.array(z.enum(STORY_ELEMENTS)),
  expects: list(1),
  /** Words that mark a free-text question as this type ("failed", "disagree"). */
  textCues: z.array(phrase),
});

/** content/rubric/question-types.yaml: what each type of question asks for, and how to see it in an answer. */
export const questionTypesFileSchema = z.strictObject({
  types: z.strictObject(
    Object.fromEntries(QUESTION_TYPES.map((t) => [t, typeSpecSchema])) as Record<
      (typeof QUESTION_TYPES)[number],
      typeof typeSpecSchema
    >,
  ),
  elements: z.strictObject(
    Object.fromEntries(
      STORY_ELEMENTS.map((e) => [e, z.strictObject({ label: text, signals: z.array(phrase).min(3) })]),
    ) as Record<
      (typeof STORY_ELEMENTS)[number],
      z.ZodObject<{ label: typeof text; signals: z.ZodArray<typeof phrase> }, z.core.$strict>
    >,
  ),
});
export type QuestionTypesFile = z.infer<typeof questionTypesFileSchema>;
