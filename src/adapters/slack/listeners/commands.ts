import type { App, RespondArguments } from '@slack/bolt';
import { LEVELS, type Level } from '../../../core/content/schema.js';
import { isCoachError } from '../../../core/errors.js';
import type { Mode } from '../../../core/practice/session.js';
import { nextRunAt, WEEKDAY_NAMES } from '../../../core/schedule/schedule.js';
import { dmChannel, isAdmin, publishHome, type SlackContext, startDmSession } from '../context.js';
import { userMessage } from '../errors.js';
import { escapeUserText, type SlackMessage } from '../render/blocks.js';
import { helpMessage, scheduleModal } from '../render/channel.js';
import {
  forgetConfirm,
  principleCard,
  principleList,
  reframeMessage,
  storiesMessage,
  suggestions,
} from '../render/private.js';

const ephemeral = (m: SlackMessage): RespondArguments => ({
  response_type: 'ephemeral',
  text: m.text,
  blocks: m.blocks,
});
const say = (text: string): RespondArguments => ({ response_type: 'ephemeral', text });

/** `/lp` (lookups, reframes) and `/star` (practice, stories, schedule, settings, data). */
export function register(app: App, ctx: SlackContext): void {
  app.command('/lp', async ({ command, ack }) => {
    // Lookups take well under a millisecond, so the answer rides on the ack.
    try {
      await ack(lp(ctx, command.text, command.team_id, command.user_id));
    } catch (error) {
      await ack(say(userMessage(error)));
    }
  });

  app.command('/star', async ({ command, ack, respond, client }) => {
    const [sub = 'help', ...rest] = command.text.trim().split(/\s+/).filter(Boolean);
    const args = rest.join(' ');
    const team = command.team_id;
    const user = command.user_id;
    const channel = command.channel_id;
    try {
      switch (sub.toLowerCase()) {
        case 'help':
          await ack(ephemeral(helpMessage()));
          return;
        case 'schedule':
        case 'prompt':
        case 'pause':
        case 'resume': {
          await ack();
          if (!(await isAdmin(ctx, client, user))) {
            await respond(
              say(
                "Only workspace admins (or people in ADMIN_USER_IDS) can change this channel's schedule. Ask one of them, or practise privately with `/star practice`.",
              ),
            );
            return;
          }
          await adminCommand(
            ctx,
            client,
            sub.toLowerCase(),
            { team, user, channel, triggerId: command.trigger_id },
            respond,
          );
          return;
        }
        case 'practice':
        case 'practise':
        case 'mock':
        case 'walkthrough': {
          const parsed = parsePractice(
            ctx,
            sub === 'mock' || sub === 'walkthrough' ? `${sub} ${args}` : args,
          );
          if ('error' in parsed) {
            await ack(say(parsed.error));
            return;
          }
          await ack(say('Starting in our DM. :point_left:'));
          await startDmSession(ctx, client, team, user, parsed);
          return;
        }
        case 'stories':
          await ack(ephemeral(storiesMessage(ctx.coach.stories(team, user), ctx.coach.coverage(team, user))));
          return;
        case 'story':
          await ack(say(editStory(ctx, team, user, args)));
          return;
        case 'level': {
          const level = args.toLowerCase() as Level;
          if (!LEVELS.includes(level)) {
            await ack(say(`Levels: ${LEVELS.join(', ')}. Yours is ${ctx.coach.settings(team, user).level}.`));
            return;
          }
          ctx.coach.setSettings(team, user, { level });
          await ack(say(`Your level is now ${level}.`));
          await publishHome(ctx, client, team, user).catch(() => undefined);
          return;
        }
        case 'privacy': {
          const value = args.toLowerCase();
          const privacy =
            value.startsWith('priv') || value === 'ephemeral'
              ? 'ephemeral'
              : value.startsWith('pub')
                ? 'public'
                : null;
          if (!privacy) {
            await ack(say('Use `/star privacy public` or `/star privacy private`.'));
            return;
          }
          ctx.coach.setSettings(team, user, { privacy });
          await ack(say(`Your feedback default is now ${privacy === 'public' ? 'public' : 'private'}.`));
          return;
        }
        case 'export': {
          await ack(say('Preparing your data; it arrives as a file in our DM.'));
          const data = ctx.coachStore.exportUser(team, user);
          const dm = await dmChannel(client, user);
          await client.files.uploadV2({
            channel_id: dm,
            filename: 'star-coach-export.json',
            title: 'Your STAR Coach data',
            content: JSON.stringify(data, null, 2),
            initial_comment:
              'Everything STAR Coach stores about you: answers, scores, sessions, stories and settings.',
          });
          return;
        }
        case 'forget-me':
        case 'forget':
          await ack(ephemeral(forgetConfirm()));
          return;
        default:
          await ack(say(`I don't know \`/star ${escapeUserText(sub)}\`. Try \`/star help\`.`));
      }
    } catch (error) {
      await respond(say(userMessage(error))).catch(() => undefined);
      throw error;
    }
  });
}

