import type { z } from 'zod';
import { CoachError } from '../errors.js';
import { type ScoringPolicy, scoringFileSchema } from '../rubric/policy.js';
import {
  DIMENSIONS,
  genericProbesSchema,
  type LevelsFile,
  type Lexicon,
  levelsFileSchema,
  lexiconSchema,
  type Principle,
  type Probe,
  principleSchema,
  type Question,
  type QuestionTypesFile,
  questionFileSchema,
  questionTypesFileSchema,
  type Walkthrough,
  walkthroughSchema,
} from './schema.js';

/** One parsed content file: where it came from and its data. */
export interface RawFile {
  file: string;
  data: unknown;
}

export interface RawContent {
  principles: RawFile[];
  questions: RawFile[];
  walkthroughs: RawFile[];
  lexicon: RawFile;
  levels: RawFile;
  genericProbes: RawFile;
  questionTypes: RawFile;
  scoring: RawFile;
}

export interface QuestionEntry extends Question {
  principle: string;
  file: string;
}

export interface ProbeEntry extends Probe {
  /** The question or walkthrough the probe belongs to. */
  owner: string;
  principle: string;
}

/** All coaching content, validated and indexed. */
export interface Content {
  principles: Principle[];
  principleById: Map<string, Principle>;
  questions: QuestionEntry[];
  questionById: Map<string, QuestionEntry>;
  questionsByPrinciple: Map<string, QuestionEntry[]>;
  probeById: Map<string, ProbeEntry>;
  walkthroughs: Walkthrough[];
  walkthroughById: Map<string, Walkthrough>;
  walkthroughsByPrinciple: Map<string, Walkthrough[]>;
  lexicon: Lexicon;
  levels: LevelsFile;
  /** Follow-ups for answers to no particular question, by the dimension they target. */
  genericProbes: ProbeEntry[];
  /** What each type of question asks for, and the signals of each story element. */
  questionTypes: QuestionTypesFile;
  /** Verdict bands, caps and the fitted weights (content/rubric/scoring.yaml). */
  scoring: ScoringPolicy;
}

export interface ContentCounts {
  principles: number;
  questions: number;
  probes: number;
  walkthroughs: number;
  quiz: number;
}

/** The 16 principles: stable ids and the exact official names, in Amazon's order. */
export const OFFICIAL_PRINCIPLES: ReadonlyArray<{ id: string; name: string }> = [
  { id: 'customer-obsession', name: 'Customer Obsession' },
  { id: 'ownership', name: 'Ownership' },
  { id: 'invent-and-simplify', name: 'Invent and Simplify' },
  { id: 'are-right-a-lot', name: 'Are Right, A Lot' },
  { id: 'learn-and-be-curious', name: 'Learn and Be Curious' },
  { id: 'hire-and-develop-the-best', name: 'Hire and Develop the Best' },
  { id: 'insist-on-the-highest-standards', name: 'Insist on the Highest Standards' },
  { id: 'think-big', name: 'Think Big' },
  { id: 'bias-for-action', name: 'Bias for Action' },
  { id: 'frugality', name: 'Frugality' },
  { id: 'earn-trust', name: 'Earn Trust' },
  { id: 'dive-deep', name: 'Dive Deep' },
  { id: 'have-backbone', name: 'Have Backbone; Disagree and Commit' },
  { id: 'deliver-results', name: 'Deliver Results' },
  { id: 'earths-best-employer', name: "Strive to be Earth's Best Employer" },
  { id: 'success-and-scale', name: 'Success and Scale Bring Broad Responsibility' },
];
const officialIds = new Set(OFFICIAL_PRINCIPLES.map((p) => p.id));

