import { describe, expect, it } from 'vitest';
import { judgeProbeAnswer, type ProbeFlagId } from '../../../src/core/coaching/probe-judge.js';
import { createRubric } from '../../../src/core/rubric/score.js';
import { loadContent } from '../../../src/infra/content-files.js';
import { seedFollowups } from '../../eval/fixtures.js';
import { loadSeeds } from '../../helpers/seeds.js';

const content = loadContent();
const rubric = createRubric(content);
const seeds = loadSeeds();

describe('the seeds’ follow-up answers', () => {
  // The judge gets only the probe's words, as a person typing the probe would give them.
  const pairs = seedFollowups(seeds).map((p, i) => ({
    n: i + 1,
    probe: { text: p.probe },
    weak: p.weak,
    strong: p.strong,
  }));

  it.each(pairs)('follow-up $n: the weak answer is weak', ({ probe, weak }) => {
    const judgement = judgeProbeAnswer(rubric, weak, probe);
    expect(judgement.label).toBe('weak');
    expect(judgement.feedback).toMatch(/^Weak/);
  });

  it.each(pairs)('follow-up $n: the strong answer is strong', ({ probe, strong }) => {
    const judgement = judgeProbeAnswer(rubric, strong, probe);
    expect(judgement.label).toBe('strong');
    expect(judgement.flags).toEqual([]);
    expect(judgement.reask).toBeNull();
  });
});

describe('patterns a Bar Raiser marks down', () => {
  const cases: Array<{
    label: string;
    probe: string;
    answer: string;
    flag: ProbeFlagId;
    reask?: 'we' | 'again' | null;
  }> = [
    {
      label: 'routing',
      probe: 'How did you get the fix accepted?',
      answer: 'I escalated it to their manager and they took care of it.',
      flag: 'routed_not_owned',
      reask: null,
    },
    {
      label: 'assigned',
      probe: 'Why did you pick this up?',
      answer: 'My manager asked me to take it because it was in our sprint.',
      flag: 'assigned_not_self_initiated',
      reask: 'again',
    },
    {
      label: 'spare time as the motive',
      probe: 'Why did you pick this up?',
      answer: 'Honestly it was a quiet sprint and I had some free time.',
      flag: 'opportunistic_motive',
    },
    {
      label: 'passive hand-off',
      probe: 'How did you get the fix merged?',
      answer: 'I sent a PR and waited for them to merge it.',
      flag: 'passive_handoff',
      reask: 'again',
    },
    {
      label: 'assumed success',
      probe: 'How did you know it worked?',
      answer: 'I assumed it worked because errors stopped and nobody complained.',
      flag: 'assumed_success',
      reask: null,
    },
    {
      label: 'guessing',
      probe: 'How did you find the root cause?',
      answer: 'I guessed it was probably the retry logic, so I changed it.',
      flag: 'guessing',
      reask: null,
    },
    {
      label: 'a lesson that fits any story',
      probe: 'What would you do differently?',
      answer: 'I learned that communication is key and teamwork is important.',
      flag: 'generic_lesson',
      reask: null,
    },
    {
      label: 'a dodge told with "we"',
      probe: 'How did you find the root cause?',
      answer: 'We looked at it as a team and the team figured it out together in the end.',
      flag: 'we_not_i',
      reask: 'we',
    },
    {
      label: 'a dodge told with "they"',
      probe: 'How did you find the root cause?',
      answer: 'We discussed it at standup and they fixed it.',
      flag: 'we_not_i',
      reask: 'we',
    },
    {
      label: 'a one-word answer',
      probe: 'How did you know it worked?',
      answer: 'Testing.',
      flag: 'too_short',
      reask: 'again',
    },
  ];

  it.each(cases)('$label → weak with $flag', ({ probe, answer, flag, reask }) => {
    const judgement = judgeProbeAnswer(rubric, answer, { text: probe });
    expect(judgement.label).toBe('weak');
    expect(judgement.flags.map((f) => f.id)).toContain(flag);
    const raised = judgement.flags.find((f) => f.id === flag)!;
    expect(answer).toContain(raised.quote.replace(/…$/, ''));
    expect(raised.message.length).toBeGreaterThan(20);
    if (reask === 'we') expect(judgement.reask).toContain('What did *you* do');
    else if (reask === 'again') expect(judgement.reask).toContain(probe);
    else if (reask === null) expect(judgement.reask).toBeNull();
  });

  it('shows the model answer when the probe has one, labelled as an example and not as the person’s words', () => {
    const probe = content.probeById.get('own-outside-scope-landing')!;
    const judgement = judgeProbeAnswer(rubric, probe.weak.answer, probe);
    expect(judgement.label).toBe('weak');
    expect(judgement.feedback).toContain('An example of a strong reply (not your words)');
    // The only other quote is the person's own reply.
    expect(judgement.feedback).toContain(probe.weak.answer.slice(0, 30));
  });
});

