import { describe, expect, it } from 'vitest';
import type { Section } from '../../../src/core/content/schema.js';
import { createRubric } from '../../../src/core/rubric/score.js';
import type { FlagId } from '../../../src/core/rubric/types.js';
import { loadContent } from '../../../src/infra/content-files.js';

const content = loadContent();
const rubric = createRubric(content);

// A clean Ownership answer that raises no flag at any level; each row changes one part of it.
const BASE: Record<Section, string> = {
  situation:
    'Last spring our partner webhook dispatcher, which the integrations team owns, was silently dropping about 0.3% of invoice events.',
  task: "It wasn't my team's service and there was no ticket, but I set myself the goal of finding the cause before quarter close.",
  action:
    "I pulled a week of delivery logs and compared them with the partners' receipts. I traced the drops to a race in the retry queue and reproduced it locally with a replay script. I wrote a two-line patch with a regression test and opened a pull request against their repo. I walked their on-call engineer through the reproduction and answered review comments the same day.",
  result:
    'After the fix merged, the drop rate fell from 0.3% to zero for six straight weeks, which recovered about $8,000 of invoices a week. The integrations team adopted my replay script as a standard check.',
  reflection:
    "I learned to reconcile against the consumer's records, not the sender's success metric, and I now add a reconciliation alarm to any queue I touch.",
};
const story = (change: Partial<Record<Section, string>> = {}) =>
  (['situation', 'task', 'action', 'result', 'reflection'] as const)
    .map((s) => change[s] ?? BASE[s])
    .join(' ');
const flagsOf = (text: string, principle = 'ownership') =>
  rubric.scoreAnswer(text, { principle, level: 'sde2' }).flags.map((f) => f.id);

interface Row {
  label: string;
  text: string;
  present: FlagId[];
  absent: FlagId[];
  principle?: string;
}