/** More words than any principle name or alias has (the longest, "Strive to be Earth's Best Employer", has 6). */
const PRINCIPLE_WORDS = 8;

function lp(ctx: SlackContext, text: string, team: string, user: string): RespondArguments {
  const trimmed = text.trim();
  const reframe = /^reframe\b\s*(.*)$/i.exec(trimmed);
  if (reframe) {
    const rest = reframe[1]!.trim();
    if (!rest)
      return say(
        'Which principle? e.g. `/lp reframe customer obsession`, optionally followed by one of your story titles.',
      );
    // "<principle> [story words]": a split whose tail names one of the person's stories wins first, since
    // the fuzzy lookup also "finds" a principle in the whole text ("earn trust webhook fix" → Earn Trust).
    const words = rest.split(/\s+/);
    // A principle's name is at most 6 words: longer prefixes cannot match, and trying each of a long
    // text's prefixes would take seconds.
    const longest = Math.min(words.length, PRINCIPLE_WORDS);
    for (let n = Math.min(words.length - 1, PRINCIPLE_WORDS); n >= 1; n--) {
      const match = ctx.coach.lookup.find(words.slice(0, n).join(' '));
      if (match.kind !== 'found') continue;
      try {
        return ephemeral(
          reframeMessage(ctx.coach.reframe(match.principle.id, team, user, words.slice(n).join(' '))),
        );
      } catch (error) {
        if (!isCoachError(error, 'not_found')) throw error;
      }
    }
    // Else the longest prefix that names a principle, the rest (if any) as the story.
    for (let n = longest; n >= 1; n--) {
      const match = ctx.coach.lookup.find(words.slice(0, n).join(' '));
      if (match.kind === 'found') {
        const story = words.slice(n).join(' ') || undefined;
        return ephemeral(reframeMessage(ctx.coach.reframe(match.principle.id, team, user, story)));
      }
    }
    const match = ctx.coach.lookup.find(rest);
    return match.kind === 'suggestions'
      ? ephemeral(suggestions(match))
      : ephemeral(principleList(ctx.content));
  }
  const match = ctx.coach.lookup.find(trimmed);
  if (match.kind === 'list') return ephemeral(principleList(ctx.content));
  if (match.kind === 'suggestions') return ephemeral(suggestions(match));
  return ephemeral(principleCard(ctx.content, match.principle));
}

