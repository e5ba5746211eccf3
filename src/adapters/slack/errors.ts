import { isCoachError } from '../../core/errors.js';
import { slackError } from './delivery.js';

/** The one place where failures become words a person reads. */
export function userMessage(error: unknown): string {
  if (isCoachError(error)) {
    switch (error.code) {
      case 'not_allowed':
        return "That isn't yours to change: you can only act on your own answers, stories and sessions.";
      case 'unknown_principle':
      case 'unknown_question':
      case 'not_found':
      case 'invalid_transition':
        return error.message;
      case 'no_session':
      case 'session_expired':
        return 'That practice session has ended. Start a new one with `/star practice`.';
      default:
        return 'Something went wrong on my side. Your answer is saved; please try again in a minute.';
    }
  }
  switch (slackError(error)) {
    case 'not_in_channel':
    case 'channel_not_found':
      return "I'm not in that channel yet. Invite me with `/invite @STAR Coach` and try again.";
    case 'is_archived':
      return 'That channel is archived, so I cannot post there.';
    case 'ratelimited':
      return 'Slack asked me to slow down. Your request is saved and will go through shortly.';
    case 'expired_trigger_id':
      return 'That took too long for Slack. Please run the command again.';
    default:
      return 'Something went wrong on my side. Nothing you wrote was lost; please try again in a minute.';
  }
}
