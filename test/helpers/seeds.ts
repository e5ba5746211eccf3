import { readFileSync } from 'node:fs';

export interface SeedProbe {
  seed: string;
  probe?: string | null;
  weak: string;
  strong: string;
}

export interface Seeds {
  probes: SeedProbe[];
  weakAnswers: Array<{ seed: string; title: string; text: string }>;
  strongAnswers: Array<{ seed: string; title: string; steps: string[]; reflection: string | null }>;
}

/** The seed pages' labelled examples (test/fixtures/seeds.json). */
export function loadSeeds(): Seeds {
  return JSON.parse(readFileSync(new URL('../fixtures/seeds.json', import.meta.url), 'utf8')) as Seeds;
}

/** A seed's strong answer as one text: the five steps joined with blank lines. */
export function strongText(answer: Seeds['strongAnswers'][number], reflection = answer.reflection): string {
  return [...answer.steps, reflection ?? ''].join('\n\n');
}
