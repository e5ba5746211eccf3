import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../../helpers/fake-slack.js';
import { loadSeeds, strongText } from '../../helpers/seeds.js';
import { postPrompt, slashCommand, startTestApp, type TestApp, userTs } from '../../helpers/slack-app.js';

const TEAM = 'T0TEST';
const seeds = loadSeeds();
const STRONG = seeds.strongAnswers.map((a) => strongText(a));
const PROBE_ANSWERS = seeds.probes.map((p) => p.strong);

const allText = (call: { args: Record<string, unknown> }) =>
  JSON.stringify([call.args.text, call.args.blocks]);
const ackText = (ack: { payload?: Record<string, unknown> }) => JSON.stringify(ack.payload ?? {});

const dmEvent = (user: string, text: string, ts = userTs()) => ({
  type: 'message',
  channel: `D${user}`,
  channel_type: 'im',
  user,
  text,
  ts,
  team: TEAM,
});

/** The value of the first button with this action id in a message's blocks. */
function buttonValue(blocks: unknown, actionId: string): string {
  for (const block of (blocks ?? []) as Array<{ elements?: Array<{ action_id?: string; value?: string }> }>) {
    for (const e of block.elements ?? [])
      if (e.action_id === actionId && e.value !== undefined) return e.value;
  }
  throw new Error(`no ${actionId} button in ${JSON.stringify(blocks)}`);
}

/** Every string in every row of every table that contains `needle`, as "table.column". */
function rowsMentioning(dbPath: string, needle: string): string[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as Array<{ name: string }>;
    const hits: string[] = [];
    for (const { name } of tables) {
      for (const row of db.prepare(`SELECT * FROM "${name}"`).all() as Array<Record<string, unknown>>) {
        for (const [column, value] of Object.entries(row))
          if (typeof value === 'string' && value.includes(needle)) hits.push(`${name}.${column}`);
      }
    }
    return hits;
  } finally {
    db.close();
  }
}

