import { describe, expect, it } from 'vitest';
import { LEVELS } from '../../../src/core/content/schema.js';
import { CoachError } from '../../../src/core/errors.js';
import { createRubric } from '../../../src/core/rubric/score.js';
import { cleanAnswer } from '../../../src/core/rubric/text.js';
import type { Report, Verdict } from '../../../src/core/rubric/types.js';
import { loadContent } from '../../../src/infra/content-files.js';
import { loadCorpus } from '../../eval/corpus.js';
import { loadProjectFixtures } from '../../eval/fixtures.js';
import { loadSeeds, strongText } from '../../helpers/seeds.js';

const content = loadContent();
const rubric = createRubric(content);
const seeds = loadSeeds();

const LOW: Verdict[] = ['lean_no_hire', 'no_hire'];
const HIGH: Verdict[] = ['hire', 'strong_hire'];

/** Every answer the tests know, labelled, to check invariants that hold for any report. */
const corpus = [
  ...loadProjectFixtures().map((f) => ({
    id: f.id,
    text: f.text,
    principle: f.principle ?? null,
    level: f.level,
  })),
  ...content.walkthroughs.map((w) => ({
    id: `walkthrough ${w.id}`,
    text: Object.values(w.steps)
      .map((s) => s.example)
      .join('\n\n'),
    principle: w.principle,
    level: 'senior' as const,
  })),
  // Public answers and their casual retypings: quotes must come from plain prose and Slack typing too.
  ...loadCorpus().answers.flatMap((a) => [
    { id: a.id, text: a.text, principle: a.principle, level: a.level },
    ...(a.casual ? [{ id: `${a.id} (casual)`, text: a.casual, principle: a.principle, level: a.level }] : []),
  ]),
  ...content.walkthroughs.map((w) => ({
    id: `weak answer ${w.id}`,
    text: w.weakAnswer.text,
    principle: w.principle,
    level: 'sde2' as const,
  })),
];

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** True when every part of a quote (split at the ellipses trimming added) is in the cleaned answer. */
function quotedFrom(quote: string, answer: string): boolean {
  const text = squash(cleanAnswer(answer).clean);
  const parts = quote
    .split('…')
    .map(squash)
    .filter((p) => p.length > 0);
  return parts.length > 0 && parts.every((p) => text.includes(p));
}

describe('the seeds’ examples', () => {
  it.each(seeds.weakAnswers.map((w, i) => ({ n: i + 1, text: w.text })))(
    'weak full answer $n → no hire, routed, vague or unquantified',
    ({ text }) => {
      const report = rubric.scoreAnswer(text, { question: 'own-outside-scope', level: 'sde2' });
      const flags = report.flags.map((f) => f.id);
      expect(LOW).toContain(report.verdict);
      expect(flags).toContain('escalated_not_owned');
      expect(flags.some((f) => f === 'vague_result' || f === 'unquantified_result')).toBe(true);
    },
  );

  it.each(seeds.strongAnswers.map((s, i) => ({ n: i + 1, text: strongText(s) })))(
    'strong model answer $n → hire or strong hire at SDE2',
    ({ text }) => {
      const report = rubric.scoreAnswer(text, { question: 'own-outside-scope', level: 'sde2' });
      expect(HIGH).toContain(report.verdict);
      expect(report.flags.map((f) => f.id)).not.toContain('escalated_not_owned');
    },
  );

  it('ranks every strong model answer above every weak one', () => {
    const score = (text: string) => rubric.scoreAnswer(text, { principle: 'ownership' }).score;
    const weakest = Math.min(...seeds.strongAnswers.map((s) => score(strongText(s))));
    const best = Math.max(...seeds.weakAnswers.map((w) => score(w.text)));
    expect(weakest - best).toBeGreaterThanOrEqual(30);
  });
});

describe('determinism', () => {
  it.each(corpus.slice(0, 12))(
    '$id gets the same report twice, and from a second rubric',
    ({ text, principle, level }) => {
      const first = rubric.scoreAnswer(text, { principle, level });
      expect(rubric.scoreAnswer(text, { principle, level })).toEqual(first);
      expect(createRubric(content).scoreAnswer(text, { principle, level })).toEqual(first);
    },
  );
});

