import type { QuestionType } from '../content/question-types.js';
import type { DimensionId, Level, Section } from '../content/schema.js';
import type { QuestionFit } from './question-fit.js';

export const FLAG_IDS = [
  'missing_situation',
  'missing_task',
  'missing_action',
  'missing_result',
  'missing_reflection',
  'no_scope_boundary',
  'we_not_i',
  'escalated_not_owned',
  'assigned_not_self_initiated',
  'opportunistic_motive',
  'unquantified_result',
  'vague_result',
  'unverified_fix',
  'generic_reflection',
  'generic_claims',
  'long_situation',
  'over_time',
  'under_time',
  'no_systemic_insight',
] as const;
export type FlagId = (typeof FLAG_IDS)[number];

export const VERDICTS = ['strong_hire', 'hire', 'lean_hire', 'lean_no_hire', 'no_hire'] as const;
export type Verdict = (typeof VERDICTS)[number] | 'not_scored';

export interface Flag {
  id: FlagId;
  /** The candidate's own words that raised it (or the nearest words, for something missing). */
  quote: string;
  /** One sentence: why it costs the candidate. */
  message: string;
}

export interface Dimension {
  id: DimensionId;
  rating: number;
  evidence: string[];
  note: string;
}

export interface SectionReport {
  present: boolean;
  words: number;
  seconds: number;
  targetSeconds: number;
}

export interface Report {
  /** `scored`, or why the text could not be scored (the message says so kindly). */
  status: 'scored' | 'empty' | 'no_words' | 'not_english' | 'code_only';
  message: string | null;
  score: number;
  verdict: Verdict;
  level: Level;
  principle: string | null;
  question: string | null;
  dimensions: Dimension[];
  flags: Flag[];
  sections: Record<Section, SectionReport>;
  totalSeconds: number;
  targetSeconds: number;
  /** Spoken time at the slow and fast ends of the speaking-rate range. */
  secondsRange: [number, number];
  words: number;
  labelled: boolean;
  coaching: string[];
  probe: { id: string; text: string } | null;
  /** The kind of story the question asks for (null when no question was given). */
  questionType: QuestionType | null;
  /** Whether the story answers the question asked, and what that kind of question expects. */
  questionFit: QuestionFit | null;
  /** Caps that bound the score ("escalated", "off_question"…), in the order they applied. */
  capped: string[];
}

export interface ScoreOptions {
  level?: Level;
  /** A question id from content, or the question's own words. */
  question?: string | null;
  principle?: string | null;
  /** The kind of question, when it is known but the question is not in content. */
  questionType?: QuestionType | null;
}
