import type { SlackContext } from '../../context.js';
import type { Listeners } from '../../listener-table.js';
import { register as lp } from './lp.js';
import { register as star } from './star.js';

/** The slash commands. */
export function register(app: Listeners, ctx: SlackContext): void {
  lp(app, ctx);
  star(app, ctx);
}
