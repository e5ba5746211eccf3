import { describe, expect, it } from 'vitest';
import { cleanAnswer, splitSentences } from '../../../src/core/rubric/text.js';
import {
  bestStoryFor,
  coverage,
  overusedStories,
  principlesShown,
  reframe,
  type Story,
  titleFromText,
} from '../../../src/core/stories/stories.js';
import { loadContent } from '../../../src/infra/content-files.js';
import { loadSeeds, strongText } from '../../helpers/seeds.js';

const content = loadContent();
const seeds = loadSeeds();

const story = (id: number, principles: string[], bestScore: number, text = `Story ${id}.`): Story => ({
  id,
  title: `Story ${id}`,
  text,
  principles,
  bestScore,
  createdAt: 0,
  updatedAt: 0,
});

const webhooks = story(1, ['ownership', 'dive-deep'], 85, strongText(seeds.strongAnswers[0]!));
const migration = story(2, ['ownership'], 55, 'I moved our billing jobs to a new scheduler over a weekend.');
const onboarding = story(3, ['hire-and-develop-the-best'], 40, 'I paired with a new hire for two weeks.');
const bank = [migration, webhooks, onboarding];

describe('coverage of the 16 principles', () => {
  const rows = coverage(content, bank);
  const row = (id: string) => rows.find((r) => r.principle.id === id)!;

  it('has one row per principle, in Amazon order', () => {
    expect(rows.map((r) => r.principle.id)).toEqual(content.principles.map((p) => p.id));
  });

  it.each([
    ['ownership', 'covered', 85, [1, 2]],
    ['dive-deep', 'covered', 85, [1]],
    ['hire-and-develop-the-best', 'weak', 40, [3]],
    ['customer-obsession', 'gap', null, []],
    ['frugality', 'gap', null, []],
  ] as const)('%s is %s (best %s, stories %j)', (id, status, best, stories) => {
    expect(row(id).status).toBe(status);
    expect(row(id).bestScore).toBe(best);
    expect(row(id).stories.map((s) => s.id)).toEqual(stories);
  });

  it('counts 2 covered, 1 weak and 13 gaps', () => {
    const count = (status: string) => rows.filter((r) => r.status === status).length;
    expect([count('covered'), count('weak'), count('gap')]).toEqual([2, 1, 13]);
  });

  it('covers a principle from the hire threshold up, not below', () => {
    const at = (score: number) =>
      coverage(content, [story(9, ['frugality'], score)]).find((r) => r.principle.id === 'frugality')!;
    expect(at(content.scoring.verdicts.hire).status).toBe('covered');
    expect(at(content.scoring.verdicts.hire - 1).status).toBe('weak');
  });

  it('is all gaps for an empty bank', () => {
    expect(coverage(content, []).every((r) => r.status === 'gap' && r.bestScore === null)).toBe(true);
  });
});

describe('the best story for a principle', () => {
  it('picks the highest-scored story tagged with it', () => {
    const fit = bestStoryFor(content, bank, 'ownership');
    expect(fit?.reason).toBe('tagged');
    expect(fit?.story.id).toBe(1);
  });

  it('breaks a tie on score with the older story', () => {
    const fit = bestStoryFor(
      content,
      [story(7, ['frugality'], 70), story(4, ['frugality'], 70)],
      'frugality',
    );
    expect(fit?.story.id).toBe(4);
  });

  it('falls back to the story with most of the principle’s signals when none is tagged', () => {
    const fit = bestStoryFor(content, bank, 'dive-deep');
    expect(fit?.story.id).toBe(1);
    const untagged = bestStoryFor(
      content,
      [migration, { ...webhooks, principles: [] }, onboarding],
      'dive-deep',
    );
    expect(untagged?.reason).toBe('signals');
    expect(untagged?.story.id).toBe(1);
  });

  it('finds nothing in an empty bank or when no story carries a signal', () => {
    expect(bestStoryFor(content, [], 'ownership')).toBeNull();
    expect(bestStoryFor(content, [story(5, [], 90, 'Lorem ipsum dolor sit amet.')], 'frugality')).toBeNull();
  });
});

