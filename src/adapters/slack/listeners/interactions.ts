import type { App, BlockAction, ButtonAction, RespondArguments, StaticSelectAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { LEVELS, type Level } from '../../../core/content/schema.js';
import { CoachError } from '../../../core/errors.js';
import type { Input } from '../../../core/practice/session.js';
import { isValidLocalTime, isValidTimezone, nextRunAt } from '../../../core/schedule/schedule.js';
import { dmChannel, isAdmin, publishHome, type SlackContext, sendToDm, startDmSession } from '../context.js';
import { userMessage } from '../errors.js';
import { fitMessages, type SlackMessage } from '../render/blocks.js';
import { answerModal } from '../render/channel.js';
import { renderOutputs } from '../render/coaching.js';
import { forgotten, principleCard, reframeMessage, storiesMessage } from '../render/private.js';
import { describeSchedule } from './commands.js';

const ephemeral = (m: SlackMessage): RespondArguments => ({
  response_type: 'ephemeral',
  replace_original: false,
  text: m.text,
  blocks: m.blocks,
});
const say = (text: string): RespondArguments => ({
  response_type: 'ephemeral',
  replace_original: false,
  text,
});

type ViewState = Record<
  string,
  Record<
    string,
    {
      value?: string | null;
      selected_options?: Array<{ value: string }>;
      selected_option?: { value: string } | null;
    }
  >
>;

/** Buttons, menus and modal submissions. Every id in a payload is checked against the actor. */
export function register(app: App, ctx: SlackContext): void {
  const button = (
    id: string | RegExp,
    handler: (a: {
      value: string;
      user: string;
      team: string;
      client: WebClient;
      respond: (m: RespondArguments) => Promise<unknown>;
      triggerId: string;
      body: BlockAction;
    }) => Promise<void>,
  ) =>
    app.action<BlockAction<ButtonAction>>(id, async ({ ack, action, body, client, respond }) => {
      await ack();
      const team = body.team?.id ?? body.user.team_id ?? 'T0';
      try {
        await handler({
          value: action.value ?? '',
          user: body.user.id,
          team,
          client,
          respond,
          triggerId: body.trigger_id,
          body,
        });
      } catch (error) {
        await respond(say(userMessage(error))).catch(() => undefined);
        throw error;
      }
    });

  // Daily prompt buttons
  button('prompt_tips', async ({ value, respond }) => {
    const prompt = ctx.channels.getPrompt(Number(value));
    const principle = prompt ? ctx.content.principleById.get(prompt.principleId) : undefined;
    if (!principle) return void (await respond(say('That question is no longer available.')));
    await respond(ephemeral(principleCard(ctx.content, principle)));
  });
  button('prompt_form', async ({ value, client, triggerId }) => {
    const prompt = ctx.channels.getPrompt(Number(value));
    if (!prompt) throw new CoachError('not_found', 'That question is no longer available.');
    await client.views.open({
      trigger_id: triggerId,
      view: answerModal({ kind: 'prompt', promptId: prompt.id }, prompt.questionText),
    });
  });
  button('prompt_private', async ({ value, user, team, client, respond }) => {
    const prompt = ctx.channels.getPrompt(Number(value));
    if (!prompt) throw new CoachError('not_found', 'That question is no longer available.');
    await startDmSession(ctx, client, team, user, { mode: 'practice', questionId: prompt.questionId });
    await respond(say('Opened a private practice on this question in our DM.'));
  });

  // Score card
  button('save_story', async ({ value, user, team, respond, client }) => {
    const story = ctx.coach.saveStory(team, user, { answerId: Number(value) });
    await respond(
      say(
        `Saved to your story bank as #${story.id} “${story.title}” (${story.principles.join(', ') || 'untagged'}). Retag it with \`/star story ${story.id} tag …\`.`,
      ),
    );
    await publishHome(ctx, client, team, user).catch(() => undefined);
  });

  // DM session controls: the session must belong to the person who clicked.
  const sessionStep = async (
    sessionId: string,
    user: string,
    team: string,
    client: WebClient,
    input: Input,
  ) => {
    const session = ctx.coach.session(sessionId);
    if (!session || session.userId !== user || session.teamId !== team)
      throw new CoachError('not_allowed', 'not yours');
    const channel = await dmChannel(client, user);
    const step = ctx.coach.handle(sessionId, input, { source: 'dm', channelId: channel });
    await sendToDm(
      ctx,
      `action:${sessionId}:${ctx.newId()}`,
      team,
      user,
      channel,
      step.output,
      sessionId,
      step.stored[0]?.id ?? null,
    );
    if (step.state.status !== 'active') await publishHome(ctx, client, team, user).catch(() => undefined);
  };
  for (const name of ['next', 'hint', 'skip', 'end'] as const) {
    button(`session_${name}`, ({ value, user, team, client }) =>
      sessionStep(value, user, team, client, { type: 'command', name }),
    );
  }
  button(/^quiz_answer_\d$/, async ({ value, user, team, client }) => {
    const [sessionId = '', choice = '0'] = value.split('|');
    await sessionStep(sessionId, user, team, client, { type: 'quiz', choice: Number(choice) });
  });
  button('session_form', async ({ value, user, client, triggerId }) => {
    const session = ctx.coach.session(value);
    if (!session || session.userId !== user) throw new CoachError('not_allowed', 'not yours');
    const item = session.items[session.current];
    const question = item ? ctx.content.questionById.get(item.questionId)?.text : undefined;
    await client.views.open({
      trigger_id: triggerId,
      view: answerModal({ kind: 'session', sessionId: value }, question ?? 'Your answer'),
    });
  });

  // Lookups
  button('lookup_open', async ({ value, respond }) => {
    const p = ctx.content.principleById.get(value);
    if (p) await respond(ephemeral(principleCard(ctx.content, p)));
  });
  button('lookup_share', async ({ value, respond }) => {
    const p = ctx.content.principleById.get(value);
    if (!p) return;
    const card = principleCard(ctx.content, p, false);
    await respond({
      response_type: 'in_channel',
      replace_original: false,
      text: card.text,
      blocks: card.blocks,
    });
  });
  button('lookup_reframe', async ({ value, user, team, respond }) => {
    const best = ctx.coach.bestStory(team, user, value);
    await respond(
      ephemeral(
        reframeMessage(ctx.coach.reframe(value, team, user, best ? String(best.story.id) : undefined)),
      ),
    );
  });
  for (const id of ['lookup_practise', 'practise_gap']) {
    button(id, async ({ value, user, team, client, respond }) => {
      if (!ctx.content.principleById.has(value)) return;
      await startDmSession(ctx, client, team, user, { mode: 'practice', principle: value });
      if (id === 'lookup_practise') await respond(say('Started a practice in our DM.'));
    });
  }
  button('home_practice', async ({ user, team, client }) =>
    startDmSession(ctx, client, team, user, { mode: 'practice' }),
  );

  // Story bank: ids are looked up within the actor's own stories only.
  button('story_delete', async ({ value, user, team, respond, client }) => {
    const ok = ctx.coachStore.deleteStory(team, user, Number(value));
    await respond(say(ok ? `Deleted story #${value}.` : `You have no story #${value}.`));
    if (ok)
      await respond(ephemeral(storiesMessage(ctx.coach.stories(team, user), ctx.coach.coverage(team, user))));
    await publishHome(ctx, client, team, user).catch(() => undefined);
  });
  button('story_edit', async ({ value, user, team, client, triggerId }) => {
    const story = ctx.coachStore.getStory(team, user, Number(value));
    if (!story) throw new CoachError('not_found', `You have no story #${value}.`);
    const options = ctx.content.principles.map((p) => ({
      text: { type: 'plain_text' as const, text: p.name.slice(0, 75) },
      value: p.id,
    }));
    await client.views.open({
      trigger_id: triggerId,
      view: {
        type: 'modal',
        callback_id: 'story_edit_submit',
        private_metadata: JSON.stringify({ storyId: story.id }),
        title: { type: 'plain_text', text: 'Edit story' },
        submit: { type: 'plain_text', text: 'Save' },
        blocks: [
          {
            type: 'input',
            block_id: 'title',
            label: { type: 'plain_text', text: 'Title' },
            element: {
              type: 'plain_text_input',
              action_id: 'value',
              initial_value: story.title,
              max_length: 120,
            },
          },
          {
            type: 'input',
            block_id: 'principles',
            optional: true,
            label: { type: 'plain_text', text: 'Principles it serves' },
            element: {
              type: 'multi_static_select',
              action_id: 'value',
              options,
              ...(story.principles.length
                ? { initial_options: options.filter((o) => story.principles.includes(o.value)) }
                : {}),
            },
          },
        ],
      },
    });
  });

  // Privacy
  button('forget_confirm', async ({ user, team, respond, client }) => {
    const counts = ctx.coachStore.forgetUser(team, user);
    await respond({ response_type: 'ephemeral', replace_original: true, text: forgotten(counts) });
    await publishHome(ctx, client, team, user).catch(() => undefined);
  });
  button('forget_cancel', async ({ respond }) => {
    await respond({ response_type: 'ephemeral', replace_original: true, text: 'Kept. Nothing was deleted.' });
  });

  // App Home settings
  app.action<BlockAction<StaticSelectAction>>(
    /^home_(level|privacy)$/,
    async ({ ack, action, body, client }) => {
      await ack();
      const team = body.team?.id ?? body.user.team_id ?? 'T0';
      const value = action.selected_option.value;
      if (action.action_id === 'home_level' && (LEVELS as readonly string[]).includes(value))
        ctx.coach.setSettings(team, body.user.id, { level: value as Level });
      if (action.action_id === 'home_privacy' && (value === 'public' || value === 'ephemeral'))
        ctx.coach.setSettings(team, body.user.id, { privacy: value });
      await publishHome(ctx, client, team, body.user.id);
    },
  );

  // Modals
  app.view('schedule_submit', async ({ ack, view, body, client }) => {
    const values = view.state.values as ViewState;
    const time = values.time?.value?.value?.trim() ?? '';
    const timezone = values.timezone?.value?.value?.trim() ?? '';
    const weekdays = (values.weekdays?.value?.selected_options ?? []).map((o) => Number(o.value));
    const errors: Record<string, string> = {};
    if (!isValidLocalTime(time)) errors.time = 'Use 24-hour HH:MM, e.g. 09:00.';
    if (!isValidTimezone(timezone))
      errors.timezone = 'Use an IANA timezone such as Europe/Berlin or America/New_York.';
    if (!weekdays.length) errors.weekdays = 'Pick at least one day.';
    if (Object.keys(errors).length) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    const { channelId } = JSON.parse(view.private_metadata) as { channelId: string };
    // Checked again at submit: the modal could have been opened by someone who lost admin since.
    if (!(await isAdmin(ctx, client, body.user.id))) {
      await ack({ response_action: 'errors', errors: { time: 'Only admins can change the schedule.' } });
      return;
    }
    await ack();
    const level = (values.level?.value?.selected_option?.value ?? 'sde2') as Level;
    const privacy = values.privacy?.value?.selected_option?.value === 'ephemeral' ? 'ephemeral' : 'public';
    const digest = values.digest?.value?.selected_option?.value;
    const schedule = {
      teamId: body.team?.id ?? body.user.team_id ?? 'T0',
      channelId,
      localTime: time,
      timezone,
      weekdays,
      level,
      privacy,
      weighted: (values.weighted?.value?.selected_options ?? []).length > 0,
      paused: false,
      pauseReason: null,
      digestWeekday: digest && digest !== 'none' ? Number(digest) : null,
      createdBy: body.user.id,
    } as const;
    ctx.channels.saveSchedule(schedule, ctx.clock());
    const next = nextRunAt(schedule, ctx.clock());
    await client.chat
      .postEphemeral({
        channel: channelId,
        user: body.user.id,
        text: `Saved: a daily question at ${describeSchedule(schedule)} (${level.toUpperCase()}, ${privacy === 'public' ? 'public' : 'private'} score cards). Next one ${next ? `<!date^${Math.floor(next / 1000)}^{date_short_pretty} at {time}|soon>` : 'when a day is set'}.`,
      })
      .catch((error) => ctx.logger.warn({ error: String(error) }, 'schedule confirmation not posted'));
  });

  app.view('star_answer_submit', async ({ ack, view, body, client }) => {
    const values = view.state.values as ViewState;
    const part = (id: string, label: string) => {
      const v = values[id]?.value?.value?.trim();
      return v ? `${label}: ${v}` : '';
    };
    const text = [
      part('situation', 'Situation'),
      part('task', 'Task'),
      part('action', 'Action'),
      part('result', 'Result'),
      part('reflection', 'Reflection'),
    ]
      .filter(Boolean)
      .join('\n');
    await ack();
    const user = body.user.id;
    const team = body.team?.id ?? body.user.team_id ?? 'T0';
    const meta = JSON.parse(view.private_metadata) as
      | { kind: 'prompt'; promptId: number }
      | { kind: 'session'; sessionId: string };
    const messageId = `form-${view.id}`;
    if (meta.kind === 'session') {
      await sessionStep(meta.sessionId, user, team, client, { type: 'text', text, messageId });
      return;
    }
    const prompt = ctx.channels.getPrompt(meta.promptId);
    if (!prompt?.messageTs) return;
    // A form answer in the channel is shown in the thread, then coached like a typed reply.
    const key = `reply:${prompt.channelId}:${messageId}`;
    const queued = ctx.channels.transaction(() => {
      const d = ctx.channelService.threadReply({
        teamId: team,
        channelId: prompt.channelId,
        userId: user,
        ts: messageId,
        threadTs: prompt.messageTs!,
        text,
      });
      if (d.kind !== 'reply') return false;
      const intro = fitMessages([], `<@${user}> answered with the form.`)[0]!;
      const cards = renderOutputs(d.outputs, {
        content: ctx.content,
        answerId: d.answer?.id ?? null,
        inThread: true,
      });
      ctx.delivery.enqueue(
        key,
        team,
        user,
        {
          channel: prompt.channelId,
          threadTs: prompt.messageTs,
          ephemeralUser: d.privacy === 'ephemeral' ? user : null,
        },
        [{ ...intro, public: true }, ...cards],
      );
      return true;
    });
    if (queued) await ctx.delivery.flush(key);
  });

  app.view('story_edit_submit', async ({ ack, view, body }) => {
    await ack();
    const values = view.state.values as ViewState;
    const { storyId } = JSON.parse(view.private_metadata) as { storyId: number };
    const team = body.team?.id ?? body.user.team_id ?? 'T0';
    const title = values.title?.value?.value?.trim();
    const principles = (values.principles?.value?.selected_options ?? [])
      .map((o) => o.value)
      .filter((p) => ctx.content.principleById.has(p));
    ctx.coachStore.updateStory(
      team,
      body.user.id,
      storyId,
      { ...(title ? { title } : {}), principles },
      ctx.clock(),
    );
  });
}
