import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { buildContent, type Content, type RawFile } from '../core/content/content.js';
import { CoachError } from '../core/errors.js';

/** The content folder shipped with the project. */
export const DEFAULT_CONTENT_DIR = resolve(fileURLToPath(new URL('../../content', import.meta.url)));

function readYaml(dir: string, path: string): RawFile {
  const file = relative(resolve(dir, '..'), path);
  try {
    return { file, data: parse(readFileSync(path, 'utf8'), { uniqueKeys: true }) };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new CoachError('content_invalid', `${file}: ${message}`, { cause: error });
  }
}

function readFolder(dir: string, folder: string): RawFile[] {
  const path = join(dir, folder);
  return readdirSync(path)
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort()
    .map((name) => readYaml(dir, join(path, name)));
}

/** Reads and validates every content file; errors name the file and the path inside it. */
export function loadContent(dir: string = DEFAULT_CONTENT_DIR): Content {
  return buildContent({
    principles: readFolder(dir, 'principles'),
    questions: readFolder(dir, 'questions'),
    walkthroughs: readFolder(dir, 'walkthroughs'),
    lexicon: readYaml(dir, join(dir, 'rubric', 'lexicon.yaml')),
    levels: readYaml(dir, join(dir, 'rubric', 'levels.yaml')),
    genericProbes: readYaml(dir, join(dir, 'rubric', 'probes.yaml')),
  });
}
