import { describe, expect, it } from 'vitest';
import { SECTIONS } from '../../../src/core/content/schema.js';
import { createRubric } from '../../../src/core/rubric/score.js';
import { loadContent } from '../../../src/infra/content-files.js';

const content = loadContent();
const rubric = createRubric(content);
const ABOVE_LEAN_HIRE = new Set(['hire', 'strong_hire']);

/** Each walkthrough's polished model answer, told as one story. */
const stories = content.walkthroughs.map((w) => ({
  id: w.id,
  question: w.question,
  text: SECTIONS.map((s) => w.steps[s].example).join(' '),
}));

/**
 * A good story given to a question it does not answer: the failure, conflict and people questions ask for
 * things the polished success stories below never show.
 */
const PAIRS: Array<{ story: string; question: string }> = [
  { story: 'ownership-lost-partner-webhooks', question: 'arl-bad-decision' },
  { story: 'ownership-lost-partner-webhooks', question: 'arl-wrong' },
  { story: 'ownership-lost-partner-webhooks', question: 'hdb-mentor-junior' },
  { story: 'bias-for-action-midnight-checkout-kill-switch', question: 'tb-big-bet-failed' },
  { story: 'bias-for-action-midnight-checkout-kill-switch', question: 'hb-disagreed-with-leader' },
  { story: 'bias-for-action-midnight-checkout-kill-switch', question: 'hdb-struggling-potential' },
  { story: 'dive-deep-brazil-p99-dns-routing', question: 'et-own-mistake' },
  { story: 'dive-deep-brazil-p99-dns-routing', question: 'hb-unpopular-position' },
  { story: 'dive-deep-brazil-p99-dns-routing', question: 'ebe-ready-for-next' },
  { story: 'deliver-results-eu-residency-migration', question: 'arl-wrong' },
  { story: 'deliver-results-eu-residency-migration', question: 'hb-disagree-then-commit' },
  { story: 'customer-obsession-refund-error-flow', question: 'hs-missed-own-bar' },
  { story: 'customer-obsession-refund-error-flow', question: 'hdb-grow-beyond-role' },
  { story: 'insist-on-the-highest-standards-release-quality-gate', question: 'bfa-fast-wrong-call' },
  { story: 'insist-on-the-highest-standards-release-quality-gate', question: 'arl-disagreed-colleague' },
  { story: 'invent-and-simplify-one-command-release', question: 'et-own-mistake' },
  { story: 'invent-and-simplify-one-command-release', question: 'co-difficult-customer' },
  { story: 'earths-best-employer-on-call-redesign', question: 'arl-bad-decision' },
  { story: 'earths-best-employer-on-call-redesign', question: 'co-feedback-improvement' },
  { story: 'hire-and-develop-the-best-struggling-new-hire', question: 'tb-big-bet-failed' },
  { story: 'hire-and-develop-the-best-struggling-new-hire', question: 'co-competing-customers' },
  { story: 'success-and-scale-location-history', question: 'hs-missed-own-bar' },
  { story: 'think-big-shared-experimentation-platform', question: 'et-own-mistake' },
  { story: 'think-big-shared-experimentation-platform', question: 'hb-changed-mind-with-data' },
  { story: 'frugality-etl-cloud-bill-cut', question: 'bfa-fast-wrong-call' },
  { story: 'have-backbone-untested-sale-launch', question: 'bfa-fast-wrong-call' },
];

describe('a good story that does not answer the question', () => {
  it('covers at least 20 pairs across principles', () => {
    expect(PAIRS.length).toBeGreaterThanOrEqual(20);
    const principles = new Set(PAIRS.map((p) => content.questionById.get(p.question)!.principle));
    expect(principles.size).toBeGreaterThanOrEqual(8);
  });

  it.each(PAIRS)('$story as the answer to $question: below hire, and told why', ({ story, question }) => {
    const { text } = stories.find((s) => s.id === story)!;
    const report = rubric.scoreAnswer(text, { question, level: 'sde2' });
    expect(report.questionFit?.answers).toBe(false);
    expect(ABOVE_LEAN_HIRE.has(report.verdict), `${report.verdict} ${report.score}`).toBe(false);
    expect(report.capped).toContain('off_question');
    const point = report.coaching[0]!;
    expect(point).toContain('The question asks for');
    // The point quotes the person's own opening words.
    const quoted = /opens "([^"]+)"/.exec(point)?.[1]?.replace(/…$/, '');
    expect(quoted && text.includes(quoted), point).toBe(true);
  });

  it.each(stories)('$id answers its own question', ({ text, question }) => {
    const report = rubric.scoreAnswer(text, { question, level: 'sde2' });
    expect(report.questionFit?.answers).toBe(true);
    expect(report.capped).not.toContain('off_question');
  });
});

describe('question types read from free text', () => {
  it.each([
    ['Tell me about a time you failed.', 'failure'],
    ['Describe a decision that turned out badly.', 'failure'],
    ['Tell me about a time you disagreed with your manager.', 'conflict'],
    ['Tell me about your most difficult customer.', 'customer'],
    ['Tell me about a time you mentored a junior engineer.', 'people'],
    ['Walk me through how you found a root cause in the data.', 'data'],
    ['What are you proudest of?', 'general'],
  ])('"%s" is a %s question', (question, type) => {
    expect(rubric.questionTypeOf(question)).toBe(type);
  });

  it('holds a story against a question typed as free text', () => {
    const { text } = stories.find((s) => s.id === 'ownership-lost-partner-webhooks')!;
    const report = rubric.scoreAnswer(text, { question: 'Tell me about a time you failed.', level: 'sde2' });
    expect(report.questionType).toBe('failure');
    expect(report.questionFit?.answers).toBe(false);
  });
});
