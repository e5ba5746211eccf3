import type { ProbeJudgement } from '../../core/coaching/probe-judge.js';
import type { Content } from '../../core/content/content.js';
import { SECTIONS } from '../../core/content/schema.js';
import {
  DIMENSION_LABEL,
  duration,
  FLAG_LABEL,
  feedbackParts,
  JUDGEMENT_LABEL,
  LEVEL_LABEL,
  PROBE_FLAG_LABEL,
  resolvePlurals,
  SECTION_LABEL,
  VERDICT_LABEL,
} from '../../core/labels.js';
import { type Notice, noticeText } from '../../core/notice.js';
import type { Report } from '../../core/rubric/types.js';

/**
 * Text for a terminal: the formatting marks core text may carry for chat (`*bold*`, `_italic_`, `code`,
 * `:emoji:`) are dropped, so nothing prints as stray asterisks.
 */
export function plain(text: string): string {
  return text
    .replace(/(^|[\s(“"'])\*([^*\n]+)\*(?=[\s).,;:!?”"']|$)/g, '$1$2')
    .replace(/(^|[\s(“"'])_([^_\n]+)_(?=[\s).,;:!?”"']|$)/g, '$1$2')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/ ?:[a-z][a-z0-9_+-]*: ?/g, ' ')
    .replace(/^ +| +$/gm, '');
}

/** A notice as terminal text: values as typed, no chat formatting. */
export function noticePlain(n: Notice): string {
  return plain(noticeText(n));
}

const bar = (rating: number) => '■'.repeat(rating) + '□'.repeat(4 - rating);

/** A plain-text score card for the terminal. */
export function renderReport(report: Report, content: Content, showProbe = true): string {
  if (report.status !== 'scored') return report.message ?? 'This answer could not be scored.';
  const principle = report.principle ? content.principleById.get(report.principle)?.name : null;
  const lines = [
    `${VERDICT_LABEL[report.verdict]} — ${report.score}/100 (${LEVEL_LABEL[report.level]}${principle ? `, ${principle}` : ''})`,
    '',
  ];
  for (const d of report.dimensions) {
    lines.push(`  ${bar(d.rating)}  ${DIMENSION_LABEL[d.id].padEnd(24)} ${plain(resolvePlurals(d.note))}`);
  }
  lines.push(
    '',
    `Time: about ${duration(report.totalSeconds)} spoken (${duration(report.secondsRange[0])}–${duration(report.secondsRange[1])}) vs a ${duration(report.targetSeconds)} budget`,
  );
  lines.push(
    `  ${SECTIONS.map((s) => `${SECTION_LABEL[s]} ${report.sections[s].present ? `${report.sections[s].seconds}/${report.sections[s].targetSeconds} s` : '—'}`).join(' · ')}`,
  );
  if (report.flags.length) {
    lines.push('', 'What cost points:');
    for (const f of report.flags) lines.push(`  ⚑ ${FLAG_LABEL[f.id]}: "${f.quote}" — ${f.message}`);
  }
  if (report.coaching.length) {
    lines.push('', 'Fix these first:');
    for (const [i, c] of report.coaching.entries()) lines.push(`  ${i + 1}. ${plain(c)}`);
  }
  if (showProbe && report.probe) lines.push('', `Bar Raiser follow-up: ${plain(report.probe.text)}`);
  return lines.join('\n');
}

/** A plain-text judgement of a probe answer; a model line is labelled as an example, never as yours. */
export function renderJudgement(j: ProbeJudgement): string {
  const parts = feedbackParts(j.feedback);
  const lines = [`${JUDGEMENT_LABEL[j.label].toUpperCase()} — ${plain(parts.text)}`];
  if (parts.example) lines.push(`  Example from a model answer (not your words): "${plain(parts.example)}"`);
  for (const f of j.flags) lines.push(`  ⚑ ${PROBE_FLAG_LABEL[f.id]}: "${f.quote}"`);
  if (j.reask) lines.push('', plain(j.reask));
  return lines.join('\n');
}
