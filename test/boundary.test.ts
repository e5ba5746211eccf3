import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const CORE = join(ROOT, 'src', 'core');

/** Packages the core must never import: it stays plain TypeScript over ports. */
const FORBIDDEN_PACKAGES: Array<[RegExp, string]> = [
  [/^@slack\//, 'a Slack package'],
  [/^better-sqlite3$/, 'the SQLite driver'],
  [/^(node:)?fs(\/promises)?$/, 'the file system'],
];
/** Folders of src/ the core must never reach into. */
const FORBIDDEN_FOLDERS = ['infra', 'adapters', 'bin'];

interface Violation {
  file: string;
  specifier: string;
  reason: string;
}

const stripComments = (source: string) =>
  source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

/** Every module specifier in a source: static imports/exports, side-effect imports, import() and require(). */
function importSpecifiers(source: string): string[] {
  const code = stripComments(source);
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
    /\brequire\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
  ];
  return patterns.flatMap((p) => [...code.matchAll(p)].map((m) => m[1]!));
}

/** The forbidden imports of one core file (path relative to the project root). */
function checkCoreSource(file: string, source: string): Violation[] {
  const violations: Violation[] = [];
  for (const specifier of importSpecifiers(source)) {
    const pkg = FORBIDDEN_PACKAGES.find(([re]) => re.test(specifier));
    if (pkg) {
      violations.push({ file, specifier, reason: `imports ${pkg[1]}` });
      continue;
    }
    if (!specifier.startsWith('.')) continue;
    const target = relative(join(ROOT, 'src'), resolve(ROOT, dirname(file), specifier)).split(sep);
    if (target[0] && FORBIDDEN_FOLDERS.includes(target[0])) {
      violations.push({ file, specifier, reason: `reaches into src/${target[0]}` });
    }
  }
  return violations;
}

function listSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listSources(path);
    return /\.(c|m)?[jt]sx?$/.test(entry.name) ? [path] : [];
  });
}

describe('the boundary checker', () => {
  const file = 'src/core/practice/session.ts';

  it('flags a core file that imports @slack/bolt', () => {
    const source = "import { z } from 'zod';\nimport { App } from '@slack/bolt';\n";
    expect(checkCoreSource(file, source)).toEqual([
      { file, specifier: '@slack/bolt', reason: 'imports a Slack package' },
    ]);
  });

  it.each([
    ["import Database from 'better-sqlite3';", 'better-sqlite3'],
    ["import { readFileSync } from 'node:fs';", 'node:fs'],
    ["import * as fs from 'fs';", 'fs'],
    ["import { readFile } from 'node:fs/promises';", 'node:fs/promises'],
    ["export { WebClient } from '@slack/web-api';", '@slack/web-api'],
    ["import '@slack/socket-mode';", '@slack/socket-mode'],
    ["const bolt = await import('@slack/bolt');", '@slack/bolt'],
    ["const fs = require('fs');", 'fs'],
    ["import type { Db } from '../../infra/sqlite/database.js';", '../../infra/sqlite/database.js'],
    [
      "import { renderReport } from '../../adapters/terminal/render.js';",
      '../../adapters/terminal/render.js',
    ],
    ["import {\n  readConfig,\n} from '../../infra/config.js';", '../../infra/config.js'],
  ])('flags %s', (source, specifier) => {
    expect(checkCoreSource(file, source).map((v) => v.specifier)).toEqual([specifier]);
  });

  it('allows plain libraries, core-relative imports and mentions in comments or strings', () => {
    const source = [
      "import { z } from 'zod';",
      "import type { Content } from '../content/content.js';",
      "import { CoachError } from '../errors.js';",
      "// import { App } from '@slack/bolt';",
      "/* import Database from 'better-sqlite3'; */",
      "const hint = 'set DATABASE_PATH, not fs';",
    ].join('\n');
    expect(checkCoreSource(file, source)).toEqual([]);
  });
});

describe('src/core', () => {
  it('imports no platform package, no file system and nothing from infra, adapters or bin', () => {
    const files = listSources(CORE);
    // Guards against a vacuous pass if the folder moved.
    expect(files.map((f) => relative(ROOT, f))).toContain(join('src', 'core', 'coach.ts'));
    const violations = files.flatMap((f) => checkCoreSource(relative(ROOT, f), readFileSync(f, 'utf8')));
    const report = violations.map((v) => `${v.file}: '${v.specifier}' ${v.reason}`).join('\n');
    expect(report, `core files break the boundary:\n${report}`).toBe('');
  });
});

/** Relative imports of a file that land in `folder` (a path under src/). */
function importsInto(file: string, source: string, folder: string): string[] {
  return importSpecifiers(source).filter((specifier) => {
    if (!specifier.startsWith('.')) return false;
    const target = relative(join(ROOT, 'src'), resolve(ROOT, dirname(file), specifier))
      .split(sep)
      .join('/');
    return target === folder || target.startsWith(`${folder}/`);
  });
}

describe('the adapters', () => {
  const SLACK = join(ROOT, 'src', 'adapters', 'slack');
  const TERMINAL = join(ROOT, 'src', 'adapters', 'terminal');

  it('finds a cross-adapter import when there is one', () => {
    const file = 'src/adapters/slack/render/coaching.ts';
    expect(
      importsInto(file, "import { VERDICT_LABEL } from '../../terminal/render.js';", 'adapters/terminal'),
    ).toEqual(['../../terminal/render.js']);
    expect(
      importsInto(file, "import { LEVEL_LABEL } from '../../../core/labels.js';", 'adapters/terminal'),
    ).toEqual([]);
  });

  it.each([
    ['slack', SLACK, 'adapters/terminal'],
    ['terminal', TERMINAL, 'adapters/slack'],
  ])('%s imports nothing from the other adapter (what they share lives in the core)', (_name, dir, other) => {
    const files = listSources(dir);
    expect(files.length).toBeGreaterThan(1);
    const hits = files.flatMap((f) => {
      const rel = relative(ROOT, f);
      return importsInto(rel, readFileSync(f, 'utf8'), other).map((s) => `${rel}: '${s}'`);
    });
    expect(hits).toEqual([]);
  });
});

describe('the Slack listeners', () => {
  const LISTENERS = join(ROOT, 'src', 'adapters', 'slack', 'listeners');
  const listeners = listSources(LISTENERS).filter((f) => !/(index|send|state)\.ts$/.test(f));

  it('are one per file, grouped by surface', () => {
    const folders = new Set(listeners.map((f) => relative(LISTENERS, dirname(f))));
    expect([...folders].sort()).toEqual(['actions', 'commands', 'events', 'views']);
    for (const f of listeners)
      expect(readFileSync(f, 'utf8').match(/\bapp\.(action|command|event|view)\(/g)?.length ?? 1).toBe(1);
  });

  it.each(listeners.map((f) => [relative(ROOT, f), f]))(
    '%s reaches no store and no rubric, and calls the core once',
    (_name, f) => {
      const code = stripComments(readFileSync(f, 'utf8'));
      expect(code).not.toMatch(
        /\.(channels|coachStore|coach)\.|core\.(channels|coachStore|coach|channelService)|scoreAnswer|better-sqlite3/,
      );
      expect(
        importSpecifiers(code).filter(
          (s) => /core\/(?!usecases|ids)/.test(s) && !s.includes('/core/usecases'),
        ),
      ).toEqual([]);
    },
  );
});
