import { describe, expect, it } from 'vitest';
import {
  isAsciiLetter,
  isAsciiLetterOrDigit,
  isDigit,
  isLowerLetter,
  isLowerLetterOrDigit,
  isSpace,
  isWordCharacter,
  spaceEnd,
  spaceStart,
} from '../../../src/core/rubric/chars.js';
import {
  ABBREVIATIONS,
  CLAUSE_TURN,
  countWords,
  hasLetterOrDigit,
  lowerAscii,
  pieces,
  splitSentences,
  wordsOf,
} from '../../../src/core/rubric/text.js';
import { agreement, randomTexts, SPACES, windows } from '../../helpers/fuzz.js';

// The text readers scoring starts from are written by hand, character by character, in place of regular
// expressions and copies. Each must give what its expression gives; sentence splitting, which combines them, is
// compared with a splitter written with the expressions themselves.

describe('character tests agree with their classes on every UTF-16 code unit', () => {
  it.each([
    ['isDigit', isDigit, /[0-9]/],
    ['isAsciiLetter', isAsciiLetter, /[A-Za-z]/],
    ['isAsciiLetterOrDigit', isAsciiLetterOrDigit, /[A-Za-z0-9]/],
    ['isLowerLetter', isLowerLetter, /[a-z]/],
    ['isLowerLetterOrDigit', isLowerLetterOrDigit, /[a-z0-9]/],
    ['isWordCharacter', isWordCharacter, /\w/],
    ['isSpace', isSpace, /\s/],
  ] as const)('%s', (_name, test, expression) => {
    const wrong: string[] = [];
    for (let c = 0; c <= 0xffff; c++)
      if (test(c) !== expression.test(String.fromCharCode(c)))
        wrong.push(`U+${c.toString(16).padStart(4, '0')}`);
    expect(wrong).toEqual([]);
  });
});

/** Letters and digits of several scripts, a pair (emoji), lone halves of one, marks and other white space. */
const MIXED = "a|Z|7|é|Ж|٣|中|😀|\ud83d|\ude00|\u0301|-|.|'|’|%|$".split('|');
const MIXED_SPACES = [...SPACES, ...'\u00a0|\u2003|\u3000|\ufeff|\u2028|\r'.split('|')];

describe('counting readers agree with their expressions', () => {
  it('white space around a place, read within a window', () => {
    const agree = agreement(1 / 10);
    for (const text of randomTexts([...MIXED, ...MIXED_SPACES], 2_000, 8)) {
      for (const [from, to] of windows(text)) {
        const end = from + /^\s*/.exec(text.slice(from, to))![0].length;
        agree.check(
          spaceEnd(text, from, to),
          end,
          end > from,
          () => `${JSON.stringify(text)} [${from}, ${to})`,
        );
        const start = to - /\s*$/.exec(text.slice(from, to))![0].length;
        agree.check(
          spaceStart(text, from, to),
          start,
          start < to,
          () => `${JSON.stringify(text)} [${from}, ${to})`,
        );
      }
    }
    agree.done();
  });

  it('pieces between white space, as split(/\\s+/) counts them', () => {
    const agree = agreement(1 / 10);
    for (const text of randomTexts([...MIXED, ...MIXED_SPACES], 2_000, 8)) {
      for (const [from, to] of windows(text)) {
        const expected = text.slice(from, to).split(/\s+/).length;
        agree.check(
          pieces(text, from, to),
          expected,
          expected > 1,
          () => `${JSON.stringify(text)} [${from}, ${to})`,
        );
      }
    }
    agree.done();
  });

  it('a letter or digit of any script within a window', () => {
    const agree = agreement(1 / 10);
    const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
    const parts = '😀|\ud83d|\ude00|\u0301|-|.| |中|é|٣|a|7|🙂|𝐀'.split('|');
    for (const text of randomTexts(parts, 2_000, 4)) {
      for (const [from, to] of windows(text)) {
        const expected = LETTER_OR_DIGIT.test(text.slice(from, to));
        agree.check(
          hasLetterOrDigit(text, from, to),
          expected,
          expected,
          () => `${JSON.stringify(text)} [${from}, ${to})`,
        );
      }
    }
    agree.done();
  });

  it('words and their count, as the Unicode word expression finds them', () => {
    const agree = agreement(1 / 10);
    const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’\-.%$]*/gu;
    const ascii = "a|B|7|'|-|.|%|$|_|,|!|(| |  |\n".split('|');
    for (const text of randomTexts([...ascii, ...ascii, ...MIXED], 5_000, 10)) {
      const expected = text.match(WORD) ?? [];
      agree.check(wordsOf(text).join('|'), expected.join('|'), expected.length > 1, () =>
        JSON.stringify(text),
      );
      agree.check(countWords(text), expected.length, expected.length > 1, () => JSON.stringify(text));
    }
    agree.done();
  });

  it('lowercasing that changes only ASCII capitals', () => {
    const agree = agreement(1 / 10);
    for (const text of randomTexts(['A', 'b', 'É', 'Ж', 'ß', 'İ', ' ', '1'], 2_000, 6)) {
      const expected = text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
      agree.check(lowerAscii(text), expected, expected !== text, () => JSON.stringify(text));
    }
    agree.done();
  });
});

