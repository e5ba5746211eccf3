import type { QuestionType } from '../../content/question-types.js';
import type { Budget, Level, Principle } from '../../content/schema.js';
import type { Reading } from '../reading.js';
import type { FlagId } from '../types.js';

/** What every dimension reads: the answer, the level and principle asked for, and where to raise flags. */
export interface RateContext {
  r: Reading;
  level: Level;
  /** Senior and principal: cross-team influence, trade-offs, systemic insight expected. */
  senior: boolean;
  principle: Principle | null;
  scopeWeight: number;
  /** Principles judged on people and trust: a concrete observable outcome earns full result credit. */
  qualitative: boolean;
  type: QuestionType | null;
  budget: Budget;
  wordsPerMinute: number;
  concreteVerbs: ReadonlySet<string>;
  /** Present forms of the concrete verbs ("estimate" for "estimated"); see presentForms. */
  concretePresent: ReadonlySet<string>;
  weakVerbs: ReadonlySet<string>;
  workProducts: ReadonlySet<string>;
  raise(id: FlagId, quote: string): void;
}
