import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { register as appHomeOpened } from './app-home-opened.js';
import { register as appUninstalled } from './app-uninstalled.js';
import { register as memberJoinedChannel } from './member-joined-channel.js';
import { register as message } from './message.js';

/** The Events API events. */
export function register(app: App, ctx: SlackContext): void {
  message(app, ctx);
  memberJoinedChannel(app, ctx);
  appHomeOpened(app, ctx);
  appUninstalled(app, ctx);
}
