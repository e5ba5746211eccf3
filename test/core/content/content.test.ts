import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { countContent, normalizeName } from '../../../src/core/content/content.js';
import { DIMENSIONS } from '../../../src/core/content/schema.js';
import { CoachError } from '../../../src/core/errors.js';
import { createPrincipleLookup } from '../../../src/core/lookup/lookup.js';
import { DEFAULT_CONTENT_DIR, loadContent } from '../../../src/infra/content-files.js';

const content = loadContent();

// Written out here, not imported, so a renamed principle in the code cannot pass unnoticed.
const OFFICIAL_NAMES = [
  'Customer Obsession',
  'Ownership',
  'Invent and Simplify',
  'Are Right, A Lot',
  'Learn and Be Curious',
  'Hire and Develop the Best',
  'Insist on the Highest Standards',
  'Think Big',
  'Bias for Action',
  'Frugality',
  'Earn Trust',
  'Dive Deep',
  'Have Backbone; Disagree and Commit',
  'Deliver Results',
  "Strive to be Earth's Best Employer",
  'Success and Scale Bring Broad Responsibility',
];

/** Every probe in the content, wherever it is written. */
const allProbes = [
  ...content.questions.flatMap((q) => q.probes),
  ...content.walkthroughs.flatMap((w) => w.probes),
  ...content.genericProbes,
];

describe('shipped content', () => {
  it('has the minimum amount of coaching material', () => {
    const counts = countContent(content);
    expect(counts.principles).toBe(16);
    expect(counts.questions).toBeGreaterThanOrEqual(96);
    expect(counts.probes).toBeGreaterThanOrEqual(288);
    expect(counts.walkthroughs).toBeGreaterThanOrEqual(16);
    expect(counts.quiz).toBeGreaterThanOrEqual(48);
  });

  it('names the 16 principles exactly as Amazon does, in Amazon order', () => {
    expect(content.principles.map((p) => p.name)).toEqual(OFFICIAL_NAMES);
  });

  it.each(OFFICIAL_NAMES)('%s has at least six questions and a walkthrough', (name) => {
    const principle = content.principles.find((p) => p.name === name)!;
    expect(content.questionsByPrinciple.get(principle.id)?.length ?? 0).toBeGreaterThanOrEqual(6);
    expect(content.walkthroughsByPrinciple.get(principle.id)?.length ?? 0).toBeGreaterThanOrEqual(1);
  });

  it('uses every question, probe and walkthrough id once', () => {
    const duplicates = (ids: string[]) => ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(duplicates(content.questions.map((q) => q.id))).toEqual([]);
    expect(duplicates(allProbes.map((p) => p.id))).toEqual([]);
    expect(duplicates(content.walkthroughs.map((w) => w.id))).toEqual([]);
    expect(content.probeById.size).toBe(allProbes.length);
  });

  it('points every walkthrough at an existing question of its own principle', () => {
    for (const w of content.walkthroughs) {
      const question = content.questionById.get(w.question);
      expect(question, `${w.id} → ${w.question}`).toBeDefined();
      expect(question?.principle, w.id).toBe(w.principle);
    }
  });

  it('reframes every walkthrough for three other, existing principles', () => {
    for (const w of content.walkthroughs) {
      const targets = w.reframes.map((r) => r.principle);
      for (const target of targets)
        expect(content.principleById.has(target), `${w.id} → ${target}`).toBe(true);
      expect(targets, w.id).not.toContain(w.principle);
      expect(new Set(targets).size, w.id).toBe(3);
    }
  });

  it('gives every quiz question a correct option that exists', () => {
    for (const w of content.walkthroughs) {
      for (const q of w.quiz) expect(q.correct, w.id).toBeLessThan(q.options.length);
    }
  });

  it('tells a different story in each walkthrough', () => {
    const stories = content.walkthroughs.map((w) => normalizeName(w.story));
    expect(new Set(stories).size).toBe(stories.length);
  });

  it('has aliases that each name exactly one principle, and the lookup agrees', () => {
    const lookup = createPrincipleLookup(content);
    const owner = new Map<string, Set<string>>();
    for (const p of content.principles) {
      for (const alias of [p.name, p.id, ...p.aliases]) {
        const key = normalizeName(alias);
        owner.set(key, (owner.get(key) ?? new Set()).add(p.id));
      }
    }
    const ambiguous = [...owner].filter(([, ids]) => ids.size > 1).map(([key]) => key);
    expect(ambiguous).toEqual([]);
    for (const p of content.principles) {
      for (const alias of p.aliases) {
        const match = lookup.find(alias);
        expect(match.kind === 'found' ? match.principle.id : match.kind, alias).toBe(p.id);
      }
    }
  });

  it('has a generic follow-up for every rubric dimension', () => {
    for (const d of DIMENSIONS) {
      expect(
        content.genericProbes.some((p) => p.targets.includes(d)),
        d,
      ).toBe(true);
    }
  });
});

