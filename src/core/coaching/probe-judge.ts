import type { ProbeAsk } from '../content/question-types.js';
import type { Probe } from '../content/schema.js';
import { findQuantities, isMetric } from '../rubric/numbers.js';
import { TOOK_IT_BACK, WITH_A_FIX } from '../rubric/routing.js';
import type { Rubric } from '../rubric/score.js';
import { cleanAnswer, countWords, splitSentences, trimQuote, wordsOf } from '../rubric/text.js';
import { IRREGULAR_PAST, NOT_ACTIONS } from '../rubric/verbs.js';

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
  /** What the probe asked the candidate to supply (from content, or read from the probe's words). */
  asks: ProbeAsk;
  /** The candidate's words that supply it, when they do. */
  evidence: string | null;
  /** 0 = not supplied, 1 = named but thin ("partly there"), 2 = supplied concretely. */
  strength: number;
}

/** The probe being answered: a full content probe, or just its text. */
export type ProbeInput = Pick<Probe, 'text'> &
  Partial<Pick<Probe, 'targets' | 'weak' | 'strong' | 'id' | 'asks'>>;

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
  dodged: 'This does not answer the question that was asked.',
  too_short: 'Too short to give the interviewer any evidence.',
};

/** What each kind of probe wants, in the words feedback uses. */
const WANTS: Record<ProbeAsk, string> = {
  own_action: 'what you did yourself',
  verification: 'how you checked it worked',
  motive: 'why it mattered enough to act',
  lesson: 'a specific lesson and what you changed',
  mistake_ownership: 'your own part in what went wrong',
  prevention: 'the mechanism that stops it happening again',
  tradeoff: 'the options you weighed and why you chose',
  influence: 'how you brought the other people along',
  recovery: 'what you did once it went wrong',
  impact: 'what changed, and by how much',
};

