import type { SlackContext } from '../../context.js';
import type { Listeners } from '../../listener-table.js';
import { register as forgetCancel } from './forget-cancel.js';
import { register as forgetConfirm } from './forget-confirm.js';
import { register as homeLevel } from './home-level.js';
import { register as homePractice } from './home-practice.js';
import { register as homePrivacy } from './home-privacy.js';
import { register as lookupOpen } from './lookup-open.js';
import { register as lookupPractise } from './lookup-practise.js';
import { register as lookupReframe } from './lookup-reframe.js';
import { register as lookupShare } from './lookup-share.js';
import { register as practiseGap } from './practise-gap.js';
import { register as promptForm } from './prompt-form.js';
import { register as promptPrivate } from './prompt-private.js';
import { register as promptTips } from './prompt-tips.js';
import { register as quizAnswer } from './quiz-answer.js';
import { register as saveStory } from './save-story.js';
import { register as scheduleOpen } from './schedule-open.js';
import { register as sessionForm } from './session-form.js';
import { register as sessionStep } from './session-step.js';
import { register as storyDelete } from './story-delete.js';
import { register as storyEdit } from './story-edit.js';

/** Buttons and menus. */
export function register(app: Listeners, ctx: SlackContext): void {
  forgetCancel(app, ctx);
  forgetConfirm(app, ctx);
  homeLevel(app, ctx);
  homePractice(app, ctx);
  homePrivacy(app, ctx);
  lookupOpen(app, ctx);
  lookupPractise(app, ctx);
  lookupReframe(app, ctx);
  lookupShare(app, ctx);
  practiseGap(app, ctx);
  promptForm(app, ctx);
  promptPrivate(app, ctx);
  promptTips(app, ctx);
  quizAnswer(app, ctx);
  saveStory(app, ctx);
  scheduleOpen(app, ctx);
  sessionForm(app, ctx);
  sessionStep(app, ctx);
  storyDelete(app, ctx);
  storyEdit(app, ctx);
}
