import { afterAll, describe, expect, it } from 'vitest';
import type { AckMessage } from '../helpers/fake-slack.js';
import { postPrompt } from '../helpers/slack-app.js';
import { corpus, randomInputs } from './corpus.js';
import {
  answerTs,
  crashCounter,
  dmMessage,
  integrity,
  LIVE_MENTION,
  limitProblems,
  okCall,
  outgoingTexts,
  postLedger,
  quiesce,
  STRONG,
  seeded,
  startApp,
  TEAM,
  threadReply,
  until,
} from './harness.js';
import { printRows, record } from './report.js';

/** Did a person write something (not only whitespace or invisible characters)? */
const wroteSomething = (text: string) =>
  text.replace(/[\s\u200B-\u200D\u2060\uFEFF\u00AD\u180E]/gu, '') !== '';
/** What a kind reply never shows a person. */
const UNKIND =
  /TypeError|ReferenceError|SyntaxError|\[object Object\]|at [\w.]+ \(|\bundefined\b|\bNaN\b|stack trace/;

describe('hostile and odd input', () => {
  afterAll(() => printRows('Hostile and odd input'));

  it('survives 200+ hostile inputs and 120 random ones: kind replies, no live mention, within Slack limits', async () => {
    const crashes = crashCounter();
    const app = await startApp({ fakeOptions: { ackTimeoutMs: 5000 } });
    const fake = app.fake;
    try {
      const rng = seeded(8006);
      const texts = [...corpus(), ...randomInputs(rng, 120)];
      expect(corpus().length).toBeGreaterThanOrEqual(200);
      const threadTs = await postPrompt(app, 'CHOST');
      let inputs = 0;
      let unacked = 0;
      const sendEvent = (event: Record<string, unknown>) => {
        inputs += 1;
        return fake.sendEvent(event).catch(() => {
          unacked += 1;
          return undefined;
        });
      };

      // 1. Every text as a thread answer by its own author; some as thread_broadcast.
      const replies = texts.map((text, i) => {
        const event: Record<string, unknown> = threadReply('CHOST', threadTs, text, `UH${i}`, answerTs());
        if (i % 7 === 3) event.subtype = 'thread_broadcast';
        return event;
      });
      for (let i = 0; i < replies.length; i += 10) await Promise.all(replies.slice(i, i + 10).map(sendEvent));

      // 2. The first 80 texts in DMs, and as /lp and /star arguments.
      const dms = texts.slice(0, 80).map((text, i) => dmMessage(`UHD${i}`, text));
      for (let i = 0; i < dms.length; i += 10) await Promise.all(dms.slice(i, i + 10).map(sendEvent));
      const commandAcks: Array<AckMessage | undefined> = [];
      for (const [i, text] of texts.slice(0, 80).entries()) {
        for (const command of ['/lp', '/star']) {
          inputs += 1;
          commandAcks.push(
            await fake
              .sendSlashCommand({
                command,
                text: command === '/star' && i % 2 ? `story 1 title ${text}` : text,
                user_id: `UHC${i}`,
                channel_id: 'CHOST',
              })
              .catch(() => undefined),
          );
        }
      }

      // 3. Odd but valid shapes: file share with no text, bots, ourselves, edits, deletes, top-level and foreign threads.
      const edited = replies[0]!;
      const deleted = replies[1]!;
      const fileShare = {
        ...threadReply('CHOST', threadTs, '', 'UHFILE', answerTs()),
        subtype: 'file_share',
        files: [{ id: 'F1', name: 'a.png' }],
      };
      const odd: Array<Record<string, unknown>> = [
        fileShare,
        {
          ...threadReply('CHOST', threadTs, '<!channel> bot says hi', 'UBOT1', answerTs()),
          bot_id: 'B999',
          subtype: 'bot_message',
        },
        {
          ...threadReply('CHOST', threadTs, '<!here> bot without subtype', 'UBOT2', answerTs()),
          bot_id: 'B998',
        },
        threadReply('CHOST', threadTs, '<!channel> from our own bot user', 'U0BOT', answerTs()),
        {
          type: 'message',
          channel: 'CHOST',
          channel_type: 'channel',
          user: 'UTOP',
          text: '<!channel> top level',
          ts: answerTs(),
        },
        threadReply('CHOST', '1700000000.999999', '<!channel> foreign thread', 'UFOREIGN', answerTs()),
        {
          type: 'message',
          subtype: 'message_changed',
          channel: 'CHOST',
          ts: answerTs(),
          message: {
            type: 'message',
            user: edited.user,
            text: `<!channel> <@U123> edited: ${STRONG}`,
            ts: edited.ts,
            thread_ts: threadTs,
          },
          previous_message: { ts: edited.ts },
        },
        {
          type: 'message',
          subtype: 'message_deleted',
          channel: 'CHOST',
          ts: answerTs(),
          deleted_ts: deleted.ts,
          previous_message: { ts: deleted.ts, thread_ts: threadTs },
        },
        {
          type: 'message',
          subtype: 'message_changed',
          channel: 'CHOST',
          ts: answerTs(),
          message: { type: 'message', user: 'UNONE', text: '<!here>', ts: answerTs() },
        },
        {
          type: 'message',
          subtype: 'message_deleted',
          channel: 'CHOST',
          ts: answerTs(),
          deleted_ts: answerTs(),
        },
        {
          type: 'message',
          subtype: 'channel_join',
          channel: 'CHOST',
          user: 'UJOIN',
          text: '<@UJOIN> has joined the channel',
          ts: answerTs(),
        },
        { type: 'app_home_opened', user: 'UH5', tab: 'home' },
        { type: 'app_home_opened', user: 'UH6', tab: 'messages' },
        { type: 'member_joined_channel', user: 'U0BOT', channel: 'CHOST', team: TEAM },
      ];
      for (const e of odd) await sendEvent(e);

      // 4. Malformed payloads: missing fields, wrong types, unknown types.
      const malformed: Array<[string, unknown]> = [
        [
          'events_api',
          { type: 'event_callback', team_id: TEAM, event_id: 'EvBad1', event: { type: 'message' } },
        ],
        [
          'events_api',
          {
            type: 'event_callback',
            team_id: TEAM,
            event_id: 'EvBad2',
            event: { type: 'message', channel: 123, user: {}, text: ['a'], ts: 5, thread_ts: true },
          },
        ],
        [
          'events_api',
          {
            type: 'event_callback',
            team_id: TEAM,
            event_id: 'EvBad3',
            event: {
              type: 'message',
              channel: 'CHOST',
              user: 'UBAD3',
              text: null,
              ts: answerTs(),
              thread_ts: threadTs,
            },
          },
        ],
        [
          'events_api',
          {
            type: 'event_callback',
            team_id: TEAM,
            event_id: 'EvBad4',
            event: {
              type: 'message',
              channel: 'CHOST',
              user: 'UBAD4',
              text: { a: 1 },
              ts: answerTs(),
              thread_ts: threadTs,
            },
          },
        ],
        [
          'events_api',
          {
            type: 'event_callback',
            team_id: TEAM,
            event_id: 'EvBad5',
            event: {
              type: 'message',
              channel: 'CHOST',
              user: 'UBAD5',
              text: 12345,
              ts: answerTs(),
              thread_ts: threadTs,
            },
          },
        ],
        [
          'events_api',
          {
            type: 'event_callback',
            team_id: TEAM,
            event_id: 'EvBad6',
            event: { type: 'message', subtype: 'message_changed', channel: 'CHOST' },
          },
        ],
        [
          'events_api',
          {
            type: 'event_callback',
            team_id: TEAM,
            event_id: 'EvBad7',
            event: {
              type: 'message',
              subtype: 'message_changed',
              channel: 'CHOST',
              message: { user: 'U1', text: 5, ts: replies[2]!.ts },
            },
          },
        ],
        [
          'events_api',
          {
            type: 'event_callback',
            team_id: TEAM,
            event_id: 'EvBad8',
            event: { type: 'message', subtype: 'message_deleted', channel: 'CHOST' },
          },
        ],
        [
          'events_api',
          {
            type: 'event_callback',
            team_id: TEAM,
            event_id: 'EvBad9',
            event: {
              type: 'message',
              channel_type: 'im',
              channel: 'DUBAD',
              user: 'UBAD',
              text: 42,
              ts: answerTs(),
            },
          },
        ],
        [
          'events_api',
          {
            type: 'event_callback',
            team_id: TEAM,
            event_id: 'EvBad10',
            event: { type: 'app_home_opened', user: 5, tab: 'home' },
          },
        ],
        [
          'events_api',
          {
            type: 'event_callback',
            team_id: TEAM,
            event_id: 'EvBad11',
            event: { type: 'member_joined_channel', user: 'U0BOT', channel: null },
          },
        ],
        [
          'events_api',
          { type: 'event_callback', team_id: TEAM, event_id: 'EvBad12', event: { type: 'no_such_event' } },
        ],
        ['events_api', { type: 'event_callback', team_id: TEAM, event_id: 'EvBad13' }],
        ['events_api', { type: 'event_callback', team_id: TEAM, event_id: 'EvBad14', event: null }],
        [
          'events_api',
          {
            type: 'event_callback',
            event: {
              type: 'message',
              channel: 'CHOST',
              user: 'UBAD15',
              text: 'no team, no event id',
              ts: answerTs(),
              thread_ts: threadTs,
            },
          },
        ],
        [
          'events_api',
          {
            type: 'event_callback',
            team_id: TEAM,
            event_id: 'EvBad16',
            event: {
              type: 'message',
              channel: 'CHOST',
              user: 'UBAD16',
              text: 'ts missing',
              thread_ts: threadTs,
            },
          },
        ],
        ['events_api', {}],
        ['events_api', 'not an object'],
        ['weird_type', { hello: 'world' }],
        ['slash_commands', { command: '/star', team_id: TEAM, user_id: 'UBADC' }],
        ['slash_commands', { command: '/lp', text: 12, team_id: TEAM, user_id: 'UBADC' }],
        [
          'interactive',
          { type: 'block_actions', user: { id: 'UBADI', team_id: TEAM }, team: { id: TEAM }, actions: [] },
        ],
        [
          'interactive',
          {
            type: 'block_actions',
            user: { id: 'UBADI', team_id: TEAM },
            team: { id: TEAM },
            actions: [{ action_id: 'save_story', type: 'button' }],
          },
        ],
        [
          'interactive',
          {
            type: 'block_actions',
            user: { id: 'UBADI', team_id: TEAM },
            team: { id: TEAM },
            actions: [{ action_id: 'story_delete', type: 'button', value: '1 OR 1=1' }],
          },
        ],
        [
          'interactive',
          {
            type: 'block_actions',
            user: { id: 'UBADI', team_id: TEAM },
            team: { id: TEAM },
            actions: [{ action_id: 'quiz_answer_1', type: 'button', value: '|||' }],
          },
        ],
        [
          'interactive',
          {
            type: 'view_submission',
            user: { id: 'UBADI', team_id: TEAM },
            team: { id: TEAM },
            view: {
              id: 'VBAD',
              callback_id: 'star_answer_submit',
              private_metadata: '{not json',
              state: { values: {} },
            },
          },
        ],
        [
          'interactive',
          {
            type: 'view_submission',
            user: { id: 'UADMIN', team_id: TEAM },
            team: { id: TEAM },
            view: {
              id: 'VBAD2',
              callback_id: 'schedule_submit',
              private_metadata: 'nope',
              state: {
                values: {
                  time: { value: { value: '09:00' } },
                  timezone: { value: { value: 'UTC' } },
                  weekdays: { value: { selected_options: [{ value: '1' }] } },
                },
              },
            },
          },
        ],
        [
          'interactive',
          {
            type: 'view_submission',
            user: { id: 'UBADI', team_id: TEAM },
            team: { id: TEAM },
            view: {
              id: 'VBAD3',
              callback_id: 'story_edit_submit',
              private_metadata: '{"storyId":"1; DROP TABLE stories"}',
              state: { values: {} },
            },
          },
        ],
      ];
      const malformedAcks = await Promise.all(
        malformed.map(([type, payload]) => {
          inputs += 1;
          return fake.sendEnvelope(type, payload as Record<string, unknown>).then(
            () => true,
            () => false,
          );
        }),
      );

      await quiesce(fake, 300, 60_000);

      // Still alive: a normal answer is answered.
      const normal = threadReply('CHOST', threadTs, STRONG, 'UHNORMAL', answerTs());
      await sendEvent(normal);
      await until(
        () => postLedger(fake, 'reply:').keys.has(`reply:CHOST:${normal.ts}`),
        () => 'a reply to a normal answer afterwards',
        10_000,
      );
      await quiesce(fake, 200);

      // A reply to every person who wrote something, in the thread and in DMs: a card for an answer, or
      // (for chat: thanks, a mention, an emoji) the one private note that it was not scored.
      const ledger = postLedger(fake, 'reply:');
      const hinted = new Set(
        fake
          .callsOf('chat.postEphemeral')
          .filter((c) => okCall(c) && /did not score it/.test(String(c.args.text)))
          .map((c) => String(c.args.user)),
      );
      const unanswered = replies.filter(
        (e, i) =>
          e !== deleted &&
          wroteSomething(texts[i]!) &&
          !ledger.keys.has(`reply:CHOST:${e.ts}`) &&
          !hinted.has(String(e.user)),
      );
      const dmUnanswered = dms.filter(
        (e) =>
          wroteSomething(e.text) &&
          !fake.calls.some(
            (c) => c.method === 'chat.postMessage' && okCall(c) && c.args.channel === e.channel,
          ),
      );
      const fileReplied = ledger.keys.has(`reply:CHOST:${fileShare.ts}`) || hinted.has('UHFILE');
      // No live mention anywhere we wrote: messages, updates, views, response_url posts, ack payloads.
      const leaks = [
        ...outgoingTexts(fake),
        ...fake.acks.map((a) => ({ where: 'ack', text: JSON.stringify(a.payload ?? {}) })),
      ].filter((o) => LIVE_MENTION.test(o.text));
      // Every message within Slack's limits, and accepted by the (validating) fake.
      const messageCalls = fake.calls.filter((c) =>
        ['chat.postMessage', 'chat.postEphemeral', 'chat.update'].includes(c.method),
      );
      const overLimit = messageCalls.flatMap((c) => limitProblems(c).map((p) => `${c.method}: ${p}`));
      const refused = fake.calls
        .filter((c) => c.status !== 200 || !okCall(c))
        .map((c) => `${c.method}: ${JSON.stringify(c.response)}`);
      const unkind = messageCalls.filter((c) => UNKIND.test(String(c.args.text)));
      const bots = fake.calls.filter(
        (c) =>
          c.method === 'chat.postMessage' &&
          /UBOT|U0BOT|UTOP|UFOREIGN/.test(JSON.stringify(c.args.metadata ?? '')),
      );

      record({
        scenario: `6. hostile input (${corpus().length} corpus + 120 random)`,
        inputs,
        duplicates: 0,
        replies: messageCalls.filter(okCall).length,
        lost: unanswered.length + dmUnanswered.length,
        doublePosts: ledger.doubles,
        crashes: crashes.count,
        restarts: 0,
        integrity: integrity(app.dbPath),
      });

      expect.soft(crashes.errors).toEqual([]);
      expect.soft(unanswered.map((e) => JSON.stringify(e.text).slice(0, 80))).toEqual([]);
      expect.soft(dmUnanswered.map((e) => JSON.stringify(e.text).slice(0, 80))).toEqual([]);
      expect.soft(fileReplied).toBe(true);
      expect
        .soft(leaks.map((l) => `${l.where}: ${l.text.match(LIVE_MENTION)?.[0]} in ${l.text.slice(0, 120)}`))
        .toEqual([]);
      expect.soft(overLimit).toEqual([]);
      expect.soft(refused).toEqual([]);
      expect.soft(unkind.map((c) => String(c.args.text).slice(0, 120))).toEqual([]);
      expect.soft(bots).toEqual([]);
      expect(ledger.doubles).toBe(0);
      expect.soft(commandAcks.filter((a) => a === undefined)).toHaveLength(0);
      expect.soft(unacked).toBe(0);
      // Malformed envelopes never take the app down (some are not acked: Slack retries them, then gives up).
      expect(malformedAcks.filter(Boolean).length).toBeGreaterThan(0);
      expect(integrity(app.dbPath)).toBe('ok');
    } finally {
      crashes.dispose();
      await app.stop();
    }
  });
});