describe('keyword stuffing', () => {
  const keywords =
    'not my team no ticket nobody asked I decided I pulled I traced I reproduced I wrote I added I submitted verified validated tested monitored from 0.3% to zero revenue customers adopted standard template other teams root cause was systemic no shared SLO mechanism alarm dashboard';
  const stuffed = [
    {
      label: 'stock phrases under STAR labels',
      text: `S: Customer obsession, ownership, not my team, no ticket, nobody asked.
T: I decided to take ownership, end-to-end ownership, outside my scope.
A: I drove alignment, aligned stakeholders, took a data-driven approach, leveraged synergies, followed best practices and went above and beyond. I verified, validated, tested, monitored and confirmed.
R: Huge impact, significant impact, revenue, customers, adopted as a standard, template, other teams.
Reflection: Root cause was systemic, no shared SLO, mechanism, runbook, alarm, dashboard.`,
    },
    {
      label: 'one-word sentences of rewarded verbs and metrics',
      text: `Situation: Not my team, no ticket, nobody asked, outside my scope, another team's service, customers, revenue.
Task: I decided. I took ownership. I set myself the goal. I took the lead. I volunteered.
Action: I pulled. I traced. I reproduced. I wrote. I added. I submitted. I tested. I verified. I monitored. I measured. I benchmarked. I profiled. I debugged. I deployed. I shipped. I migrated. I documented. I automated. I instrumented. I audited.
Result: From 0.3% to zero. $8,000 revenue a week. Customers. Adopted as a standard template by other teams. Became the standard. Company-wide. Runbook. Playbook.
Reflection: Root cause was systemic. No shared SLO across teams. Mechanism. Alarm. Dashboard. Runbook. Cross-team. Incentives. Ownership gap. Process gap. Feedback loop.`,
    },
    {
      label: 'a run-on keyword string under each label',
      text: `S: ${keywords}\nT: ${keywords}\nA: ${keywords}\nR: ${keywords}\nReflection: ${keywords}`,
    },
    { label: 'a run-on keyword string without labels', text: `${keywords} ${keywords} ${keywords}` },
  ];

  it.each(stuffed)('$label never reaches lean hire, at any level', ({ text }) => {
    for (const level of LEVELS) {
      const report = rubric.scoreAnswer(text, { principle: 'ownership', level });
      expect(report.status).toBe('scored');
      expect(LOW, `${level}: ${report.score}`).toContain(report.verdict);
    }
  });

  it('tells a keyword list that stock phrases earn nothing', () => {
    const report = rubric.scoreAnswer(stuffed[1]!.text, { principle: 'ownership' });
    expect(report.flags.map((f) => f.id)).toContain('generic_claims');
  });
});

describe('input that cannot be scored', () => {
  const cases: Array<{ label: string; text: string; status: Report['status'] }> = [
    { label: 'empty', text: '', status: 'empty' },
    { label: 'only whitespace', text: ' \n\t \n', status: 'empty' },
    { label: 'Slack emoji only', text: ':tada: :rocket: :100:', status: 'no_words' },
    { label: 'Unicode emoji only', text: '🎉🚀💯 👍', status: 'no_words' },
    { label: 'punctuation only', text: '... !!! ???', status: 'no_words' },
    {
      label: 'Spanish',
      text: 'Cuando trabajaba en el equipo de pagos, noté que el servicio de webhooks perdía eventos. Revisé los registros, encontré la causa y escribí una corrección. La tasa de errores bajó a cero.',
      status: 'not_english',
    },
    {
      label: 'Japanese',
      text: '決済チームで働いていたとき、Webhookサービスがイベントを失っていることに気づきました。ログを調べて原因を見つけ、修正を書きました。',
      status: 'not_english',
    },
    {
      label: 'a code block only',
      text: '```\nfunction retry(event) {\n  return queue.push(event);\n}\n```',
      status: 'code_only',
    },
    {
      label: 'an unclosed code block',
      text: '```python\nfor e in events:\n    send(e)',
      status: 'code_only',
    },
  ];

  it.each(cases)('$label → $status with a kind message', ({ text, status }) => {
    const report = rubric.scoreAnswer(text, { question: 'own-outside-scope' });
    expect(report.status).toBe(status);
    expect(report.verdict).toBe('not_scored');
    expect(report.message?.length ?? 0).toBeGreaterThan(30);
    expect(report.message).not.toMatch(/error|invalid|fail/i);
    expect(report.flags).toEqual([]);
    expect(report.question).toBe('own-outside-scope');
  });

  it('scores a 40,000-character answer, flagged as over time', () => {
    const story = strongText(seeds.strongAnswers[0]!);
    const text = Array.from({ length: Math.ceil(40_000 / story.length) }, () => story)
      .join('\n\n')
      .slice(0, 40_000);
    expect(text.length).toBe(40_000);
    const report = rubric.scoreAnswer(text, { principle: 'ownership' });
    expect(report.status).toBe('scored');
    expect(report.flags.map((f) => f.id)).toContain('over_time');
    expect(report.totalSeconds).toBeGreaterThan(report.targetSeconds * 10);
    expect(report.coaching.length).toBeGreaterThanOrEqual(2);
  });

  it('scores the words around a code block and ignores the code', () => {
    const story = strongText(seeds.strongAnswers[0]!);
    const withCode = `${story}\n\n\`\`\`\nif (retries > 3) deadLetter(event);\n\`\`\``;
    const report = rubric.scoreAnswer(withCode, { principle: 'ownership' });
    expect(report.status).toBe('scored');
    expect(report.words).toBe(rubric.scoreAnswer(story, { principle: 'ownership' }).words);
  });

  it('rejects an unknown question or principle id with a CoachError', () => {
    expect(() => rubric.scoreAnswer('I fixed it.', { question: 'no-such-question' })).toThrow(CoachError);
    expect(() => rubric.scoreAnswer('I fixed it.', { principle: 'charisma' })).toThrow(/charisma/);
  });
});

