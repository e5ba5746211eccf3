import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import {
  blockTextLength,
  escapeUserText,
  fitMessages,
  LIMITS,
  type SlackMessage,
  section,
} from '../../../src/adapters/slack/render/blocks.js';
import { renderOutputs, reportBlocks } from '../../../src/adapters/slack/render/coaching.js';
import { suggestions } from '../../../src/adapters/slack/render/private.js';
import { createPrincipleLookup } from '../../../src/core/lookup/lookup.js';
import { createRubric } from '../../../src/core/rubric/score.js';
import type { Report } from '../../../src/core/rubric/types.js';
import { loadContent } from '../../../src/infra/content-files.js';
import { loadSeeds, strongText } from '../../helpers/seeds.js';

const content = loadContent();
const rubric = createRubric(content);
const STRONG = strongText(loadSeeds().strongAnswers[0]!);
const QUESTION = content.questionsByPrinciple.get('ownership')![0]!.id;
const LIVE = /<!channel>|<!here>|<!everyone>|<@U\w+>|<https?:/;
const HOSTILE = '<!channel> <!here> <@U123> see <http://x|y> & more';

/** Every limit Slack enforces on one message, checked the way the fake and Slack count. */
function expectWithinLimits(m: SlackMessage): void {
  expect(m.text.length).toBeGreaterThan(0);
  expect(m.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
  expect(m.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
  expect(m.blocks.reduce((n, b) => n + blockTextLength(b), 0)).toBeLessThanOrEqual(LIMITS.messageText);
  for (const b of m.blocks) {
    if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
  }
}

describe('escapeUserText', () => {
  it.each([
    ['<!channel>', '&lt;!channel&gt;'],
    ['<!here>', '&lt;!here&gt;'],
    ['<@U123>', '&lt;@U123&gt;'],
    ['<http://x|y>', '&lt;http://x|y&gt;'],
    ['a & b', 'a &amp; b'],
    ['&lt;already&gt;', '&amp;lt;already&amp;gt;'],
  ])('neutralises %s', (input, expected) => {
    expect(escapeUserText(input)).toBe(expected);
  });

  it('leaves no control characters and breaks plain broadcast words', () => {
    const out = escapeUserText(`${HOSTILE} @channel @here @everyone`);
    expect(out).not.toMatch(/[<>]/);
    expect(out).not.toMatch(/&(?!amp;|lt;|gt;)/);
    expect(out).not.toMatch(/@(channel|here|everyone)\b/);
  });
});

describe('fitMessages', () => {
  it('splits more than 50 blocks into several messages, each with a text fallback', () => {
    const blocks = Array.from({ length: 120 }, (_, i) => section(`line ${i}`));
    const messages = fitMessages(blocks, 'Many lines');
    expect(messages).toHaveLength(3);
    expect(messages.map((m) => m.blocks.length)).toEqual([50, 50, 20]);
    expect(messages.map((m) => m.text)).toEqual(['Many lines (1/3)', 'Many lines (2/3)', 'Many lines (3/3)']);
    expect(messages.flatMap((m) => m.blocks)).toEqual(blocks);
  });

  it('splits more than 10,000 characters of block text', () => {
    const blocks = Array.from({ length: 8 }, (_, i) => section(`${i} ${'x'.repeat(2_900)}`));
    const messages = fitMessages(blocks, 'Long');
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expectWithinLimits(m);
    expect(messages.flatMap((m) => m.blocks)).toEqual(blocks);
  });

  it('gives an empty block list one message with the fallback, and cuts a long fallback', () => {
    expect(fitMessages([], 'Just text')).toEqual([{ text: 'Just text', blocks: [] }]);
    const [m] = fitMessages([section('x')], 'y'.repeat(10_000));
    expect(m!.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
  });
});

describe('renderOutputs', () => {
  it('keeps the report of a 40,000-character answer within Slack limits', () => {
    const huge = `${STRONG} `.repeat(40).slice(0, 40_000);
    expect(huge).toHaveLength(40_000);
    const report = rubric.scoreAnswer(huge, { question: QUESTION, level: 'sde2' });
    expect(report.status).toBe('scored');
    const messages = renderOutputs(
      [
        { kind: 'report', report, hideCoaching: false },
        { kind: 'probe', text: 'What did you check?', probeId: 'p1', index: 1, reask: false },
      ],
      { content, answerId: 42, sessionId: 'dm:T:U:s1' },
    );
    expect(messages.length).toBeGreaterThanOrEqual(1);
    for (const m of messages) expectWithinLimits(m);
    const all = JSON.stringify(messages);
    expect(all.length).toBeLessThan(12_000);
    expect(all).toMatch(/Over time/);
    expect(all).toContain('"value":"42"');
  });

  it('keeps user words out of the fallback text of a mock and escapes them in a judgement', () => {
    const report = rubric.scoreAnswer(STRONG, { question: QUESTION, level: 'sde2' });
    const [mock] = renderOutputs([{ kind: 'report', report, hideCoaching: true }], { content });
    expect(JSON.stringify(mock)).not.toMatch(/\/100/);

    const messages = renderOutputs(
      [
        {
          kind: 'judgement',
          judgement: {
            label: 'weak',
            flags: [],
            feedback: `Weak: "${HOSTILE}" is not yours`,
            reask: null,
            strength: 0,
            asks: 'own_action',
            evidence: null,
          },
          probeText: 'Why?',
        },
      ],
      { content },
    );
    expect(JSON.stringify(messages)).not.toMatch(LIVE);
    expect(messages[0]!.text).toMatch(/&lt;!channel&gt;/);
  });
});

describe('reportBlocks', () => {
  const base = rubric.scoreAnswer(STRONG, { question: QUESTION, level: 'sde2' });

  it('escapes quotes, notes and coaching taken from the answer', () => {
    const report: Report = {
      ...base,
      flags: [{ id: 'we_not_i', quote: HOSTILE, message: 'Say what <@U999> did.' }],
      dimensions: base.dimensions.map((d) => ({ ...d, note: `${d.note} <!here>` })),
      coaching: [`Drop "${HOSTILE}"`],
    };
    const blocks = reportBlocks(report, { content, answerId: 1 });
    const json = JSON.stringify(blocks);
    expect(json).not.toMatch(LIVE);
    expect(json).toContain('&lt;!channel&gt;');
    expect(json).toContain('&lt;@U123&gt;');
    expect(json).toContain('&amp;');
  });

  it('never echoes live mentions from a scored hostile answer', () => {
    const report = rubric.scoreAnswer(`${HOSTILE}. ${STRONG} <!everyone> we did it <@U77>`, {
      question: QUESTION,
      level: 'sde2',
    });
    const blocks: KnownBlock[] = reportBlocks(report, { content, answerId: 1 });
    expect(JSON.stringify(blocks)).not.toMatch(LIVE);
  });
});

describe('suggestions', () => {
  it('escapes the unknown name in the blocks and in the fallback text', () => {
    const match = createPrincipleLookup(content).find('<!channel> pizza');
    expect(match.kind).toBe('suggestions');
    if (match.kind !== 'suggestions') return;
    expect(JSON.stringify(suggestions(match.query, match.suggestions))).not.toMatch(LIVE);
  });
});