/** "[principle] [level] [mode]" in any order. */
export function parsePractice(
  ctx: SlackContext,
  text: string,
): { mode: Mode; principle: string | null; level: Level | null } | { error: string } {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  let mode: Mode = 'practice';
  let level: Level | null = null;
  const rest: string[] = [];
  for (const w of words) {
    if (w === 'mock' || w === 'walkthrough' || w === 'practice') mode = w;
    else if ((LEVELS as readonly string[]).includes(w)) level = w as Level;
    else rest.push(w);
  }
  if (!rest.length) return { mode, principle: null, level };
  const match = ctx.coach.lookup.find(rest.join(' '));
  if (match.kind === 'found') return { mode, principle: match.principle.id, level };
  return {
    error: `I don't know the principle “${escapeUserText(rest.join(' '))}”.${match.kind === 'suggestions' && match.suggestions.length ? ` Did you mean ${match.suggestions.map((p) => p.name).join(', ')}?` : ''}`,
  };
}

function editStory(ctx: SlackContext, team: string, user: string, args: string): string {
  const m = /^#?(\d+)\s+(title|rename|tag|tags)\s+(.+)$/i.exec(args.trim());
  if (!m) return 'Use `/star story <id> title <new title>` or `/star story <id> tag ownership, dive deep`.';
  const id = Number(m[1]);
  if (/^(title|rename)$/i.test(m[2]!)) {
    const story = ctx.coachStore.updateStory(
      team,
      user,
      id,
      { title: m[3]!.trim().slice(0, 120) },
      ctx.clock(),
    );
    return story ? `Renamed story #${id}.` : `You have no story #${id}.`;
  }
  const ids: string[] = [];
  for (const part of m[3]!.split(',')) {
    const match = ctx.coach.lookup.find(part);
    if (match.kind !== 'found') return `I don't know the principle “${escapeUserText(part.trim())}”.`;
    ids.push(match.principle.id);
  }
  const story = ctx.coachStore.updateStory(team, user, id, { principles: [...new Set(ids)] }, ctx.clock());
  return story ? `Story #${id} now serves: ${story.principles.join(', ')}.` : `You have no story #${id}.`;
}

async function adminCommand(
  ctx: SlackContext,
  client: Parameters<typeof isAdmin>[1],
  sub: string,
  where: { team: string; user: string; channel: string; triggerId: string },
  respond: (m: RespondArguments) => Promise<unknown>,
): Promise<void> {
  const current = ctx.channels.getSchedule(where.channel);
  if (sub === 'schedule') {
    let tz = 'UTC';
    try {
      const info = await client.users.info({ user: where.user });
      tz = (info.user as { tz?: string } | undefined)?.tz ?? 'UTC';
    } catch {
      // The modal still opens with UTC.
    }
    await client.views.open({ trigger_id: where.triggerId, view: scheduleModal(where.channel, current, tz) });
    return;
  }
  if (!current) {
    await respond(say('This channel has no schedule yet. Run `/star schedule` first.'));
    return;
  }
  if (sub === 'pause' || sub === 'resume') {
    ctx.channels.setPaused(
      where.channel,
      sub === 'pause',
      sub === 'pause' ? `paused by ${where.user}` : null,
      ctx.clock(),
    );
    const next = nextRunAt(current, ctx.clock());
    await respond(
      say(
        sub === 'pause'
          ? 'Paused: no daily questions here until `/star resume`.'
          : `Resumed. Next question ${next ? `<!date^${Math.floor(next / 1000)}^{date_short_pretty} at {time}|soon>` : 'when a weekday is set'}.`,
      ),
    );
    return;
  }
  // prompt: today's question now, claimed like a scheduled one (once per channel per day).
  const prompt = ctx.channelService.promptNow(current, ctx.clock());
  if (!prompt) {
    await respond(say("Today's question is already posted in this channel; answer it in its thread."));
    return;
  }
  await ctx.scheduler.postPrompt(prompt, ctx.clock());
  const posted = ctx.channels.getPrompt(prompt.id);
  if (posted?.status !== 'posted')
    await respond(say(`I could not post the question (${posted?.error ?? 'try again in a minute'}).`));
}

export function describeSchedule(s: { localTime: string; timezone: string; weekdays: number[] }): string {
  return `${s.localTime} ${s.timezone}, ${s.weekdays.map((d) => WEEKDAY_NAMES[d]).join(' ')}`;
}
