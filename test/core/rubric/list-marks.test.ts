import { describe, it } from 'vitest';
import { listMarkBefore, listMarkerLength, opensListLine } from '../../../src/core/rubric/list-marks.js';
import { agreement, randomTexts, windows } from '../../helpers/fuzz.js';

// The expressions the readers stand for, as sentence splitting and the individual-contribution dimension had them:
// each reader must give what its expression gives, at any place of any text.
const MARKER_AT = /^(?:[-*•>]|\d{1,2}[.)])[ \t]+/;
const MARK_BEFORE = /(?:^|\n)[ \t]*(?:[-*•>]|\d{1,2}[.)])[ \t]+$/;
const NUMBER_OPENS_LINE = /^[ \t]*\d{1,2}$/;

const PIECES = ['-', '*', '•', '>', '1', '12', '123', '.', ')', 'a', ' ', ' ', '  ', '\t', '\n', '\r'];
const TEXTS = 5_000;

describe('list markers, read by hand, agree with the expressions they stand for', () => {
  it('the marker a sentence starts with, read within a window', () => {
    const agree = agreement(1 / 100);
    for (const text of randomTexts(PIECES, TEXTS, 9)) {
      for (const [at, limit] of windows(text)) {
        const expected = MARKER_AT.exec(text.slice(at, limit))?.[0].length ?? 0;
        agree.check(
          listMarkerLength(text, at, limit),
          expected,
          expected > 0,
          () => `${JSON.stringify(text)} [${at}, ${limit})`,
        );
      }
    }
    agree.done();
  });

  it('a list marker just before a place in the text, within 8 characters', () => {
    const agree = agreement(1 / 100);
    for (const text of randomTexts(PIECES, TEXTS, 9)) {
      for (let at = 0; at <= text.length; at++) {
        const expected = MARK_BEFORE.test(text.slice(Math.max(0, at - 8), at));
        agree.check(listMarkBefore(text, at), expected, expected, () => `${JSON.stringify(text)} at ${at}`);
      }
    }
    agree.done();
  });

  it('a number of one or two digits opening its line up to a place', () => {
    const agree = agreement(1 / 100);
    for (const text of randomTexts(PIECES, TEXTS, 9)) {
      for (let at = 0; at <= text.length; at++) {
        const expected = NUMBER_OPENS_LINE.test(text.slice(text.lastIndexOf('\n', at - 1) + 1, at));
        agree.check(opensListLine(text, at), expected, expected, () => `${JSON.stringify(text)} at ${at}`);
      }
    }
    agree.done();
  });
});
