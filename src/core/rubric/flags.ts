import type { DimensionId } from '../content/schema.js';
import type { FlagId } from './types.js';

/** Everything the rubric says about one flag, in one place; the compiler checks every flag has an entry. */
export interface FlagSpec {
  /** The dimension it costs, so coaching does not say the same thing twice. */
  dimension: DimensionId;
  /** Words a person reads instead of the id. */
  label: string;
  /** One sentence: why it costs the candidate. */
  message: string;
  /** The fix, built around the candidate's own words. */
  fix: (quote: string) => string;
}

/** In the order fixes are worth the most to the candidate. */
export const FLAGS: Record<FlagId, FlagSpec> = {
  escalated_not_owned: {
    dimension: 'scope_ownership',
    label: 'passed it on instead of owning it',
    message: 'Passing the problem on to others reads as routing it, not owning it.',
    fix: (q) =>
      `You wrote "${q}". That hands the problem to someone else. Say what you fixed yourself, then who you told.`,
  },
  assigned_not_self_initiated: {
    dimension: 'scope_ownership',
    label: 'assigned, not self-initiated',
    message: 'Work you were handed shows you can follow a request, not that you take ownership.',
    fix: (q) =>
      `"${q}" makes it sound assigned. Lead with what you noticed and why you chose to act before anyone asked.`,
  },
  opportunistic_motive: {
    dimension: 'scope_ownership',
    label: 'convenience motive',
    message: 'Acting because you had spare time sounds convenient, not driven by customers or the business.',
    fix: (q) =>
      `"${q}" gives a convenience motive. Give the real reason: the customer or business cost you saw.`,
  },
  missing_action: {
    dimension: 'structure',
    label: 'no actions of your own',
    message: 'The actions are the evidence; without them there is nothing to credit you with.',
    fix: (q) =>
      `After "${q}" I can't find your actions. Add three or four sentences that start with "I" and a concrete verb.`,
  },
  we_not_i: {
    dimension: 'individual_contribution',
    label: '"we" instead of "I"',
    message: 'With "we" in the actions the interviewer cannot tell what you did yourself.',
    fix: (q) => `"${q}" is told with "we". Retell it as what you did: "I traced…", "I wrote…", "I tested…".`,
  },
  missing_result: {
    dimension: 'structure',
    label: 'no result',
    message: 'A story with no ending leaves the interviewer guessing whether anything changed.',
    fix: (q) => `The story stops at "${q}". Add how it ended, with a before-and-after number.`,
  },
  vague_result: {
    dimension: 'quantified_result',
    label: 'vague result',
    message: 'Ending on how people felt says nothing about what actually changed.',
    fix: (q) => `"${q}" says how people felt. Replace it with what changed and by how much.`,
  },
  unquantified_result: {
    dimension: 'quantified_result',
    label: 'result without a number',
    message: 'A result without a number or an observable change is hard to believe and easy to forget.',
    fix: (q) => `"${q}" has no number. Add the metric that moved (from what to what) and what it was worth.`,
  },
  no_scope_boundary: {
    dimension: 'scope_ownership',
    label: 'whose job it was is not said',
    message: 'Saying whose job it was (and that nobody asked you) is what proves ownership was your choice.',
    fix: (q) =>
      `Around "${q}", say whose job this really was and that nobody asked you; that is the proof of ownership.`,
  },
  unverified_fix: {
    dimension: 'rigor',
    label: 'not checked',
    message: 'Assuming it worked, rather than checking, is a rigor gap interviewers probe hard.',
    fix: (q) =>
      `"${q}" doesn't show how you checked it worked. Say how you reproduced, tested or monitored it.`,
  },
  generic_claims: {
    dimension: 'individual_contribution',
    label: 'stock phrases',
    message: 'Stock phrases earn no credit on their own; interviewers want the concrete thing you did.',
    fix: (q) =>
      `"${q}" is a stock phrase. Swap it for the concrete thing you did: who, what artefact, what changed.`,
  },
  missing_reflection: {
    dimension: 'structure',
    label: 'no reflection',
    message: 'Bar Raisers listen for what you learned; without it the story stops at "what", not "so what".',
    fix: (q) =>
      `After "${q}", close with one specific lesson from this story and what you changed because of it.`,
  },
  generic_reflection: {
    dimension: 'reflection',
    label: 'generic lesson',
    message: 'A lesson that would fit any story tells the interviewer nothing about your judgment.',
    fix: (q) =>
      `"${q}" fits any story. Name the root cause you found and the mechanism you added so it doesn't recur.`,
  },
  no_systemic_insight: {
    dimension: 'reflection',
    label: 'no systemic insight',
    message: 'At this level interviewers expect the systemic root cause and the mechanism you put in place.',
    fix: (q) =>
      `"${q}" stays at the code. At this level, name the organisational root cause and the mechanism you put in place.`,
  },
  long_situation: {
    dimension: 'delivery_time',
    label: 'long setup',
    message: 'A long setup eats the time your actions need; interviewers lose the thread.',
    fix: (q) => `The setup ("${q}") runs long. Cut it to two sentences so your actions get the time.`,
  },
  over_time: {
    dimension: 'delivery_time',
    label: 'too long',
    message: 'Answers that run long get cut off before the result and the reflection land.',
    fix: (q) => `This runs over the time budget; by "${q}" an interviewer may have moved on. Trim the setup.`,
  },
  under_time: {
    dimension: 'delivery_time',
    label: 'short',
    message:
      'A short answer draws follow-up questions; have the next layer of detail ready (your steps, how you checked, the number).',
    fix: (q) =>
      `Starting from "${q}", expand your actions: two or three more steps you took yourself, how you checked, and the number at the end.`,
  },
  missing_task: {
    dimension: 'structure',
    label: 'no stated goal',
    message:
      'Without a stated goal or ask, the interviewer cannot tell what you set out to do or why it was yours.',
    fix: (q) => `After "${q}", say what you set out to do and why it was yours to do.`,
  },
  missing_situation: {
    dimension: 'structure',
    label: 'no context',
    message: 'Without a situation the interviewer has no context to judge your actions against.',
    fix: (q) => `Before "${q}", give one or two sentences of context: where, when, what was wrong.`,
  },
};

/** Flag ids in the order their fixes are worth the most. */
export const FLAG_ORDER = Object.keys(FLAGS) as FlagId[];
