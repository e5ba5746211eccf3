import type { Content } from '../content/content.js';
import type { Principle } from '../content/schema.js';
import { compilePhrases } from '../rubric/phrases.js';
import { cleanAnswer, splitSentences, trimQuote } from '../rubric/text.js';

/** A story in a person's bank. */
export interface Story {
  id: number;
  title: string;
  text: string;
  principles: string[];
  bestScore: number;
  /** The scored answer it was saved from, if any: saving that answer again finds this story. */
  answerId?: number | null;
  createdAt: number;
  updatedAt: number;
}

export type CoverageStatus = 'covered' | 'weak' | 'gap';

export interface CoverageRow {
  principle: Principle;
  status: CoverageStatus;
  stories: Array<{ id: number; title: string; bestScore: number }>;
  bestScore: number | null;
}

/** Coverage of all 16 principles by a person's stories: covered (a story at "hire" or above), weak (only lower scores) or gap. */
export function coverage(content: Content, stories: Story[]): CoverageRow[] {
  return content.principles.map((principle) => {
    const tagged = stories
      .filter((s) => s.principles.includes(principle.id))
      .sort((a, b) => b.bestScore - a.bestScore || a.id - b.id);
    const bestScore = tagged[0]?.bestScore ?? null;
    const status: CoverageStatus =
      bestScore === null ? 'gap' : bestScore >= content.scoring.verdicts.hire ? 'covered' : 'weak';
    return {
      principle,
      status,
      bestScore,
      stories: tagged.map((s) => ({ id: s.id, title: s.title, bestScore: s.bestScore })),
    };
  });
}

export interface StoryFit {
  story: Story;
  /** Why it was chosen: tagged with the principle, or closest by the principle's signals. */
  reason: 'tagged' | 'signals';
}

/** The story that best fits a principle: tagged with it and highest scored, else most of its signals. */
export function bestStoryFor(content: Content, stories: Story[], principleId: string): StoryFit | null {
  const tagged = stories
    .filter((s) => s.principles.includes(principleId))
    .sort((a, b) => b.bestScore - a.bestScore || a.id - b.id);
  if (tagged[0]) return { story: tagged[0], reason: 'tagged' };
  const principle = content.principleById.get(principleId);
  if (!principle || stories.length === 0) return null;
  const signals = signalsOf(principle);
  let best: Story | null = null;
  let bestCount = 0;
  for (const s of stories) {
    const count = new Set(signals.find(cleanAnswer(s.text).lower).map((m) => m.phrase)).size;
    if (count > bestCount || (count === bestCount && best && s.bestScore > best.bestScore)) {
      best = s;
      bestCount = count;
    }
  }
  return best ? { story: best, reason: 'signals' } : null;
}

export interface Reframe {
  principle: Principle;
  leadWith: string;
  emphasize: string;
  downplay: string;
  /** When a story is given: its own sentences to open with and to keep short. */
  applied: { story: Story; openWith: string | null; keep: string[]; trim: string[] } | null;
}

const EVIDENCE = /\d|%|\$|\b(?:zero|halved|doubled|adopted|standard)\b/i;

/** A STAR label opening a line ("Situation:", "**Task** -", "R)", ":dart: Result —"): layout, not story. */
const STAR_LABEL =
  /^[ \t]*(?:[-*•>]+[ \t]*)?(?::[a-z0-9_+-]+:[ \t]*)*[*_]{0,2}(?:(?:situation|context|background|task|goal|actions?|results?|outcome|impact|reflections?|learnings?|lessons? learned|what i learned)[*_]{0,2}[ \t]*[:\-–—)]|[star][*_]{0,2}[ \t]*[:)])[*_]{0,2}[ \t]*/gim;

/** The story's text without STAR labels, for titles and quotes. */
export function withoutLabels(text: string): string {
  return text.replace(STAR_LABEL, '');
}

