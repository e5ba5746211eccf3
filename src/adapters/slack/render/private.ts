import type { KnownBlock } from '@slack/types';
import type { Content, QuestionEntry } from '../../../core/content/content.js';
import type { Principle } from '../../../core/content/schema.js';
import { ACTIONS } from '../../../core/ids.js';
import { plural } from '../../../core/labels.js';
import type { DeletedCounts } from '../../../core/store.js';
import type { CoverageRow, Reframe, Story, StoryFit } from '../../../core/stories/stories.js';
import {
  actions,
  button,
  context,
  escapeUserText,
  fitMessages,
  header,
  type SlackMessage,
  section,
  truncate,
} from './blocks.js';

const one = (blocks: KnownBlock[], fallback: string): SlackMessage => fitMessages(blocks, fallback)[0]!;

/** Principle names for a story's tags. */
export function principleNames(content: Content, ids: string[]): string {
  return ids.map((id) => content.principleById.get(id)?.name ?? id).join(', ') || 'untagged';
}

/** `/lp <principle>`: meaning, what interviewers listen for, red flags, three questions, your story, buttons. */
export function principleCard(
  p: Principle,
  questions: QuestionEntry[],
  story: StoryFit | null,
  shareable: boolean,
): SlackMessage {
  const blocks: KnownBlock[] = [
    header(p.name),
    section(p.meaning),
    section(`*Interviewers listen for*\n${p.listensFor.map((x) => `• ${x}`).join('\n')}`),
    section(
      `*It is not*\n${p.notThis.map((x) => `• ${x}`).join('\n')}\n*Red flags*\n${p.redFlags.map((x) => `✗ ${x}`).join('\n')}`,
    ),
    section(`*Questions you may get*\n${questions.map((q) => `› ${q.text}`).join('\n')}`),
  ];
  // Only on a private card: the person's own story for it (a shared card shows no one's stories).
  if (shareable) {
    blocks.push(
      context(
        story
          ? `Your best story for it: #${story.story.id} “${escapeUserText(story.story.title)}”${story.reason === 'tagged' ? ` (best ${story.story.bestScore})` : ' (not tagged with it yet, but it carries its signals)'}.`
          : 'None of your saved stories covers it yet. Press *Save as story* under a good score card.',
      ),
    );
  }
  blocks.push(
    actions(
      'lookup',
      button(ACTIONS.lookupPractise, 'Practise this', p.id, 'primary'),
      ...(shareable
        ? [
            button(ACTIONS.lookupReframe, 'Reframe my story', p.id),
            button(ACTIONS.lookupShare, 'Share in channel', p.id),
          ]
        : []),
    ),
  );
  return one(blocks, `${p.name}: ${p.meaning}`);
}

export function principleList(content: Content): SlackMessage {
  return one(
    [
      section(
        `*The 16 Leadership Principles*\n${content.principles.map((p, i) => `${i + 1}. ${p.name}`).join('\n')}`,
      ),
      context('Look one up with `/lp <name>` (e.g. `/lp backbone`), or `/lp reframe <name>`.'),
    ],
    'The 16 Leadership Principles',
  );
}

export function suggestions(query: string, list: Principle[]): SlackMessage {
  const q = escapeUserText(query);
  return one(
    [
      section(
        list.length
          ? `I don't know “${q}”. Did you mean one of these?`
          : `I don't know “${q}”. \`/lp\` lists all 16 principles.`,
      ),
      ...(list.length
        ? [actions('suggest', ...list.map((p, i) => button(ACTIONS.lookupOpen(i), p.name, p.id)))]
        : []),
    ],
    `No principle called ${q}`,
  );
}

