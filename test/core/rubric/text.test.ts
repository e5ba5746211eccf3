import { describe, expect, it } from 'vitest';
import { cleanAnswer, countWords, splitSentences, trimQuote } from '../../../src/core/rubric/text.js';

const sentencesOf = (raw: string) => {
  const { clean, lower } = cleanAnswer(raw);
  return splitSentences(clean, lower).map((s) => s.text);
};

describe('cleanAnswer', () => {
  it.each([
    ['Slack user mention', 'I paired with <@U123|maria> on it.', 'I paired with @maria on it.'],
    ['bare user mention', 'I asked <@U123>.', 'I asked @someone.'],
    ['channel link', 'I posted in <#C1|payments>.', 'I posted in #payments.'],
    ['special mention', '<!here> look', '@here look'],
    ['link with label', 'See <https://x.test/doc|the doc>.', 'See the doc.'],
    ['entities', 'p99 &lt; 200ms &amp; errors &gt; 0', 'p99 < 200ms & errors > 0'],
    ['curly quotes', 'It wasn’t “mine”.', 'It wasn\'t "mine".'],
    ['zero-width characters', 'I\u200b fixed\u00ad it.', 'I fixed it.'],
  ])('%s', (_label, raw, clean) => {
    expect(cleanAnswer(raw).clean).toBe(clean);
  });

  it('removes code blocks and remembers there was code', () => {
    const text = cleanAnswer('I wrote:\n```\nretry(3)\n```\nand it worked.');
    expect(text.hadCode).toBe(true);
    expect(text.clean).not.toContain('retry');
    expect(text.lower).toHaveLength(text.clean.length);
  });
});

describe('splitSentences', () => {
  it.each([
    [
      'plain sentences',
      'I traced it. I fixed it! Did it work? Yes.',
      ['I traced it.', 'I fixed it!', 'Did it work?', 'Yes.'],
    ],
    [
      'decimals and percentages',
      'Errors fell from 0.3% to 0.01%. Then I left.',
      ['Errors fell from 0.3% to 0.01%.', 'Then I left.'],
    ],
    [
      'abbreviations',
      'We used tools, e.g. Kafka. Then I wrote it.',
      ['We used tools, e.g. Kafka.', 'Then I wrote it.'],
    ],
    ['lowercase after a dot', 'The p.m. rota was long. I cut it.', ['The p.m. rota was long.', 'I cut it.']],
    ['list lines', '- Pulled the logs\n- Traced the race', ['Pulled the logs', 'Traced the race']],
    [
      'numbered lines',
      '1. I pulled the logs.\n2. I traced the race.',
      ['I pulled the logs.', 'I traced the race.'],
    ],
    [
      'a number on its own is not a sentence',
      '3. We shipped it.\n10. It held.',
      ['We shipped it.', 'It held.'],
    ],
    ['blank and symbol-only lines', 'I fixed it.\n\n---\n:)\nIt held.', ['I fixed it.', 'It held.']],
  ])('%s', (_label, raw, expected) => {
    expect(sentencesOf(raw)).toEqual(expected);
  });

  it('keeps offsets that point back into the cleaned text', () => {
    const { clean, lower } = cleanAnswer('1. I pulled the logs.\n2. I traced the race.');
    for (const s of splitSentences(clean, lower)) expect(clean.slice(s.start, s.end)).toBe(s.text);
  });
});

describe('countWords and trimQuote', () => {
  it('counts contractions, possessives and decimals as one word each', () => {
    expect(countWords("It wasn't my team's fix at 0.3%.")).toBe(7);
    expect(countWords('🎉 :) —')).toBe(0);
  });

  it('keeps short quotes and cuts long ones on a word boundary with an ellipsis', () => {
    expect(trimQuote('  I fixed   it. ')).toBe('I fixed it.');
    const long = trimQuote('word '.repeat(60), 40);
    expect(long.length).toBeLessThanOrEqual(41);
    expect(long.endsWith('word…')).toBe(true);
  });
});
