import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { PROBE_ASKS, QUESTION_TYPES } from '../../src/core/content/question-types.js';
import { LEVELS } from '../../src/core/content/schema.js';

/** The public calibration corpus (answers nobody on the team wrote), see test/fixtures/corpus/README.md. */
export const CORPUS_DIR = resolve(fileURLToPath(new URL('../fixtures/corpus', import.meta.url)));

const text = z.string().trim().min(1);
const sourceSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
    name: text,
    url: z.string().url().optional(),
    repo: z
      .string()
      .regex(/^[\w.-]+\/[\w.-]+$/)
      .optional(),
    path: text.optional(),
    kind: z.enum(['prep-guide', 'career-centre', 'repo', 'q-and-a', 'book', 'rubric', 'blog']),
  })
  .refine((s) => s.url || (s.repo && s.path), 'a source needs a url, or a repo and a path');

const answerSchema = z.strictObject({
  id: text,
  locator: text,
  question: text,
  principle: text,
  questionType: z.enum(QUESTION_TYPES),
  level: z.enum(LEVELS),
  levelBasis: text,
  label: z.enum(['strong', 'weak', 'mixed']),
  labelEvidence: text,
  form: z.enum(['prose', 'labelled', 'bullets', 'numbered']),
  text,
  casual: text.optional(),
});

const followupSchema = z.strictObject({
  id: text,
  locator: text,
  context: text,
  probe: text,
  asks: z.enum(PROBE_ASKS),
  label: z.enum(['strong', 'weak']),
  labelEvidence: text,
  text,
});

const answersFileSchema = z.strictObject({ source: sourceSchema, answers: z.array(answerSchema).min(1) });
const followupsFileSchema = z.strictObject({
  source: sourceSchema,
  followups: z.array(followupSchema).min(1),
});

export type CorpusSource = z.infer<typeof sourceSchema>;
export type CorpusAnswer = z.infer<typeof answerSchema> & { source: string };
export type CorpusFollowup = z.infer<typeof followupSchema> & { source: string };

export interface Corpus {
  sources: CorpusSource[];
  answers: CorpusAnswer[];
  followups: CorpusFollowup[];
}

function readFolder<T>(dir: string, schema: z.ZodType<T>): Array<{ file: string; data: T }> {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
  } catch {
    return [];
  }
  return files.sort().map((f) => {
    const parsed = schema.safeParse(parse(readFileSync(join(dir, f), 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `test/fixtures/corpus/${dir.split('/').pop()}/${f}: ${issue?.path.join('.')} ${issue?.message}`,
      );
    }
    return { file: f, data: parsed.data };
  });
}

/** Loads and validates every corpus file; ids are unique and each file is named after its source. */
export function loadCorpus(dir: string = CORPUS_DIR): Corpus {
  const sources = new Map<string, CorpusSource>();
  const answers: CorpusAnswer[] = [];
  const followups: CorpusFollowup[] = [];
  const ids = new Set<string>();
  const claim = (id: string, file: string) => {
    if (ids.has(id)) throw new Error(`test/fixtures/corpus: id ${id} appears twice (${file})`);
    ids.add(id);
  };
  const addSource = (s: CorpusSource, file: string) => {
    if (file !== `${s.id}.yaml`) throw new Error(`test/fixtures/corpus: ${file} must be named ${s.id}.yaml`);
    sources.set(s.id, s);
  };
  for (const { file, data } of readFolder(join(dir, 'answers'), answersFileSchema)) {
    addSource(data.source, file);
    for (const a of data.answers) {
      claim(a.id, file);
      answers.push({ ...a, source: data.source.id });
    }
  }
  for (const { file, data } of readFolder(join(dir, 'followups'), followupsFileSchema)) {
    addSource(data.source, file);
    for (const f of data.followups) {
      claim(f.id, file);
      followups.push({ ...f, source: data.source.id });
    }
  }
  return { sources: [...sources.values()], answers, followups };
}
