import { SECTIONS } from '../../content/schema.js';
import { trimQuote } from '../text.js';
import type { Dimension, FlagId } from '../types.js';
import type { RateContext } from './context.js';

/** What the answer tells, wherever it tells it: a missing section is only a gap when its substance is missing too. */
export interface Told {
  /** Sentences with steps told by the person or the team. */
  steps: number;
  /** Whether an outcome is told anywhere (a measured change, an observable outcome). */
  outcome: boolean;
}

/**
 * Structure: are Situation, Task, Action, Result and Reflection there? The rating is about the telling (coached,
 * not scored); the missing-action and missing-result flags are about substance, so a plain-prose answer whose
 * steps or outcome the section reading placed elsewhere is not flagged.
 */
export function rateStructure(ctx: RateContext, told: Told): Dimension {
  const { r } = ctx;
  const present = SECTIONS.filter((s) => r.seg.bySection[s].length > 0);
  const has = (s: (typeof SECTIONS)[number]) => r.seg.bySection[s].length > 0;
  // The task is often folded into a strong situation; its absence only counts next to other gaps.
  const missingCore = (['situation', 'action', 'result', 'reflection'] as const).filter(
    (s) => !has(s),
  ).length;
  const taskGap = !has('task') && (missingCore > 0 || r.seg.labelled);
  for (const s of SECTIONS) {
    // Actions are about substance: a sentence read as the action section that tells no step of the person or
    // the team ("the integrations team looked at it and a fix went out") is no action of the person's own.
    if (s === 'action') {
      if (told.steps > 0) continue;
    } else if (has(s) || (s === 'task' && !taskGap)) continue;
    if (s === 'result' && told.outcome) continue;
    const near = s === 'situation' || s === 'task' ? r.first : r.last;
    ctx.raise(`missing_${s}` as FlagId, near.text);
  }
  const missing = SECTIONS.filter((s) => !has(s) && (s !== 'task' || taskGap));
  return {
    id: 'structure',
    rating: Math.max(0, 4 - missingCore - (taskGap ? 1 : 0) - (has('action') ? 0 : 1)),
    evidence: present.map((s) => `${s}: ${trimQuote(r.seg.bySection[s][0]!.text, 60)}`),
    note:
      present.length === 5
        ? 'All five parts are there.'
        : missing.length === 0
          ? 'All parts are there (the task is folded into the situation).'
          : `Missing: ${missing.join(', ')}.`,
  };
}
