import type { HomeView, KnownBlock, PlainTextOption } from '@slack/types';
import type { Content } from '../../../core/content/content.js';
import { LEVELS } from '../../../core/content/schema.js';
import { ACTIONS } from '../../../core/ids.js';
import { LEVEL_LABEL, plural, VERDICT_LABEL } from '../../../core/labels.js';
import type { Verdict } from '../../../core/rubric/types.js';
import { sparkline } from '../../../core/stories/progress.js';
import type { HomeData } from '../../../core/usecases/types.js';
import { actions, button, context, divider, header, LIMITS, section } from './blocks.js';

const option = (text: string, value: string): PlainTextOption => ({
  text: { type: 'plain_text', text },
  value,
});

/** A colour for an average: the verdict bands of the scoring policy, as a story's coverage uses them. */
function mark(content: Content, avg: number): string {
  const bands = content.scoring.verdicts;
  return avg >= bands.hire ? '🟩' : avg >= bands.lean_hire ? '🟨' : '🟥';
}

/**
 * The App Home, laid out for a phone: labelled settings, one line per principle tried (no grid legend),
 * strongest and weakest only once there is something to compare.
 */
export function homeView(content: Content, data: HomeData): HomeView {
  const { settings, progress, coverage } = data;
  const name = (id: string) => content.principleById.get(id)?.name ?? id;
  const levelOptions = LEVELS.map((l) => option(LEVEL_LABEL[l], l));
  const privacyOptions = [option('Public in the thread', 'public'), option('Private to me', 'ephemeral')];
  const blocks: KnownBlock[] = [
    header('STAR Coach'),
    {
      type: 'section',
      block_id: 'level',
      text: { type: 'mrkdwn', text: '*Your level*\nSets the bar and the time budget.' },
      accessory: {
        type: 'static_select',
        action_id: ACTIONS.homeLevel,
        options: levelOptions,
        initial_option: levelOptions.find((o) => o.value === settings.level)!,
      },
    },
    {
      type: 'section',
      block_id: 'privacy',
      text: {
        type: 'mrkdwn',
        text: '*Your score cards in question threads*\nA channel may make them private, or public, for everyone.',
      },
      accessory: {
        type: 'static_select',
        action_id: ACTIONS.homePrivacy,
        options: privacyOptions,
        initial_option: privacyOptions.find((o) => o.value === settings.privacy)!,
      },
    },
    actions('start', button(ACTIONS.homePractice, 'Start a practice', '', 'primary')),
    divider(),
    section(
      progress.attempts
        ? `*${plural(progress.attempts, 'answer')}* · average *${progress.averageScore}* · streak *${plural(progress.streakDays, 'day')}*\nTrend: ${sparkline(progress.recentScores)}`
        : 'No scored answers yet. Start a practice, or answer the daily question in your team channel.',
    ),
  ];
  if (progress.weakest && progress.strongest) {
    const avg = (id: string) => progress.perPrinciple.find((p) => p.principle === id)?.average;
    blocks.push(
      section(
        `*Strongest:* ${name(progress.strongest)} (${avg(progress.strongest)})\n*Weakest:* ${name(progress.weakest)} (${avg(progress.weakest)})`,
      ),
      actions(
        'weakest',
        button(ACTIONS.practiseGap(0), `Practise ${name(progress.weakest)}`, progress.weakest, 'primary'),
      ),
    );
  } else if (progress.attempts) {
    blocks.push(context('Answer questions on a few principles and I will show your strongest and weakest.'));
  }
  const tried = progress.perPrinciple.filter((p) => p.attempts > 0);
  if (tried.length) {
    blocks.push(
      section(
        `*By principle*\n${tried
          .map(
            (p) =>
              `${mark(content, p.average!)} ${name(p.principle)} — ${p.average} · ${plural(p.attempts, 'answer')} ${sparkline(p.trend)}`,
          )
          .join('\n')}`,
      ),
    );
  }
  if (progress.untried.length && progress.attempts)
    blocks.push(context(`Not tried yet: ${progress.untried.map(name).join(', ')}`));
  blocks.push(
    divider(),
    section(
      `*Story bank:* ${plural(data.stories, 'story', 'stories')} · ${coverage.filter((r) => r.status === 'covered').length}/16 principles covered, ${plural(coverage.filter((r) => r.status === 'gap').length, 'gap')} · \`/star stories\``,
    ),
  );
  if (data.recent.length) {
    blocks.push(
      section(
        `*Recent*\n${data.recent
          .slice(0, 5)
          .map(
            (r) =>
              `• ${r.principle ? name(r.principle) : 'Answer'}: ${r.verdict && r.verdict in VERDICT_LABEL ? VERDICT_LABEL[r.verdict as Verdict] : 'not scored'}${r.score !== null ? ` (${r.score})` : ''}`,
          )
          .join('\n')}`,
      ),
    );
  }
  return { type: 'home', blocks: blocks.slice(0, LIMITS.blocksPerView) };
}
