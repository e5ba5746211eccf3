import type { BlockAction, ButtonAction } from '@slack/bolt';
import { ACTION_PATTERNS } from '../../../../core/ids.js';
import type { SlackContext } from '../../context.js';
import type { Listeners } from '../../listener-table.js';
import { practiseButton } from './lookup-practise.js';

/** "Practise <principle>" for a story-bank gap or the App Home's weakest principle. */
export function register(app: Listeners, ctx: SlackContext): void {
  app.action<BlockAction<ButtonAction>>(ACTION_PATTERNS.practiseGap, practiseButton(ctx, false));
}
