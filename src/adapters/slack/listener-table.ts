import type { App } from '@slack/bolt';

/** What a listener module registers on: Bolt's own registration methods. */
export type Listeners = Pick<App, 'action' | 'view' | 'event' | 'command'>;

type Kind = 'action' | 'view' | 'event' | 'command';
type Constraint = string | RegExp;
type Handler = (args: never) => Promise<void> | void;

/** The id each kind of request is matched on, as Bolt matches a string or RegExp constraint. */
const idOf: Record<Kind, (args: Partial<Record<Kind, unknown>>) => unknown> = {
  action: (a) => (a.action as { action_id?: unknown } | undefined)?.action_id,
  view: (a) => (a.view as { callback_id?: unknown } | undefined)?.callback_id,
  event: (a) => (a.event as { type?: unknown } | undefined)?.type,
  command: (a) => (a.command as { command?: unknown } | undefined)?.command,
};

const ANY = /[\s\S]*/;

/**
 * Listener modules register here, and Bolt gets one listener per kind (actions, views, events, commands) that
 * hands each request to the handler registered for its id.
 *
 * Bolt runs the middleware chain of every registered listener for every incoming request, and each chain
 * allocates and awaits even when its first check turns the request away. With about thirty listeners, that
 * was about 80 KB allocated per event (a fifth of a thread answer's whole handling) before our own listener
 * ran. The matching is Bolt's: a string is the id itself, a RegExp tests it (action_id, a view's callback_id,
 * an event's type, a command). As with Bolt, a request no handler matches is left alone (not acknowledged),
 * and every handler that matches runs.
 */
export function listenerTable(): { listeners: Listeners; install(app: App): void } {
  const table: Record<Kind, Array<[Constraint, Handler]>> = { action: [], view: [], event: [], command: [] };
  const add =
    (kind: Kind) =>
    (constraint: Constraint, ...handlers: Handler[]): void => {
      if (handlers.length !== 1 || (typeof constraint !== 'string' && !(constraint instanceof RegExp)))
        throw new TypeError(`${kind} listeners here take an id or a RegExp and one handler`);
      table[kind].push([constraint, handlers[0]!]);
    };
  const dispatch = (kind: Kind) => async (args: object) => {
    const id = idOf[kind](args);
    if (typeof id !== 'string') return;
    const matched = table[kind].filter(([c]) => (typeof c === 'string' ? c === id : c.test(id)));
    // As Bolt: every match runs to its end, then one failure is rethrown, or all of them together.
    const failed = (
      await Promise.allSettled(matched.map(async ([, handler]) => handler(args as never)))
    ).filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length === 1) throw failed[0]!.reason;
    if (failed.length > 1)
      throw new AggregateError(
        failed.map((r) => r.reason),
        `${failed.length} ${kind} handlers failed`,
      );
  };
  // Bolt's registration methods are overloaded per payload type; the table takes what our modules pass.
  const listeners = {
    action: add('action'),
    view: add('view'),
    event: add('event'),
    command: add('command'),
  } as unknown as Listeners;
  return {
    listeners,
    install(app) {
      if (table.action.length) app.action(ANY, dispatch('action'));
      if (table.view.length) app.view(ANY, dispatch('view'));
      if (table.event.length) app.event(ANY, dispatch('event'));
      if (table.command.length) app.command(ANY, dispatch('command'));
    },
  };
}
