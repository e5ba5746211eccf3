import type { SlackContext } from '../../context.js';
import type { Listeners } from '../../listener-table.js';
import { register as answerSubmit } from './answer-submit.js';
import { register as scheduleSubmit } from './schedule-submit.js';
import { register as storyEditSubmit } from './story-edit-submit.js';

/** Modal submissions. */
export function register(app: Listeners, ctx: SlackContext): void {
  scheduleSubmit(app, ctx);
  answerSubmit(app, ctx);
  storyEditSubmit(app, ctx);
}
