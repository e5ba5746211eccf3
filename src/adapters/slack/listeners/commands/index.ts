import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { register as lp } from './lp.js';
import { register as star } from './star.js';

/** The slash commands. */
export function register(app: App, ctx: SlackContext): void {
  lp(app, ctx);
  star(app, ctx);
}
