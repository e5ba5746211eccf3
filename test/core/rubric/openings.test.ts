import { describe, expect, it } from 'vitest';
import { impliedVerb, listMarkBefore, subjectOpening } from '../../../src/core/rubric/dimensions/openings.js';
import { randomTexts } from '../../helpers/fuzz.js';

// The expressions the readers stand for, as the individual-contribution dimension had them: each reader must give
// what its expression captures, on any text.
const IMPLIED_VERB =
  /^(?:(?:so|then|and|also|first|next|finally|after that|plus|later)\s+)?([a-z]+)\b(?!\s+(?:not|it was|was|were|is|isnt|isn't|are|has|had)\b)/;
const SUBJECT = /^(?:(?:so|then|and|also|first|next|finally|after that|later)\s+)?(i|we)\b/;
const LIST_MARK = /(?:^|\n)[ \t]*(?:[-*•>]|\d{1,2}[.)])[ \t]+$/;

const OPENING_PIECES = [
  ..."so|then|and|also|first|next|finally|after that|plus|later|not|it was|was|were|is|isnt|isn't|are|has|had".split(
    '|',
  ),
  'i',
  'we',
  'wrote',
  'fix',
  'x',
  'ed',
  '_',
  '1',
  "'",
  '.',
  '-',
  ' ',
  ' ',
  ' ',
  '  ',
  '\t',
  '\n',
];
const LIST_PIECES = ['-', '*', '•', '>', '1', '12', '123', '.', ')', 'a', ' ', ' ', '  ', '\t', '\n', '\r'];

/** How often each side came up, so the agreement means something. */
function tally(results: boolean[]): void {
  const yes = results.filter(Boolean).length;
  expect(yes).toBeGreaterThan(results.length / 100);
  expect(results.length - yes).toBeGreaterThan(results.length / 100);
}

describe('how a sentence opens, read by hand, agrees with the expressions it stands for', () => {
  it('the verb of a step told without its subject', () => {
    const found: boolean[] = [];
    for (const text of randomTexts(OPENING_PIECES, 20_000)) {
      const expected = IMPLIED_VERB.exec(text)?.[1];
      if (impliedVerb(text) !== expected) expect.fail(`${JSON.stringify(text)}: expected ${expected}`);
      found.push(expected !== undefined);
    }
    tally(found);
  });

  it('the subject a sentence opens with', () => {
    const found: boolean[] = [];
    for (const text of randomTexts(OPENING_PIECES, 20_000)) {
      const expected = SUBJECT.exec(text)?.[1];
      if (subjectOpening(text) !== expected) expect.fail(`${JSON.stringify(text)}: expected ${expected}`);
      found.push(expected !== undefined);
    }
    tally(found);
  });

  it('a list marker just before a place in the text, within 8 characters', () => {
    const found: boolean[] = [];
    for (const text of randomTexts(LIST_PIECES, 5_000, 9)) {
      for (let at = 0; at <= text.length; at++) {
        const expected = LIST_MARK.test(text.slice(Math.max(0, at - 8), at));
        if (listMarkBefore(text, at) !== expected)
          expect.fail(`${JSON.stringify(text)} at ${at}: expected ${expected}`);
        found.push(expected);
      }
    }
    tally(found);
  });
});
