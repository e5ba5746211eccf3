import { describe, expect, it } from 'vitest';
import { PROBE_FLAG_IDS } from '../../src/core/coaching/probe-judge.js';
import {
  duration,
  FLAG_LABEL,
  feedbackParts,
  LEVEL_LABEL,
  PROBE_FLAG_LABEL,
  plural,
  reaskText,
  resolvePlurals,
  SECTION_ABBREVIATION,
} from '../../src/core/labels.js';
import { FLAG_IDS } from '../../src/core/rubric/types.js';

describe('labels', () => {
  it('labels every flag in words, never as its id', () => {
    for (const id of FLAG_IDS) expect(FLAG_LABEL[id]).not.toMatch(/_/);
    for (const id of PROBE_FLAG_IDS) expect(PROBE_FLAG_LABEL[id]).not.toMatch(/_/);
  });

  it('writes each level one way and abbreviates every section distinctly', () => {
    expect(Object.values(LEVEL_LABEL)).toEqual(['SDE I', 'SDE II', 'Senior SDE', 'Principal']);
    const abbreviations = Object.values(SECTION_ABBREVIATION);
    expect(new Set(abbreviations).size).toBe(abbreviations.length);
  });

  it.each([
    [
      '4 sentence(s) of your own actions, 0 concrete verb(s)',
      '4 sentences of your own actions, 0 concrete verbs',
    ],
    [
      '1 sentence(s) of your own actions, 1 concrete verb(s)',
      '1 sentence of your own actions, 1 concrete verb',
    ],
    ['1 signal(s) of Ownership.', '1 signal of Ownership.'],
    ['No plural here.', 'No plural here.'],
  ])('resolves %j', (input, output) => {
    expect(resolvePlurals(input)).toBe(output);
  });

  it('counts with the right plural and writes durations', () => {
    expect([
      plural(1, 'answer'),
      plural(2, 'answer'),
      plural(1, 'story', 'stories'),
      plural(0, 'story', 'stories'),
    ]).toEqual(['1 answer', '2 answers', '1 story', '0 stories']);
    expect([duration(45), duration(60), duration(150), duration(0)]).toEqual([
      '45 s',
      '1 min',
      '2 min 30 s',
      '0 s',
    ]);
  });

  it('splits a judgement into what it says about the answer and a model line labelled apart', () => {
    expect(
      feedbackParts('Strong: you gave your own actions. Keep this line: I acted because of the impact.'),
    ).toEqual({
      text: 'You gave your own actions.',
      example: 'I acted because of the impact.',
    });
    expect(
      feedbackParts(
        'Weak: "I pinged them" routes it. A stronger answer sounds like: "I booked time with their lead."',
      ),
    ).toEqual({ text: '"I pinged them" routes it.', example: 'I booked time with their lead.' });
    expect(feedbackParts('Partly there: add what you did yourself.')).toEqual({
      text: 'Add what you did yourself.',
      example: null,
    });
    expect(reaskText('Let me ask again, more directly: Why you?')).toBe('Why you?');
  });
});
