import type { SlackContext } from '../../context.js';
import type { Listeners } from '../../listener-table.js';
import { register as appHomeOpened } from './app-home-opened.js';
import { register as appUninstalled } from './app-uninstalled.js';
import { register as memberJoinedChannel } from './member-joined-channel.js';
import { register as message } from './message.js';

/** The Events API events. */
export function register(app: Listeners, ctx: SlackContext): void {
  message(app, ctx);
  memberJoinedChannel(app, ctx);
  appHomeOpened(app, ctx);
  appUninstalled(app, ctx);
}
