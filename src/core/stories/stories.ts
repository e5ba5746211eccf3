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
  const signals = compilePhrases(principle.signals);
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

/** How to retell a story for a principle, applied to the story's strongest evidence when given. */
export function reframe(_content: Content, principle: Principle, story?: Story): Reframe {
  const base = { principle, ...principle.reframe, applied: null };
  if (!story) return base;
  const text = cleanAnswer(story.text);
  const sentences = splitSentences(text.clean, text.lower);
  const signals = compilePhrases(principle.signals);
  const ranked = sentences
    .map((s) => ({ s, signals: signals.find(s.lower).length, evidence: EVIDENCE.test(s.text) ? 1 : 0 }))
    .sort((a, b) => b.signals + b.evidence - (a.signals + a.evidence) || a.s.index - b.s.index);
  const openWith =
    ranked[0] && ranked[0].signals + ranked[0].evidence > 0 ? trimQuote(ranked[0].s.text, 200) : null;
  const keep = ranked
    .slice(1)
    .filter((r) => r.signals > 0 || r.evidence > 0)
    .slice(0, 3)
    .map((r) => trimQuote(r.s.text, 160));
  const trim = ranked
    .filter((r) => r.signals === 0 && r.evidence === 0)
    .slice(-2)
    .map((r) => trimQuote(r.s.text, 120));
  return { ...base, applied: { story, openWith, keep, trim } };
}

/** Stories tagged with so many principles that interviewers would hear the same one twice. */
export function overusedStories(stories: Story[], max = 4): Story[] {
  return stories.filter((s) => s.principles.length > max);
}

/** A title from the first words of an answer. */
export function titleFromText(text: string): string {
  const first = cleanAnswer(text).clean.replace(/\s+/g, ' ').trim();
  return trimQuote(first, 60) || 'Untitled story';
}