function parseFile<S extends z.ZodType>(schema: S, raw: RawFile): z.output<S> {
  const result = schema.safeParse(raw.data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : '(root)';
  throw new CoachError('content_invalid', `${raw.file}: ${where}: ${issue?.message ?? 'invalid'}`);
}

function fail(file: string, message: string): never {
  throw new CoachError('content_invalid', `${file}: ${message}`);
}

/**
 * Each file's data as its schema reads it (defaults filled in, unknown keys dropped), for a cache that lets
 * `buildContent(…, { validated: true })` skip the schemas on the next start.
 */
export function validateContent(raw: RawContent): RawContent {
  const out = <S extends z.ZodType>(schema: S, file: RawFile): RawFile => ({
    file: file.file,
    data: parseFile(schema, file),
  });
  return {
    principles: raw.principles.map((f) => out(principleSchema, f)),
    questions: raw.questions.map((f) => out(questionFileSchema, f)),
    walkthroughs: raw.walkthroughs.map((f) => out(walkthroughSchema, f)),
    lexicon: out(lexiconSchema, raw.lexicon),
    levels: out(levelsFileSchema, raw.levels),
    genericProbes: out(genericProbesSchema, raw.genericProbes),
    questionTypes: out(questionTypesFileSchema, raw.questionTypes),
    scoring: out(scoringFileSchema, raw.scoring),
  };
}

/**
 * Validates raw content and builds the indexes; throws CoachError('content_invalid') naming the file.
 * `validated`: the files are validateContent's output from this same code, so the schemas are not run again
 * (the checks across files still are).
 */
export function buildContent(raw: RawContent, options: { validated?: boolean } = {}): Content {
  const parse = <S extends z.ZodType>(schema: S, file: RawFile): z.output<S> =>
    options.validated ? (file.data as z.output<S>) : parseFile(schema, file);
  const principles: Principle[] = [];
  const principleById = new Map<string, Principle>();
  for (const file of raw.principles) {
    const principle = parse(principleSchema, file);
    if (principleById.has(principle.id)) fail(file.file, `id: duplicate principle "${principle.id}"`);
    principleById.set(principle.id, principle);
    principles.push(principle);
  }
  for (const [i, p] of principles.entries()) {
    const official = OFFICIAL_PRINCIPLES.find((o) => o.id === p.id);
    const file = raw.principles[i]?.file ?? `content/principles/${p.id}.yaml`;
    if (!official) fail(file, `id: "${p.id}" is not one of the 16 principle ids`);
    if (official.name !== p.name) fail(file, `name: must be exactly "${official.name}"`);
  }
  const order = OFFICIAL_PRINCIPLES.map((o) => o.id);
  principles.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  checkAliases(principles);

  const ids = new Map<string, string>();
  const claim = (kind: string, value: string, file: string, path: string) => {
    const key = `${kind}:${value}`;
    const previous = ids.get(key);
    if (previous) fail(file, `${path}: duplicate ${kind} id "${value}" (also in ${previous})`);
    ids.set(key, file);
  };
  const requirePrinciple = (value: string, file: string, path: string) => {
    if (!officialIds.has(value)) fail(file, `${path}: unknown principle "${value}"`);
  };

  const questions: QuestionEntry[] = [];
  const questionById = new Map<string, QuestionEntry>();
  const questionsByPrinciple = new Map<string, QuestionEntry[]>(OFFICIAL_PRINCIPLES.map((p) => [p.id, []]));
  const probeById = new Map<string, ProbeEntry>();
  const addProbe = (probe: Probe, owner: string, principle: string, file: string, path: string) => {
    claim('probe', probe.id, file, `${path}.id`);
    probeById.set(probe.id, { ...probe, owner, principle });
  };

  for (const file of raw.questions) {
    const parsed = parse(questionFileSchema, file);
    requirePrinciple(parsed.principle, file.file, 'principle');
    parsed.questions.forEach((q, i) => {
      const path = `questions.${i}`;
      claim('question', q.id, file.file, `${path}.id`);
      for (const [j, s] of q.secondary.entries()) requirePrinciple(s, file.file, `${path}.secondary.${j}`);
      const entry: QuestionEntry = { ...q, principle: parsed.principle, file: file.file };
      questions.push(entry);
      questionById.set(q.id, entry);
      questionsByPrinciple.get(parsed.principle)?.push(entry);
      for (const [j, probe] of q.probes.entries()) {
        addProbe(probe, q.id, parsed.principle, file.file, `${path}.probes.${j}`);
      }
    });
  }

  const walkthroughs: Walkthrough[] = [];
  const walkthroughById = new Map<string, Walkthrough>();
  const walkthroughsByPrinciple = new Map<string, Walkthrough[]>(OFFICIAL_PRINCIPLES.map((p) => [p.id, []]));
  const stories = new Map<string, string>();
  for (const file of raw.walkthroughs) {
    const w = parse(walkthroughSchema, file);
    claim('walkthrough', w.id, file.file, 'id');
    requirePrinciple(w.principle, file.file, 'principle');
    const question = questionById.get(w.question);
    if (!question) fail(file.file, `question: unknown question "${w.question}"`);
    const storyKey = w.story
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
    const sameStory = stories.get(storyKey);
    if (sameStory) fail(file.file, `story: "${w.story}" is already told in ${sameStory}`);
    stories.set(storyKey, file.file);
    w.reframes.forEach((r, i) => {
      requirePrinciple(r.principle, file.file, `reframes.${i}.principle`);
      if (r.principle === w.principle)
        fail(file.file, `reframes.${i}.principle: reframe to another principle`);
    });
    w.quiz.forEach((q, i) => {
      if (q.correct >= q.options.length) fail(file.file, `quiz.${i}.correct: no option ${q.correct}`);
    });
    for (const [i, probe] of w.probes.entries()) addProbe(probe, w.id, w.principle, file.file, `probes.${i}`);
    walkthroughs.push(w);
    walkthroughById.set(w.id, w);
    walkthroughsByPrinciple.get(w.principle)?.push(w);
  }

  const lexicon = parse(lexiconSchema, raw.lexicon);
  const questionTypes = parse(questionTypesFileSchema, raw.questionTypes);
  const scoring = parse(scoringFileSchema, raw.scoring);
  const levels = parse(levelsFileSchema, raw.levels);
  const genericProbes = parse(genericProbesSchema, raw.genericProbes).probes.map((probe, i) => {
    addProbe(probe, 'generic', '', raw.genericProbes.file, `probes.${i}`);
    return probeById.get(probe.id)!;
  });
  for (const dimension of DIMENSIONS) {
    if (!genericProbes.some((p) => p.targets.includes(dimension))) {
      fail(raw.genericProbes.file, `probes: no probe targets "${dimension}"`);
    }
  }

  // Completeness last, so a half-written content folder still reports its per-file errors first.
  for (const official of OFFICIAL_PRINCIPLES) {
    if (!principleById.has(official.id)) {
      fail(`content/principles/${official.id}.yaml`, `missing the principle "${official.name}"`);
    }
  }
  for (const p of principles) {
    const count = questionsByPrinciple.get(p.id)?.length ?? 0;
    if (count < 6)
      fail(`content/questions/${p.id}.yaml`, `principle "${p.id}" has ${count} questions (needs 6)`);
    if (!walkthroughsByPrinciple.get(p.id)?.length) {
      fail('content/walkthroughs', `principle "${p.id}" has no walkthrough`);
    }
  }

  return {
    principles,
    principleById,
    questions,
    questionById,
    questionsByPrinciple,
    probeById,
    walkthroughs,
    walkthroughById,
    walkthroughsByPrinciple,
    lexicon,
    levels,
    genericProbes,
    questionTypes,
    scoring,
  };
}

/** An alias or name must point at exactly one principle. */
function checkAliases(principles: Principle[]): void {
  const owner = new Map<string, string>();
  for (const p of principles) {
    for (const alias of [p.name.toLowerCase(), p.id, ...p.aliases]) {
      const key = normalizeName(alias);
      const previous = owner.get(key);
      if (previous && previous !== p.id) {
        fail(`content/principles/${p.id}.yaml`, `aliases: "${alias}" also names "${previous}"`);
      }
      owner.set(key, p.id);
    }
  }
}

/** Lowercase, "&" as "and", punctuation and apostrophes dropped, spaces folded. */
export function normalizeName(value: string): string {
  return value
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function countContent(content: Content): ContentCounts {
  return {
    principles: content.principles.length,
    questions: content.questions.length,
    probes: content.probeById.size,
    walkthroughs: content.walkthroughs.length,
    quiz: content.walkthroughs.reduce((n, w) => n + w.quiz.length, 0),
  };
}
