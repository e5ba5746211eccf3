/**
 * Every id the app puts into Slack or its outbox, defined once. Outbox keys are what makes a message "sent
 * at most once": the same event always builds the same key. Action and view ids name the buttons, menus and
 * modals; the Slack listeners register exactly these.
 */

/** Outbox keys. */
export const KEYS = {
  /** The reply to one thread message (score card, follow-up, judgement). */
  reply: (channelId: string, ts: string) => `reply:${channelId}:${ts}`,
  /** The wrap-up of an answer's conversation, kept apart so an edit can rewrite it and a delete remove it. */
  wrapup: (channelId: string, answerTs: string) => `wrapup:${channelId}:${answerTs}`,
  /** A re-score after an edit that cannot rewrite the card in place (a private card). */
  edit: (channelId: string, answerTs: string, editTs: string) => `edit:${channelId}:${answerTs}:${editTs}`,
  /** The one "I only score answers" hint a person gets in a thread. */
  chatHint: (channelId: string, threadTs: string, userId: string) =>
    `hint:${channelId}:${threadTs}:${userId}`,
  /** The reply to one DM. */
  dm: (channelId: string, ts: string) => `dm:${channelId}:${ts}`,
  /** The first message of a DM session. */
  sessionStart: (sessionId: string) => `start:${sessionId}`,
  /** A DM session step from a button or a form. */
  sessionAction: (sessionId: string, actionId: string) => `action:${sessionId}:${actionId}`,
  /** The introduction when the bot joins a channel. */
  onboard: (channelId: string) => `onboard:${channelId}`,
  /** A daily prompt's metadata key. */
  prompt: (promptId: number) => `prompt:${promptId}`,
} as const;

/** Thread and DM session ids. */
export const SESSION_IDS = {
  thread: (channelId: string, threadTs: string, userId: string) =>
    `thread:${channelId}:${threadTs}:${userId}`,
  dm: (teamId: string, userId: string, nonce: string) => `dm:${teamId}:${userId}:${nonce}`,
} as const;

/** Block Kit action ids. Ids that repeat in one block (a list of buttons) end in `_<n>`. */
export const ACTIONS = {
  promptTips: 'prompt_tips',
  promptForm: 'prompt_form',
  promptPrivate: 'prompt_private',
  saveStory: 'save_story',
  sessionNext: 'session_next',
  sessionHint: 'session_hint',
  sessionSkip: 'session_skip',
  sessionEnd: 'session_end',
  sessionForm: 'session_form',
  /** quiz_answer_0 … quiz_answer_3 */
  quizAnswer: (i: number) => `quiz_answer_${i}`,
  lookupOpen: (i: number) => `lookup_open_${i}`,
  lookupShare: 'lookup_share',
  lookupReframe: 'lookup_reframe',
  lookupPractise: 'lookup_practise',
  practiseGap: (i: number) => `practise_gap_${i}`,
  homePractice: 'home_practice',
  homeLevel: 'home_level',
  homePrivacy: 'home_privacy',
  storyEdit: 'story_edit',
  storyDelete: 'story_delete',
  forgetConfirm: 'forget_confirm',
  forgetCancel: 'forget_cancel',
  scheduleOpen: 'schedule_open',
} as const;

/** Patterns for the numbered action ids, for listeners (messages sent before the numbering still work). */
export const ACTION_PATTERNS = {
  sessionStep: /^session_(next|hint|skip|end)$/,
  quizAnswer: /^quiz_answer_\d$/,
  lookupOpen: /^lookup_open(_\d+)?$/,
  practiseGap: /^practise_gap(_\d+)?$/,
} as const;

/** The session command each session button sends. */
export const SESSION_STEP_ACTIONS: Record<string, 'next' | 'hint' | 'skip' | 'end'> = {
  [ACTIONS.sessionNext]: 'next',
  [ACTIONS.sessionHint]: 'hint',
  [ACTIONS.sessionSkip]: 'skip',
  [ACTIONS.sessionEnd]: 'end',
};

/** Modal callback ids. */
export const VIEWS = {
  schedule: 'schedule_submit',
  answer: 'star_answer_submit',
  storyEdit: 'story_edit_submit',
} as const;

/** Slash commands. */
export const COMMANDS = { lp: '/lp', star: '/star' } as const;