const compiled = new WeakMap<Principle, ReturnType<typeof compilePhrases>>();
function signalsOf(principle: Principle) {
  let m = compiled.get(principle);
  if (!m) {
    m = compilePhrases(principle.signals);
    compiled.set(principle, m);
  }
  return m;
}

/** How to retell a story for a principle, applied to the story's own strongest lines when given. */
export function reframe(_content: Content, principle: Principle, story?: Story): Reframe {
  const base = { principle, ...principle.reframe, applied: null };
  if (!story) return base;
  const text = cleanAnswer(withoutLabels(story.text));
  const sentences = splitSentences(text.clean, text.lower);
  const signals = signalsOf(principle);
  const ranked = sentences
    .map((s) => ({
      s,
      signals: new Set(signals.find(s.lower).map((m) => m.phrase)).size,
      evidence: EVIDENCE.test(s.text) ? 1 : 0,
    }))
    .sort((a, b) => b.signals * 2 + b.evidence - (a.signals * 2 + a.evidence) || a.s.index - b.s.index);
  // Open with a line that already speaks to this principle; evidence alone (a number) is not enough.
  const opener = ranked[0] && ranked[0].signals > 0 ? ranked[0] : null;
  const openWith = opener ? trimQuote(opener.s.text, 200) : null;
  const keep = ranked
    .filter((r) => r !== opener && (r.signals > 0 || r.evidence > 0))
    .slice(0, 3)
    .map((r) => trimQuote(r.s.text, 160));
  const trim = ranked
    .filter((r) => r.signals === 0 && r.evidence === 0)
    .slice(-2)
    .map((r) => trimQuote(r.s.text, 120));
  return { ...base, applied: { story, openWith, keep, trim } };
}

/** At most this many principles per story: past it, interviewers would hear the same story twice. */
export const MAX_STORY_PRINCIPLES = 4;

/**
 * The principles a story shows, strongest first: the question's own principle when the answer fit it, and any
 * other whose signals the story carries clearly (at least `minSignals` distinct ones). Never empty when a
 * principle was given; editable afterwards.
 */
export function principlesShown(
  content: Content,
  text: string,
  options: { principle?: string | null; fit?: number | null; minSignals?: number } = {},
): string[] {
  const lower = cleanAnswer(withoutLabels(text)).lower;
  const min = options.minSignals ?? 3;
  const counts = content.principles
    .map((p) => ({
      id: p.id,
      n: new Set(
        signalsOf(p)
          .find(lower)
          .map((m) => m.phrase),
      ).size,
    }))
    .sort(
      (a, b) =>
        b.n - a.n ||
        content.principles.findIndex((p) => p.id === a.id) -
          content.principles.findIndex((p) => p.id === b.id),
    );
  const own = options.principle ? counts.find((c) => c.id === options.principle) : undefined;
  const shown: string[] = [];
  if (own && ((options.fit ?? 0) >= 2 || own.n >= 2)) shown.push(own.id);
  for (const c of counts) {
    if (shown.length >= MAX_STORY_PRINCIPLES) break;
    if (c.n >= min && !shown.includes(c.id)) shown.push(c.id);
  }
  if (!shown.length) {
    const best = counts[0];
    if (best && best.n > 0) shown.push(best.id);
    else if (options.principle) shown.push(options.principle);
  }
  return shown;
}

/** Stories tagged with so many principles that interviewers would hear the same one twice. */
export function overusedStories(stories: Story[], max = 4): Story[] {
  return stories.filter((s) => s.principles.length > max);
}

/** A title from the first sentence of an answer, without STAR labels or formatting marks. */
export function titleFromText(text: string): string {
  const clean = cleanAnswer(withoutLabels(text));
  const first = splitSentences(clean.clean, clean.lower)[0]?.text ?? '';
  const plain = first
    .replace(/[*_~`]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return trimQuote(plain, 60) || 'Untitled story';
}
