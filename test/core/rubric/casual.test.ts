import { describe, expect, it } from 'vitest';
import type { DimensionId } from '../../../src/core/content/schema.js';
import { createRubric } from '../../../src/core/rubric/score.js';
import type { FlagId, Report } from '../../../src/core/rubric/types.js';
import { loadContent } from '../../../src/infra/content-files.js';

const rubric = createRubric(loadContent());
const rating = (r: Report, id: DimensionId) => r.dimensions.find((d) => d.id === id)!.rating;
const flags = (r: Report) => r.flags.map((f) => f.id);

/**
 * The same substance typed two ways: as a prepared answer, and as people type in Slack (lowercase, no subject,
 * bullets, "+", emoji). Written for this test; each row names the reading it depends on.
 */
const pairs: Array<{
  reading: string;
  principle: string;
  question?: string;
  careful: string;
  casual: string;
  /** Readings both forms must share. */
  same: DimensionId[];
}> = [
  {
    reading: 'steps listed as bullets under "so i started 2 things:"',
    principle: 'earn-trust',
    careful:
      'In my review my manager said I shipped well inside my team but rarely influenced other teams. I agreed with her. I set up two habits. Every two weeks I sent a one-page summary of our plans to the leads of four neighbouring teams. I also booked a coffee with a senior engineer from any team a design might touch before writing it. Within a quarter another team reused our retry library and saved about three weeks, and my next review called out the change.',
    casual:
      'in my review my manager said i shipped well inside my team but rarely influenced other teams. i agreed w/ her tbh\nso i set up 2 habits:\n- a 1 page summary of our plans every 2 weeks to the leads of 4 neighbouring teams\n- coffee w/ a senior eng from any team a design might touch before writing it\nwithin a quarter another team reused our retry library + saved ~3 weeks, and my next review called out the change :tada:',
    same: ['individual_contribution', 'quantified_result'],
  },
  {
    reading: 'a subject-less step and "i just added" are the person\'s steps',
    principle: 'ownership',
    careful:
      'Our nightly export kept timing out for the finance team. I profiled the job and found one query scanning the whole ledger table. I added an index on the posting date and rewrote the query to page by month. The export went from 52 minutes to 6, and finance stopped filing tickets about it.',
    casual:
      'nightly export kept timing out for finance. profiled the job, one query was scanning the whole ledger table. so i just added an index on posting date + rewrote the query to page by month. export went from 52 min to 6 and finance stopped filing tickets about it',
    same: ['individual_contribution', 'quantified_result'],
  },
  {
    reading: 'an outcome told as "he went for it" and "introduced us"',
    principle: 'earn-trust',
    question: 'Tell me about a time you persuaded someone to change their position.',
    careful:
      'Our director wanted the full specification before any development started, but the requirements were still moving every week. I met him alone first to understand his worry, which was reporting progress upward. I then proposed phased delivery with two-week sprints inside each phase and a progress page he could forward. He agreed to the phased plan and introduced us to another department that later adopted it.',
    casual:
      'director wanted the full spec before any dev started but reqs were still moving every week. met him 1:1 first to hear what he was worried about -> reporting progress upward. then i proposed phased delivery w/ 2 week sprints inside each phase + a progress page he could forward. he went for the phased plan and even introduced us to another dept that ended up adopting it',
    same: ['quantified_result'],
  },
];

describe('casual typing reads as the same answer', () => {
  it.each(pairs)('$reading', ({ principle, question, careful, casual, same }) => {
    const options = { principle, level: 'sde2' as const, ...(question ? { question } : {}) };
    const a = rubric.scoreAnswer(careful, options);
    const b = rubric.scoreAnswer(casual, options);
    for (const id of same) expect(rating(b, id), id).toBe(rating(a, id));
    expect(Math.abs(a.score - b.score), `${a.score} vs ${b.score}`).toBeLessThanOrEqual(15);
  });
});

describe('readings that do not depend on form', () => {
  const rows: Array<{ label: string; text: string; principle: string; present: FlagId[]; absent: FlagId[] }> =
    [
      {
        label: 'feedback from a manager is not an assignment',
        principle: 'ownership',
        text: 'My manager told me I was great at shipping inside my team but invisible outside it. Nobody asked me to change anything, but I started a fortnightly note to neighbouring leads and reviewed my designs with one engineer from each team they touched. Two teams reused our caching layer within a quarter, which saved them about a month of work.',
        present: [],
        absent: ['assigned_not_self_initiated'],
      },
      {
        label: 'being told to do it is an assignment',
        principle: 'ownership',
        text: 'My manager told me to fix the flaky deploy pipeline, so I did. I traced the failures to a shared cache, pinned the cache key per branch and added a retry with a backoff. Failed deploys went from 12% to 1% within two weeks.',
        present: ['assigned_not_self_initiated'],
        absent: [],
      },
      {
        label: 'nobody on the team or elsewhere does a step',
        principle: 'ownership',
        text: 'Last spring invoices were silently dropped by a partner webhook. It was a known issue for a while. The integrations team looked at it eventually and a fix went out the next week. Drops fell from 0.3% to zero.',
        present: ['missing_action'],
        absent: [],
      },
    ];
  it.each(rows)('$label', ({ text, principle, present, absent }) => {
    const got = flags(rubric.scoreAnswer(text, { principle, level: 'sde2' }));
    for (const id of present) expect(got, id).toContain(id);
    for (const id of absent) expect(got, id).not.toContain(id);
  });

  it('reads someone else\'s verb behind "just" as theirs ("he just ignored it")', () => {
    const r = rubric.scoreAnswer(
      'a teammate kept missing standups and his tickets slipped. i told him it was hurting the release but he just ignored it. eventually he left the team.',
      { principle: 'earn-trust', level: 'sde2' },
    );
    const evidence = r.dimensions.find((d) => d.id === 'individual_contribution')!.evidence;
    expect(evidence).toContain('I told');
    expect(evidence).not.toContain('I ignored');
  });

  it('reads bullets under "what i learned:" as lessons, not as steps', () => {
    const steps = (intro: string) =>
      rubric
        .scoreAnswer(
          `our signup form lost a third of mobile users at the address step. i ran 5 user calls and rewrote the form.\n${intro}\n- a 1 page summary of every user call for the team\n- a checklist for forms before launch\nsignups went from 31 pct to 44 pct in a month`,
          { principle: 'customer-obsession', level: 'sde2' },
        )
        .dimensions.find((d) => d.id === 'individual_contribution')!.note;
    expect(steps('so i added 2 things:')).not.toBe(steps('what i learned:'));
    expect(steps('what i learned:')).toMatch(/^1 sentence of your own/);
  });

  it('reads "gave others a hand" as helping, not as a concrete step', () => {
    const r = rubric.scoreAnswer(
      'In a group project we had to build a website. We split the work and each took a piece. I delivered my part and gave others a hand when they asked. We finished, though lining up deadlines was hard.',
      { principle: 'earn-trust', level: 'sde2' },
    );
    const evidence = r.dimensions.find((d) => d.id === 'individual_contribution')!.evidence;
    expect(evidence).not.toContain('I gave');
  });
});
