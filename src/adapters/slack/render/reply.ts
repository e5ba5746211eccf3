import type { ModalView } from '@slack/types';
import type { Content } from '../../../core/content/content.js';
import { type Notice, noticeText } from '../../../core/notice.js';
import type { Modal, Reply } from '../../../core/usecases/types.js';
import { escapeUserText, fitMessages, type SlackMessage, section } from './blocks.js';
import {
  answerModal,
  chatHintMessage,
  formIntro,
  helpMessage,
  onboardingMessage,
  privateCardNote,
  promptPostedMessage,
  resumedMessage,
  scheduleModal,
  scheduleSavedMessage,
  storyEditModal,
} from './channel.js';
import { renderOutputs } from './coaching.js';
import {
  forgetConfirm,
  forgotten,
  principleCard,
  principleList,
  reframeMessage,
  storiesMessage,
  suggestions,
} from './private.js';

/** A notice as mrkdwn: its own formatting kept, the words a person typed escaped. */
export function noticeMarkdown(n: Notice): string {
  return noticeText(n, escapeUserText);
}

/** A notice as one message (text only, so it fits an ephemeral response or an ack). */
export function noticeMessage(n: Notice): SlackMessage {
  const text = noticeMarkdown(n);
  return text.length > 300 ? fitMessages([section(text)], text)[0]! : fitMessages([], text)[0]!;
}

/** Every reply the core can ask for, as Slack messages within Slack's limits. */
export function renderReply(reply: Reply, content: Content): SlackMessage[] {
  switch (reply.kind) {
    case 'notice':
      return [noticeMessage(reply.notice)];
    case 'help':
      return [helpMessage()];
    case 'coaching':
      return renderOutputs(reply.outputs, { content, ...reply.view });
    case 'principle':
      return [principleCard(reply.principle, reply.questions, reply.story, reply.shareable)];
    case 'principles':
      return [principleList(content)];
    case 'suggestions':
      return [suggestions(reply.query, reply.suggestions)];
    case 'reframe':
      return [reframeMessage(reply.reframe, reply.stories)];
    case 'stories':
      return [storiesMessage(content, reply.stories, reply.coverage)];
    case 'forget_confirm':
      return [forgetConfirm()];
    case 'forgotten':
      return [fitMessages([], forgotten(reply.counts))[0]!];
    case 'private_card_note':
      return [privateCardNote(reply.userId)];
    case 'form_intro':
      return [formIntro(reply.userId, reply.privateCard)];
    case 'chat_hint':
      return [chatHintMessage(reply.reason)];
    case 'onboarding':
      return [onboardingMessage()];
    case 'prompt_posted':
      return [promptPostedMessage(reply.scheduled, reply.channelId)];
    case 'schedule_saved':
      return [scheduleSavedMessage(reply.schedule, reply.nextRun)];
    case 'resumed':
      return [resumedMessage(reply.nextRun)];
  }
}

/** Every modal the core can ask for. */
export function renderModal(modal: Modal): ModalView {
  switch (modal.kind) {
    case 'schedule':
      return scheduleModal(modal.channelId, modal.current, modal.timezone);
    case 'answer':
      return answerModal(modal.to, modal.question);
    case 'story_edit':
      return storyEditModal(modal.story, modal.principles);
  }
}
