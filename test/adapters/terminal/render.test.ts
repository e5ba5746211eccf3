import { describe, expect, it } from 'vitest';
import { renderJudgement, renderReport } from '../../../src/adapters/terminal/render.js';
import { judgeProbeAnswer } from '../../../src/core/coaching/probe-judge.js';
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
    expect(text).toMatch(/^Time: about \d+ s spoken \(\d+–\d+ s\) vs a \d+ s budget$/m);
    for (const flag of report.flags)
      expect(text).toContain(`⚑ ${flag.id}: "${flag.quote}" — ${flag.message}`);
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
      '  ⚑ we_not_i: "we sent them a Slack message"',
      '',
      'What did *you* do?',
    ]);
  });
});