describe('answers a Bar Raiser credits', () => {
  const cases = [
    {
      label: 'validation with a number',
      probe: 'How did you know it worked?',
      answer:
        'I replayed a day of production traffic in staging, compared delivery counts before and after, and watched the drop-rate dashboard for two weeks: it stayed at zero.',
    },
    {
      label: 'driving a change across a boundary',
      probe: 'How did you get the fix accepted?',
      answer:
        'I booked thirty minutes with their tech lead, walked her through the reproduction and the test I wrote, and addressed her two review comments the same day; it merged within 48 hours.',
    },
    {
      label: 'a systemic lesson with a mechanism',
      probe: 'What would you do differently?',
      answer:
        'The real gap was that no team owned end-to-end delivery, so I would propose a shared SLO across both teams with an alert on the reconciliation count from day one.',
    },
    {
      label: 'a negated routing ("I didn\'t just escalate")',
      probe: 'How did you get the fix accepted?',
      answer:
        "I didn't just escalate it; I wrote the patch with a regression test, reproduced the bug for their lead and tracked the error rate until it reached zero.",
    },
  ];

  it.each(cases)('$label → strong', ({ probe, answer }) => {
    const judgement = judgeProbeAnswer(rubric, answer, { text: probe });
    expect(judgement.label).toBe('strong');
    expect(judgement.flags).toEqual([]);
    expect(judgement.feedback).toMatch(/^Strong/);
  });

  it('is deterministic', () => {
    const probe = { text: cases[0]!.probe };
    expect(judgeProbeAnswer(rubric, cases[0]!.answer, probe)).toEqual(
      judgeProbeAnswer(rubric, cases[0]!.answer, probe),
    );
  });
});

describe('the content’s own probe examples', () => {
  const probes = [...content.probeById.values()];
  const results = probes.flatMap((p) => [
    { id: p.id, expected: 'weak', got: judgeProbeAnswer(rubric, p.weak.answer, p).label },
    { id: p.id, expected: 'strong', got: judgeProbeAnswer(rubric, p.strong.answer, p).label },
  ]);
  const misjudged = results.filter((r) => r.got !== r.expected);

  it('judges at least 95% of the weak and strong examples as labelled', () => {
    const rate = 1 - misjudged.length / results.length;
    expect(results.length).toBe(probes.length * 2);
    expect(
      rate,
      misjudged.map((m) => `${m.id} (${m.expected} → ${m.got})`).join(', '),
    ).toBeGreaterThanOrEqual(0.95);
  });

  it('never calls a weak example strong and a strong example weak in the same probe', () => {
    const inverted = probes.filter(
      (p) =>
        judgeProbeAnswer(rubric, p.weak.answer, p).label === 'strong' &&
        judgeProbeAnswer(rubric, p.strong.answer, p).label === 'weak',
    );
    expect(inverted.map((p) => p.id)).toEqual([]);
  });
});