// The probe's own words say what it asks for; the first pattern that matches decides. Ordered from the most
// specific phrasings to the most general.
const ASK_PATTERNS: Array<[ProbeAsk, RegExp]> = [
  [
    'mistake_ownership',
    /\b(?:what went wrong|(?:role|part) in (?:the|this|that) (?:problem|failure|mistake|breakdown|issue|outage)|your (?:own )?(?:mistake|part in (?:it|what went wrong|the failure)|share of|fault|error|role in what went wrong)|own(?:ed|ing)? (?:it|the mistake|your mistake|up)|your own mistakes|what did you get wrong|what (?:exactly )?(?:fell short|failed)|accountab|take responsibility|who (?:was|would be) (?:responsible|to blame)|who would have carried|harder than you expected|wrong assumption|admit (?:it|the mistake)|what stopped you from|tell the people affected|who (?:was|were) affected)/i,
  ],
  [
    'own_action',
    /\b(?:what (?:exactly )?was your (?:own )?(?:part|role|responsibility|job)(?! in (?:the|this|that|what) (?:problem|failure|mistake|breakdown|went wrong))|your (?:own )?responsibility)/i,
  ],
  [
    'lesson',
    /\b(?:what (?:was|were) the (?:real |actual |underlying )?(?:root )?causes?|what caused|why did it (?:happen|fail|break))/i,
  ],
  [
    'prevention',
    /\b(?:prevent|stops? (?:it|this|that|the same|a similar|the bill|people)|doesn't happen again|does not happen again|(?:can't|cannot|never|not) happen(?:s)? again|recur|keep (?:it|the fix) fixed|stays? fixed|stayed fixed|fix the system|systemic|mechanism|so it can't|from happening|come back|creeping back|next time|so (?:that )?(?:nobody|no one|the next)|if you left|whole class|wouldn't repeat|continuous rather|catch this)/i,
  ],
  [
    'impact',
    /\b(?:what did (?:it|that|this|the \w+) (?:save|cost|bring|earn|win|buy)|how did (?:users|customers|clients|the business|people|the market) (?:respond|react|take it)|hold up|held up|play out|end(?:ed)? up|what came of|came next|what lasted|measurable|in numbers|how far|reach|deliver what|ever ship|what did it (?:achieve|change)|what (?:did|has) (?:it|that|the \w+) change|what changed|what happened(?! next)|what actually happened|worth it|right call|right or wrong|did it move|cost(?:,)? concretely|actually cost|result|impact|outcome|how much|what number|metric|difference|how did it (?:turn out|go|end)|business value|benefit(?:ed)?|was different|afterwards for|three months later|a year later)/i,
  ],
  [
    'recovery',
    /\b(?:how did you (?:respond|react) (?:when|after|once) (?:it|that|things|the \w+) (?:went wrong|broke|failed|blew up)|when it went wrong)/i,
  ],
  [
    'motive',
    /\b(?:why (?:was|is) (?:this|it|that) (?:yours|your (?:job|problem|call|decision))|who asked you|whose idea|part of your job|why (?:did|do) you (?:pick|take|step|act|bother|care|decide to|choose to|start)|why (?:not|didn't you) (?:just )?(?:let|leave|file|tell|hand|wait|pass)|instead of (?:waiting|filing|leaving|letting|passing)|rather than (?:leaving|waiting|filing|letting|passing|keep)|what made you (?:act|start|take|question|chase|look|notice|care)|why spend|why bother|what told you|why act|motivat|what prompted|why (?:that|this) (?:person|extra|piece)|why (?:do|did) you think they|scope creep|why (?:was|were) (?:it|they) tempting)/i,
  ],
  [
    'influence',
    /\b(?:accept|convince|persuade|make the case|case for|justify|pitch|buy-?in|on board|bring .{1,40} along|win (?:support|.{1,20} over)|get (?:the team|people|them|him|her|your manager|the \w+ team) to|push(?:ed)? ?back|resist|skeptic|sceptic|disagree|objected?|objection|doubted|concerns?|react|handle (?:him|her|them|the people)|how did you (?:respond|settle|handle the people)|how did (?:the|that) (?:debrief|meeting|conversation) go|how did that go|felt heard|raise it|communicate(?:d)? it|their argument|change your plan|trust and use|stakeholders?)/i,
  ],
  [
    'verification',
    /\b(?:how (?:did|do|would) you (?:know|verify|check|confirm|validate|measure|test|prove|notice|catch|spot|discover|find (?:the|that|it|out)|track (?:it )?down|figure out|diagnose|pin (?:it )?down|make sure|ensure (?:it|that|the fix) (?:worked|was))|how do you know|what evidence|what data|what (?:told|showed|convinced) you|why (?:didn't|did not|wouldn't) you (?:trust|believe|accept)|verify|validate|prove|reduce the uncertainty)/i,
  ],
  [
    'tradeoff',
    /\b(?:what did you know and what (?:didn't|did not)|reasonable decision|reduce the risk|keep the risk|limit the risk|why (?:couldn't|could not) you (?:just )?wait|cost of (?:waiting|delay)|trade-?offs?|alternatives?|options|instead of|rather than|why not|weigh|draw the line|what did you (?:give up|cut|defer|refuse)|cost(?:,)? and how did you justify|evaluate .{1,40} against|leave anything behind|requirements (?:shifted|changed)|how (?:did|do) you (?:decide|choose|prioriti[sz]e)|why (?:that|this) (?:approach|option|one)|over the other|what would another)/i,
  ],
  [
    'lesson',
    /\b(?:differently|learn(?!ing it)|lesson|looking back|in hindsight|again|take ?away|teach|taught|different about how you|change how you|routinely|one-off|afterwards|since then|improve|what did you change)/i,
  ],
  [
    'recovery',
    /\b(?:what did you do (?:when|after|once|next|then|about it|for the)|how did you (?:recover|respond|react|fix it|change the approach)|after (?:it|that) (?:went|failed|broke)|what happened next|make it right|once you knew|had gone wrong|made things worse|salvage|done something wrong|first five minutes)/i,
  ],
];

/** What a probe asks for, read from its words (own action when nothing more specific shows). */
export function asksOf(probeText: string): ProbeAsk {
  for (const [ask, pattern] of ASK_PATTERNS) if (pattern.test(probeText)) return ask;
  return 'own_action';
}

// "I" and what they did; hindsight ("I should have…", "I would…") is read apart.
const I_ACTION =
  /\b(?:i|i've|i'd)\s+(?:(?:then|also|first|personally|quickly|immediately|always|still|now|later|eventually|had|have|went ahead and|ended up)\s+)*([a-z]+)\b/g;
const HINDSIGHT =
  /\b(?:should have|should've|ought to have|would have|would've|could have|i would|i'd|next time|in hindsight|looking back|if i did it again|in the future|going forward|from now on)\b/;
const TEAM_ACT =
  /\b(?:we|the team|they|someone|somebody|he|she)\s+(?:(?:all|then|also|just|eventually)\s+)?([a-z]+)\b/g;
const OWNS_MISTAKE =
  /\b(?:i got (?:\w+ ){0,3}wrong|i never|i (?:didn't|did not) (?:set|check|test|ask|plan|push|raise|speak|escalate|verify|involve|think)|i (?:should have|should've|ought to have|could have|would have|misjudged|misread|underestimated|overestimated|overlooked|missed|forgot|failed|was wrong|made (?:a|the) (?:mistake|wrong|bad|poor)|assumed|rushed|skipped|didn't|did not|wasn't|was not|took (?:full )?(?:responsibility|ownership|the blame)|own(?:ed)? (?:it|the|my|that)|caused|introduced|broke|let)|my (?:mistake|fault|error|bad|call|oversight|responsibility|assumption|estimate|part|change|config|code|deploy|decision)|(?:was|were) mine|on me\b|i own|i apologi[sz]ed)/;
const BLAME =
  /\b(?:(?:my manager|my boss|my lead|they|he|she|the team|management) made (?:a |the )?(?:really |very )?(?:bad|wrong|poor|terrible) (?:call|decision)|not my fault|wasn't my fault|was not my fault|their fault|his fault|her fault|they (?:didn't|did not|should have|never)|the (?:timeline|deadline|requirements?) (?:was|were) (?:unrealistic|unclear)|nobody told me|no one told me)\b/;
const STAKE =
  /\b(?:customers?|users?|clients?|revenue|sales|money|cost|costing|losing|lost|loss|outage|downtime|complaints?|churn|risk|safety|security|privacy|deadline|launch|sla|slo|business|orders?|payments?|support tickets?|nobody (?:else )?(?:was|owned|had)|no one (?:else )?(?:was|owned|had)|wasn't (?:anyone's|my)|impact(?:ing|ed)?|hurting|broken|failing|bottleneck|burn(?:ing|ed|t)? ?out|leave|left|quit|attrition|morale|audit|findings|compliance|blocked|blocking|critical|at risk|missing|untrustworthy|bad data|decisions|wrong|noise|mistakes?|fail|would have|otherwise|which meant|meaning|the only (?:one|person|engineer|[a-z]+) (?:who|awake|on call|that)|(?:no one|nobody) else (?:could|was|had|knew))\b/;
