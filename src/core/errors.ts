/** Stable error codes; the adapters map them to user-facing text. */
export type ErrorCode =
  | 'content_invalid'
  | 'config_invalid'
  | 'database_too_new'
  | 'database_in_use'
  | 'empty_answer'
  | 'unknown_principle'
  | 'unknown_question'
  | 'unknown_probe'
  | 'no_session'
  | 'session_expired'
  | 'invalid_transition'
  | 'not_allowed'
  | 'not_found';

/** The one error type the project throws on purpose. */
export class CoachError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CoachError';
    this.code = code;
  }
}

export function isCoachError(error: unknown, code?: ErrorCode): error is CoachError {
  return error instanceof CoachError && (code === undefined || error.code === code);
}
