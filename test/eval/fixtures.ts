import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Content } from '../../src/core/content/content.js';
import { LEVELS, SECTIONS } from '../../src/core/content/schema.js';
import { FLAG_IDS } from '../../src/core/rubric/types.js';
import { loadSeeds, type Seeds } from '../helpers/seeds.js';

/** test/fixtures: the answers this project wrote for itself, and the seed pages' examples. */
export const FIXTURES_DIR = resolve(fileURLToPath(new URL('../fixtures', import.meta.url)));

const fixtureSchema = z.strictObject({
  id: z.string(),
  principle: z.string().nullable().optional(),
  level: z.enum(LEVELS),
  label: z.enum(['strong', 'mixed', 'weak']),
  form: z.string(),
  flags: z.array(z.enum(FLAG_IDS)),
  text: z.string().min(1),
});
export type Fixture = z.infer<typeof fixtureSchema>;

/** The answers written for this project (a secondary, in-house table: never used to fit anything). */
export function loadProjectFixtures(dir: string = FIXTURES_DIR): Fixture[] {
  const folder = join(dir, 'answers');
  return readdirSync(folder)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((f) => {
      const data = parse(readFileSync(join(folder, f), 'utf8')) as unknown[];
      return data.map((entry, i) => {
        const r = fixtureSchema.safeParse(entry);
        if (!r.success)
          throw new Error(
            `test/fixtures/answers/${f}: entry ${i}: ${r.error.issues[0]?.path.join('.')} ${r.error.issues[0]?.message}`,
          );
        return r.data;
      });
    });
}

/**
 * The seeds' follow-ups with their probe's words; the last seed page lists its four replies without the
 * probes, which follow the first page's four questions (accepted, why, verified, differently) in order.
 */
export function seedFollowups(
  seeds: Seeds = loadSeeds(),
): Array<{ id: string; probe: string; weak: string; strong: string }> {
  return seeds.probes.map((p, i) => ({
    id: `seed-probe-${i + 1}`,
    probe: p.probe ?? seeds.probes[i % 4]?.probe ?? 'What would you do differently?',
    weak: p.weak,
    strong: p.strong,
  }));
}

/** The seed pages' weak and strong full answers, as fixtures (all tell one Ownership story at SDE2). */
export function seedFixtures(seeds: Seeds = loadSeeds()): Fixture[] {
  return [
    ...seeds.weakAnswers.map((w, i) => ({
      id: `seed-weak-${i + 1}`,
      principle: 'ownership',
      level: 'sde2' as const,
      label: 'weak' as const,
      form: 'seed',
      flags: ['escalated_not_owned' as const, 'vague_result' as const],
      text: w.text,
    })),
    ...seeds.strongAnswers.map((s, i) => ({
      id: `seed-strong-${i + 1}`,
      principle: 'ownership',
      level: 'sde2' as const,
      label: 'strong' as const,
      form: 'seed',
      flags: [],
      text: [...s.steps, s.reflection ?? ''].join('\n\n'),
    })),
  ];
}

/** Texts whose sections are known from their labels: the walkthroughs' model answers and the seeds' steps. */
export function labelledModelAnswers(content: Content, seeds: Seeds = loadSeeds()): string[] {
  const label = (section: string) => section.charAt(0).toUpperCase() + section.slice(1);
  const walkthroughs = content.walkthroughs.map((w) =>
    SECTIONS.map((s) => `${label(s)}: ${w.steps[s].example}`).join('\n'),
  );
  const seedAnswers = seeds.strongAnswers.map((s) =>
    [
      ...s.steps.map((step, i) => `${label(SECTIONS[i]!)}: ${step}`),
      s.reflection ? `Reflection: ${s.reflection}` : '',
    ]
      .filter(Boolean)
      .join('\n'),
  );
  return [...walkthroughs, ...seedAnswers];
}
