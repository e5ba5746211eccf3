import { judgeProbeAnswer } from '../../src/core/coaching/probe-judge.js';
import type { Content } from '../../src/core/content/content.js';
import { type AnswerFigures, answerFigures, twinShift } from '../../src/core/rubric/evaluation.js';
import { verdictFor } from '../../src/core/rubric/policy.js';
import type { Rubric } from '../../src/core/rubric/score.js';
import { seedFollowups } from './fixtures.js';
import type { loadEvaluationData } from './items.js';
import { crossValidate, type Item, type Scored } from './model.js';

type Data = ReturnType<typeof loadEvaluationData>;

export interface TableRow {
  corpus: string;
  figures: AnswerFigures;
  shift?: ReturnType<typeof twinShift>;
}

export interface EvaluationReport {
  rows: TableRow[];
  segmentation: { sentences: number; correct: number; accuracy: number | null };
  followups: Array<{ corpus: string; n: number; correct: number; wrong: string[] }>;
}

/** Scores with the shipped model (for answers the model was never fitted on). */
function scoreShipped(rubric: Rubric, items: Item[]): Scored[] {
  return items.map((i) => {
    const r = rubric.scoreAnswer(i.text, i.options);
    return { id: i.id, label: i.label, score: r.score, verdict: r.verdict };
  });
}

/** Follow-up replies judged as their sources label them. */
export function followupFigures(rubric: Rubric, data: Data): EvaluationReport['followups'] {
  const judge = (text: string, probe: string, asks?: Parameters<typeof judgeProbeAnswer>[2]['asks']) =>
    judgeProbeAnswer(rubric, text, { text: probe, ...(asks ? { asks } : {}) }).label;
  const publicWrong: string[] = [];
  let publicCorrect = 0;
  const shortWrong: string[] = [];
  let shortN = 0;
  let shortCorrect = 0;
  for (const f of data.corpus.followups) {
    // The judge is given the probe's words only, as a person typing it would give them.
    const ok = judge(f.text, f.probe) === f.label;
    if (ok) publicCorrect++;
    else publicWrong.push(`${f.id} (${f.label})`);
    if (f.label === 'strong' && f.text.split(/\s+/).length <= 20) {
      shortN++;
      if (ok) shortCorrect++;
      else shortWrong.push(f.id);
    }
  }
  const seedWrong: string[] = [];
  let seedCorrect = 0;
  for (const p of seedFollowups(data.seeds)) {
    for (const label of ['weak', 'strong'] as const) {
      if (judge(p[label], p.probe) === label) seedCorrect++;
      else seedWrong.push(`${p.id}-${label}`);
    }
  }
  return [
    {
      corpus: 'public follow-up replies',
      n: data.corpus.followups.length,
      correct: publicCorrect,
      wrong: publicWrong,
    },
    { corpus: '  of which short strong (≤ 20 words)', n: shortN, correct: shortCorrect, wrong: shortWrong },
    {
      corpus: 'seed follow-up replies',
      n: data.seeds.probes.length * 2,
      correct: seedCorrect,
      wrong: seedWrong,
    },
  ];
}

/** Every figure `npm run eval` prints: public corpus cross-validated, the rest with the shipped model. */
export function evaluateAll(rubric: Rubric, content: Content, data: Data): EvaluationReport {
  const cv = data.public.length
    ? crossValidate(rubric, content, data.public, data.segmentationBase)
    : { folds: 0, scored: [], segmentation: { sentences: 0, correct: 0 } };
  const casual = cv.scored.filter((s) => s.casualScore !== undefined);
  const rows: TableRow[] = [
    { corpus: `public (${cv.folds}-fold, by source)`, figures: answerFigures(cv.scored) },
    {
      corpus: 'public casual twins (same folds)',
      figures: answerFigures(
        casual.map((s) => ({
          ...s,
          score: s.casualScore!,
          verdict: verdictFor(content.scoring, s.casualScore!),
        })),
      ),
      shift: twinShift(casual.map((s) => ({ id: s.id, formal: s.score, casual: s.casualScore! }))),
    },
    {
      corpus: 'public, retyped mechanically',
      figures: answerFigures(
        cv.scored.map((s) => ({
          ...s,
          score: s.mechanicalScore ?? s.score,
          verdict: verdictFor(content.scoring, s.mechanicalScore ?? s.score),
        })),
      ),
      shift: twinShift(
        cv.scored.map((s) => ({ id: s.id, formal: s.score, casual: s.mechanicalScore ?? s.score })),
      ),
    },
    { corpus: 'project-written (shipped model)', figures: answerFigures(scoreShipped(rubric, data.project)) },
    { corpus: 'seeds (shipped model)', figures: answerFigures(scoreShipped(rubric, data.seedItems)) },
  ];
  return {
    rows,
    segmentation: {
      ...cv.segmentation,
      accuracy: cv.segmentation.sentences ? cv.segmentation.correct / cv.segmentation.sentences : null,
    },
    followups: followupFigures(rubric, data),
  };
}

const pct = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(0)}%` : '—');

export function formatReport(report: EvaluationReport): string {
  const lines = [
    'corpus                              n  strong/weak/mixed   AUC    strong<lean_hire  weak≥lean_hire  twin shift mean/worst',
  ];
  for (const row of report.rows) {
    const f = row.figures;
    lines.push(
      `${row.corpus.padEnd(34)} ${String(f.n).padStart(3)}  ${`${f.strong}/${f.weak}/${f.mixed}`.padEnd(17)} ${f.auc === null ? '  —  ' : f.auc.toFixed(3)}  ${`${f.strongBelowLeanHire.length} (${pct(f.strongBelowLeanHire.length, f.strong)})`.padEnd(16)}  ${`${f.weakAtOrAboveLeanHire.length} (${pct(f.weakAtOrAboveLeanHire.length, f.weak)})`.padEnd(14)}  ${row.shift?.mean != null ? `${row.shift.mean.toFixed(1)} / ${row.shift.worst} (${row.shift.worstId})` : ''}`,
    );
  }
  const s = report.segmentation;
  lines.push(
    '',
    `Segmentation of plain prose (labelled public answers with their labels stripped, cross-validated): ${s.accuracy === null ? '—' : `${(100 * s.accuracy).toFixed(1)}%`} of ${s.sentences} sentences`,
    '',
    'Follow-up judge (replies judged as their sources label them):',
  );
  for (const f of report.followups)
    lines.push(`  ${f.corpus.padEnd(38)} ${f.correct}/${f.n} (${pct(f.correct, f.n)})`);
  const details: string[] = [];
  for (const row of report.rows) {
    if (row.figures.strongBelowLeanHire.length)
      details.push(`  ${row.corpus}: strong below lean_hire: ${row.figures.strongBelowLeanHire.join(', ')}`);
    if (row.figures.weakAtOrAboveLeanHire.length)
      details.push(
        `  ${row.corpus}: weak at or above lean_hire: ${row.figures.weakAtOrAboveLeanHire.join(', ')}`,
      );
  }
  for (const f of report.followups)
    if (f.wrong.length) details.push(`  ${f.corpus.trim()}: misjudged ${f.wrong.join(', ')}`);
  if (details.length) lines.push('', 'Misses:', ...details);
  return lines.join('\n');
}

export function printCrossValidation(rubric: Rubric, content: Content, data: Data): void {
  console.log(formatReport(evaluateAll(rubric, content, data)));
}
