import type { Probe } from '../content/schema.js';
import type { Rubric } from '../rubric/score.js';
import { cleanAnswer, countWords, trimQuote, wordsOf } from '../rubric/text.js';

export const PROBE_FLAG_IDS = [
  'routed_not_owned',
  'assigned_not_self_initiated',
  'opportunistic_motive',
  'passive_handoff',
  'assumed_success',
  'guessing',
  'generic_lesson',
  'we_not_i',
  'dodged',
  'too_short',
] as const;
export type ProbeFlagId = (typeof PROBE_FLAG_IDS)[number];

export interface ProbeFlag {
  id: ProbeFlagId;
  quote: string;
  message: string;
}

export interface ProbeJudgement {
  label: 'strong' | 'mixed' | 'weak';
  flags: ProbeFlag[];
  feedback: string;
  /** A harder follow-up when the answer dodged or stayed too thin; asked once, then we move on. */
  reask: string | null;
  /** Strength points, for debugging and tests of the thresholds. */
  strength: number;
}

/** The probe being answered: a full content probe, or just its text. */
export type ProbeInput = Pick<Probe, 'text'> & Partial<Pick<Probe, 'targets' | 'weak' | 'strong' | 'id'>>;

const MESSAGES: Record<ProbeFlagId, string> = {
  routed_not_owned: 'Passing it to someone else is routing the problem, not owning it.',
  assigned_not_self_initiated: 'Being asked to do it shows you follow requests, not that you take ownership.',
  opportunistic_motive:
    'Spare time is a convenience motive; say what was at stake for customers or the business.',
  passive_handoff: 'Sending work and waiting leaves the outcome to others; say how you drove it to done.',
  assumed_success: 'Assuming it worked is not evidence; say how you checked.',
  guessing: 'A guess is not a diagnosis; say what data or test confirmed it.',
  generic_lesson: 'That lesson fits any story; name the specific cause and what you changed.',
  we_not_i: 'The answer is about "we"; the interviewer needs what you did.',
  dodged: 'This answers a different question from the one asked.',
  too_short: 'Too short to give the interviewer any evidence.',
};

