import { App, LogLevel, SocketModeReceiver, webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { blockKitProblems, viewProblems } from './block-kit.js';
import { type FakeSlack, startFakeSlack } from './fake-slack.js';

const button = (action_id: string, text = 'Go', value = 'v') => ({
  type: 'button',
  action_id,
  text: { type: 'plain_text', text },
  value,
});
const option = (text: string, value: string) => ({ text: { type: 'plain_text', text }, value });
const section = (text: string, block_id?: string) => ({
  type: 'section',
  text: { type: 'mrkdwn', text },
  ...(block_id ? { block_id } : {}),
});

describe('blockKitProblems', () => {
  it('accepts a well-formed message', () => {
    expect(
      blockKitProblems(
        [
          { type: 'header', text: { type: 'plain_text', text: 'Hi' } },
          section('x', 'a'),
          { type: 'actions', block_id: 'b', elements: [button('one'), button('two')] },
          { type: 'context', elements: [{ type: 'mrkdwn', text: 'c' }] },
          { type: 'divider' },
        ],
        'message',
      ),
    ).toEqual([]);
  });

  it.each([
    [
      'an action_id repeated in one block',
      [{ type: 'actions', elements: [button('lookup_open'), button('lookup_open')] }],
      /repeated action_id "lookup_open" in a block/,
    ],
    ['a block_id repeated in one message', [section('a', 'x'), section('b', 'x')], /repeated block_id "x"/],
    ['51 blocks', Array.from({ length: 51 }, () => ({ type: 'divider' })), /no more than 50 items/],
    ['a section over 3000 characters', [section('x'.repeat(3001))], /less than 3001/],
    [
      'a header over 150 characters',
      [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }],
      /less than 151/,
    ],
    [
      'a button text over 75 characters',
      [{ type: 'actions', elements: [button('b', 't'.repeat(76))] }],
      /less than 76/,
    ],
    [
      'a button value over 2000 characters',
      [{ type: 'actions', elements: [button('b', 't', 'v'.repeat(2001))] }],
      /less than 2001/,
    ],
    [
      '26 elements in an actions block',
      [{ type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button(`b${i}`)) }],
      /1 to 25/,
    ],
    [
      '11 context elements',
      [{ type: 'context', elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'c' })) }],
      /1 to 10/,
    ],
    [
      'an initial option that is not an option',
      [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: 'Level' },
          accessory: {
            type: 'static_select',
            action_id: 's',
            options: [option('A', 'a')],
            initial_option: option('B', 'b'),
          },
        },
      ],
      /is not one of the options/,
    ],
    [
      'a select with 101 options',
      [
        {
          type: 'actions',
          elements: [
            {
              type: 'static_select',
              action_id: 's',
              options: Array.from({ length: 101 }, (_, i) => option(`o${i}`, `${i}`)),
            },
          ],
        },
      ],
      /no more than 100 options/,
    ],
    [
      'an input block in a message',
      [
        {
          type: 'input',
          label: { type: 'plain_text', text: 'L' },
          element: { type: 'plain_text_input', action_id: 'v' },
        },
      ],
      /belong in modals/,
    ],
  ])('refuses %s', (_name, blocks, problem) => {
    expect(blockKitProblems(blocks, 'message').join('\n')).toMatch(problem);
  });

  it('allows the same action_id in different blocks and up to 100 blocks in a view', () => {
    expect(
      blockKitProblems(
        [
          { type: 'actions', elements: [button('practise_gap')] },
          { type: 'actions', elements: [button('practise_gap')] },
        ],
        'message',
      ),
    ).toEqual([]);
    expect(
      blockKitProblems(
        Array.from({ length: 100 }, () => ({ type: 'divider' })),
        'home',
      ),
    ).toEqual([]);
  });

  it('checks a modal’s title, buttons and metadata', () => {
    const modal = {
      type: 'modal',
      title: { type: 'plain_text', text: 'A title longer than 24 chars' },
      blocks: [
        {
          type: 'input',
          label: { type: 'plain_text', text: 'L' },
          element: { type: 'plain_text_input', action_id: 'v' },
        },
      ],
      private_metadata: 'x'.repeat(3001),
    };
    const problems = viewProblems(modal).join('\n');
    expect(problems).toMatch(/title: must be less than 25/);
    expect(problems).toMatch(/submit: required/);
    expect(problems).toMatch(/private_metadata/);
  });
});

describe('the fake Slack refuses what Slack refuses', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()?.();
  });
  const repeated = [{ type: 'actions', elements: [button('lookup_open'), button('lookup_open')] }];

  async function fake(): Promise<FakeSlack> {
    const f = await startFakeSlack();
    cleanups.push(() => f.close());
    return f;
  }

  it('answers invalid_blocks to a message with a repeated action_id, and invalid_arguments to such a view', async () => {
    const f = await fake();
    const client = new webApi.WebClient('xoxb-test', { slackApiUrl: f.apiUrl, retryConfig: { retries: 0 } });
    await expect(
      client.chat.postMessage({ channel: 'C1', text: 'x', blocks: repeated }),
    ).rejects.toMatchObject({
      data: { error: 'invalid_blocks' },
    });
    await expect(
      client.chat.postEphemeral({
        channel: 'C1',
        user: 'U1',
        text: 'x',
        blocks: [section('a', 'x'), section('b', 'x')],
      }),
    ).rejects.toMatchObject({ data: { error: 'invalid_blocks' } });
    await expect(
      client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: repeated as never } }),
    ).rejects.toMatchObject({ data: { error: 'invalid_arguments' } });
    expect(f.refused.map((r) => r.error)).toEqual(['invalid_blocks', 'invalid_blocks', 'invalid_arguments']);
  });

  it("refuses a slash command's ack response and a response_url post with such blocks", async () => {
    const f = await fake();
    const clientOptions = { slackApiUrl: f.apiUrl, retryConfig: { retries: 0 } };
    const app = new App({
      token: 'xoxb-test',
      socketMode: true,
      logLevel: LogLevel.ERROR,
      clientOptions,
      receiver: new SocketModeReceiver({
        appToken: 'xapp-1-test',
        clientPingTimeout: 300,
        logLevel: LogLevel.ERROR,
        installerOptions: { clientOptions },
      }),
    });
    const responded: unknown[] = [];
    app.command('/ack', async ({ ack }) => {
      await ack({ text: 'x', blocks: repeated as never });
    });
    app.command('/respond', async ({ ack, respond }) => {
      await ack();
      await respond({ text: 'x', blocks: repeated as never }).catch((e: unknown) => responded.push(e));
    });
    await app.start();
    cleanups.push(() => app.stop());
    await f.waitConnected();
    await expect(f.sendSlashCommand({ command: '/ack' })).rejects.toThrow(/invalid_command_response/);
    await f.sendSlashCommand({ command: '/respond' });
    await expect.poll(() => responded.length).toBe(1);
    expect(f.responses).toHaveLength(0);
    expect(f.refused.map((r) => r.error)).toEqual(['invalid_command_response', 'invalid_blocks']);
  });
});
