/**
 * Benchmark inputs built from the labelled fixture answers (test/fixtures/answers/*.yaml): realistic STAR
 * answers of about 150, 450 and 900 words, made of real sentences from those answers.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Level } from '../src/core/content/schema.js';

export interface FixtureAnswer {
  id: string;
  principle: string;
  level: Level;
  label: string;
  form: string;
  text: string;
}

export interface BenchAnswer {
  text: string;
  words: number;
  principle: string;
  level: Level;
}

type SectionKey = 'S' | 'T' | 'A' | 'R' | 'L';
const SECTION_NAMES: Record<SectionKey, string> = {
  S: 'Situation',
  T: 'Task',
  A: 'Action',
  R: 'Result',
  L: 'Reflection',
};
const LABEL = /^(?:\d+\.\s*)?(S|T|A|R|Situation|Task|Action|Result|Reflection|Learning)\s*:\s*(.*)$/i;
// Sections taken in this order, round-robin, until the answer reaches its length: actions dominate, as in a
// good spoken answer, and results and reflection come back as the story grows.
const ORDER: SectionKey[] = ['S', 'T', 'A', 'A', 'R', 'L', 'A', 'A', 'R', 'S', 'T', 'A', 'A', 'A', 'R', 'L'];

export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

export function loadFixtureAnswers(root: URL): FixtureAnswer[] {
  const out: FixtureAnswer[] = [];
  for (const file of ['part-1.yaml', 'part-2.yaml']) {
    const items = parse(
      readFileSync(new URL(`test/fixtures/answers/${file}`, root), 'utf8'),
    ) as FixtureAnswer[];
    out.push(...items);
  }
  return out;
}

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z0-9"'(])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function sectionsOf(answer: FixtureAnswer): Record<SectionKey, string[]> | null {
  const out: Record<SectionKey, string[]> = { S: [], T: [], A: [], R: [], L: [] };
  let found = 0;
  for (const line of answer.text.split('\n')) {
    const m = LABEL.exec(line.trim());
    if (!m) continue;
    const key = m[1]!.toUpperCase();
    const k: SectionKey = key === 'REFLECTION' || key === 'LEARNING' ? 'L' : (key[0] as SectionKey);
    out[k].push(...sentences(m[2]!));
    found++;
  }
  return found >= 4 && out.A.length > 0 ? out : null;
}

/**
 * `variants` answers of about `target` words. Each takes one labelled fixture answer as its spine and, when
 * it needs more, the action and result sentences of the next answers (a long, rambling but real answer).
 */
export function composeAnswers(fixtures: FixtureAnswer[], target: number, variants: number): BenchAnswer[] {
  const labelled = fixtures
    .filter((f) => f.label !== 'weak')
    .map((f) => ({ f, s: sectionsOf(f) }))
    .filter((x): x is { f: FixtureAnswer; s: Record<SectionKey, string[]> } => x.s !== null);
  if (labelled.length < 4) throw new Error('bench: not enough labelled fixture answers to compose from');
  const out: BenchAnswer[] = [];
  for (let v = 0; v < variants; v++) {
    const base = labelled[v % labelled.length]!;
    const pools: Record<SectionKey, string[]> = {
      S: [...base.s.S],
      T: [...base.s.T],
      A: [...base.s.A],
      R: [...base.s.R],
      L: [...base.s.L],
    };
    for (let d = 1; d < labelled.length; d++) {
      const donor = labelled[(v + d) % labelled.length]!;
      pools.A.push(...donor.s.A);
      pools.R.push(...donor.s.R);
    }
    const picked: Record<SectionKey, string[]> = { S: [], T: [], A: [], R: [], L: [] };
    let words = 0;
    for (let i = 0; words < target && i < 10_000; i++) {
      const key = ORDER[i % ORDER.length]!;
      const next = pools[key].shift();
      if (next === undefined) continue;
      picked[key].push(next);
      words += countWords(next) + (picked[key].length === 1 ? 1 : 0);
    }
    const text = (Object.keys(SECTION_NAMES) as SectionKey[])
      .filter((k) => picked[k].length > 0)
      .map((k) => `${SECTION_NAMES[k]}: ${picked[k].join(' ')}`)
      .join('\n');
    out.push({ text, words: countWords(text), principle: base.f.principle, level: base.f.level });
  }
  return out;
}
