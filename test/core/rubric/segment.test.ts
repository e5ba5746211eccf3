import { describe, expect, it } from 'vitest';
import { SECTIONS, type Section } from '../../../src/core/content/schema.js';
import { createRubric } from '../../../src/core/rubric/score.js';
import { countWords } from '../../../src/core/rubric/text.js';
import { loadContent } from '../../../src/infra/content-files.js';

const content = loadContent();
const rubric = createRubric(content);

// One short story; each form below labels the same five sentences differently.
const BODY: Record<Section, string> = {
  situation: 'Our checkout API was failing 2% of requests during the holiday sale.',
  task: "It was not my team's service and nobody asked me, but I set myself the goal of fixing it within a week.",
  action:
    'I pulled the gateway logs, traced the failures to a client timeout and wrote a patch that I tested under load.',
  result: 'Errors fell from 2% to 0.1% and about 1,200 orders a day stopped failing.',
  reflection: 'I learned to check client timeouts before blaming the downstream service.',
};

const ALL = [...SECTIONS];
const labelled = (label: (s: Section, i: number) => string, sections: Section[] = ALL) =>
  sections.map((s, i) => `${label(s, i)}${BODY[s]}`).join('\n');
const word: Record<Section, string> = {
  situation: 'Situation',
  task: 'Task',
  action: 'Action',
  result: 'Result',
  reflection: 'Reflection',
};
const letter: Record<Section, string> = {
  situation: 'S',
  task: 'T',
  action: 'A',
  result: 'R',
  reflection: 'L',
};
const emoji: Record<Section, string> = {
  situation: ':mag:',
  task: ':dart:',
  action: ':hammer:',
  result: ':chart_with_upwards_trend:',
  reflection: ':bulb:',
};
const unicodeEmoji: Record<Section, string> = {
  situation: '🔍',
  task: '🎯',
  action: '🛠️',
  result: '📈',
  reflection: '💡',
};

function sectionsOf(text: string) {
  const report = rubric.scoreAnswer(text, { principle: 'ownership' });
  expect(report.status).toBe('scored');
  return {
    labelled: report.labelled,
    present: SECTIONS.filter((s) => report.sections[s].present),
    words: Object.fromEntries(SECTIONS.map((s) => [s, report.sections[s].words])) as Record<Section, number>,
  };
}

