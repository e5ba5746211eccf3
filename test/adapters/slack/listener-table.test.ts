import type { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { listenerTable } from '../../../src/adapters/slack/listener-table.js';

/** Bolt's registration methods, recording what is registered (the Slack tests drive the real app). */
function boltStub() {
  const registered: Array<{ kind: string; handler: (args: object) => Promise<void> }> = [];
  const on = (kind: string) => (_c: unknown, handler: (args: object) => Promise<void>) =>
    registered.push({ kind, handler });
  const app = { action: on('action'), view: on('view'), event: on('event'), command: on('command') };
  return { app: app as unknown as App, registered };
}

describe('the listener table', () => {
  it('gives Bolt one listener per kind, and hands each request to the handlers its id matches', async () => {
    const { listeners, install } = listenerTable();
    const seen: string[] = [];
    listeners.action('save_story', async () => void seen.push('save'));
    listeners.action(/^practise_gap:/, async () => void seen.push('gap'));
    listeners.action(/^practise_gap:cust/, async () => void seen.push('gap-customer'));
    listeners.event('message', async () => void seen.push('message'));
    listeners.event('app_home_opened', async () => void seen.push('home'));
    listeners.view('story_edit', async () => void seen.push('view'));
    listeners.command('/star', async () => void seen.push('star'));
    const { app, registered } = boltStub();
    install(app);
    expect(registered.map((r) => r.kind)).toEqual(['action', 'view', 'event', 'command']);
    const [action, view, event, command] = registered.map((r) => r.handler);

    await action!({ action: { action_id: 'save_story' } });
    await action!({ action: { action_id: 'practise_gap:customer-obsession' } });
    await action!({ action: { action_id: 'save_story_2' } });
    await event!({ event: { type: 'message' } });
    await event!({ event: { type: 'reaction_added' } });
    await view!({ view: { callback_id: 'story_edit' } });
    await command!({ command: { command: '/star' } });
    await command!({ command: { command: '/lp' } });
    // A string is the whole id; a RegExp tests it; every match runs; nothing runs for an id nobody registered.
    expect(seen).toEqual(['save', 'gap', 'gap-customer', 'message', 'view', 'star']);
  });

  it('lets every matching handler finish before it reports a failure, as Bolt does', async () => {
    const { listeners, install } = listenerTable();
    const done: string[] = [];
    listeners.event('message', async () => {
      throw new Error('first failed');
    });
    listeners.event('message', async () => {
      await new Promise((r) => setTimeout(r, 20));
      done.push('second');
    });
    const { app, registered } = boltStub();
    install(app);
    await expect(registered[0]!.handler({ event: { type: 'message' } })).rejects.toThrow('first failed');
    expect(done).toEqual(['second']);
  });

  it('registers nothing with Bolt for a kind nobody listens to', () => {
    const { listeners, install } = listenerTable();
    listeners.command('/lp', async () => undefined);
    const { app, registered } = boltStub();
    install(app);
    expect(registered.map((r) => r.kind)).toEqual(['command']);
  });

  it('refuses registrations it would not match the way Bolt does', () => {
    const { listeners } = listenerTable();
    const handler = async () => undefined;
    expect(() => listeners.action({ action_id: 'x', type: 'block_actions' }, handler)).toThrow(
      /id or a RegExp/,
    );
    expect(() => listeners.action('x', handler, handler)).toThrow(/one handler/);
  });
});