const INFLUENCE =
  /\b(?:set up (?:a |an )?(?:meeting|call|session|review|workshop)|understand(?:ing)? (?:what|why|their|his|her)|worried|common ground|middle ground|hybrid|settled on|agreed on|showed|shared|walked (?:him|her|them|the)|presented|demo(?:ed|'d)?|prototype|data|numbers|one-on-one|1:1|met with|sat down|booked|listened|asked (?:him|her|them|what|why)|understood|addressed|answered (?:their|his|her)|concerns?|proposed|brought|pull request|\bpr\b|tests?|benchmark|doc(?:ument)?|compromise|offered|invited|reviewed|paired|evidence|reproduction|reproduced)\b/;
const RECOVERY =
  /\b(?:rolled (?:it )?back|reverted|hotfix(?:ed)?|patched|fixed|restored|recovered|re-?ran|re-?planned|apologi[sz]ed|told|informed|notified|called|emailed|refunded|credited|reached out|re-?prioriti[sz]ed|worked (?:through|overnight|the weekend)|backfilled|rebuilt|shipped)\b/;
const CHOICE =
  /\b(?:because|since|instead of|rather than|over the|trade-?off|option|alternative|cost|risk|reversible|weighed|compared|chose|picked|decided|versus|vs\.?|cheaper|faster|slower|simpler|safer|downside|upside|gave up|giving up|at the expense)\b/;
const CIRCULAR =
  /\b(?:(?:it|this|that) (?:is|was|'s) (?:the )?(?:best|better|right)(?: one| choice| option)?|the best (?:one|option|choice)|made (?:more )?sense|obvious(?:ly)?|felt right|seemed right)\b/;
const OUTCOME =
  /\b(?:held (?:it |us |the \w+ )?up as|as an example|praised|recogni[sz]ed|called out|asked (?:us|me) to|rolled (?:it )?out to|became (?:the|our) (?:standard|default)|automated away|dropped|fell|rose|grew|increased|decreased|reduced|cut|saved|improved|went from|down to|up to|halved|doubled|now|since then|adopted|launched|shipped|merged|promoted|renewed|signed|stayed|zero)\b/;

// Objects too vague to credit: "fixed the slow bits", "added some caching", "made a few changes".
const VAGUE_OBJECT =
  /\b(?:the slow bits|some (?:caching|stuff|things|changes|fixes|tweaks|improvements)|(?:made|did) (?:some |a few )?(?:changes|tweaks|stuff|things|improvements)|fixed (?:things|stuff|it up|some)|cleaned (?:it|things|stuff) up|a few (?:things|changes|tweaks)|various (?:things|changes))\b/;
// The cause named as such: a root-cause reply's evidence.
const CAUSE =
  /\b(?:root cause|the (?:real |actual |underlying )?(?:cause|problem|issue|reason) was|(?:was|wasn't|was not) (?:really )?(?:a|the) [a-z-]+ (?:problem|issue)|caused by|came from|out of (?:step|sync|date)|because)\b/;
// A role stated as one's own: "my job was to lead the analysis…".
const OWN_ROLE =
  /\b(?:my|i had the) (?:job|role|responsibility|task|part)(?: here)? (?:was|is) (?:to )?[a-z]+|\bi was the (?:one|person|engineer|only one) (?:who|that) [a-z]+|\b(?:was|were) (?:all )?mine\b|\bi owned\b|\bi was responsible for\b/;
const HEDGE =
  /\b(?:maybe|probably|i guess|i think|i believe|i assume|kind of|sort of|a bit|somewhat|i suppose|hopefully|more or less|pretty much)\b/;
/** Kinds a concrete account of what happened answers by itself. */
const ACTION_KINDS: ReadonlySet<ProbeAsk> = new Set([
  'own_action',
  'prevention',
  'verification',
  'recovery',
  'influence',
  'tradeoff',
  'impact',
  'mistake_ownership',
]);

// Keeping a mistake from the people it affected is the opposite of earning trust.
const CONCEAL =
  /\b(?:(?:fixed|did|handled|patched) it quietly|quietly (?:fixed|patched|rolled|reverted)|before anyone noticed|no need to (?:tell|mention|make a big deal)|(?:didn't|did not) want to (?:worry|make a big deal|alarm)|(?:didn't|did not) tell (?:anyone|them|my|the)|kept it (?:to myself|inside the team|quiet|between us)|nobody needed to know|no one needed to know)\b/;
// Brushing the question off: no cost, no risk, no need to check, it was obvious.
const DISMISS =
  /\b(?:(?:didn't|did not) (?:really )?(?:cost|think about|plan for|need)|no (?:real )?(?:downside|risk|cost)|not much (?:risk|of a risk)|always worth it|(?:was|seemed|felt) (?:obvious|pretty clear)|it was obvious|(?:pretty|very|really) confident|just (?:felt|seemed|came to me|knew)|customer is always right|the best option|wouldn't be on us|we'd just have to live with|just have to live with)\b/;

const STOP = new Set(
  'the a an and i to of in was we it my for that on with is this our had as by at from but so they he she not be were have their me would could should what how why did you your them then there about more really very just also some any into out up over once'.split(
    ' ',
  ),
);

/** Words that carry content: how a reply shows something specific rather than a slogan. */
function contentWords(text: string): string[] {
  return wordsOf(text.toLowerCase()).filter((w) => w.length > 3 && !STOP.has(w));
}

/**
 * Judges a reply to a follow-up the way a Bar Raiser does: does it supply what the probe asked for (the
 * candidate's own action, evidence it worked, the motive, the lesson, ownership of the mistake, the mechanism,
 * the trade-off, how others were brought along, the recovery, the outcome), concretely and in the person's
 * own words? Routing, hand-offs, assumed success, guesses and slogans are weak; length is no proxy, and a
 * reply that supplies something else entirely is a dodge.
 */
export function judgeProbeAnswer(rubric: Rubric, answer: string, probe: ProbeInput): ProbeJudgement {
  const asks = probe.asks ?? asksOf(probe.text);
  const { clean, lower } = cleanAnswer(answer);
  const words = countWords(clean);
  const scanned = rubric.lexicon.scan(lower);
  const found = (list: keyof typeof scanned) => scanned[list].filter((m) => !m.negated);
  const sentences = splitSentences(clean, lower).map((s) => ({
    text: s.text,
    lower: s.lower,
    hindsight: HINDSIGHT.test(s.lower),
  }));
  const sentenceOf = (m: { start: number }) =>
    splitSentences(clean, lower).find((s) => m.start >= s.start && m.start < s.end)?.text ?? clean;

  const flags: ProbeFlag[] = [];
  const raise = (id: ProbeFlagId, quote: string) => {
    if (!flags.some((f) => f.id === id))
      flags.push({ id, quote: trimQuote(quote, 100), message: MESSAGES[id] });
  };
  if (words < 4) raise('too_short', clean || '(no answer)');

  // What the candidate did, told in the first person, now (not in hindsight).
  const actions: Array<{ verb: string; sentence: string }> = [];
  for (const s of sentences) {
    if (s.hindsight) continue;
    for (const m of s.lower.matchAll(I_ACTION)) {
      const verb = m[1]!;
      if (!NOT_ACTIONS.has(verb) && !rubric.weakVerbs.has(verb)) actions.push({ verb, sentence: s.text });
    }
  }
  const concreteActions = actions.filter(
    (a) =>
      rubric.concreteVerbs.has(a.verb) ||
      IRREGULAR_PAST.has(a.verb) ||
      (a.verb.endsWith('ed') && a.verb.length > 4),
  );
  let teamActs = 0;
  for (const m of lower.matchAll(TEAM_ACT)) if (!NOT_ACTIONS.has(m[1]!)) teamActs++;
  const firstPerson = /\b(?:i|i'd|i'll|i've|i'm|my|me)\b/.test(lower);

  // Disqualifiers a Bar Raiser marks down whatever was asked.
  // "…they did nothing, so I wrote the patch myself" takes it back; bringing a fix is not routing either.
  const tookItBack = TOOK_IT_BACK.test(lower) || WITH_A_FIX.test(lower);
  const routing = tookItBack ? [] : found('escalation');
  for (const m of routing) raise('routed_not_owned', sentenceOf(m));
  for (const m of found('assigned')) raise('assigned_not_self_initiated', sentenceOf(m));
  for (const m of found('opportunistic')) raise('opportunistic_motive', sentenceOf(m));
  for (const m of found('passiveHandoff')) raise('passive_handoff', sentenceOf(m));
  const assumed = found('assumedSuccess');
  const guessing = found('guessing');
  // Assuming it worked is weak whatever was asked, except when owning a mistake ("I assumed the schema was stable").
  if (asks !== 'mistake_ownership' && asks !== 'lesson')
    for (const m of assumed) raise('assumed_success', sentenceOf(m));
  if (asks === 'verification' || asks === 'own_action' || asks === 'tradeoff')
    for (const m of guessing) raise('guessing', sentenceOf(m));
  const generic = found('genericReflection');

  // Does the reply supply what was asked, and how concretely?
  const metrics = findQuantities(lower).filter(isMetric);
  const validation = found('validation');
  const mechanism = [...found('mechanism'), ...found('systemicReflection')];
  // Specific: enough content words, not hedged ("maybe", "kind of", "a bit"), not brushed off ("no real risk").
  const specific = (text: string) => {
    const lowerText = text.toLowerCase();
    return (
      contentWords(text).length >= 4 &&
      !HEDGE.test(lowerText) &&
      !DISMISS.test(lowerText) &&
      !VAGUE_OBJECT.test(lowerText)
    );
  };
  const firstMatch = (re: RegExp, hindsightOk: boolean) =>
    sentences.find((s) => (hindsightOk || !s.hindsight) && re.test(s.lower));
  let evidence: string | null = null;
  let strength = 0;
  const supply = (sentence: string | undefined, concrete: boolean) => {
    if (!sentence) return;
    const s = concrete ? 2 : 1;
    if (s > strength) {
      strength = s;
      evidence = sentence;
    }
  };
  switch (asks) {
    case 'own_action': {
      for (const a of concreteActions)
        supply(
          a.sentence,
          specific(a.sentence) && (contentWords(a.sentence).length >= 6 || concreteActions.length >= 2),
        );
      if (!concreteActions.length) for (const a of actions) supply(a.sentence, false);
      const role = sentences.find((s) => OWN_ROLE.test(s.lower));
      if (role) supply(role.text, specific(role.text));
      break;
    }
    case 'verification': {
      const checks = validation.filter((m) => !sentences.find((s) => s.text === sentenceOf(m))?.hindsight);
      for (const m of checks)
        supply(sentenceOf(m), specific(sentenceOf(m)) && (checks.length >= 2 || firstPerson));
      const measured = metrics.find((q) => q.change);
      if (measured) supply(sentenceOf(measured), firstPerson);
      break;
    }
    case 'motive': {
      const stake = firstMatch(STAKE, true);
      supply(stake?.text, Boolean(stake) && specific(stake!.text));
      for (const m of [...found('scopeBoundary'), ...found('businessTranslation')])
        supply(sentenceOf(m), true);
      break;
    }
    case 'lesson': {
      const lesson = sentences.find((s) =>
        /\b(?:learn|learnt|lesson|taught|realized|realised|now i|since then|i would|i'd|next time|should have|ought to have|going forward|in the future|i always|i now|i still|these days|my next|i (?:design|start|make|ask|run|write|check|review|keep|set|build|use|add|plan|test|insist|require|bring|share|schedule)s?\b)/.test(
          s.lower,
        ),
      );
      for (const m of mechanism) supply(sentenceOf(m), true);
      const cause = sentences.find((s) => CAUSE.test(s.lower));
      if (cause) supply(cause.text, specific(cause.text));
      if (lesson) {
        const slogan = generic.some((g) => sentenceOf(g) === lesson.text);
        supply(lesson.text, !slogan && specific(lesson.text));
      }
      if (!lesson && concreteActions.length) supply(concreteActions[0]!.sentence, false);
      break;
    }
    case 'mistake_ownership': {
      const owns = sentences.find((s) => OWNS_MISTAKE.test(s.lower));
      if (owns) supply(owns.text, specific(owns.text));
      break;
    }
    case 'prevention': {
      for (const m of mechanism) {
        const sentence = sentenceOf(m);
        supply(sentence, firstPerson || specific(sentence));
      }
      const checks = validation.filter((m) =>
        /\b(?:automat|alert|alarm|monitor|test|check|dashboard)/.test(m.phrase),
      );
      for (const m of checks) supply(sentenceOf(m), firstPerson);
      break;
    }
    case 'tradeoff': {
      // "because it's the best one" names no reason: a circular choice is not a trade-off.
      const reasoning = sentences.filter((s) => CHOICE.test(s.lower) && !CIRCULAR.test(s.lower));
      for (const s of reasoning)
        supply(s.text, specific(s.text) && (reasoning.length >= 2 || contentWords(s.text).length >= 5));
      for (const m of found('tradeOffs')) supply(sentenceOf(m), true);
      break;
    }
    case 'influence': {
      const moves = sentences.filter(
        (s) => !s.hindsight && INFLUENCE.test(s.lower) && /\b(?:i|my)\b/.test(s.lower),
      );
      for (const s of moves)
        supply(s.text, specific(s.text) && (moves.length >= 2 || concreteActions.length >= 1));
      break;
    }
    case 'recovery': {
      const moves = sentences.filter(
        (s) => !s.hindsight && RECOVERY.test(s.lower) && /\b(?:i|my)\b/.test(s.lower),
      );
      for (const s of moves) supply(s.text, specific(s.text));
      for (const a of concreteActions) supply(a.sentence, false);
      break;
    }
    case 'impact': {
      for (const q of metrics) supply(sentenceOf(q), true);
      for (const q of findQuantities(lower).filter((q) => q.change))
        supply(sentenceOf(q), !HEDGE.test(lower));
      // An outcome others can see ("the VP held it up at the all-hands as the example") is an answer too.
      const outcome = firstMatch(OUTCOME, false);
      supply(outcome?.text, Boolean(outcome) && specific(outcome!.text));
      break;
    }
  }

  // A concrete first-person account (specific steps, numbers) is what a Bar Raiser writes down when the
  // probe asks what happened, what was done or how it was checked; a motive, a lesson, ownership of a mistake
  // or a mechanism has to be said as such.
  const concreteSteps = new Set(concreteActions.filter((a) => specific(a.sentence)).map((a) => a.sentence))
    .size;
  const outcomes = metrics.length > 0 && !HEDGE.test(lower);
  const general =
    concreteSteps >= 2 || (concreteSteps >= 1 && outcomes) ? 2 : concreteSteps >= 1 || outcomes ? 1 : 0;
  if (ACTION_KINDS.has(asks) && general > strength) {
    strength = general;
    evidence = concreteActions.find((a) => specific(a.sentence))?.sentence ?? sentenceOf(metrics[0]!);
  } else if (strength === 1 && general === 2) strength = 2;

  // Replies about the team only, slogans where a lesson or a mechanism was asked for, and hiding a mistake.
  if (
    !firstPerson &&
    teamActs > 0 &&
    words >= 4 &&
    ['own_action', 'recovery', 'influence', 'verification', 'prevention'].includes(asks)
  )
    raise('we_not_i', clean);
  if (
    generic.length &&
    (asks === 'lesson' || asks === 'prevention' || asks === 'mistake_ownership') &&
    strength < 2
  )
    raise('generic_lesson', sentenceOf(generic[0]!));
  if (asks === 'mistake_ownership' && BLAME.test(lower) && !OWNS_MISTAKE.test(lower)) raise('dodged', clean);
  if (CONCEAL.test(lower)) raise('dodged', clean);
  if (strength === 0 && words >= 4 && !flags.length) raise('dodged', clean);

  // A Bar Raiser writes down a reply that supplies what was asked, concretely; a thin pointer at it is
  // still a weak reply (the feedback says it is partly there), so the label is strong or weak.
  const label: ProbeJudgement['label'] = !flags.length && strength === 2 ? 'strong' : 'weak';

  const dodgedIt = flags.some(
    (f) =>
      f.id === 'dodged' ||
      f.id === 'we_not_i' ||
      f.id === 'too_short' ||
      f.id === 'passive_handoff' ||
      f.id === 'assigned_not_self_initiated',
  );
  const reask = dodgedIt
    ? flags.some((f) => f.id === 'we_not_i')
      ? 'You told me what the team did. What did *you* do, step by step?'
      : `Let me ask that again, more directly: ${probe.text}`
    : null;

  return {
    label,
    flags,
    feedback: feedbackFor(label, flags, asks, evidence, probe),
    reask,
    asks,
    evidence,
    strength,
  };
}

function feedbackFor(
  label: ProbeJudgement['label'],
  flags: ProbeFlag[],
  asks: ProbeAsk,
  evidence: string | null,
  probe: ProbeInput,
): string {
  const wanted = WANTS[asks];
  if (label === 'strong') return `Strong: "${trimQuote(evidence ?? '', 120)}" gives ${wanted}, concretely.`;
  const example = probe.strong?.answer
    ? ` An example of a strong reply (not your words): "${trimQuote(probe.strong.answer, 200)}"`
    : '';
  const first = flags[0];
  if (!first && evidence)
    return `Partly there: "${trimQuote(evidence, 120)}" points at ${wanted}; make it concrete: what exactly, and how you know.${example}`;
  if (first) {
    const message = `${first.message.charAt(0).toLowerCase()}${first.message.slice(1)}`;
    return `Weak: "${first.quote}": ${message} The question wants ${wanted}.${example}`;
  }
  return `Weak: nothing here gives ${wanted}. Say it in a sentence or two, with the specifics.${example}`;
}
