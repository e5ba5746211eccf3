import { describe, it } from 'vitest';
import { impliedVerb, subjectOpening } from '../../../src/core/rubric/dimensions/openings.js';
import { agreement, randomTexts, SPACES } from '../../helpers/fuzz.js';

// The expressions the readers stand for, as the individual-contribution dimension had them: each reader must give
// what its expression captures, on any text.
const IMPLIED_VERB =
  /^(?:(?:so|then|and|also|first|next|finally|after that|plus|later)\s+)?([a-z]+)\b(?!\s+(?:not|it was|was|were|is|isnt|isn't|are|has|had)\b)/;
const SUBJECT = /^(?:(?:so|then|and|also|first|next|finally|after that|later)\s+)?(i|we)\b/;

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
  ...SPACES,
];

describe('how a sentence opens, read by hand, agrees with the expressions it stands for', () => {
  const cases: Array<[string, (text: string) => string | undefined, RegExp]> = [
    ['the verb of a step told without its subject', impliedVerb, IMPLIED_VERB],
    ['the subject a sentence opens with', subjectOpening, SUBJECT],
  ];
  it.each(cases)('%s', (_name, read, expression) => {
    const agree = agreement(1 / 100);
    for (const text of randomTexts(OPENING_PIECES, 20_000)) {
      const expected = expression.exec(text)?.[1];
      agree.check(read(text), expected, expected !== undefined, () => JSON.stringify(text));
    }
    agree.done();
  });
});
