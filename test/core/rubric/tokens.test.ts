import { describe, expect, it } from 'vitest';
import { compileLexicon } from '../../../src/core/rubric/phrases.js';
import { tokenize } from '../../../src/core/rubric/tokens.js';

describe('reading words as people type them', () => {
  it.each([
    ["it wasn't my area", ['it', 'was', 'not', 'my', 'area']],
    ['it wasnt my area', ['it', 'was', 'not', 'my', 'area']],
    ["i'm sure i'd do it", ['i', 'am', 'sure', 'i', 'would', 'do', 'it']],
    ['im on it bc ppl were blocked', ['i', 'am', 'on', 'it', 'because', 'people', 'were', 'blocked']],
    ["i should've tested it w/ real data", ['i', 'should', 'have', 'tested', 'it', 'with', 'real', 'data']],
  ])('"%s"', (text, words) => {
    expect(tokenize(text).word).toEqual(words);
  });

  it('keeps offsets into the original text, so quotes stay the person’s words', () => {
    const text = 'so it wasnt really ours';
    const tokens = tokenize(text);
    const not = tokens.word.indexOf('not');
    expect(text.slice(tokens.start[not], tokens.end[not])).toBe('wasnt');
  });
});

describe('phrases read through contractions and filler words', () => {
  const lexicon = compileLexicon({ scope: ["wasn't my area", 'nobody asked'] }, ['not', 'never']);
  it.each([
    ["It wasn't my area, so I dug in.", true],
    ['it wasnt really my area tbh', true],
    ['It was not actually my area.', true],
    ['honestly nobody really asked me', true],
    ['nobody asked', true],
    ['It was my area.', false],
  ])('"%s" → %s', (text, expected) => {
    expect(lexicon.scan(text.toLowerCase()).scope.length > 0).toBe(expected);
  });
});