const rows: Row[] = [
  {
    label: 'the clean base story',
    text: story(),
    present: [],
    absent: [
      'escalated_not_owned',
      'assigned_not_self_initiated',
      'we_not_i',
      'vague_result',
      'unverified_fix',
      'no_scope_boundary',
    ],
  },
  // Escalation and its negations
  {
    label: 'routing: "I sent them a Slack message and they handled it"',
    text: story({ action: 'I sent them a Slack message and they handled it. I checked back a week later.' }),
    present: ['escalated_not_owned'],
    absent: [],
  },
  {
    label: 'a negation in an earlier clause does not cancel a later escalation',
    text: story({
      action: `${BASE.action} Nobody was looking at it, so I escalated it to their lead and they took care of it.`,
    }),
    present: ['escalated_not_owned'],
    absent: [],
  },
  // Motive
  {
    label: 'assigned: "my manager asked me to look into it"',
    text: story({ task: 'My manager asked me to look into it before quarter close.' }),
    present: ['assigned_not_self_initiated', 'no_scope_boundary'],
    absent: [],
  },
  {
    label: 'scope stated with "not assigned to me" is not an assignment',
    text: story({
      task: 'It was not assigned to me and nobody asked me, but I set myself the goal of finding the cause.',
    }),
    present: [],
    absent: ['assigned_not_self_initiated', 'no_scope_boundary'],
  },
  {
    label: 'opportunistic: "I had some free time"',
    text: story({
      task: "It wasn't my team's service, but I had some free time that sprint so I looked into it.",
    }),
    present: ['opportunistic_motive'],
    absent: ['no_scope_boundary'],
  },
  {
    label: 'no scope boundary for an Ownership question',
    text: story({ task: 'I set myself the goal of finding the cause before quarter close.' }),
    present: ['no_scope_boundary'],
    absent: [],
  },
  {
    label: 'no scope boundary is not required for Dive Deep',
    text: story({ task: 'I set myself the goal of finding the cause before quarter close.' }),
    principle: 'dive-deep',
    present: [],
    absent: ['no_scope_boundary'],
  },
  // Individual contribution
  {
    label: '"we" told actions',
    text: story({
      action:
        'We pulled the delivery logs together. We figured out the root cause together as a team. We wrote a patch and we tested it in staging.',
    }),
    present: ['we_not_i'],
    absent: [],
  },
  {
    label: 'one "we" among many "I" sentences is fine',
    text: story({ action: `${BASE.action} We celebrated with the team afterwards.` }),
    present: [],
    absent: ['we_not_i'],
  },
  // Result
  {
    label: 'vague ending: "the team was happy"',
    text: story({ result: 'After the fix merged, things improved and the team was happy with the outcome.' }),
    present: ['vague_result', 'unquantified_result'],
    absent: [],
  },
  {
    label: '"happy" next to a measured delta is not vague',
    text: story({ result: `${BASE.result} The finance team was happy with it.` }),
    present: [],
    absent: ['vague_result', 'unquantified_result'],
  },
  // Rigor
  {
    label: 'assumed success: "I assumed it worked because errors stopped"',
    text: story({
      action:
        'I read the retry code and saw a race in the queue. I wrote a two-line patch and opened a pull request against their repo. I assumed it worked because errors stopped after the deploy.',
    }),
    present: ['unverified_fix'],
    absent: [],
  },
  {
    label: 'guessing: "I guessed it was the retry logic"',
    text: story({
      action:
        'I guessed the retry logic was the problem. I wrote a two-line patch and opened a pull request against their repo. I walked their on-call engineer through it the same day.',
    }),
    present: ['unverified_fix'],
    absent: [],
  },
  // Reflection and wording
  {
    label: 'generic reflection: "communication is key"',
    text: story({ reflection: 'I learned that communication is key.' }),
    present: ['generic_reflection'],
    absent: [],
  },
  {
    label: 'stock phrases: "aligned stakeholders", "drove consensus"',
    text: story({ action: `${BASE.action} I aligned stakeholders and drove consensus on the rollout.` }),
    present: ['generic_claims'],
    absent: [],
  },
  // Structure and time
  {
    label: 'no actions at all',
    text: story({ action: 'The integrations team looked at it and a fix went out the next week.' }),
    present: ['missing_action'],
    absent: [],
  },
  {
    label: 'no reflection',
    text: story({ reflection: '' }),
    present: ['missing_reflection'],
    absent: [],
  },
  {
    label: 'a two-sentence answer is under time',
    text: 'Our webhook dispatcher dropped events. I fixed the retry race.',
    present: ['under_time'],
    absent: ['over_time'],
  },
  {
    label: 'a setup of ninety seconds is a long situation',
    text: story({
      situation: Array.from(
        { length: 12 },
        (_v, i) =>
          `Part ${i + 1} of our architecture had a gateway, a queue, a dispatcher and a ledger service with its own database and cache.`,
      ).join(' '),
    }),
    present: ['long_situation'],
    absent: [],
  },
];

// Each negated sentence next to the same words said plainly: only the plain one is routing.
const negations: Array<{ negated: string; plain: string }> = [
  {
    negated: 'Rather than escalating to their manager, I wrote the fix myself.',
    plain: 'After escalating to their manager, I went back to my own sprint.',
  },
  { negated: "I didn't just send a Slack message.", plain: 'I just sent a Slack message.' },
  { negated: "I didn't just escalate it to their lead.", plain: 'I escalated it to their lead.' },
  { negated: 'I never handed it off to the owners.', plain: 'I handed it off to the owners.' },
  {
    negated: 'Instead of filing a ticket, I fixed it myself.',
    plain: 'I filed a ticket and they picked it up.',
  },
  { negated: 'I did not pass it to their on-call.', plain: 'I passed it to their on-call.' },
];