/**
 * Sentence splitting written with the expressions and copies the hand readers replaced (as of 5c73ba2's parent),
 * with the same abbreviations and clause turns. `seen` counts each decision it takes, so the comparison can ask
 * that the random texts reached every one of them.
 */
function referenceSplit(clean: string, lower: string, seen: Map<string, number>): Array<[number, number]> {
  const SPACE = /\s/;
  const LIST_MARKER = /^(?:[-*•>]|\d{1,2}[.)])[ \t]+/;
  const NUMBER_OPENS_LINE = /^[ \t]*\d{1,2}$/;
  const WORD_BEFORE = /[A-Za-z.]+$/;
  const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
  const CUT_PUNCTUATION = /^[,;\s–—-]+/;
  const MAY_OPEN_SENTENCE = /^[\p{L}\p{N}"'*_•(\-:]/u;
  const LOWERCASE_START = /^\p{Ll}/u;
  const SINGLE_LETTER_END = /(?:^|[\s(])\p{L}$/u;
  const turns = new RegExp(CLAUSE_TURN.source, CLAUSE_TURN.flags);
  const count = (decision: string) => seen.set(decision, (seen.get(decision) ?? 0) + 1);
  const words = (text: string) => text.split(/\s+/).length;

  const out: Array<[number, number]> = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && SPACE.test(clean[s]!)) s++;
    const marker = LIST_MARKER.exec(clean.slice(s, Math.min(e, s + 6)))?.[0].length ?? 0;
    if (marker > 0) count('list marker');
    s += marker;
    while (e > s && SPACE.test(clean[e - 1]!)) e--;
    start = end;
    if (!(e > s && LETTER_OR_DIGIT.test(clean.slice(s, e)))) return;
    const text = lower.slice(s, e);
    if (words(text) <= 20) {
      out.push([s, e]);
      return;
    }
    let from = 0;
    for (const m of text.matchAll(turns)) {
      const cut = m.index;
      const next = cut + m[0].length;
      if (words(text.slice(from, cut)) < 6 || words(text.slice(next)) < 6) continue;
      count('clause turn');
      out.push([s + from, s + cut]);
      from = cut + (CUT_PUNCTUATION.exec(m[0])?.[0].length ?? 0);
    }
    out.push([s + from, e]);
  };
  for (let i = 0; i < clean.length; i++) {
    const ch = clean[i]!;
    if (ch === '\n') {
      push(i + 1);
      continue;
    }
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    const next = clean[i + 1];
    if (next !== undefined && !SPACE.test(next) && next !== '"' && next !== ')') continue;
    if (ch === '.' && NUMBER_OPENS_LINE.test(clean.slice(clean.lastIndexOf('\n', i - 1) + 1, i))) {
      count('list number');
      continue;
    }
    if (ch === '.' && ABBREVIATIONS.has(WORD_BEFORE.exec(lower.slice(Math.max(0, i - 8), i))?.[0] ?? '')) {
      count('abbreviation');
      continue;
    }
    const rest = clean.slice(i + 1, i + 4).trimStart();
    if (rest && !MAY_OPEN_SENTENCE.test(rest)) {
      count('cannot open a sentence');
      continue;
    }
    if (
      rest &&
      LOWERCASE_START.test(rest) &&
      (SINGLE_LETTER_END.test(clean.slice(Math.max(0, i - 2), i)) || clean[i - 1] === '.')
    ) {
      count('lowercase runs on');
      continue;
    }
    count('sentence end');
    push(i + 1);
  }
  push(clean.length);
  return out;
}

describe('sentence splitting agrees with the same splitter written with expressions', () => {
  /** Words, abbreviations (and near misses), clause turns, sentence ends and what may follow them. */
  const PIECES = [
    ...SPACES,
    ...SPACES,
    ...'I |we |it |fixed |the |logs |then |Then |they |my team |errors '.split('|'),
    ...'e.g|i.e|etc|vs|Dr|no|No|u.s|p.m|eg|dept|xetc|st|.co|approx'.split('|'),
    ...' and then |, so | and | but |; | — | - |, which meant |as a result '.split('|'),
    ...'.|.|.|!|?|...|"|)|(|:|_|*|•|- |> |3. |12) |123. '.split('|'),
    ...'j|A|a|É|é|ß|Ж|中|٣|😀|𝐀|𐐨|\ud83d|\u00a0|\u2003|\u3000|\n'.split('|'),
  ];

  it('at every sentence end and clause turn of random answers', () => {
    const seen = new Map<string, number>();
    let sentences = 0;
    for (const text of randomTexts(PIECES, 20_000, 60)) {
      const lower = lowerAscii(text);
      const expected = referenceSplit(text, lower, seen);
      const got = splitSentences(text, lower).map((s): [number, number] => [s.start, s.end]);
      if (JSON.stringify(got) !== JSON.stringify(expected))
        expect.fail(
          `${JSON.stringify(text)}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`,
        );
      sentences += got.length;
    }
    // Every decision the splitter takes came up often enough for agreeing on it to mean something.
    for (const decision of [
      'list marker',
      'clause turn',
      'list number',
      'abbreviation',
      'cannot open a sentence',
      'lowercase runs on',
      'sentence end',
    ])
      expect(seen.get(decision) ?? 0, decision).toBeGreaterThan(200);
    expect(sentences).toBeGreaterThan(20_000);
  });
});