export function reframeMessage(r: Reframe, stories: Array<Pick<Story, 'id' | 'title'>>): SlackMessage {
  const blocks: KnownBlock[] = [
    header(`Reframing for ${r.principle.name}`),
    section(`*Lead with:* ${r.leadWith}\n*Emphasize:* ${r.emphasize}\n*Downplay:* ${r.downplay}`),
  ];
  const command = `/lp reframe ${r.principle.id.replace(/-/g, ' ')}`;
  if (r.applied) {
    const lines = [`*Applied to your story “${escapeUserText(r.applied.story.title)}”* (its own lines)`];
    lines.push(
      r.applied.openWith
        ? `Open with: “${escapeUserText(r.applied.openWith)}”`
        : `Nothing in it speaks to ${r.principle.name} yet: add a line for “lead with” above and open with it.`,
    );
    for (const k of r.applied.keep) lines.push(`Keep: “${escapeUserText(k)}”`);
    for (const t of r.applied.trim) lines.push(`Shorten: “${escapeUserText(t)}”`);
    blocks.push(section(lines.join('\n')));
  } else if (stories.length) {
    blocks.push(
      context(
        `Apply it to one of your stories: ${stories
          .slice(0, 5)
          .map((s) => `\`${command} ${escapeUserText(truncate(s.title, 40))}\``)
          .join(' · ')}`,
      ),
    );
  } else {
    blocks.push(
      context(
        `Save a story first (*Save as story* under a score card), then \`${command} <story title>\` applies this to it.`,
      ),
    );
  }
  return one(blocks, `Reframing for ${r.principle.name}`);
}

const MARK = {
  covered: ':large_green_circle:',
  weak: ':large_yellow_circle:',
  gap: ':white_circle:',
} as const;

/** `/star stories`: the story bank and the 16-principle coverage, with "Practise a gap" buttons. */
export function storiesMessage(content: Content, stories: Story[], rows: CoverageRow[]): SlackMessage {
  const gaps = rows.filter((r) => r.status === 'gap');
  const covered = rows.filter((r) => r.status === 'covered').length;
  const blocks: KnownBlock[] = [
    header('Your story bank'),
    section(
      stories.length
        ? stories
            .map(
              (s) =>
                `*#${s.id}* ${escapeUserText(s.title)} — best ${s.bestScore} · ${principleNames(content, s.principles)}`,
            )
            .join('\n')
        : 'No stories yet. Press *Save as story* under any score card.',
    ),
    section(
      `*Coverage* (green covered, yellow weak, white gap)\n${rows.map((r) => `${MARK[r.status]} ${r.principle.name}${r.bestScore !== null ? ` (${r.bestScore})` : ''}`).join('\n')}`,
    ),
  ];
  if (gaps.length)
    blocks.push(
      actions(
        'gaps',
        ...gaps
          .slice(0, 5)
          .map((g, i) => button(ACTIONS.practiseGap(i), `Practise ${g.principle.name}`, g.principle.id)),
      ),
    );
  for (const s of stories.slice(0, 10)) {
    blocks.push(
      actions(
        `story_${s.id}`,
        button(ACTIONS.storyEdit, `Rename / retag #${s.id}`, String(s.id)),
        button(ACTIONS.storyDelete, `Delete #${s.id}`, String(s.id), 'danger'),
      ),
    );
  }
  blocks.push(
    context(
      'Edit a story with `/star story <id> title <new title>` or `/star story <id> tag ownership, dive deep`.',
    ),
  );
  return one(
    blocks,
    `Your story bank: ${plural(stories.length, 'story', 'stories')}, ${covered}/16 principles covered`,
  );
}

export function forgetConfirm(): SlackMessage {
  return one(
    [
      section(
        '*Delete everything STAR Coach stores about you?* Your answers, scores, sessions, stories and settings will be removed. This cannot be undone. (`/star export` first if you want a copy.)',
      ),
      actions(
        'forget',
        button(ACTIONS.forgetConfirm, 'Delete my data', 'confirm', 'danger'),
        button(ACTIONS.forgetCancel, 'Keep it', 'cancel'),
      ),
    ],
    'Delete everything STAR Coach stores about you?',
  );
}

export function forgotten(counts: DeletedCounts): string {
  return `Done. I deleted ${plural(counts.answers, 'answer')}, ${plural(counts.stories, 'story', 'stories')}, ${plural(counts.sessions, 'session')} and ${counts.settings ? 'your settings' : 'no settings'}. Nothing about you is left in STAR Coach.`;
}
