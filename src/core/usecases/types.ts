import type { ChannelService } from '../channel/channel.js';
import type { ChatReason } from '../channel/classify.js';
import type { ChannelStore, PromptRecord } from '../channel/ports.js';
import type { Coach } from '../coach.js';
import type { Content, QuestionEntry } from '../content/content.js';
import type { Level, Principle } from '../content/schema.js';
import type { Notice } from '../notice.js';
import type { Clock, Logger } from '../ports.js';
import type { Output } from '../practice/session.js';
import type { ChannelSchedule } from '../schedule/schedule.js';
import type { CoachStore, DeletedCounts } from '../store.js';
import type { Progress } from '../stories/progress.js';
import type { CoverageRow, Reframe, Story, StoryFit } from '../stories/stories.js';

/** The person acting, with the checks only the platform can answer (asked lazily, at most once each). */
export interface Actor {
  teamId: string;
  userId: string;
  /** Workspace admin or owner, or listed in ADMIN_USER_IDS. */
  isAdmin(): Promise<boolean>;
  /** The person's IANA timezone (UTC when unknown). */
  timezone(): Promise<string>;
}

/** How a coaching message is shown. */
export interface CoachingView {
  /** DM sessions get step buttons carrying the session id. */
  sessionId?: string | null;
  /** A stored answer: the score card offers "Save as story". */
  answerId?: number | null;
  edited?: boolean;
  /** In a channel thread: the follow-up says to reply in the thread. */
  inThread?: boolean;
  /** The card is visible only to its author (the follow-up says the reply itself is public). */
  privateCard?: boolean;
}

/** Everything the app shows a person, as plain data; each adapter renders it its own way. */
export type Reply =
  | { kind: 'notice'; notice: Notice }
  | { kind: 'help' }
  | { kind: 'coaching'; outputs: Output[]; view: CoachingView }
  | {
      kind: 'principle';
      principle: Principle;
      questions: QuestionEntry[];
      story: StoryFit | null;
      shareable: boolean;
    }
  | { kind: 'principles'; principles: Principle[] }
  | { kind: 'suggestions'; query: string; suggestions: Principle[] }
  | { kind: 'reframe'; reframe: Reframe; stories: Array<Pick<Story, 'id' | 'title'>> }
  | { kind: 'stories'; stories: Story[]; coverage: CoverageRow[] }
  | { kind: 'forget_confirm' }
  | { kind: 'forgotten'; counts: DeletedCounts }
  /** Public, next to a private card: who answered, and that the card is private. */
  | { kind: 'private_card_note'; userId: string }
  /** Public, before a form answer's card: who answered with the form. */
  | { kind: 'form_intro'; userId: string; privateCard: boolean }
  /** Private, once per person and thread: chat is not scored, and how to answer. */
  | { kind: 'chat_hint'; reason: ChatReason }
  | { kind: 'onboarding' }
  | { kind: 'prompt_posted'; scheduled: boolean; channelId: string }
  | { kind: 'schedule_saved'; schedule: ChannelSchedule; nextRun: number | null }
  | { kind: 'resumed'; nextRun: number | null };

/** Where a queued message goes. An ephemeral one is seen only by `ephemeralUser`. */
export interface Target {
  channel: string;
  threadTs?: string | null;
  ephemeralUser?: string | null;
}

/** A message the core owes, queued (in the caller's transaction) under a key that makes it sent once. */
export interface QueuedMessage {
  key: string;
  teamId: string;
  /** The person whose words it may quote ("forget me" removes it). */
  userId: string | null;
  target: Target;
  /** In order; `public` shows a part to everyone even when the target is ephemeral. */
  parts: Array<{ reply: Reply; public?: boolean }>;
}

/**
 * The outbox, as the core sees it: `queue` renders and stores the message inside the use case's transaction,
 * so state and message commit together; false when the key is already queued. `has` tells whether a message
 * is already owed or sent under a key (a redelivered event finds its reply there).
 */
export interface ReplyQueue {
  queue(message: QueuedMessage): Promise<boolean>;
  has(key: string): Promise<boolean>;
}

/** A message already in Slack to rewrite; when it cannot be (private, never sent) it goes as `fallback`. */
export interface Rewrite {
  key: string;
  reply: Reply;
  fallback: QueuedMessage;
}

export type Modal =
  | { kind: 'schedule'; channelId: string; current: ChannelSchedule | null; timezone: string }
  | {
      kind: 'answer';
      to: { kind: 'prompt'; promptId: number } | { kind: 'session'; sessionId: string };
      question: string;
    }
  | { kind: 'story_edit'; story: Story; principles: Principle[] };

/** What the App Home shows. */
export interface HomeData {
  settings: { level: Level; privacy: 'public' | 'ephemeral' };
  progress: Progress;
  coverage: CoverageRow[];
  stories: number;
  recent: Array<{
    principle: string | null;
    score: number | null;
    verdict: string | null;
    createdAt: number;
  }>;
}

/**
 * A person's App Home to publish again. Its data is read when it is sent, after the replies: a convenience
 * that reads every answer of the person must not hold up the reply they are waiting for.
 */
export interface HomeRefresh {
  userId: string;
  /** Null: nothing to publish (the person has never opened their Home). */
  load(): Promise<HomeData | null>;
}

/** What a use case asks the adapter to do next: render and send. Everything is optional. */
export interface Effects {
  /** Outbox keys queued (or found) by this call: send them now. */
  send?: string[];
  /** Shown only to the person who acted (the command's or button's response). */
  reply?: Reply;
  /** Replaces the message the button was in (e.g. a confirmation). */
  replaceOriginal?: Reply;
  /** Posted in the channel where the button was pressed. */
  share?: Reply;
  /** Posted privately to the actor in a channel (after a modal, which has no response URL). */
  notify?: { channel: string; reply: Reply };
  /** Re-publish the actor's App Home. */
  home?: HomeRefresh;
  /** Open a modal with the trigger of the command or button. */
  modal?: Modal;
  /** Messages already sent to rewrite in place (edits). */
  rewrite?: Rewrite[];
  /** Outbox keys whose sent messages are removed (deletes). */
  retract?: string[];
  /** A daily prompt claimed now: post it, then tell the actor how it went. */
  prompt?: { record: PromptRecord; scheduled: boolean };
  /** A file for the actor's DM. */
  file?: { filename: string; title: string; content: string; comment: string };
  /** A modal submission refused: a message per field. */
  errors?: Record<string, Notice>;
}

/** What every use case may use. */
export interface CoreDeps {
  content: Content;
  coach: Coach;
  coachStore: CoachStore;
  channels: ChannelStore;
  channelService: ChannelService;
  replies: ReplyQueue;
  clock: Clock;
  newId: () => string;
  logger: Logger;
}
