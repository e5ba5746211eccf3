import type { ProbeJudgement } from '../../core/coaching/probe-judge.js';
import type { Content } from '../../core/content/content.js';
import { SECTIONS } from '../../core/content/schema.js';
import type { Report, Verdict } from '../../core/rubric/types.js';

export const VERDICT_LABEL: Record<Verdict, string> = {
  strong_hire: 'Strong hire',
  hire: 'Hire',
  lean_hire: 'Lean hire',
  lean_no_hire: 'Lean no hire',
  no_hire: 'No hire',
  not_scored: 'Not scored',
};

export const DIMENSION_LABEL: Record<string, string> = {
  structure: 'Structure',
  scope_ownership: 'Scope & ownership',
  individual_contribution: 'Individual contribution',
  quantified_result: 'Quantified result',
  rigor: 'Rigor & validation',
  reflection: 'Reflection',
  delivery_time: 'Delivery time',
  principle_fit: 'Principle fit',
};

const bar = (rating: number) => '■'.repeat(rating) + '□'.repeat(4 - rating);

/** A plain-text score card for the terminal. */
export function renderReport(report: Report, content: Content, showProbe = true): string {
  if (report.status !== 'scored') return report.message ?? 'This answer could not be scored.';
  const principle = report.principle ? content.principleById.get(report.principle)?.name : null;
  const lines = [
    `${VERDICT_LABEL[report.verdict]} — ${report.score}/100 (${content.levels.levels[report.level].label}${principle ? `, ${principle}` : ''})`,
    '',
  ];
  for (const d of report.dimensions) {
    lines.push(`  ${bar(d.rating)}  ${DIMENSION_LABEL[d.id]!.padEnd(24)} ${d.note}`);
  }
  lines.push(
    '',
    `Time: about ${report.totalSeconds} s spoken (${report.secondsRange[0]}–${report.secondsRange[1]} s) vs a ${report.targetSeconds} s budget`,
  );
  lines.push(
    `  ${SECTIONS.map((s) => `${s[0]!.toUpperCase()}${s.slice(1)} ${report.sections[s].present ? `${report.sections[s].seconds}/${report.sections[s].targetSeconds}s` : '—'}`).join(' · ')}`,
  );
  if (report.flags.length) {
    lines.push('', 'Flags:');
    for (const f of report.flags) lines.push(`  ⚑ ${f.id}: "${f.quote}" — ${f.message}`);
  }
  if (report.coaching.length) {
    lines.push('', 'Fix these first:');
    for (const [i, c] of report.coaching.entries()) lines.push(`  ${i + 1}. ${c}`);
  }
  if (showProbe && report.probe) lines.push('', `Bar Raiser follow-up: ${report.probe.text}`);
  return lines.join('\n');
}

/** A plain-text judgement of a probe answer. */
export function renderJudgement(j: ProbeJudgement): string {
  const lines = [`${j.label.toUpperCase()} — ${j.feedback}`];
  for (const f of j.flags) lines.push(`  ⚑ ${f.id}: "${f.quote}"`);
  if (j.reask) lines.push('', j.reask);
  return lines.join('\n');
}
