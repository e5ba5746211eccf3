import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import {
  buildContent,
  type Content,
  type RawContent,
  type RawFile,
  validateContent,
} from '../core/content/content.js';
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
  /** The file's bytes: decoded only when the YAML is parsed (a cached start just hashes them). */
  bytes: Buffer;
}

// The YAML parser is needed only when the cache misses (the build fills it), so the bundle leaves it in
// node_modules instead of parsing its 250 KB at every start.
const requireFromNodeModules = createRequire(import.meta.url);

function parseYaml(source: Source): RawFile {
  try {
    const { parse } = requireFromNodeModules('yaml') as typeof import('yaml');
    return { file: source.file, data: parse(source.bytes.toString('utf8'), { uniqueKeys: true }) };
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
      .map((f) => ({ key, file: name(join(dir, sub, f)), bytes: readFileSync(join(dir, sub, f)) }));
  const single = (key: Source['key'], f: string): Source => ({
    key,
    file: name(join(dir, 'rubric', f)),
    bytes: readFileSync(join(dir, 'rubric', f)),
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

/**
 * The compiled app (dist/, built by bin/build.js, which empties the cache) trusts a cached validation made by
 * the same build; TypeScript run from src/ (tests, tsx) always validates again.
 */
const COMPILED = !import.meta.url.endsWith('.ts');

function assemble(sources: Source[], files: RawFile[]): RawContent {
  const of = (key: Source['key']) => files.filter((_f, i) => sources[i]!.key === key);
  return {
    principles: of('principles'),
    questions: of('questions'),
    walkthroughs: of('walkthroughs'),
    lexicon: of('lexicon')[0]!,
    levels: of('levels')[0]!,
    genericProbes: of('genericProbes')[0]!,
    questionTypes: of('questionTypes')[0]!,
    scoring: of('scoring')[0]!,
  };
}

function flatten(raw: RawContent): RawFile[] {
  return [
    ...raw.principles,
    ...raw.questions,
    ...raw.walkthroughs,
    raw.lexicon,
    raw.levels,
    raw.genericProbes,
    raw.questionTypes,
    raw.scoring,
  ];
}

/**
 * The content, validated. The validated files are cached as JSON, keyed by a hash of every file's bytes
 * (parsing YAML and running the schemas are most of a cold start's content work).
 */
function loadValidated(sources: Source[], cacheDir: string | null, trustCache: boolean): Content {
  if (!cacheDir) return buildContent(assemble(sources, sources.map(parseYaml)));
  const hash = createHash('sha256');
  for (const s of sources) hash.update(s.file).update('\0').update(s.bytes).update('\0');
  const cacheFile = join(cacheDir, `validated-${hash.digest('hex').slice(0, 32)}.json`);
  let cached: RawFile[] | null = null;
  try {
    cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as RawFile[];
  } catch {
    // No cache yet (or unreadable): parse the YAML below.
  }
  if (cached && cached.length === sources.length)
    return buildContent(assemble(sources, cached), { validated: trustCache });
  const validated = validateContent(assemble(sources, sources.map(parseYaml)));
  const content = buildContent(validated, { validated: true });
  try {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(flatten(validated)));
    renameSync(tmp, cacheFile);
  } catch {
    // A read-only install still works, just without the cache.
  }
  return content;
}

/**
 * Reads and validates every content file; errors name the file and the path inside it. From the compiled
 * app, unchanged files validated before are served from the cache; `trustCache: false` (`content check`)
 * and TypeScript run from src/ validate every time.
 */
export function loadContent(
  dir: string = DEFAULT_CONTENT_DIR,
  options: { cacheDir?: string | null; trustCache?: boolean } = {},
): Content {
  const sources = readSources(dir);
  const cacheDir =
    options.cacheDir === undefined
      ? dir === DEFAULT_CONTENT_DIR
        ? CONTENT_CACHE_DIR
        : null
      : options.cacheDir;
  return loadValidated(sources, cacheDir, options.trustCache ?? COMPILED);
}
