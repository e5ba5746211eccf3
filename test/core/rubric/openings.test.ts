import { describe, expect, it } from 'vitest';
import { impliedVerb, listMarkBefore, subjectOpening } from '../../../src/core/rubric/dimensions/openings.js';
import { expectBothAnswers, randomTexts } from '../../helpers/fuzz.js';

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

describe('how a sentence opens, read by hand, agrees with the expressions it stands for', () => {
  const cases: Array<[string, (text: string) => string | undefined, RegExp]> = [
    ['the verb of a step told without its subject', impliedVerb, IMPLIED_VERB],
    ['the subject a sentence opens with', subjectOpening, SUBJECT],
  ];
  it.each(cases)('%s', (_name, read, expression) => {
    let checked = 0;
    let matched = 0;
    for (const text of randomTexts(OPENING_PIECES, 20_000)) {
      const expected = expression.exec(text)?.[1];
      if (read(text) !== expected) expect.fail(`${JSON.stringify(text)}: expected ${expected}`);
      checked++;
      if (expected !== undefined) matched++;
    }
    expectBothAnswers(checked, matched, 1 / 100);
  });

  it('a list marker just before a place in the text, within 8 characters', () => {
    let checked = 0;
    let matched = 0;
    for (const text of randomTexts(LIST_PIECES, 5_000, 9)) {
      for (let at = 0; at <= text.length; at++) {
        const expected = LIST_MARK.test(text.slice(Math.max(0, at - 8), at));
        if (listMarkBefore(text, at) !== expected)
          expect.fail(`${JSON.stringify(text)} at ${at}: expected ${expected}`);
        checked++;
        if (expected) matched++;
      }
    }
    expectBothAnswers(checked, matched, 1 / 100);
  });
});
