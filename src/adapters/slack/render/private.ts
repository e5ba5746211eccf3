import type { HomeView, KnownBlock } from '@slack/types';
import type { Content } from '../../../core/content/content.js';
import { LEVELS, type Level, type Principle } from '../../../core/content/schema.js';
import type { PrincipleMatch } from '../../../core/lookup/lookup.js';
import type { DeletedCounts } from '../../../core/store.js';
import { type Progress, sparkline } from '../../../core/stories/progress.js';
import type { CoverageRow, Reframe, Story } from '../../../core/stories/stories.js';
import { VERDICT_LABEL } from '../../terminal/render.js';
import {
  actions,
  button,
  context,
  divider,
  escapeUserText,
  fitMessages,
  header,
  LIMITS,
  type SlackMessage,
  section,
} from './blocks.js';

const one = (blocks: KnownBlock[], fallback: string): SlackMessage => fitMessages(blocks, fallback)[0]!;

/** `/lp <principle>`: meaning, what interviewers listen for, red flags, three questions, buttons. */
export function principleCard(content: Content, p: Principle, shareable = true): SlackMessage {
  const questions = (content.questionsByPrinciple.get(p.id) ?? []).slice(0, 3);
  return one(
    [
      header(p.name),
      section(p.meaning),
      section(`*Interviewers listen for*\n${p.listensFor.map((x) => `• ${x}`).join('\n')}`),
      section(
        `*It is not*\n${p.notThis.map((x) => `• ${x}`).join('\n')}\n*Red flags*\n${p.redFlags.map((x) => `✗ ${x}`).join('\n')}`,
      ),
      section(`*Questions you may get*\n${questions.map((q) => `› ${q.text}`).join('\n')}`),
      actions(
        'lookup',
        button('lookup_practise', 'Practise this', p.id, 'primary'),
        button('lookup_reframe', 'Reframe my story', p.id),
        ...(shareable ? [button('lookup_share', 'Share in channel', p.id)] : []),
      ),
    ],
    `${p.name}: ${p.meaning}`,
  );
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

export function suggestions(match: Extract<PrincipleMatch, { kind: 'suggestions' }>): SlackMessage {
  const query = escapeUserText(match.query);
  return one(
    [
      section(
        match.suggestions.length
          ? `I don't know “${query}”. Did you mean one of these?`
          : `I don't know “${query}”. \`/lp\` lists all 16 principles.`,
      ),
      ...(match.suggestions.length
        ? [actions('suggest', ...match.suggestions.map((p) => button('lookup_open', p.name, p.id)))]
        : []),
    ],
    `No principle called ${query}`,
  );
}

export function reframeMessage(r: Reframe): SlackMessage {
  const blocks: KnownBlock[] = [
    header(`Reframing for ${r.principle.name}`),
    section(`*Lead with:* ${r.leadWith}\n*Emphasize:* ${r.emphasize}\n*Downplay:* ${r.downplay}`),
  ];
  if (r.applied) {
    const lines = [`*Applied to “${escapeUserText(r.applied.story.title)}”*`];
    if (r.applied.openWith) lines.push(`Open with: “${escapeUserText(r.applied.openWith)}”`);
    for (const k of r.applied.keep) lines.push(`Keep: “${escapeUserText(k)}”`);
    for (const t of r.applied.trim) lines.push(`Shorten: “${escapeUserText(t)}”`);
    blocks.push(section(lines.join('\n')));
  } else {
    blocks.push(
      context('Name one of your stories to apply this to it: `/lp reframe earn trust <story title>`.'),
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
export function storiesMessage(stories: Story[], rows: CoverageRow[]): SlackMessage {
  const gaps = rows.filter((r) => r.status === 'gap');
  const blocks: KnownBlock[] = [
    header('Your story bank'),
    section(
      stories.length
        ? stories
            .map(
              (s) =>
                `*#${s.id}* ${escapeUserText(s.title)} — best ${s.bestScore} · ${s.principles.join(', ') || 'untagged'}`,
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
          .map((g) => button('practise_gap', `Practise ${g.principle.name}`.slice(0, 70), g.principle.id)),
      ),
    );
  for (const s of stories.slice(0, 10)) {
    blocks.push(
      actions(
        `story_${s.id}`,
        button('story_edit', `Rename / retag #${s.id}`, String(s.id)),
        button('story_delete', `Delete #${s.id}`, String(s.id), 'danger'),
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
    `Your story bank: ${stories.length} stories, ${rows.filter((r) => r.status === 'covered').length}/16 principles covered`,
  );
}

/** The App Home: settings, streak, the 16-cell grid, trend, weakest principle, stories, recent sessions. */
export function homeView(
  content: Content,
  settings: { level: Level; privacy: 'public' | 'ephemeral' },
  progress: Progress,
  rows: CoverageRow[],
  recent: Array<{
    principle: string | null;
    score: number | null;
    verdict: string | null;
    createdAt: number;
  }>,
): HomeView {
  const bands = content.scoring.verdicts;
  const cell = (avg: number | null) =>
    avg === null ? '⬜' : avg >= bands.hire ? '🟩' : avg >= bands.lean_hire ? '🟨' : '🟥';
  const grid = progress.perPrinciple.map((p) => cell(p.average));
  const gridText = [grid.slice(0, 8).join(''), grid.slice(8).join('')].join('\n');
  const weakest = progress.weakest ? content.principleById.get(progress.weakest) : null;
  const levelOptions = LEVELS.map((l) => ({
    text: { type: 'plain_text' as const, text: l.toUpperCase() },
    value: l,
  }));
  const privacyOptions = [
    { text: { type: 'plain_text' as const, text: 'Public in threads' }, value: 'public' },
    { text: { type: 'plain_text' as const, text: 'Private to me' }, value: 'ephemeral' },
  ];
  const blocks: KnownBlock[] = [
    header('STAR Coach'),
    {
      type: 'actions',
      block_id: 'settings',
      elements: [
        {
          type: 'static_select',
          action_id: 'home_level',
          options: levelOptions,
          initial_option: levelOptions.find((o) => o.value === settings.level)!,
        },
        {
          type: 'static_select',
          action_id: 'home_privacy',
          options: privacyOptions,
          initial_option: privacyOptions.find((o) => o.value === settings.privacy)!,
        },
        button('home_practice', 'Start practice', '', 'primary'),
      ],
    },
    section(
      progress.attempts
        ? `*${progress.attempts}* answers · average *${progress.averageScore}* · streak *${progress.streakDays}* day${progress.streakDays === 1 ? '' : 's'}\nTrend: ${sparkline(progress.recentScores)}`
        : 'No scored answers yet. Start a practice, or answer the daily question in your team channel.',
    ),
    section(
      `*Progress per principle* (🟩 strong, 🟨 close, 🟥 needs work, ⬜ untried)\n${gridText}\n${content.principles.map((p, i) => `${i + 1}.${p.name.split(/[ ,;]/)[0]}`).join(' ')}`,
    ),
  ];
  if (weakest) {
    blocks.push(
      section(`*Weakest principle:* ${weakest.name}`),
      actions('weakest', button('practise_gap', 'Practise now', weakest.id, 'primary')),
    );
  }
  blocks.push(
    divider(),
    section(
      `*Story coverage:* ${rows.filter((r) => r.status === 'covered').length}/16 covered, ${rows.filter((r) => r.status === 'weak').length} weak, ${rows.filter((r) => r.status === 'gap').length} gaps · \`/star stories\``,
    ),
  );
  if (recent.length) {
    blocks.push(
      section(
        `*Recent*\n${recent
          .slice(0, 5)
          .map(
            (r) =>
              `• ${r.principle ? (content.principleById.get(r.principle)?.name ?? r.principle) : 'Answer'}: ${r.verdict && r.verdict in VERDICT_LABEL ? VERDICT_LABEL[r.verdict as keyof typeof VERDICT_LABEL] : 'not scored'}${r.score !== null ? ` (${r.score})` : ''}`,
          )
          .join('\n')}`,
      ),
    );
  }
  return { type: 'home', blocks: blocks.slice(0, LIMITS.blocksPerView) };
}

export function forgetConfirm(): SlackMessage {
  return one(
    [
      section(
        '*Delete everything STAR Coach stores about you?* Your answers, scores, sessions, stories and settings will be removed. This cannot be undone. (`/star export` first if you want a copy.)',
      ),
      actions(
        'forget',
        button('forget_confirm', 'Delete my data', 'confirm', 'danger'),
        button('forget_cancel', 'Keep it', 'cancel'),
      ),
    ],
    'Delete everything STAR Coach stores about you?',
  );
}

export function forgotten(counts: DeletedCounts): string {
  return `Done. I deleted ${counts.answers} answer${counts.answers === 1 ? '' : 's'}, ${counts.stories} stor${counts.stories === 1 ? 'y' : 'ies'}, ${counts.sessions} session${counts.sessions === 1 ? '' : 's'} and ${counts.settings ? 'your settings' : 'no settings'}. Nothing about you is left in STAR Coach.`;
}
