import type { DimensionId } from '../content/schema.js';
import { FLAGS } from './flags.js';
import type { Segmentation } from './segment.js';
import { stableSorted } from './sorted.js';
import { type Sentence, trimQuote } from './text.js';
import type { Report } from './types.js';

const DIMENSION_ORDER: DimensionId[] = [
  'scope_ownership',
  'individual_contribution',
  'quantified_result',
  'rigor',
  'reflection',
  'principle_fit',
  'structure',
  'delivery_time',
];

/** Dimensions weakest first (ties in the order interviewers weigh them). */
export function weakestFirst(report: Report): Report['dimensions'] {
  return stableSorted(
    report.dimensions,
    (a, b) => a.rating - b.rating || DIMENSION_ORDER.indexOf(a.id) - DIMENSION_ORDER.indexOf(b.id),
  );
}

/**
 * The 2-3 most valuable fixes, each tied to the candidate's own words: what the question needed first, then
 * the flags in order of worth, then the weakest dimensions. A short answer is asked for more of its substance.
 */
export function coachingFor(report: Report, seg: Segmentation, questionPoints: string[]): string[] {
  const out = [...questionPoints.slice(0, 2)];
  const flags = report.flags.filter((f) => f.id !== 'under_time');
  for (const f of flags) {
    if (out.length >= 3) break;
    out.push(FLAGS[f.id].fix(trimQuote(f.quote, 80)));
  }
  const short = report.flags.find((f) => f.id === 'under_time');
  if (short && out.length < 3) out.push(FLAGS.under_time.fix(trimQuote(short.quote, 80)));
  if (out.length >= 2) return out;
  const lastSentence = seg.sentences[seg.sentences.length - 1];
  const covered = new Set(flags.slice(0, 3).map((f) => FLAGS[f.id].dimension));
  for (const d of weakestFirst(report)) {
    if (out.length >= 2) break;
    if (d.rating < 4 && !covered.has(d.id)) out.push(tipFor(d.id, report, seg));
  }
  if (out.length < 2)
    out.push(
      `Keep "${quote(seg.bySection.result[0], lastSentence)}" word for word: a concrete ending is what interviewers remember.`,
    );
  if (out.length < 2)
    out.push(
      `Practise it aloud in about ${report.targetSeconds} seconds, opening with "${quote(seg.sentences[0])}".`,
    );
  return out;
}

/** The first sentence given, as a short quote ('' when there is none). */
function quote(sentence: Sentence | undefined, fallback?: Sentence): string {
  return trimQuote((sentence ?? fallback)?.text ?? '', 80);
}

/**
 * The tip for a weak dimension, tied to the answer's own words. A switch, not a record of functions: the record
 * was built (eight closures) for every answer that reached it, to call one.
 */
function tipFor(id: DimensionId, report: Report, seg: Segmentation): string {
  const { situation, task, action, result, reflection } = seg.bySection;
  const firstSentence = seg.sentences[0];
  const lastSentence = seg.sentences[seg.sentences.length - 1];
  switch (id) {
    case 'structure':
      return `Label or order the parts clearly; right now the story ends at "${quote(lastSentence)}".`;
    case 'scope_ownership':
      return `Around "${quote(task[0], firstSentence)}", make the ownership explicit: whose job was it, and who else did you bring along?`;
    case 'individual_contribution':
      return `After "${quote(action[0], firstSentence)}", add one more concrete step you took yourself, with the artefact (query, test, doc).`;
    case 'quantified_result':
      return `After "${quote(result[0], lastSentence)}", add what the change was worth and who else adopted it.`;
    case 'rigor':
      return `After "${quote(action[action.length - 1], lastSentence)}", say how you confirmed it: a test, a reproduction or a metric you watched afterwards.`;
    case 'reflection':
      return `End with the root cause behind the problem and the mechanism you put in place, not only "${quote(reflection[0], lastSentence)}".`;
    case 'delivery_time':
      return report.totalSeconds > report.targetSeconds
        ? `Tighten it to about ${report.targetSeconds} seconds spoken; cut the setup first, starting at "${quote(situation[0], firstSentence)}".`
        : `It runs short of about ${report.targetSeconds} seconds; after "${quote(action[0], firstSentence)}", add your next step and how you checked it.`;
    case 'principle_fit':
      return `Make the principle visible: slow down at "${quote(action[0], firstSentence)}" and say why it mattered to the principle.`;
  }
}