describe('segmentation of labelled answers', () => {
  const cases: Array<{ form: string; text: string; present: Section[] }> = [
    { form: 'letters "S:"', text: labelled((s) => `${letter[s]}: `), present: ALL },
    { form: 'lowercase "situation:"', text: labelled((s) => `${word[s].toLowerCase()}: `), present: ALL },
    { form: 'hyphen "Situation -"', text: labelled((s) => `${word[s]} - `), present: ALL },
    { form: 'em dash "Task —"', text: labelled((s) => `${word[s]} — `), present: ALL },
    { form: 'italic "*Task*" inline', text: labelled((s) => `*${word[s]}* `), present: ALL },
    { form: 'italic "_Task_" inline', text: labelled((s) => `_${word[s]}_ `), present: ALL },
    { form: 'label on its own line "*Task*"', text: labelled((s) => `*${word[s]}*\n`), present: ALL },
    { form: 'bold "**Action:**"', text: labelled((s) => `**${word[s]}:** `), present: ALL },
    { form: 'Slack bold "*Action:*"', text: labelled((s) => `*${word[s]}:* `), present: ALL },
    { form: 'Slack emoji ":dart: Result:"', text: labelled((s) => `${emoji[s]} ${word[s]}: `), present: ALL },
    {
      form: 'Unicode emoji "📈 Result:"',
      text: labelled((s) => `${unicodeEmoji[s]} ${word[s]}: `),
      present: ALL,
    },
    { form: 'bullets "- Situation:"', text: labelled((s) => `- ${word[s]}: `), present: ALL },
    { form: 'bullets "• Situation:"', text: labelled((s) => `• ${word[s]}: `), present: ALL },
    { form: 'numbered "1. Situation:"', text: labelled((s, i) => `${i + 1}. ${word[s]}: `), present: ALL },
    { form: 'numbered "1) Situation:"', text: labelled((s, i) => `${i + 1}) ${word[s]}: `), present: ALL },
    {
      form: 'synonyms "Context / Goal / Actions / Impact / Lessons learned"',
      text: labelled((_s, i) => `${['Context', 'Goal', 'Actions', 'Impact', 'Lessons learned'][i]}: `),
      present: ALL,
    },
    {
      form: 'model-answer headings "The problem / The challenge / My approach / The outcome / Key insight"',
      text: labelled(
        (_s, i) => `${['The problem', 'The challenge', 'My approach', 'The outcome', 'Key insight'][i]}:\n`,
      ),
      present: ALL,
    },
    {
      form: 'headings "Challenge / What I did / Takeaways"',
      text: labelled((_s, i) => `${['Background', 'Challenge', 'What I did', 'Result', 'Takeaways'][i]}: `),
      present: ALL,
    },
    {
      form: 'only S, A and R labelled',
      text: labelled((s) => `${letter[s]}: `, ['situation', 'action', 'result']),
      present: ['situation', 'action', 'result'],
    },
    {
      form: 'no result and no reflection',
      text: labelled((s) => `${word[s]}: `, ['situation', 'task', 'action']),
      present: ['situation', 'task', 'action'],
    },
  ];

  it.each(cases)('$form → $present', ({ text, present }) => {
    const got = sectionsOf(text);
    expect(got.labelled).toBe(true);
    expect(got.present).toEqual(present);
    // The label itself is not counted as spoken words of the section.
    for (const s of present) expect(got.words[s], s).toBe(countWords(BODY[s]));
  });
});

describe('labels out of STAR order', () => {
  it('reads a label that breaks the order as text, and keeps the labels that are in order', () => {
    // "Reflection:" written before "Action:" (a heading for the person's thinking, not the story's lesson).
    const text = `Situation: ${BODY.situation}\nReflection: ${BODY.task}\nAction: ${BODY.action}\nResult: ${BODY.result}`;
    const got = sectionsOf(text);
    expect(got.labelled).toBe(true);
    // The text under the dropped label is read by its cues (here: the task), never as the reflection.
    expect(got.present).toEqual(['situation', 'task', 'action', 'result']);
    expect(got.words.action).toBe(countWords(BODY.action));
    expect(got.words.result).toBe(countWords(BODY.result));
  });
});

describe('segmentation of unlabelled prose', () => {
  const cases: Array<{ form: string; text: string; present: Section[] }> = [
    { form: 'the five sentences in order', text: ALL.map((s) => BODY[s]).join(' '), present: ALL },
    { form: 'one paragraph per part', text: ALL.map((s) => BODY[s]).join('\n\n'), present: ALL },
    {
      form: 'story that stops after the actions',
      text: [BODY.situation, BODY.action].join(' '),
      present: ['situation', 'action'],
    },
    {
      form: 'a first sentence starting with "A customer" (not an "A:" label)',
      text: `A customer told us checkout was failing for 2% of orders. ${BODY.action} ${BODY.result} ${BODY.reflection}`,
      present: ['situation', 'action', 'result', 'reflection'],
    },
    {
      form: 'the word "situation" inside a sentence',
      text: `The situation was that ${BODY.situation.toLowerCase()} ${BODY.action} ${BODY.result}`,
      present: ['situation', 'action', 'result'],
    },
  ];

  it.each(cases)('$form → $present', ({ text, present }) => {
    const got = sectionsOf(text);
    expect(got.labelled).toBe(false);
    expect(got.present).toEqual(present);
  });

  it('puts each cue sentence in its own section', () => {
    const got = sectionsOf(ALL.map((s) => BODY[s]).join(' '));
    for (const s of ALL) expect(got.words[s], s).toBe(countWords(BODY[s]));
  });
});