describe('reframing', () => {
  const principle = content.principleById.get('customer-obsession')!;

  it('gives the principle’s lead / emphasize / downplay without a story', () => {
    const r = reframe(content, principle);
    expect(r.principle.id).toBe('customer-obsession');
    expect([r.leadWith, r.emphasize, r.downplay]).toEqual([
      principle.reframe.leadWith,
      principle.reframe.emphasize,
      principle.reframe.downplay,
    ]);
    expect(r.applied).toBeNull();
  });

  it('applies to a story by quoting the story’s own sentences', () => {
    const r = reframe(content, principle, webhooks);
    const clean = cleanAnswer(webhooks.text);
    const sentences = splitSentences(clean.clean, clean.lower).map((s) => s.text);
    const isSentence = (quote: string) => sentences.some((s) => s.startsWith(quote.replace(/…$/, '')));
    expect(r.applied?.story.id).toBe(1);
    expect(r.applied?.openWith).not.toBeNull();
    expect(isSentence(r.applied!.openWith!)).toBe(true);
    expect(r.applied!.keep.length).toBeGreaterThan(0);
    for (const quote of [...r.applied!.keep, ...r.applied!.trim]) expect(isSentence(quote), quote).toBe(true);
    // The opening already speaks to the principle: it carries one of its signals.
    const lower = r.applied!.openWith!.toLowerCase();
    expect(principle.signals.some((sig) => lower.includes(sig.replace(/\*$/, '')))).toBe(true);
    expect(r.applied!.keep).not.toContain(r.applied!.openWith);
  });

  it('quotes a labelled story without its labels, and opens an Ownership reframe with the boundary', () => {
    const labelled = story(
      4,
      ['ownership'],
      85,
      [
        'Situation: Last year our checkout lost 2% of orders to a timeout in the payments team service.',
        'Task: It was not my team and nobody had asked me to look, but customers were failing to pay.',
        'Action: I reproduced the timeout, wrote the fix and got the owners to review it.',
        'Result: Failures fell from 2% to zero and the payments team adopted the test as a standard.',
      ].join('\n'),
    );
    const r = reframe(content, content.principleById.get('ownership')!, labelled);
    const quotes = [r.applied!.openWith!, ...r.applied!.keep, ...r.applied!.trim];
    for (const q of quotes) expect(q).not.toMatch(/^(Situation|Task|Action|Result):/);
    expect(r.applied!.openWith).toMatch(/not my team|nobody had asked/);
  });

  it('has no opening line when nothing in the story speaks to the principle', () => {
    const r = reframe(
      content,
      content.principleById.get('frugality')!,
      story(9, [], 50, 'Lorem ipsum dolor.'),
    );
    expect(r.applied?.openWith).toBeNull();
  });
});

describe('principlesShown', () => {
  const text = strongText(seeds.strongAnswers[0]!);

  it('tags a story with the principles whose signals it carries, the question’s own first when it fits', () => {
    expect(principlesShown(content, text, { principle: 'ownership', fit: 4 })).toEqual(
      expect.arrayContaining(['ownership', 'dive-deep']),
    );
    expect(principlesShown(content, text, { principle: 'ownership', fit: 4 })[0]).toBe('ownership');
  });

  it('does not tag an Ownership story with the principle of a question it did not fit', () => {
    const tags = principlesShown(content, text, { principle: 'customer-obsession', fit: 1 });
    expect(tags).not.toContain('customer-obsession');
    expect(tags).toContain('ownership');
  });

  it('never tags more than four principles and falls back to the given one', () => {
    expect(principlesShown(content, text).length).toBeLessThanOrEqual(4);
    expect(principlesShown(content, 'Lorem ipsum dolor.', { principle: 'frugality' })).toEqual(['frugality']);
  });
});

describe('story helpers', () => {
  it('calls a story tagged with more than four principles overused', () => {
    const many = story(8, ['ownership', 'dive-deep', 'frugality', 'earn-trust', 'think-big'], 80);
    expect(overusedStories([...bank, many]).map((s) => s.id)).toEqual([8]);
  });

  it('titles a story from its first sentence, without STAR labels or formatting', () => {
    expect(titleFromText('  I moved   our billing jobs.  ')).toBe('I moved our billing jobs.');
    expect(titleFromText('Situation: Last year our deploys failed. Task: fix it.')).toBe(
      'Last year our deploys failed.',
    );
    expect(titleFromText('*S:* Our queue backed up.\n*T:* Drain it.')).toBe('Our queue backed up.');
    expect(titleFromText('x'.repeat(100)).length).toBeLessThanOrEqual(61);
    expect(titleFromText('   ')).toBe('Untitled story');
  });
});