describe('negation and contrast', () => {
  // Routing is passing the problem on and leaving it: the plain version ends with someone else fixing it.
  it.each(negations)('"$negated" is not routing, "$plain" is', ({ negated, plain }) => {
    expect(flagsOf(story({ action: `${BASE.action} ${plain} They handled the rest.` }))).toContain(
      'escalated_not_owned',
    );
    expect(flagsOf(story({ action: `${BASE.action} ${negated}` }))).not.toContain('escalated_not_owned');
  });
});

// Ways people say it that the rubric must read as they mean it.
const readings: Array<{
  label: string;
  text: string;
  present: FlagId[];
  absent: FlagId[];
  type?: 'failure';
}> = [
  {
    label: 'a scope boundary with a filler word ("it wasn\'t really my area")',
    text: story({
      task: "It wasn't really my area and nobody asked, but I set out to find the cause before quarter close.",
    }),
    present: [],
    absent: ['no_scope_boundary'],
  },
  {
    label: 'escalation the candidate then took back ("…nothing had happened, so I dug in myself")',
    text: story({
      action: `I pinged their team, a week later nothing had happened, so I dug into the traces myself. ${BASE.action}`,
    }),
    present: [],
    absent: ['escalated_not_owned'],
  },
  {
    label:
      'raising it and taking it on, typed casually ("raised it in a team mtg … said i\'d own the board")',
    text: "final yr capstone, 5 of us building a scheduling app. everyone coded in silos and our changes kept clashing. i raised it in a team mtg, proposed 2 standups a week plus a shared board, and said i'd own keeping the board up to date. after that collab got way better and merge conflicts mostly stopped. shipped 2 wks early. lesson: structure matters as much as code",
    present: [],
    absent: ['escalated_not_owned'],
  },
  {
    label: 'escalating it and volunteering to fix it ("escalated it … volunteered to fix the importer")',
    text: 'Our nightly import kept dropping rows from one region. I escalated it to the data team lead and volunteered to fix the importer. The drops stopped and the weekly report matched finance again. Lesson: say it and take it.',
    present: [],
    absent: ['escalated_not_owned'],
  },
  {
    label: 'hindsight is not escalation ("I should have escalated in week 3")',
    text: story({
      reflection: 'Looking back, I should have escalated in week 3 instead of working around it for a month.',
    }),
    present: [],
    absent: ['escalated_not_owned'],
  },
  {
    label: 'a failure story that escalated late is not routing',
    text: story({ action: `I escalated it to their lead too late, after two weeks. ${BASE.action}` }),
    present: [],
    absent: ['escalated_not_owned'],
    type: 'failure',
  },
];

describe('reading what people mean', () => {
  it.each(readings)('$label', ({ text, present, absent, type }) => {
    const flags = rubric
      .scoreAnswer(text, { principle: 'ownership', level: 'sde2', questionType: type ?? null })
      .flags.map((f) => f.id);
    for (const id of present) expect(flags, `expected ${id}`).toContain(id);
    for (const id of absent) expect(flags, `did not expect ${id}`).not.toContain(id);
  });
});

describe('flags', () => {
  it.each(rows)('$label', ({ text, present, absent, principle }) => {
    const flags = flagsOf(text, principle);
    for (const id of present) expect(flags, `expected ${id}`).toContain(id);
    for (const id of absent) expect(flags, `did not expect ${id}`).not.toContain(id);
    if (present.length === 0 && absent.length === 0) throw new Error('a row must expect something');
  });

  it('raises nothing at all on the clean base story, at every level', () => {
    for (const level of ['sde1', 'sde2', 'senior', 'principal'] as const) {
      expect(rubric.scoreAnswer(story(), { principle: 'ownership', level }).flags, level).toEqual([]);
    }
  });

  it('orders flags by how much fixing them is worth: routing before a missing reflection', () => {
    const flags = flagsOf(
      story({ action: 'I sent them a Slack message and they handled it.', reflection: '' }),
    );
    expect(flags.indexOf('escalated_not_owned')).toBeLessThan(flags.indexOf('missing_reflection'));
    expect(flags[0]).toBe('escalated_not_owned');
  });
});
