import { describe, expect, it } from 'vitest';
import { plain, renderJudgement, renderReport } from '../../../src/adapters/terminal/render.js';
import { judgeProbeAnswer } from '../../../src/core/coaching/probe-judge.js';
import { FLAG_LABEL } from '../../../src/core/labels.js';
import { createRubric } from '../../../src/core/rubric/score.js';
import { loadContent } from '../../../src/infra/content-files.js';
import { loadSeeds, strongText } from '../../helpers/seeds.js';

const content = loadContent();
const rubric = createRubric(content);
const seeds = loadSeeds();

describe('renderReport', () => {
  it('shows the verdict, one bar per dimension, the timing, the flags with quotes and the follow-up', () => {
    const report = rubric.scoreAnswer(seeds.weakAnswers[0]!.text, { level: 'sde2', principle: 'ownership' });
    const text = renderReport(report, content);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^(Lean no hire|No hire) — \d+\/100 \(SDE II, Ownership\)$/);
    expect(lines.filter((l) => /^ {2}[■□]{4} {2}/.test(l))).toHaveLength(report.dimensions.length);
    expect(text).toMatch(/^Time: about [\d a-z]+ spoken \([\d a-z]+–[\d a-z]+\) vs a [\d a-z]+ budget$/m);
    for (const flag of report.flags)
      expect(text).toContain(`⚑ ${FLAG_LABEL[flag.id]}: "${flag.quote}" — ${flag.message}`);
    // No raw flag ids, no "(s)" plurals, distinct section names.
    expect(text).not.toMatch(/⚑ [a-z]+_[a-z_]+:|\(s\)/);
    expect(text).toMatch(/Result .* · Reflection /);
    expect(text).toContain(`Bar Raiser follow-up: ${report.probe!.text}`);
  });

  it('numbers the coaching fixes in order', () => {
    const report = rubric.scoreAnswer(strongText(seeds.strongAnswers[0]!), { level: 'senior' });
    const text = renderReport(report, content);
    report.coaching.forEach((c, i) => {
      expect(text).toContain(`  ${i + 1}. ${c}`);
    });
  });

  it.each([
    ['emoji only', '🙂🙂🙂'],
    ['whitespace', '   '],
  ])('prints the kind message, not a score, for an answer that cannot be scored (%s)', (_, answer) => {
    const report = rubric.scoreAnswer(answer, { level: 'sde2' });
    expect(report.status).not.toBe('scored');
    const text = renderReport(report, content);
    expect(text).not.toMatch(/\/100/);
    expect(text.length).toBeGreaterThan(10);
  });
});

describe('renderJudgement', () => {
  it('leads with the label, lists flags with quotes and ends with the re-ask', () => {
    // A real judgement supplies every field; the test fixes the ones the renderer prints.
    const text = renderJudgement({
      ...judgeProbeAnswer(rubric, 'I sent them a Slack message.', { text: 'What did you do?' }),
      label: 'weak',
      flags: [
        {
          id: 'we_not_i',
          quote: 'we sent them a Slack message',
          message: 'Say what you did.',
        },
      ],
      feedback: 'You handed it off.',
      reask: 'What did *you* do?',
    });
    expect(text.split('\n')).toEqual([
      'WEAK — You handed it off.',
      '  ⚑ "We" instead of "I": "we sent them a Slack message"',
      '',
      'What did you do?',
    ]);
  });

  it('says the label once and labels a model line as an example, not as the person’s words', () => {
    const base = judgeProbeAnswer(rubric, 'I fixed it.', { text: 'What did you do?' });
    const strong = renderJudgement({
      ...base,
      label: 'strong',
      flags: [],
      feedback: 'Strong: you gave your own actions. Keep this line: I acted because of the impact.',
      reask: null,
    });
    expect(strong.split('\n')).toEqual([
      'STRONG — You gave your own actions.',
      '  Example from a model answer (not your words): "I acted because of the impact."',
    ]);
    const weak = renderJudgement({
      ...base,
      label: 'weak',
      flags: [],
      feedback:
        'Weak: "I pinged them" routes it. A stronger answer sounds like: "I booked time with their lead."',
      reask: null,
    });
    expect(weak).not.toMatch(/WEAK — Weak/);
    expect(weak).toContain('Example from a model answer (not your words): "I booked time with their lead."');
  });
});

describe('plain', () => {
  it.each([
    ['What did *you* do?', 'What did you do?'],
    ['Use `/star practice`.', 'Use /star practice.'],
    ['Starting in our DM. :point_left:', 'Starting in our DM.'],
    ['_Example_ line', 'Example line'],
    ['3 * 4 = 12 and a_b_c', '3 * 4 = 12 and a_b_c'],
  ])('prints %j as %j', (input, output) => {
    expect(plain(input)).toBe(output);
  });
});