function query<T>(dbPath: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

let actionSeq = 0;
/** Every click has its own action_ts, as in Slack. */
const actionTs = () => `1700000001.${String(++actionSeq).padStart(6, '0')}`;

async function eventually(check: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('private practice, lookups, story bank, App Home and privacy over Socket Mode', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await startTestApp();
  });
  afterEach(async () => {
    // Nothing the app sent was refused by the (validating) fake Slack.
    const refused = app.fake.refused;
    await app.stop();
    expect(refused).toEqual([]);
  });

  /** Runs `act` and resolves with the bot's next (answered) post in `user`'s DM. */
  async function dmTurn(
    user: string,
    act: () => Promise<unknown>,
  ): Promise<{ call: RecordedCall; text: string }> {
    const start = app.fake.calls.length;
    const next = app.fake.nextCall(
      'chat.postMessage',
      (c) => c.args.channel === `D${user}` && c.status !== undefined && app.fake.calls.indexOf(c) >= start,
    );
    await act();
    const call = await next;
    expect(call.response).toMatchObject({ ok: true });
    return { call, text: allText(call) };
  }

  const dm = (user: string, text: string) => dmTurn(user, () => app.fake.sendEvent(dmEvent(user, text)));

  const click = (user: string, actionId: string, value: string, channel = `D${user}`) =>
    app.fake.sendInteractive({
      type: 'block_actions',
      user: { id: user, team_id: TEAM },
      channel: { id: channel },
      container: { type: 'message', channel_id: channel, message_ts: '1700000000.000100' },
      actions: [{ type: 'button', action_id: actionId, block_id: 'b1', value, action_ts: actionTs() }],
    });

  /** Runs `act` and resolves with the next body posted to a response_url. */
  async function responded(act: () => Promise<unknown>): Promise<Record<string, unknown>> {
    const start = app.fake.responses.length;
    const next = app.fake.nextResponse((r) => app.fake.responses.indexOf(r) >= start);
    await act();
    return (await next).body;
  }

  /** A slash command and its response (commands ack at once, then answer through the response URL). */
  const slash = async (user: string, command: string, text: string, channel = 'C1') => {
    const [payload] = await slashCommand(app.fake, {
      command,
      text,
      user_id: user,
      channel_id: channel,
      team_id: TEAM,
    });
    return { payload };
  };

  /** DM "practice <principle>", answer with a strong story; returns the score card's answer id. */
  async function practiseAndAnswer(
    user: string,
    principle: string,
    answer: string,
  ): Promise<{ answerId: string; sessionId: string; card: string }> {
    const question = await dm(user, `practice ${principle}`);
    const sessionId = buttonValue(question.call.args.blocks, 'session_skip');
    const card = await dm(user, answer);
    return { answerId: buttonValue(card.call.args.blocks, 'save_story'), sessionId, card: card.text };
  }

  async function saveStory(user: string, answerId: string): Promise<string> {
    const body = await responded(() => click(user, 'save_story', answerId));
    return String(body.text);
  }

  it('answers /lp lookups ephemerally on the ack and shares a card in the channel on request', async () => {
    for (const [text, name] of [
      ['dive deep', 'Dive Deep'],
      ['backbone', 'Have Backbone; Disagree and Commit'],
      ['frugal', 'Frugality'],
      ['cust obs', 'Customer Obsession'],
    ] as const) {
      const ack = await slash('U1', '/lp', text);
      expect(ack.payload).toMatchObject({ response_type: 'ephemeral' });
      const blocks = ack.payload!.blocks as Array<{ type: string; text?: { text: string } }>;
      expect(blocks[0]).toMatchObject({ type: 'header', text: { text: name } });
      expect(ackText(ack)).toMatch(/Interviewers listen for/);
      expect(buttonValue(blocks, 'lookup_practise')).toBeTruthy();
    }

    const pizza = await slash('U1', '/lp', 'pizza');
    expect(ackText(pizza)).toMatch(/I don't know “pizza”/);
    const suggestions = (
      pizza.payload!.blocks as Array<{ type: string; elements?: Array<{ action_id: string }> }>
    ).filter((b) => b.type === 'actions');
    const ids = suggestions[0]!.elements!.map((e) => e.action_id);
    expect(ids.length).toBeGreaterThan(0);
    // One block, so each suggestion has its own action_id (Slack refuses repeats).
    expect(ids.every((id) => /^lookup_open_\d$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ackText(pizza)).not.toMatch(/"header"|Interviewers listen for/);

    const list = ackText(await slash('U1', '/lp', ''));
    const names = app.runtime.slack.core.content.principles.map((p) => p.name);
    expect(names).toHaveLength(16);
    for (const [i, n] of names.entries()) expect(list).toContain(`${i + 1}. ${n}`);

    const reframe = ackText(await slash('U1', '/lp', 'reframe customer obsession'));
    expect(reframe).toMatch(/Reframing for Customer Obsession/);
    expect(reframe).toMatch(/Lead with:.*Emphasize:.*Downplay:/);
    expect(reframe).not.toMatch(/Applied to/);

    // Lookups ride on the ack: nothing was posted through the Web API.
    expect(app.fake.callsOf('chat.postMessage')).toHaveLength(0);
    expect(app.fake.callsOf('chat.postEphemeral')).toHaveLength(0);

    const shared = await responded(() => click('U1', 'lookup_share', 'dive-deep', 'C1'));
    expect(shared).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(JSON.stringify(shared.blocks)).toMatch(/Dive Deep/);
    expect(JSON.stringify(shared.blocks)).not.toMatch(/lookup_share/);
  });

  it('applies a reframe to a saved story named after the principle', async () => {
    const { answerId } = await practiseAndAnswer('U1', 'ownership', STRONG[0]!);
    expect(await saveStory('U1', answerId)).toMatch(/Saved to your story bank as #\d+/);
    const [story] = await app.runtime.slack.core.coach.stories(TEAM, 'U1');
    const titleWords = story!.title.split(/\s+/).slice(1, 4).join(' ');
    expect(titleWords).toMatch(/\w+ \w+ \w+/);

    const ack = await slash('U1', '/lp', `reframe earn trust ${titleWords}`);
    const text = ackText(ack);
    expect(text).toMatch(/Reframing for Earn Trust/);
    expect(text).toMatch(/Lead with:.*Emphasize:.*Downplay:/);
    expect(text).toMatch(/Applied to/);

    const unknown = ackText(await slash('U1', '/lp', 'reframe customer obsession zeppelin'));
    expect(unknown).toMatch(/No story of yours matches/);
  });

  it('runs a DM practice: question, score card with a follow-up, judgement, wrap-up', async () => {
    const question = await dm('U1', 'practice ownership');
    // Started from the DM itself: no conversations.open needed.
    expect(question.call.args.channel).toBe('DU1');
    expect(question.text).toMatch(/Ownership/);
    const sessionId = buttonValue(question.call.args.blocks, 'session_form');
    expect(sessionId).toMatch(/^dm:T0TEST:U1:/);

    const card = await dm('U1', STRONG[0]!);
    expect(card.text).toMatch(/\d+\/100/);
    expect(card.text).toMatch(/Bar Raiser follow-up 1/);
    expect(card.text).toMatch(/save_story/);

    const judged = await dm('U1', PROBE_ANSWERS[0]!);
    expect(judged.text).toMatch(/\*(Strong|Mixed|Weak)\* —/);
    expect(judged.text).not.toMatch(/\d+\/100 ·/);

    let text = judged.text;
    for (let i = 1; !/Wrap-up/.test(text); i++) {
      expect(i).toBeLessThan(8);
      text = (await dm('U1', PROBE_ANSWERS[i]!)).text;
    }
    expect(text).toMatch(/final verdict: \*[A-Za-z ]+\* \(\d+\/100, \d+ before the follow-ups\)/);

    const answers = query<{ source: string; channel_id: string; user_id: string }>(
      app.dbPath,
      'SELECT source, channel_id, user_id FROM answers',
    );
    expect(answers).toEqual([{ source: 'dm', channel_id: 'DU1', user_id: 'U1' }]);
    expect((await app.runtime.slack.core.coach.session(sessionId))?.status).toBe('done');
  });

  it('starts a new question when "practice" is typed while a follow-up waits, and reads a sentence as the reply', async () => {
    const first = await dm('U1', 'practice ownership');
    const firstId = buttonValue(first.call.args.blocks, 'session_form');
    const card = await dm('U1', STRONG[0]!);
    expect(card.text).toMatch(/Bar Raiser follow-up 1/);
    // A reply that opens with a mode word is still a reply.
    const judged = await dm(
      'U1',
      'Practice runs with the on-call team: I rehearsed the rollback twice before the launch.',
    );
    expect(judged.text).toMatch(/\*(Strong|Mixed|Weak)\* —/);
    // The bare command starts over, as it does before any answer.
    const next = await dm('U1', 'practice dive deep');
    expect(next.text).toMatch(/Dive Deep/);
    const nextId = buttonValue(next.call.args.blocks, 'session_form');
    expect(nextId).not.toBe(firstId);
    // The open one is ended (its answer kept), as a new start always does.
    expect((await app.runtime.slack.core.coach.session(firstId))?.status).toBe('abandoned');
  });

  it('resumes a DM session after a restart', async () => {
    await dm('U1', 'practice dive deep');
    const card = await dm('U1', STRONG[1]!);
    expect(card.text).toMatch(/Bar Raiser follow-up 1/);

    await app.restart();

    const judged = await dm('U1', PROBE_ANSWERS[0]!);
    expect(judged.text).toMatch(/\*(Strong|Mixed|Weak)\* —/);
    let text = judged.text;
    for (let i = 1; !/Wrap-up/.test(text); i++) {
      expect(i).toBeLessThan(8);
      text = (await dm('U1', 'skip')).text;
    }
    expect(text).toMatch(/final verdict/);
    expect(query(app.dbPath, 'SELECT id FROM answers')).toHaveLength(1);
  });

  it('runs a two-question mock from /star practice that ends in a Bar Raiser debrief', async () => {
    const first = await dmTurn('U1', async () => {
      const ack = await slash('U1', '/star', 'practice dive deep senior mock');
      expect(ackText(ack)).toMatch(/Starting in our DM/);
    });
    expect(first.text).toMatch(/Mock interview: 2 questions/);
    expect(first.text).toMatch(/Question 1 of 2\* · \*Dive Deep\* · Senior SDE/);
    expect(first.text).toMatch(/Timed:\* the clock started when this question was posted/);
    const sessionId = buttonValue(first.call.args.blocks, 'session_skip');

    let text = (await dm('U1', STRONG[0]!)).text;
    expect(text).toMatch(/Noted/);
    expect(text).not.toMatch(/\/100/);
    for (let i = 0; !/Question 2 of 2/.test(text); i++) {
      expect(i).toBeLessThan(3);
      expect(text).toMatch(/Bar Raiser follow-up/);
      text = (await dmTurn('U1', () => click('U1', 'session_skip', sessionId))).text;
    }

    text = (await dm('U1', STRONG[2]!)).text;
    expect(text).toMatch(/Noted/);
    expect(text).not.toMatch(/\d+\/100/);
    for (let i = 0; !/Bar Raiser debrief/.test(text); i++) {
      expect(i).toBeLessThan(3);
      text = (await dmTurn('U1', () => click('U1', 'session_skip', sessionId))).text;
    }
    expect(text).toMatch(/Bar Raiser debrief: [A-Za-z ]+ \(\d+\/100\)/);
    expect(text).toMatch(/1\. \*Dive Deep\*/);
    expect(text).toMatch(/2\. \*/);
    expect(query(app.dbPath, "SELECT id FROM answers WHERE source = 'dm'")).toHaveLength(2);
  });

  it('steps through a walkthrough with buttons and ends in its quiz', async () => {
    const overview = await dm('U1', 'walkthrough dive deep');
    expect(overview.text).toMatch(/Dive Deep: /);
    const sessionId = buttonValue(overview.call.args.blocks, 'session_next');
    const walkthrough = app.runtime.slack.core.content.walkthroughById.get(
      (await app.runtime.slack.core.coach.session(sessionId))!.walkthroughId!,
    )!;
    expect(walkthrough.principle).toBe('dive-deep');

    const steps: string[] = [];
    for (let i = 0; i < 6; i++)
      steps.push((await dmTurn('U1', () => click('U1', 'session_next', sessionId))).text);
    expect(steps[0]).toMatch(/\*Situation\* · target/);
    expect(steps[4]).toMatch(/\*Reflection\* · target/);
    expect(steps[5]).toMatch(/A weak answer to the same question/);

    let quiz = await dmTurn('U1', () => click('U1', 'session_next', sessionId));
    for (const [i, q] of walkthrough.quiz.entries()) {
      expect(quiz.text).toContain(`Quiz ${i + 1} of ${walkthrough.quiz.length}`);
      const value = buttonValue(quiz.call.args.blocks, `quiz_answer_${q.correct}`);
      expect(value).toBe(`${sessionId}|${q.correct}`);
      quiz = await dmTurn('U1', () => click('U1', `quiz_answer_${q.correct}`, value));
      expect(quiz.text).toMatch(/Correct\./);
    }
    expect(quiz.text).toContain(
      `Walkthrough finished: ${walkthrough.quiz.length} of ${walkthrough.quiz.length} right`,
    );
    expect((await app.runtime.slack.core.coach.session(sessionId))?.status).toBe('done');
  });

  it("saves stories from score cards, shows the coverage change, and refuses other people's ids", async () => {
    const coverage = async () => ackText(await slash('U1', '/star', 'stories'));
    const before = await coverage();
    expect(before).toMatch(/:white_circle: Ownership/);
    expect(before).toMatch(/:white_circle: Dive Deep/);

    const first = await practiseAndAnswer('U1', 'ownership', STRONG[0]!);
    expect((await dm('U1', 'end')).text).toMatch(/Session ended/);
    const second = await practiseAndAnswer('U1', 'dive deep', STRONG[1]!);
    expect(first.answerId).not.toBe(second.answerId);

    // Someone else pressing the button with U1's answer id saves nothing.
    expect(await saveStory('U2', first.answerId)).toMatch(/isn't yours/);
    expect(query(app.dbPath, 'SELECT id FROM stories')).toHaveLength(0);

    expect(await saveStory('U1', first.answerId)).toMatch(/tagged Ownership/);
    expect(await saveStory('U1', second.answerId)).toMatch(/tagged Dive Deep/);
    // A second click finds the story the first one saved.
    expect(await saveStory('U1', first.answerId)).toMatch(/already in your story bank/);
    expect(query(app.dbPath, 'SELECT id FROM stories')).toHaveLength(2);
    const after = await coverage();
    expect(after).toMatch(/:large_green_circle: Ownership \(\d+\)/);
    expect(after).toMatch(/:large_green_circle: Dive Deep \(\d+\)/);
    expect(after).toMatch(/:white_circle: Frugality/);
    expect(after).toMatch(/2 stories, 2\/16 principles covered/);

    const [story] = await app.runtime.slack.core.coach.stories(TEAM, 'U1');
    expect(String((await responded(() => click('U2', 'story_delete', String(story!.id)))).text)).toMatch(
      /You have no story/,
    );
    expect(await app.runtime.slack.core.coach.stories(TEAM, 'U1')).toHaveLength(2);
    expect(query(app.dbPath, 'SELECT user_id FROM stories')).toEqual([{ user_id: 'U1' }, { user_id: 'U1' }]);
  });

  it('publishes the App Home on open, with new scores after a session, and changes the level from it', async () => {
    await app.fake.sendEvent({ type: 'app_home_opened', user: 'U1', channel: 'DU1', tab: 'messages' });
    const empty = app.fake.nextCall('views.publish', (c) => c.args.user_id === 'U1');
    await app.fake.sendEvent({ type: 'app_home_opened', user: 'U1', channel: 'DU1', tab: 'home' });
    const first = await empty;
    expect(JSON.stringify(first.args.view)).toMatch(/No scored answers yet/);
    expect(app.fake.callsOf('views.publish')).toHaveLength(1);

    const updated = app.fake.nextCall(
      'views.publish',
      (c) => c.args.user_id === 'U1' && JSON.stringify(c.args.view).includes('answer* · average'),
    );
    await practiseAndAnswer('U1', 'ownership', STRONG[0]!);
    const home = JSON.stringify((await updated).args.view);
    const [answer] = query<{ score: number }>(app.dbPath, 'SELECT score FROM answers');
    expect(home).toContain(`*1 answer* · average *${answer!.score}*`);
    // One answer is no evidence of a weakest principle.
    expect(home).not.toMatch(/Weakest/);
    expect(home).toMatch(/Recent.*Ownership/);

    const published = app.fake.nextCall(
      'views.publish',
      (c) => c.args.user_id === 'U1' && c.status !== undefined,
    );
    await app.fake.sendInteractive({
      type: 'block_actions',
      user: { id: 'U1', team_id: TEAM },
      container: { type: 'view', view_id: 'V1' },
      view: { id: 'V1', type: 'home' },
      actions: [
        {
          type: 'static_select',
          action_id: 'home_level',
          block_id: 'settings',
          selected_option: { text: { type: 'plain_text', text: 'SENIOR' }, value: 'senior' },
          action_ts: '1',
        },
      ],
    });
    const view = (await published).args.view as {
      blocks: Array<{ accessory?: { action_id?: string; initial_option?: { value: string } } }>;
    };
    const select = view.blocks.map((b) => b.accessory).find((e) => e?.action_id === 'home_level');
    expect(select?.initial_option?.value).toBe('senior');
    expect((await app.runtime.slack.core.coach.settings(TEAM, 'U1')).level).toBe('senior');
  });

  it('exports a JSON file of everything, then forget-me leaves no row about that person', async () => {
    const ME = 'UFORGETME';
    const OTHER = 'UKEEPER';
    expect(ackText(await slash(ME, '/star', 'level senior'))).toMatch(/now Senior SDE/);
    const opened = app.fake.nextCall('views.publish', (c) => c.args.user_id === ME);
    await app.fake.sendEvent({ type: 'app_home_opened', user: ME, channel: `D${ME}`, tab: 'home' });
    await opened;
    const { answerId } = await practiseAndAnswer(ME, 'ownership', STRONG[0]!);
    await saveStory(ME, answerId);
    // A channel answer too: its thread session and reply outbox row are about this person as well.
    const promptTs = await postPrompt(app);
    const reply = app.fake.nextCall(
      'chat.postMessage',
      (c) => c.args.thread_ts === promptTs && c.status !== undefined,
    );
    await app.fake.sendEvent({
      type: 'message',
      channel: 'C1',
      channel_type: 'channel',
      user: ME,
      text: STRONG[1]!,
      ts: userTs(),
      thread_ts: promptTs,
      team: TEAM,
    });
    await reply;
    const other = await practiseAndAnswer(OTHER, 'frugal', STRONG[2]!);
    await saveStory(OTHER, other.answerId);

    const completed = app.fake.nextCall('files.completeUploadExternal', (c) => c.status !== undefined);
    expect(ackText(await slash(ME, '/star', 'export'))).toMatch(/Preparing your data/);
    expect((await completed).response).toMatchObject({ ok: true });
    const upload = [...app.fake.uploads.values()].find((u) => u.completed && u.channelId === `D${ME}`)!;
    expect(upload.filename).toBe('star-coach-export.json');
    const data = JSON.parse(upload.content.toString('utf8')) as {
      exportedFor: { userId: string };
      settings: { level: string };
      answers: Array<{ text: string; userId: string; source: string }>;
      stories: Array<{ text: string }>;
      sessions: unknown[];
    };
    expect(data.exportedFor.userId).toBe(ME);
    expect(data.settings.level).toBe('senior');
    expect(data.answers.map((a) => [a.source, a.text])).toEqual([
      ['dm', STRONG[0]],
      ['channel', STRONG[1]],
    ]);
    expect(data.stories.map((s) => s.text)).toEqual([STRONG[0]]);
    expect(data.sessions.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(data)).not.toContain(OTHER);

    expect(rowsMentioning(app.dbPath, ME).length).toBeGreaterThan(0);
    const confirm = await slash(ME, '/star', 'forget-me');
    const value = buttonValue(confirm.payload!.blocks, 'forget_confirm');
    // The Home they had open is emptied too.
    const emptied = app.fake.nextCall(
      'views.publish',
      (c) => c.args.user_id === ME && /No scored answers yet/.test(JSON.stringify(c.args.view)),
    );
    const done = await responded(() => click(ME, 'forget_confirm', value, 'C1'));
    expect(String(done.text)).toMatch(/Done\. I deleted 2 answers, 1 story, \d+ sessions? and your settings/);
    await emptied;

    expect(rowsMentioning(app.dbPath, ME)).toEqual([]);
    expect(rowsMentioning(app.dbPath, OTHER)).toEqual(
      expect.arrayContaining(['answers.user_id', 'stories.user_id', 'conversations.user_id']),
    );
    expect((await app.runtime.slack.core.coach.settings(TEAM, ME)).level).toBe('sde2');
  });

  it('never posts a DM answer to a channel', async () => {
    const marker = 'Quetzalcoatl ledger reconciliation';
    const answer = `${STRONG[0]!} I named the fix the ${marker} check.`;
    const promptTs = await postPrompt(app);
    await dm('U1', 'practice ownership');
    let text = (await dm('U1', answer)).text;
    for (let i = 0; !/Wrap-up/.test(text); i++) {
      expect(i).toBeLessThan(8);
      text = (await dm('U1', `${PROBE_ANSWERS[i]!} The ${marker} check proved it.`)).text;
    }
    const threadReply = app.fake.nextCall(
      'chat.postMessage',
      (c) => c.args.thread_ts === promptTs && c.status !== undefined,
    );
    await app.fake.sendEvent({
      type: 'message',
      channel: 'C1',
      channel_type: 'channel',
      user: 'U1',
      text: STRONG[1]!,
      ts: userTs(),
      thread_ts: promptTs,
      team: TEAM,
    });
    await threadReply;
    await responded(() => click('U1', 'lookup_share', 'ownership', 'C1'));

    const channelCalls = app.fake.calls.filter(
      (c) => typeof c.args.channel === 'string' && (c.args.channel as string).startsWith('C'),
    );
    expect(channelCalls.length).toBeGreaterThanOrEqual(2);
    for (const c of channelCalls) expect(allText(c)).not.toContain('Quetzalcoatl');
    for (const r of app.fake.responses) expect(JSON.stringify(r.body)).not.toContain('Quetzalcoatl');
    const stored = query<{ channel_id: string }>(
      app.dbPath,
      'SELECT channel_id FROM answers WHERE text LIKE ?',
      '%Quetzalcoatl%',
    );
    expect(stored).toEqual([{ channel_id: 'DU1' }]);
  });

  it("removes the workspace's rows on app_uninstalled and keeps other workspaces'", async () => {
    await postPrompt(app);
    const { answerId } = await practiseAndAnswer('U1', 'ownership', STRONG[0]!);
    await saveStory('U1', answerId);
    await slash('U1', '/star', 'level senior');
    const otherTeam = app.fake.nextCall(
      'chat.postMessage',
      (c) => c.args.channel === 'DU9' && c.status !== undefined,
    );
    await app.fake.sendEvent({ ...dmEvent('U9', 'practice frugality'), team: 'T2' }, { teamId: 'T2' });
    await otherTeam;
    const otherCard = app.fake.nextCall(
      'chat.postMessage',
      (c) => c.args.channel === 'DU9' && c.status !== undefined,
    );
    await app.fake.sendEvent({ ...dmEvent('U9', STRONG[2]!), team: 'T2' }, { teamId: 'T2' });
    await otherCard;
    expect(rowsMentioning(app.dbPath, TEAM).length).toBeGreaterThan(5);

    await app.fake.sendEvent({ type: 'app_uninstalled' });
    await eventually(
      () => query(app.dbPath, 'SELECT id FROM answers WHERE team_id = ?', TEAM).length === 0,
      'the answers to go',
    );

    expect(rowsMentioning(app.dbPath, TEAM)).toEqual([]);
    expect(query(app.dbPath, 'SELECT COUNT(*) AS n FROM prompts')).toEqual([{ n: 0 }]);
    expect(query(app.dbPath, 'SELECT COUNT(*) AS n FROM schedules')).toEqual([{ n: 0 }]);
    expect(query(app.dbPath, 'SELECT team_id, user_id FROM answers')).toEqual([
      { team_id: 'T2', user_id: 'U9' },
    ]);
    expect(query(app.dbPath, 'SELECT team_id FROM conversations')).toEqual([{ team_id: 'T2' }]);
  });
});
