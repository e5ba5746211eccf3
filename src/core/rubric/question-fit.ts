import type { Content } from '../content/content.js';
import { QUESTION_TYPES, type QuestionType, type StoryElement } from '../content/question-types.js';
import { compileLexicon, type Lexicon } from './phrases.js';
import type { CapId } from './policy.js';
import type { Reading } from './reading.js';
import { cleanAnswer, trimQuote } from './text.js';

/** Whether the story answers the question that was asked, and what that kind of question expects. */
export interface QuestionFit {
  type: QuestionType;
  /** What the question asks for, in a few words ("a failure, a mistake or a decision that went badly"). */
  asksFor: string;
  /** The story shows every element the question requires. */
  answers: boolean;
  /** Elements the question requires that the story does not show ("something that went wrong"). */
  missing: string[];
  /** Expectations of this type of question the story does not meet ("your own part in what went wrong"). */
  unmet: string[];
}

// A failure told as one's own: "I underestimated…", "my mistake", "I should have…", "that was on me", or the
// team's mistake named plainly by a member of it ("we'd optimized for engagement and had no diversity metric").
const OWNS_IT =
  /\b(?:i (?:should have|should've|ought to have|could have|would have|misjudged|misread|underestimated|overestimated|overlooked|missed|forgot|failed|was wrong|was (?:too|overly|over-?confident)|made (?:a|the) (?:mistake|wrong|bad|poor|call|decision|assumption)|assumed|rushed|skipped|didn't|did not|wasn't|was not|took (?:full )?(?:responsibility|ownership|the blame)|own(?:ed)? (?:it|the|my)|realized i|realised i|caused|introduced|broke|pushed|chose|decided|committed|didnt|let)|my (?:mistake|fault|error|bad|call|decision|oversight|responsibility|assumption|estimate)|on me\b|my own)\b|\bwe(?:'d| had)? (?:optimi[sz]ed for|assumed|missed|overlooked|ignored|forgot|underestimated|included no|never (?:tested|checked|measured|asked))\b/;
const LISTENED =
  /\b(?:listen(?:ed|ing)?|heard (?:him|her|them|their|out)|asked (?:him|her|them|what|why|about|for their)|understand (?:his|her|their)|understood (?:his|her|their|why|what)|their (?:concerns?|perspective|point|view|side|reasons?)|his (?:concerns?|perspective|point|view|side)|her (?:concerns?|perspective|point|view|side)|one-on-one|1:1|1-1|sat down with|met with|coffee with|walked (?:him|her|them) through|acknowledged)\b/;
const RESOLVED =
  /\b(?:agreed|agreement|compromise|committed|commit to|aligned|we went with|decided (?:to|on)|settled|resolved|came around|changed (?:my|his|her|their) mind|moved forward|disagree and commit|went ahead with|supported (?:the|his|her|their) decision|backed)\b/;

// "I can't think of a time I failed", "I've never really had a conflict": no example given.
const DECLINES =
  /\b(?:(?:can ?not|can't|cant|couldn't|couldnt|don't|dont) (?:really |honestly )?(?:think of|come up with|remember|recall)(?: w\/)? (?:a|any|an|one)(?: single)? (?:time|example|situation|instance|mistake|failure|conflict)|(?:i've|i have|ive|i) (?:never|not) (?:really |actually )?(?:had|made|been in) (?:a |any )?(?:conflicts?|mistakes?|failures?|disagreements?)|i don't (?:really )?(?:make mistakes|have conflicts|fail))\b/;

/** An answer that declines to give an example: a red flag whatever was asked, and the coaching says so. */
export function declinedExample(r: Reading): { caps: CapId[]; coaching: string[] } {
  const hit = r.seg.sentences.find((s) => DECLINES.test(s.lower));
  if (!hit) return { caps: [], coaching: [] };
  return {
    caps: ['no_example'],
    coaching: [
      `"${trimQuote(hit.text, 80)}" tells the interviewer there is no story to judge, which reads as a red flag. Everyone has one: pick a small, real occasion and tell what happened and what you did.`,
    ],
  };
}

/** The answer says plainly what the person got wrong. */
export function ownsMistake(lower: string): boolean {
  return OWNS_IT.test(lower);
}

export interface QuestionTyping {
  /** The type of a free-text question, from its words; 'general' when nothing marks it. */
  typeOf(question: string): QuestionType;
}

export function compileQuestionTyping(content: Content): QuestionTyping {
  const cues: Lexicon<QuestionType> = compileLexicon(
    Object.fromEntries(QUESTION_TYPES.map((t) => [t, content.questionTypes.types[t].textCues])) as Record<
      QuestionType,
      string[]
    >,
  );
  return {
    typeOf(question) {
      const scan = cues.scan(cleanAnswer(question).lower);
      let best: QuestionType = 'general';
      let count = 0;
      for (const t of QUESTION_TYPES) {
        const n = scan[t].length;
        if (n > count) {
          best = t;
          count = n;
        }
      }
      return best;
    },
  };
}

/** Holds the story against the question: required elements, and what this type of question expects. */
export function checkQuestionFit(
  content: Content,
  r: Reading,
  type: QuestionType,
  asks: readonly StoryElement[] | undefined,
): { fit: QuestionFit; caps: CapId[]; coaching: string[] } {
  const spec = content.questionTypes.types[type];
  const required = asks ?? spec.asks;
  const missing = required.filter((e) => r.elements(e).length === 0);
  const caps: CapId[] = [];
  const coaching: string[] = [];
  const opening = trimQuote(r.first.text, 80);
  const unmet: string[] = [];
  if (missing.length) {
    caps.push('off_question');
    const labels = missing.map((e) => content.questionTypes.elements[e].label);
    coaching.push(
      `The question asks for ${spec.label}, but the story that opens "${opening}" never shows ${labels.join(' or ')}. Tell a story that does, or say plainly where it ${missing.includes('setback') ? 'went wrong' : 'comes in'}.`,
    );
  }
  const all = r.text.lower;
  if (type === 'failure' && !missing.length && !OWNS_IT.test(all)) {
    caps.push('unowned_failure');
    unmet.push(spec.expects[0]!);
    coaching.push(
      `In "${opening}", say plainly what you got wrong ("I underestimated…", "my mistake was…"); a failure answer is judged on owning it.`,
    );
  }
  if (type === 'conflict' && !missing.length) {
    if (!LISTENED.test(all)) {
      unmet.push(spec.expects[0]!);
      coaching.push(
        `Around "${opening}", show that you listened: what the other person's concern was, in their terms, and how you found out.`,
      );
    }
    if (!RESOLVED.test(all)) {
      unmet.push(spec.expects[1]!);
      coaching.push(
        `After "${trimQuote(r.last.text, 80)}", say how it was resolved and what you committed to.`,
      );
    }
  }
  return {
    fit: {
      type,
      asksFor: spec.label,
      answers: missing.length === 0,
      missing: missing.map((e) => content.questionTypes.elements[e].label),
      unmet,
    },
    caps,
    coaching,
  };
}
