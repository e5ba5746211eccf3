import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { buildContent, type Content, type RawFile } from '../core/content/content.js';
import { CoachError } from '../core/errors.js';
import { PROJECT_ROOT } from './paths.js';

/** The content folder shipped with the project. */
export const DEFAULT_CONTENT_DIR = join(PROJECT_ROOT, 'content');

/** Parsed YAML is cached here as JSON, keyed by a hash of every file's bytes (parsing YAML is most of a cold start). */
export const CONTENT_CACHE_DIR = join(PROJECT_ROOT, 'node_modules', '.cache', 'star-coach');

interface Source {
  key:
    | 'principles'
    | 'questions'
    | 'walkthroughs'
    | 'lexicon'
    | 'levels'
    | 'genericProbes'
    | 'questionTypes'
    | 'scoring';
  file: string;
  text: string;
}

function parseYaml(source: Source): RawFile {
  try {
    return { file: source.file, data: parse(source.text, { uniqueKeys: true }) };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new CoachError('content_invalid', `${source.file}: ${message}`, { cause: error });
  }
}

function readSources(dir: string): Source[] {
  const name = (path: string) => relative(resolve(dir, '..'), path);
  const folder = (key: Source['key'], sub: string): Source[] =>
    readdirSync(join(dir, sub))
      .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
      .sort()
      .map((f) => ({ key, file: name(join(dir, sub, f)), text: readFileSync(join(dir, sub, f), 'utf8') }));
  const single = (key: Source['key'], f: string): Source => ({
    key,
    file: name(join(dir, 'rubric', f)),
    text: readFileSync(join(dir, 'rubric', f), 'utf8'),
  });
  return [
    ...folder('principles', 'principles'),
    ...folder('questions', 'questions'),
    ...folder('walkthroughs', 'walkthroughs'),
    single('lexicon', 'lexicon.yaml'),
    single('levels', 'levels.yaml'),
    single('genericProbes', 'probes.yaml'),
    single('questionTypes', 'question-types.yaml'),
    single('scoring', 'scoring.yaml'),
  ];
}

function parseAll(sources: Source[], cacheDir: string | null): RawFile[] {
  if (!cacheDir) return sources.map(parseYaml);
  const hash = createHash('sha256');
  for (const s of sources) hash.update(s.file).update('\0').update(s.text).update('\0');
  const cacheFile = join(cacheDir, `content-${hash.digest('hex').slice(0, 32)}.json`);
  try {
    return JSON.parse(readFileSync(cacheFile, 'utf8')) as RawFile[];
  } catch {
    // No cache yet (or unreadable): parse the YAML below.
  }
  const parsed = sources.map(parseYaml);
  try {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(parsed));
    renameSync(tmp, cacheFile);
  } catch {
    // A read-only install still works, just without the cache.
  }
  return parsed;
}

/**
 * Reads and validates every content file; errors name the file and the path inside it. Validation always
 * runs; only the YAML parsing of unchanged files is served from the cache.
 */
export function loadContent(
  dir: string = DEFAULT_CONTENT_DIR,
  options: { cacheDir?: string | null } = {},
): Content {
  const sources = readSources(dir);
  const cacheDir =
    options.cacheDir === undefined
      ? dir === DEFAULT_CONTENT_DIR
        ? CONTENT_CACHE_DIR
        : null
      : options.cacheDir;
  const files = parseAll(sources, cacheDir);
  const of = (key: Source['key']) => files.filter((_f, i) => sources[i]!.key === key);
  return buildContent({
    principles: of('principles'),
    questions: of('questions'),
    walkthroughs: of('walkthroughs'),
    lexicon: of('lexicon')[0]!,
    levels: of('levels')[0]!,
    genericProbes: of('genericProbes')[0]!,
    questionTypes: of('questionTypes')[0]!,
    scoring: of('scoring')[0]!,
  });
}
