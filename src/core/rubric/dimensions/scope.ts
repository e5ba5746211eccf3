import type { QuestionType } from '../../content/question-types.js';
import type { Hit } from '../reading.js';
import { TOOK_IT_BACK, WITH_A_FIX } from '../routing.js';
import type { Dimension } from '../types.js';
import type { RateContext } from './context.js';

export interface ScopeFacts {
  dimension: Dimension;
  /** Acted for the candidate's own convenience ("I had some free time", "I was up for promotion"). */
  opportunistic: boolean;
  /** The problem was passed on and never owned afterwards. */
  escalated: boolean;
  assigned: boolean;
}

// Someone else resolving what was passed to them: the mark of routing.
const THEY_RESOLVED =
  /\b(?:they|he|she|someone|somebody|their (?:team|lead|on-call|engineers?)|the (?:[a-z]+ )?team|it)\s+(?:[a-z]+\s+){0,2}?(?:handled|fixed|sorted|resolved|took care|picked it up|dealt with|merged|patched|addressed|rolled (?:it |the change )?back|reverted|got (?:it )?fixed)|(?:was|got) (?:eventually )?(?:fixed|handled|resolved|sorted) by\b/;
// The candidate (or the candidate with others) acting after passing it on.
const ACTED_AFTER =
  /\b(?:i|we)\s+(?:[a-z]+\s+){0,2}?(?:[a-z]{3,}ed|wrote|built|ran|set|made|took|led|put|cut|found|rewrote|got|kept|met|brought|gave|shipped|sent|held|drove)\b/;

/**
 * The escalation hits that stand: the problem passed on and then resolved by someone else, or passed on with
 * nothing more done by the candidate. Not ones the candidate took back, brought a fix to, or worked on after.
 */
function routedAndLeft(ctx: RateContext, escalation: Hit[], ownActions: number): Hit[] {
  const { r } = ctx;
  return escalation.filter((hit) => {
    const i = hit.sentence.index;
    const after = r.seg.sentences
      .slice(i)
      .map((s, k) => (k === 0 ? s.lower.slice(hit.end - s.start) : s.lower))
      .join(' ');
    if (TOOK_IT_BACK.test(after.slice(0, 400)) || WITH_A_FIX.test(hit.sentence.lower)) return false;
    // Raising it once, in an answer full of the candidate's own concrete steps (rated 4), is not leaving it,
    // unless someone else then resolved it.
    return THEY_RESOLVED.test(after) || (ownActions < 4 && !ACTED_AFTER.test(after));
  });
}

const ASSIGNED_IS_NORMAL: ReadonlySet<QuestionType> = new Set(['learning', 'customer', 'conflict', 'people']);

/** Scope and ownership: whose job it was, who chose to act, and whether it was passed on. */
export function rateScope(ctx: RateContext, ownActions: number): ScopeFacts {
  const { r, scopeWeight, senior, principle } = ctx;
  const boundary = r.hits('scopeBoundary');
  const initiated = r.hits('selfInitiated');
  // A failure story may say "I escalated too late" or "I should have escalated": that is reflection, not routing.
  const escalation = ctx.type === 'failure' ? [] : routedAndLeft(ctx, r.hits('escalation'), ownActions);
  // Being given the work is the normal setting of some questions ("learn something quickly to finish a task",
  // "a difficult customer you were asked to look after"): there it is not a lack of initiative.
  const assignedCounts = (scopeWeight >= 1 || !principle) && !(ctx.type && ASSIGNED_IS_NORMAL.has(ctx.type));
  const assigned = assignedCounts ? r.hits('assigned') : [];
  const opportunistic = r.hits('opportunistic');
  const crossTeam = r.hits('crossTeam');
  const tradeOffs = r.hits('tradeOffs');
  if (escalation.length) ctx.raise('escalated_not_owned', r.quoteOf(escalation[0]!));
  if (assigned.length) ctx.raise('assigned_not_self_initiated', r.quoteOf(assigned[0]!));
  if (opportunistic.length) ctx.raise('opportunistic_motive', r.quoteOf(opportunistic[0]!));
  let rating = 1 + (boundary.length ? 2 : 0) + (initiated.length ? 1 : 0);
  if (senior && rating === 4 && !crossTeam.length && !tradeOffs.length) rating = 3;
  if (escalation.length || assigned.length) rating = Math.min(rating, 1);
  if (opportunistic.length) rating = Math.max(0, rating - 1);
  if (!boundary.length && scopeWeight >= 1.25)
    ctx.raise('no_scope_boundary', (r.seg.bySection.task[0] ?? r.first).text);
  return {
    dimension: {
      id: 'scope_ownership',
      rating,
      evidence: [...boundary, ...initiated, ...escalation, ...assigned].slice(0, 4).map(r.quoteOf),
      note: boundary.length
        ? 'You said whose job it was, which proves ownership.'
        : 'No scope boundary: say whose job it was and that nobody asked you.',
    },
    escalated: escalation.length > 0,
    opportunistic: opportunistic.length > 0,
    assigned: assigned.length > 0,
  };
}