describe('levels', () => {
  const plainReflection =
    'I learned how to reproduce race conditions locally with a replay script, which made my debugging much faster.';

  it.each(seeds.strongAnswers.map((s, i) => ({ n: i + 1, text: strongText(s, plainReflection) })))(
    'strong answer $n with a technical-only reflection: no systemic insight at senior, fine at SDE2',
    ({ text }) => {
      const at = (level: 'sde2' | 'senior') =>
        rubric.scoreAnswer(text, { principle: 'ownership', level }).flags.map((f) => f.id);
      expect(at('senior')).toContain('no_systemic_insight');
      expect(at('sde2')).not.toContain('no_systemic_insight');
    },
  );

  it('accepts a reflection naming shared standards across teams at senior', () => {
    const report = rubric.scoreAnswer(strongText(seeds.strongAnswers[3]!), {
      principle: 'ownership',
      level: 'senior',
    });
    expect(report.flags.map((f) => f.id)).not.toContain('no_systemic_insight');
  });

  it('uses each level’s time budget', () => {
    const text = strongText(seeds.strongAnswers[0]!);
    const target = (level: (typeof LEVELS)[number]) => rubric.scoreAnswer(text, { level }).targetSeconds;
    const budget = (level: (typeof LEVELS)[number]) =>
      Object.values(content.levels.levels[level].budget).reduce((a, b) => a + b, 0);
    for (const level of LEVELS) expect(target(level), level).toBe(budget(level));
    expect(target('sde1')).toBeLessThan(target('senior'));
  });
});

describe('reports point at the answer’s own words', () => {
  it.each(corpus)('$id: every flag quotes the answer and says why', ({ text, principle, level }) => {
    const report = rubric.scoreAnswer(text, { principle, level });
    for (const flag of report.flags) {
      expect(flag.quote.length, flag.id).toBeGreaterThan(0);
      expect(quotedFrom(flag.quote, text), `${flag.id}: "${flag.quote}"`).toBe(true);
      expect(flag.message.length, flag.id).toBeGreaterThan(20);
    }
    expect(new Set(report.flags.map((f) => f.id)).size).toBe(report.flags.length);
  });

  it.each(corpus)(
    '$id: two or three coaching points, each quoting the answer',
    ({ text, principle, level }) => {
      const report = rubric.scoreAnswer(text, { principle, level });
      expect(report.coaching.length).toBeGreaterThanOrEqual(2);
      expect(report.coaching.length).toBeLessThanOrEqual(3);
      for (const point of report.coaching) {
        // Coaching also quotes model phrasing ("I traced…"); at least one quote of two words or more is the
        // answer's ("It improved." is a whole sentence of one).
        const quotes = [...point.matchAll(/"([^"]+)"/g)]
          .map((m) => m[1]!)
          .filter((q) => q.split(' ').length >= 2);
        expect(
          quotes.some((q) => quotedFrom(q, text)),
          point,
        ).toBe(true);
      }
    },
  );

  it('coaches the costliest problem first', () => {
    const report = rubric.scoreAnswer(seeds.weakAnswers[0]!.text, { principle: 'ownership' });
    expect(report.flags[0]?.id).toBe('escalated_not_owned');
    expect(report.coaching[0]).toContain(report.flags[0]!.quote);
  });
});

describe('the follow-up probe', () => {
  it.each(content.questions.filter((_q, i) => i % 7 === 0))(
    'comes from the question’s own probes for $id',
    (question) => {
      for (const text of [seeds.weakAnswers[0]!.text, strongText(seeds.strongAnswers[0]!)]) {
        const report = rubric.scoreAnswer(text, { question: question.id });
        expect(question.probes.map((p) => p.id)).toContain(report.probe?.id);
        expect(report.probe?.text).toBe(content.probeById.get(report.probe!.id)?.text);
      }
    },
  );

  it('comes from the generic probes when no question is given, aimed at the weakest dimension', () => {
    const report = rubric.scoreAnswer(seeds.weakAnswers[0]!.text, { principle: 'ownership' });
    const probe = content.genericProbes.find((p) => p.id === report.probe?.id);
    expect(probe).toBeDefined();
    const lowest = Math.min(...report.dimensions.map((d) => d.rating));
    const targeted = report.dimensions.filter((d) => probe!.targets.includes(d.id));
    expect(targeted.some((d) => d.rating === lowest)).toBe(true);
  });

  it('moves on to another dimension when the first one was probed', () => {
    const report = rubric.scoreAnswer(seeds.weakAnswers[0]!.text, { question: 'own-outside-scope' });
    const first = rubric.chooseProbe(report)!;
    const second = rubric.chooseProbe(report, { probes: [first.id], dimensions: first.targets })!;
    expect(second.id).not.toBe(first.id);
    expect(second.targets.some((t) => !first.targets.includes(t))).toBe(true);
  });
});
