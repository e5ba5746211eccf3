/**
 * What kind of story a question asks for. The type decides what the rubric expects (a failure answer must
 * own the mistake and the lesson; a conflict answer must show listening and the resolution) and what counts
 * as answering the question at all.
 */
export const QUESTION_TYPES = [
  'ownership',
  'failure',
  'conflict',
  'customer',
  'people',
  'data',
  'judgement',
  'innovation',
  'standards',
  'frugality',
  'learning',
  'delivery',
  'responsibility',
  'general',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** What a follow-up probe asks the candidate to supply; the follow-up judge rates whether the reply does. */
export const PROBE_ASKS = [
  'own_action',
  'verification',
  'motive',
  'lesson',
  'mistake_ownership',
  'prevention',
  'tradeoff',
  'influence',
  'recovery',
  'impact',
] as const;
export type ProbeAsk = (typeof PROBE_ASKS)[number];

/**
 * Story elements a question can require ("a failure", "a disagreement", "a customer"): an answer that shows
 * none of an element's signals tells a good story about something else.
 */
export const STORY_ELEMENTS = [
  'setback',
  'customer_pain',
  'obstacle',
  'disagreement',
  'customer',
  'feedback',
  'uncertainty',
  'risk',
  'deadline',
  'investigation',
  'person_developed',
  'hiring',
  'cost',
  'learning_new',
  'broad_impact',
] as const;
export type StoryElement = (typeof STORY_ELEMENTS)[number];
