import { describe, expect, it } from 'vitest';
import { createPrincipleLookup, principleCard } from '../../../src/core/lookup/lookup.js';
import { loadContent } from '../../../src/infra/content-files.js';

const content = loadContent();
const lookup = createPrincipleLookup(content);

describe('principle lookup', () => {
  it.each([
    ['dive deep', 'dive-deep'],
    ['Dive Deep', 'dive-deep'],
    ['backbone', 'have-backbone'],
    ['disagree and commit', 'have-backbone'],
    ['Have Backbone; Disagree and Commit', 'have-backbone'],
    ['frugal', 'frugality'],
    ['cust obs', 'customer-obsession'],
    ['earths best', 'earths-best-employer'],
    ["Earth's Best Employer", 'earths-best-employer'],
    ['bais for action', 'bias-for-action'],
    ['custmer obsesion', 'customer-obsession'],
    ['invnet and simplify', 'invent-and-simplify'],
    ['are right, a lot', 'are-right-a-lot'],
    ['ownership story', 'ownership'],
    ['  OWNERSHIP  ', 'ownership'],
    ['success-and-scale', 'success-and-scale'],
  ])('"%s" → %s', (query, id) => {
    const match = lookup.find(query);
    expect(match.kind).toBe('found');
    expect(match.kind === 'found' && match.principle.id).toBe(id);
  });

  it.each(['pizza', 'kubernetes', 'zzzz'])('"%s" → suggestions, not a match', (query) => {
    const match = lookup.find(query);
    expect(match.kind).toBe('suggestions');
    if (match.kind !== 'suggestions') return;
    expect(match.query).toBe(query);
    expect(match.suggestions.length).toBeLessThanOrEqual(3);
    expect(new Set(match.suggestions.map((p) => p.id)).size).toBe(match.suggestions.length);
  });

  it.each(['', '   ', '?!'])('"%s" → the list of all 16', (query) => {
    const match = lookup.find(query);
    expect(match.kind).toBe('list');
    expect(match.kind === 'list' && match.principles.map((p) => p.id)).toEqual(
      content.principles.map((p) => p.id),
    );
    expect(match.kind === 'list' && match.principles).toHaveLength(16);
  });
});

describe('principle card', () => {
  it('shows three sample questions of the principle', () => {
    const principle = content.principleById.get('dive-deep')!;
    const card = principleCard(content, principle);
    expect(card.principle.id).toBe('dive-deep');
    expect(card.sampleQuestions).toHaveLength(3);
    for (const q of card.sampleQuestions) expect(q.principle).toBe('dive-deep');
  });
});