const FIRST_PERSON =
  /\b(?:i|i'd|i'll|i've)\s+(?:(?:would|will|also|then|first|personally|quickly|always|still|had|have)\s+)?([a-z]+)\b/g;
const WE_ACT = /\b(?:we|the team|they)\s+(?:(?:all|then|also|just)\s+)?([a-z]+)\b/g;
const NOT_ACTION = new Set(
  'was were am had have think thought felt feel guess guessed assumed hope hoped believe believed wanted knew would could should will can did do just really mean told sent let asked trusted waited communicate try tried'.split(
    ' ',
  ),
);
const NUMBER =
  /\d|\b(?:zero|half|twice|doubled|halved|one|two|three|four|five|six|seven|eight|nine|ten|weeks?|days?|hours?)\b/;
const STOP = new Set(
  'the a an and i to of in was we it my for that on with is this our had as by at from but so they he she not be were have their me would could what how why did you your them then there'.split(
    ' ',
  ),
);

function contentWords(text: string): Set<string> {
  return new Set(
    wordsOf(text.toLowerCase())
      .map((w) => w.replace(/['’]s$/, '').replace(/[.,]$/, ''))
      .filter((w) => w.length > 3 && !STOP.has(w)),
  );
}

function overlap(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const w of a) if (b.has(w)) n++;
  return b.size ? n / Math.min(b.size, 12) : 0;
}

/**
 * Judges an answer to a follow-up probe the way a Bar Raiser would: routing, hand-offs, assumed success,
 * guesses, generic lessons and dodges are weak; personal action, evidence, validation and systemic
 * insight are strong. Uses the probe's own weak/strong examples when it has them.
 */
export function judgeProbeAnswer(rubric: Rubric, answer: string, probe: ProbeInput): ProbeJudgement {
  const { clean, lower } = cleanAnswer(answer);
  const flags: ProbeFlag[] = [];
  const raise = (id: ProbeFlagId, quote: string) => {
    if (!flags.some((f) => f.id === id))
      flags.push({ id, quote: trimQuote(quote, 100), message: MESSAGES[id] });
  };
  const quoteAt = (start: number, end: number) => {
    const from = Math.max(0, clean.lastIndexOf('.', start) + 1);
    const stop = clean.indexOf('.', end);
    return clean.slice(from, stop === -1 ? clean.length : stop + 1).trim();
  };
  const scanned = rubric.lexicon.scan(lower);
  const found = (list: keyof typeof scanned) => scanned[list].filter((m) => !m.negated);

  const words = countWords(clean);
  if (words < 4) raise('too_short', clean || '(no answer)');

  for (const m of found('escalation')) raise('routed_not_owned', quoteAt(m.start, m.end));
  for (const m of found('assigned')) raise('assigned_not_self_initiated', quoteAt(m.start, m.end));
  for (const m of found('opportunistic')) raise('opportunistic_motive', quoteAt(m.start, m.end));
  for (const m of found('passiveHandoff')) raise('passive_handoff', quoteAt(m.start, m.end));
  for (const m of found('assumedSuccess')) raise('assumed_success', quoteAt(m.start, m.end));
  for (const m of found('guessing')) raise('guessing', quoteAt(m.start, m.end));
  for (const m of found('genericReflection')) raise('generic_lesson', quoteAt(m.start, m.end));

  // Personal actions vs the team's
  const actions = new Set<string>();
  for (const m of lower.matchAll(FIRST_PERSON)) {
    const verb = m[1]!;
    if (!NOT_ACTION.has(verb) && !rubric.weakVerbs.has(verb)) actions.add(verb);
  }
  let teamActs = 0;
  for (const m of lower.matchAll(WE_ACT)) if (!NOT_ACTION.has(m[1]!)) teamActs++;
  // Concrete verbs anywhere in a first-person answer count too ("I pulled the logs, traced…, reproduced…").
  const firstPerson = /\b(?:i|i'd|i'll|i've|my)\b/.test(lower);
  if (firstPerson) {
    for (const w of wordsOf(lower)) if (rubric.concreteVerbs.has(w) && !NOT_ACTION.has(w)) actions.add(w);
  }
  const hasNumberEarly = NUMBER.test(lower);
  if (teamActs > 0 && actions.size === 0 && !firstPerson && !hasNumberEarly && words >= 4) {
    raise('we_not_i', clean);
  }

  const validation = found('validation');
  const systemic = [...found('systemicReflection'), ...found('mechanism')];
  const business = [...found('businessTranslation'), ...found('scopeBoundary'), ...found('selfInitiated')];
  const hasNumber = NUMBER.test(lower);

  // Does it answer the probe? Without a personal action, evidence or insight it dodges the question.
  const probeWords = contentWords(probe.text);
  const answerWords = contentWords(clean);
  const onTopic = overlap(answerWords, probeWords) > 0 || validation.length > 0 || systemic.length > 0;
  const targets = probe.targets ?? [];
  const wantsRigor =
    targets.includes('rigor') ||
    /\b(verify|verified|validate|check|know|confirm|test|measure)/i.test(probe.text);
  const wantsReflection =
    targets.includes('reflection') ||
    /\b(differently|learn|again|next time|change|prevent)/i.test(probe.text);
  if (
    words >= 4 &&
    actions.size === 0 &&
    !systemic.length &&
    !validation.length &&
    !hasNumberEarly &&
    (teamActs > 0 || !onTopic)
  ) {
    raise('dodged', clean);
  }

  // Strength: personal action, evidence, validation, insight, substance, closeness to the model answer.
  let strength = Math.min(2, actions.size) + (actions.size >= 3 ? 1 : 0);
  strength += Math.min(2, new Set(validation.map((v) => v.phrase)).size);
  if (hasNumber) strength += 1;
  if (systemic.length) strength += wantsReflection ? 2 : 1;
  if (business.length) strength += 1;
  if (words >= 18) strength += 1;
  if (probe.strong && probe.weak) {
    const toStrong = overlap(answerWords, contentWords(probe.strong.answer));
    const toWeak = overlap(answerWords, contentWords(probe.weak.answer));
    if (toStrong > toWeak + 0.15) strength += 1;
  }
  if (wantsRigor && !validation.length) strength -= 1;

  const disqualified = flags.some((f) => f.id !== 'too_short');
  // Evidence a Bar Raiser can write down: a personal action, a check, a number, a cause, a stake.
  const evidence =
    (actions.size ? 1 : 0) +
    (validation.length ? 1 : 0) +
    (hasNumber ? 1 : 0) +
    (systemic.length ? 1 : 0) +
    (business.length ? 1 : 0);
  let label: ProbeJudgement['label'];
  if (flags.some((f) => f.id === 'too_short') || (disqualified && strength < 6)) label = 'weak';
  else if (strength >= 4 || (strength >= 3 && evidence >= 2)) label = 'strong';
  else if (evidence === 0 || (words < 25 && evidence <= 1)) label = 'weak';
  else label = 'mixed';

  const dodged = flags.some((f) => f.id === 'dodged' || f.id === 'we_not_i' || f.id === 'too_short');
  const reask = dodged
    ? flags.some((f) => f.id === 'we_not_i')
      ? 'You told me what the team did. What did *you* do, step by step?'
      : `Let me ask again, more directly: ${probe.text}`
    : null;

  return {
    label,
    flags,
    feedback: feedbackFor(
      label,
      flags,
      { actions, validation: validation.length, systemic: systemic.length },
      probe,
    ),
    reask,
    strength,
  };
}

function feedbackFor(
  label: ProbeJudgement['label'],
  flags: ProbeFlag[],
  found: { actions: Set<string>; validation: number; systemic: number },
  probe: ProbeInput,
): string {
  if (label === 'strong') {
    const what = [
      found.actions.size ? 'your own actions' : '',
      found.validation ? 'how you checked' : '',
      found.systemic ? 'the systemic cause' : '',
    ].filter(Boolean);
    const takeaway = probe.strong?.takeaway ? ` Keep this line: ${probe.strong.takeaway}` : '';
    return `Strong: you gave ${what.length ? what.join(', ') : 'specific evidence'}.${takeaway}`;
  }
  const first = flags[0];
  if (first) {
    const model = probe.strong?.answer
      ? ` A stronger answer sounds like: "${trimQuote(probe.strong.answer, 200)}"`
      : '';
    return `${label === 'weak' ? 'Weak' : 'Partly there'}: "${first.quote}" ${first.message.charAt(0).toLowerCase()}${first.message.slice(1)}${model}`;
  }
  return label === 'mixed'
    ? 'Partly there: add what you did yourself, with one piece of evidence (a number, a test, a document).'
    : 'Weak: there is nothing here the interviewer can credit. Say what you did and how you know it worked.';
}
