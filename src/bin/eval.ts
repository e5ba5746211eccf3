import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { z } from 'zod';
import { levelSchema } from '../core/content/schema.js';
import type { Rubric } from '../core/rubric/score.js';
import { FLAG_IDS, type Verdict } from '../core/rubric/types.js';
import { coach, type Io } from './cli.js';

export const FIXTURES_DIR = resolve(fileURLToPath(new URL('../../test/fixtures', import.meta.url)));

const fixtureSchema = z.strictObject({
  id: z.string(),
  principle: z.string().nullable().optional(),
  level: levelSchema,
  label: z.enum(['strong', 'mixed', 'weak']),
  form: z.string(),
  flags: z.array(z.enum(FLAG_IDS)),
  text: z.string().min(1),
});
export type Fixture = z.infer<typeof fixtureSchema>;

/** The hand-written labelled answers plus the seeds' labelled examples. */
export function loadFixtures(dir: string = FIXTURES_DIR): Fixture[] {
  const folder = join(dir, 'answers');
  const own = readdirSync(folder)
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
  const seeds = JSON.parse(readFileSync(join(dir, 'seeds.json'), 'utf8')) as {
    weakAnswers: Array<{ seed: string; text: string }>;
    strongAnswers: Array<{ seed: string; steps: string[]; reflection: string | null }>;
  };
  const seedFixtures: Fixture[] = [
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
  return [...own, ...seedFixtures];
}

export interface EvalResult {
  answers: number;
  auc: number;
  weakFlagged: number;
  weakTotal: number;
  strongBelowLeanHire: string[];
  weakAboveLeanNoHire: string[];
  perFlag: Record<
    string,
    { labelled: number; raised: number; hits: number; precision: number | null; recall: number | null }
  >;
  spread: Record<string, { n: number; min: number; median: number; max: number; mean: number }>;
  verdicts: Record<string, Partial<Record<Verdict, number>>>;
}

/** Ranking accuracy, flag precision/recall and score spread of the rubric on labelled answers. */
export function evaluate(rubric: Rubric, fixtures: Fixture[]): EvalResult {
  const scored = fixtures.map((f) => ({
    f,
    r: rubric.scoreAnswer(f.text, { principle: f.principle ?? null, level: f.level }),
  }));
  const strong = scored.filter((s) => s.f.label === 'strong').map((s) => s.r.score);
  const weak = scored.filter((s) => s.f.label === 'weak').map((s) => s.r.score);
  let wins = 0;
  for (const a of strong) for (const b of weak) wins += a > b ? 1 : a === b ? 0.5 : 0;
  const auc = strong.length && weak.length ? wins / (strong.length * weak.length) : 0;

  const perFlag: EvalResult['perFlag'] = {};
  for (const id of FLAG_IDS) perFlag[id] = { labelled: 0, raised: 0, hits: 0, precision: null, recall: null };
  let weakFlagged = 0;
  for (const { f, r } of scored) {
    const raised = new Set(r.flags.map((x) => x.id));
    const labelled = new Set(f.flags);
    for (const id of labelled) perFlag[id]!.labelled++;
    for (const id of raised) {
      perFlag[id]!.raised++;
      if (labelled.has(id)) perFlag[id]!.hits++;
    }
    if (f.label === 'weak' && [...raised].some((id) => labelled.has(id))) weakFlagged++;
  }
  for (const row of Object.values(perFlag)) {
    row.precision = row.raised ? row.hits / row.raised : null;
    row.recall = row.labelled ? row.hits / row.labelled : null;
  }
  const spread: EvalResult['spread'] = {};
  const verdicts: EvalResult['verdicts'] = {};
  for (const label of ['strong', 'mixed', 'weak']) {
    const s = scored.filter((x) => x.f.label === label);
    const scores = s.map((x) => x.r.score).sort((a, b) => a - b);
    if (!scores.length) continue;
    spread[label] = {
      n: scores.length,
      min: scores[0]!,
      median: scores[Math.floor(scores.length / 2)]!,
      max: scores[scores.length - 1]!,
      mean: Math.round(scores.reduce((a, b) => a + b, 0) / scores.length),
    };
    verdicts[label] = {};
    for (const x of s) verdicts[label]![x.r.verdict] = (verdicts[label]![x.r.verdict] ?? 0) + 1;
  }
  return {
    answers: scored.length,
    auc,
    weakFlagged,
    weakTotal: weak.length,
    strongBelowLeanHire: scored
      .filter((s) => s.f.label === 'strong' && ['lean_no_hire', 'no_hire'].includes(s.r.verdict))
      .map((s) => `${s.f.id} (${s.r.score})`),
    weakAboveLeanNoHire: scored
      .filter((s) => s.f.label === 'weak' && ['strong_hire', 'hire', 'lean_hire'].includes(s.r.verdict))
      .map((s) => `${s.f.id} (${s.r.score})`),
    perFlag,
    spread,
    verdicts,
  };
}

const pct = (x: number | null) => (x === null ? '  —  ' : `${(x * 100).toFixed(0).padStart(4)}%`);

/** `star-coach eval`: prints the evaluation table (or JSON). */
export async function runEval(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  const result = evaluate(coach().rubric, loadFixtures());
  if (values.json) {
    io.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  }
  const lines = [
    `Rubric evaluation on ${result.answers} labelled answers`,
    `  Ranking accuracy (AUC, strong vs weak): ${result.auc.toFixed(3)}`,
    `  Weak answers with at least one correct flag: ${result.weakFlagged}/${result.weakTotal}`,
    `  Strong answers below lean_hire: ${result.strongBelowLeanHire.length ? result.strongBelowLeanHire.join(', ') : 'none'}`,
    `  Weak answers at lean_hire or above: ${result.weakAboveLeanNoHire.length ? result.weakAboveLeanNoHire.join(', ') : 'none'}`,
    '',
    '  Score spread    n   min  median  max  mean   verdicts',
    ...Object.entries(result.spread).map(
      ([label, s]) =>
        `  ${label.padEnd(12)} ${String(s.n).padStart(4)} ${String(s.min).padStart(5)} ${String(s.median).padStart(7)} ${String(s.max).padStart(4)} ${String(s.mean).padStart(5)}   ${Object.entries(
          result.verdicts[label] ?? {},
        )
          .map(([v, n]) => `${v}:${n}`)
          .join(' ')}`,
    ),
    '',
    '  Flag                          labelled raised  precision recall',
    ...Object.entries(result.perFlag)
      .filter(([, r]) => r.labelled || r.raised)
      .map(
        ([id, r]) =>
          `  ${id.padEnd(30)} ${String(r.labelled).padStart(6)} ${String(r.raised).padStart(6)}  ${pct(r.precision)}   ${pct(r.recall)}`,
      ),
  ];
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
