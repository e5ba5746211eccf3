import { describe, it } from 'vitest';
import {
  endsWithChange,
  endsWithWord,
  onlyArrowBetween,
  startsWithArrow,
  startsWithChange,
  WordList,
} from '../../../src/core/rubric/number-context.js';
import { agreement, randomTexts, SPACES, windows } from '../../helpers/fuzz.js';

// The expressions the scanners stand for, as numbers.ts had them: each scanner must agree with its expression on
// any window of any text.
const ORDINAL =
  'week|day|step|level|version|v|page|room|grade|year|phase|sprint|round|chapter|number|no|top|q|p';
const YEAR = 'in|since|by|during|of|until|from|early|late|mid|spring|summer|fall|autumn|winter|around';
const ORDINAL_BEFORE = new RegExp(`\\b(?:${ORDINAL})\\s*$`);
const YEAR_BEFORE = new RegExp(`\\b(?:${YEAR})\\s*$`);
const CHANGE_BEFORE =
  /\b(?:from|to|by|down|up|cut|reduced|reducing|increased|increasing|decreased|dropped|fell|rose|grew|improved|saved|saving|savings|lowered|raised|boosted|shrank|shrunk|trimmed|sped|slashed|gained|lost|went|came|brought|under|below|above|over|only|just|another|extra|additional|more than|less than|fewer than)\s*(?:by\s*|to\s*|from\s*|down\s*|up\s*|about\s*|around\s*|roughly\s*|nearly\s*|almost\s*|over\s*|under\s*|~\s*)?$/;
const CHANGE_AFTER =
  /^\s*(?:faster|slower|fewer|less|lower|higher|more|cheaper|smaller|bigger|larger|quicker|shorter|reduction|increase|decrease|drop|decline|improvement|gain|growth|savings?|uplift|lift|boost|cut|down|up|better|jump)\b/;
const ARROW_AFTER = /^\s*(?:->|→|=>|-->)/;
const ARROW_BETWEEN = /^\s*(?:->|→|=>|-->|to|down to|up to)\s*$/;

/** Pieces that make the expressions' edge cases likely: their words, parts of them, boundaries and spaces. */
const PIECES = [
  ...`${ORDINAL}|${YEAR}`.split('|'),
  ...'from|to|by|down|up|cut|fell|savings|saving|more than|fewer than|about|roughly|nearly|almost|around|over|under|~|faster|lower|up|jump|better|gain|growth|uplift'.split(
    '|',
  ),
  'x',
  'un',
  'er',
  's',
  '_',
  '1',
  '2019',
  '40%',
  '-',
  '>',
  '->',
  '-->',
  '=>',
  '→',
  '.',
  ',',
  "'",
  ...SPACES,
  '\u00a0',
];

describe('the words around a number, read in place, agree with the expressions they stand for', () => {
  const ordinals = new WordList(ORDINAL.split('|'));
  const years = new WordList(YEAR.split('|'));
  const cases: Array<[string, (t: string, f: number, e: number) => boolean, RegExp]> = [
    ['ordinal before', (t, f, e) => endsWithWord(t, f, e, ordinals), ORDINAL_BEFORE],
    ['year before', (t, f, e) => endsWithWord(t, f, e, years), YEAR_BEFORE],
    ['change before', endsWithChange, CHANGE_BEFORE],
    ['change after', startsWithChange, CHANGE_AFTER],
    ['arrow after', startsWithArrow, ARROW_AFTER],
    ['arrow between', onlyArrowBetween, ARROW_BETWEEN],
  ];
  it.each(cases)('%s', (_name, scan, expression) => {
    const agree = agreement(1 / 1000);
    for (const text of randomTexts(PIECES, 3000)) {
      for (const [from, to] of windows(text)) {
        const expected = expression.test(text.slice(from, to));
        agree.check(
          scan(text, from, to),
          expected,
          expected,
          () => `${JSON.stringify(text)} [${from}, ${to})`,
        );
      }
    }
    agree.done();
  });
});