describe('broken content', () => {
  const temps: string[] = [];
  afterEach(() => {
    for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A copy of content/ in a temp dir, with one file changed by `edit`. */
  function brokenCopy(file: string, edit: (text: string) => string): string {
    const root = mkdtempSync(join(tmpdir(), 'star-content-'));
    temps.push(root);
    const dir = join(root, 'content');
    cpSync(DEFAULT_CONTENT_DIR, dir, { recursive: true });
    const path = join(dir, file);
    const before = readFileSync(path, 'utf8');
    const after = edit(before);
    expect(after, 'the edit must change the file').not.toBe(before);
    writeFileSync(path, after);
    return dir;
  }

  function loadError(dir: string): CoachError {
    try {
      loadContent(dir);
    } catch (error) {
      expect(error).toBeInstanceOf(CoachError);
      return error as CoachError;
    }
    throw new Error('loadContent accepted broken content');
  }

  it('loads a clean copy (so the failures below come from the edits)', () => {
    const root = mkdtempSync(join(tmpdir(), 'star-content-'));
    temps.push(root);
    cpSync(DEFAULT_CONTENT_DIR, join(root, 'content'), { recursive: true });
    expect(countContent(loadContent(join(root, 'content')))).toEqual(countContent(content));
  });

  it.each([
    {
      name: 'a probe targeting a dimension that does not exist',
      file: 'questions/ownership.yaml',
      edit: (t: string) =>
        t.replace('targets: [scope_ownership, principle_fit]', 'targets: [scope_ownership, charisma]'),
      path: 'questions.0.probes.0.targets.1',
    },
    {
      name: 'a walkthrough answering an unknown question',
      file: 'walkthroughs/ownership-lost-partner-webhooks.yaml',
      edit: (t: string) => t.replace(/^question: .*$/m, 'question: no-such-question'),
      path: 'question: unknown question "no-such-question"',
    },
    {
      name: 'a reframe to an unknown principle',
      file: 'walkthroughs/dive-deep-brazil-p99-dns-routing.yaml',
      edit: (t: string) => t.replace(/^( {2}- principle: ).*$/m, '$1charisma'),
      path: 'reframes.0.principle',
    },
    {
      name: 'a duplicate probe id',
      file: 'questions/ownership.yaml',
      edit: (t: string) => t.replace('id: own-outside-scope-landing', 'id: own-outside-scope-why-you'),
      path: 'questions.0.probes.1.id: duplicate probe id',
    },
    {
      name: 'an alias that names two principles',
      file: 'principles/frugality.yaml',
      edit: (t: string) => t.replace(/^(aliases:\s*\n(?:\s+- .*\n)*?\s+- )frugal$/m, '$1dive deep'),
      // Principles are checked in Amazon order, so the clash is reported on the later one, naming both.
      reported: 'principles/dive-deep.yaml',
      path: 'aliases: "dive deep" also names "frugality"',
    },
    {
      name: 'a principle renamed away from its official name',
      file: 'principles/dive-deep.yaml',
      edit: (t: string) => t.replace(/^name: .*$/m, 'name: Deep Diving'),
      path: 'name: must be exactly "Dive Deep"',
    },
  ] as Array<{ name: string; file: string; edit: (t: string) => string; path: string; reported?: string }>)(
    'rejects $name, naming the file and the path',
    ({ file, edit, path, reported }) => {
      const error = loadError(brokenCopy(file, edit));
      expect(error.code).toBe('content_invalid');
      expect(error.message).toContain(reported ?? file);
      expect(error.message).toContain(path);
    },
  );

  it('rejects YAML that does not parse, naming the file and the line', () => {
    const file = 'walkthroughs/frugality-etl-cloud-bill-cut.yaml';
    const error = loadError(brokenCopy(file, (t) => t.replace(/^title: (.*)$/m, 'title: [$1')));
    expect(error.code).toBe('content_invalid');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/line \d+/);
  });

  it('rejects a duplicated YAML key instead of keeping the last one', () => {
    const file = 'principles/ownership.yaml';
    const error = loadError(brokenCopy(file, (t) => t.replace(/^(name: .*)$/m, '$1\nname: Ownership')));
    expect(error.message).toContain(file);
  });
});
