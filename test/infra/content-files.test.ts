import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countContent } from '../../src/core/content/content.js';
import { CoachError } from '../../src/core/errors.js';
import { DEFAULT_CONTENT_DIR, loadContent } from '../../src/infra/content-files.js';

let dir: string;
let content: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'star-coach-content-'));
  content = join(dir, 'content');
  cpSync(DEFAULT_CONTENT_DIR, content, { recursive: true });
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function loadError(): CoachError {
  try {
    loadContent(content);
  } catch (error) {
    expect(error).toBeInstanceOf(CoachError);
    return error as CoachError;
  }
  throw new Error('the broken content loaded');
}

describe('loadContent', () => {
  it('loads the shipped content and a copy of it the same way', () => {
    const shipped = countContent(loadContent());
    expect(shipped.principles).toBe(16);
    expect(countContent(loadContent(content))).toEqual(shipped);
  });

  it('names the file when a YAML file does not parse', () => {
    writeFileSync(
      join(content, 'questions', 'ownership.yaml'),
      'principle: ownership\nquestions: [unclosed\n',
    );
    const error = loadError();
    expect(error.code).toBe('content_invalid');
    expect(error.message).toMatch(/^content\/questions\/ownership\.yaml: /);
    expect(error.message).not.toContain('\n');
  });

  it('rejects a duplicated key instead of silently keeping the last one', () => {
    const file = join(content, 'principles', 'ownership.yaml');
    const text = readFileSync(file, 'utf8');
    const firstLine = text.split('\n').find((l) => /^[a-z]\w*:/.test(l))!;
    writeFileSync(file, `${text}\n${firstLine}\n`);
    expect(loadError().message).toContain('content/principles/ownership.yaml');
  });

  it('names the file and the path inside it when an entry breaks the schema', () => {
    const file = join(content, 'questions', 'ownership.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(/^(\s+)text: Tell me about a time/m, '$1txet: Tell me about a time'),
    );
    const error = loadError();
    expect(error.code).toBe('content_invalid');
    expect(error.message).toMatch(/^content\/questions\/ownership\.yaml: questions\.0\.text: /);
  });
});

describe('the validated-content cache', () => {
  const cacheFiles = (cacheDir: string) =>
    readdirSync(cacheDir).filter((f) => f.startsWith('validated-') && f.endsWith('.json'));

  it('stores what the schemas read (defaults filled in) and serves it on the next load', () => {
    const cacheDir = join(dir, 'cache');
    // A principle without scopeWeight: the schema's default (1) is what the cache must hold.
    const file = join(content, 'principles', 'ownership.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^scopeWeight:.*\n/m, ''));
    const first = loadContent(content, { cacheDir, trustCache: true });
    expect(first.principleById.get('ownership')!.scopeWeight).toBe(1);
    expect(cacheFiles(cacheDir)).toHaveLength(1);
    const cached = JSON.parse(readFileSync(join(cacheDir, cacheFiles(cacheDir)[0]!), 'utf8')) as Array<{
      file: string;
      data: { scopeWeight?: number };
    }>;
    expect(cached.find((f) => f.file.endsWith('principles/ownership.yaml'))!.data.scopeWeight).toBe(1);
    const second = loadContent(content, { cacheDir, trustCache: true });
    expect(second.principleById.get('ownership')!.scopeWeight).toBe(1);
    expect(countContent(second)).toEqual(countContent(first));
    expect(second.scoring).toEqual(first.scoring);
  });

  it('is keyed by the files: an edited file is validated again, not served stale', () => {
    const cacheDir = join(dir, 'cache');
    loadContent(content, { cacheDir, trustCache: true });
    const file = join(content, 'questions', 'ownership.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(/^(\s+)text: Tell me about a time/m, '$1txet: Tell me about a time'),
    );
    expect(() => loadContent(content, { cacheDir, trustCache: true })).toThrow(/questions\.0\.text/);
  });

  it('is validated again when not trusted (content check, and TypeScript run from src/)', () => {
    const cacheDir = join(dir, 'cache');
    loadContent(content, { cacheDir, trustCache: true });
    const path = join(cacheDir, cacheFiles(cacheDir)[0]!);
    const cached = JSON.parse(readFileSync(path, 'utf8')) as Array<{
      file: string;
      data: Record<string, unknown>;
    }>;
    const principle = cached.find((f) => f.file.includes('/principles/'))!;
    principle.data.scopeWeight = 99;
    writeFileSync(path, JSON.stringify(cached));
    expect(() => loadContent(content, { cacheDir, trustCache: false })).toThrow(/scopeWeight/);
    // Trusted, the cache is taken as it is: that is why a build empties it (bin/build.js).
    expect(() => loadContent(content, { cacheDir, trustCache: true })).not.toThrow();
  });
});
