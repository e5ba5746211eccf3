import { isCoachError } from '../../core/errors.js';
import { type Notice, notice } from '../../core/notice.js';
import { slackError } from './delivery.js';

/** The one place where failures become words a person reads. */
export function userMessage(error: unknown): Notice {
  if (isCoachError(error)) {
    switch (error.code) {
      case 'not_allowed':
        return notice(
          "That isn't yours to change: you can only act on your own answers, stories and sessions.",
        );
      case 'unknown_principle':
      case 'unknown_question':
      case 'not_found':
      case 'invalid_transition':
        // These messages may quote what the person typed: shown escaped.
        return notice('{message}', { message: error.message });
      case 'no_session':
      case 'session_expired':
        return notice('That practice session has ended. Start a new one with `/star practice`.');
      default:
        return notice('Something went wrong on my side. Your answer is saved; please try again in a minute.');
    }
  }
  return notice(slackFailure(slackError(error)));
}

function slackFailure(code: string | null): string {
  switch (code) {
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

/** Why a daily question could not be posted, in words. */
export function postFailure(code: string): string {
  if (code === 'too_late') return 'That question is too late to post now; the next one comes as scheduled.';
  if (code === 'ratelimited' || code === 'service_unavailable')
    return 'Slack is busy right now; I will post the question in a minute.';
  return `I could not post the question. ${slackFailure(code)}`;
}
