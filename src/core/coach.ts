import type { Content } from './content/content.js';
import type { Level } from './content/schema.js';
import { CoachError } from './errors.js';
import { createPrincipleLookup, type PrincipleLookup } from './lookup/lookup.js';
import type { Clock, Logger, Random } from './ports.js';
import {
  advance,
  type Input,
  type SessionState,
  type StartOptions,
  type Step,
  startSession,
} from './practice/session.js';
import type { Rubric } from './rubric/score.js';
import type { AnswerRecord, AnswerSource, CoachStore } from './store.js';
import { type Progress, progressOf } from './stories/progress.js';
import {
  bestStoryFor,
  type CoverageRow,
  coverage,
  principlesShown,
  type Reframe,
  reframe,
  type Story,
  titleFromText,
} from './stories/stories.js';

/** Longest story title (the edit form's limit too). */
export const TITLE_MAX = 120;

export interface CoachDeps {
  content: Content;
  rubric: Rubric;
  store: CoachStore;
  clock: Clock;
  random: Random;
  logger: Logger;
}

/** Where a message came from, so answers can be stored with their origin. */
export interface Origin {
  source: AnswerSource;
  channelId?: string | null;
  messageTs?: string | null;
  threadTs?: string | null;
}

export interface HandleResult extends Step {
  /** Answers stored by this step (a scored answer to a question). */
  stored: AnswerRecord[];
}

/** The platform-free coach: sessions, answers, stories, lookups and progress over the store port. */
export interface Coach {
  content: Content;
  rubric: Rubric;
  lookup: PrincipleLookup;
  /**
   * Starts a session. With `input`, the new session takes it at once (a thread reply that is both the
   * session's start and its answer): one save instead of two, and the result is the input's step.
   */
  start(options: StartOptions, origin: Origin, input?: Input): Promise<HandleResult>;
  handle(sessionId: string, input: Input, origin: Origin): Promise<HandleResult>;
  session(id: string): Promise<SessionState | null>;
  activeSession(teamId: string, userId: string, modes?: SessionState['mode'][]): Promise<SessionState | null>;
  settings(teamId: string, userId: string): Promise<{ level: Level; privacy: 'public' | 'ephemeral' }>;
  setSettings(
    teamId: string,
    userId: string,
    patch: Partial<{ level: Level; privacy: 'public' | 'ephemeral' }>,
  ): Promise<void>;
  /** Saves a story; saving the same answer again returns its story (`created: false`). */
  saveStory(
    teamId: string,
    userId: string,
    input: { answerId?: number; text?: string; title?: string; principles?: string[] },
  ): Promise<{ story: Story; created: boolean }>;
  stories(teamId: string, userId: string): Promise<Story[]>;
  /** A person's stored answers, oldest first. */
  answers(teamId: string, userId: string): Promise<AnswerRecord[]>;
  coverage(teamId: string, userId: string): Promise<CoverageRow[]>;
  bestStory(
    teamId: string,
    userId: string,
    questionOrPrinciple: string,
  ): Promise<ReturnType<typeof bestStoryFor>>;
  reframe(principleText: string, teamId?: string, userId?: string, storyRef?: string): Promise<Reframe>;
  progress(teamId: string, userId: string, offsetMinutes?: number): Promise<Progress>;
}

export function createCoach(deps: CoachDeps): Coach {
  const { content, rubric, store, clock, random, logger } = deps;
  const lookup = createPrincipleLookup(content);

  /**
   * Saves the session and any newly answered item together: a crash keeps both or neither. The answers go
   * first, so the session can point at each stored answer (`answerId`) instead of keeping a second copy.
   */
  function persist(prev: SessionState | null, step: Step, origin: Origin): Promise<HandleResult> {
    return store.transaction(async () => {
      const stored: AnswerRecord[] = [];
      for (const [i, item] of step.state.items.entries()) {
        const before = prev?.items[i];
        if (!item.report || before?.report || item.questionId !== (before?.questionId ?? item.questionId))
          continue;
        const { record, inserted } = await store.insertAnswer({
          teamId: step.state.teamId,
          userId: step.state.userId,
          source: origin.source,
          channelId: origin.channelId ?? null,
          messageTs: origin.messageTs ?? null,
          threadTs: origin.threadTs ?? null,
          questionId: item.questionId,
          principleId: item.principle,
          level: step.state.level,
          text: item.answer ?? '',
          score: item.report.score,
          verdict: item.report.verdict,
          report: item.report,
          createdAt: clock(),
        });
        stored.push(record);
        // A row that was there already (the same message stored before) may hold other words: no reference.
        if (inserted) item.answerId = record.id;
        else delete item.answerId;
      }
      await store.saveSession(step.state);
      return { ...step, stored };
    });
  }

  const deps_ = () => ({ content, rubric, now: clock(), random });

  return {
    content,
    rubric,
    lookup,
    async start(options, origin, input) {
      const step = startSession(options, deps_());
      logger.debug({ session: options.id, mode: options.mode }, 'session started');
      return persist(null, input ? advance(step.state, input, deps_()) : step, origin);
    },
    async handle(sessionId, input, origin) {
      const prev = await store.getSession(sessionId);
      if (!prev) throw new CoachError('no_session', 'There is no session to continue. Start one first.');
      const step = advance(prev, input, deps_());
      if (step.duplicate) return { ...step, stored: [] };
      return persist(prev, step, origin);
    },
    session: (id) => store.getSession(id),
    activeSession: (teamId, userId, modes) => store.findActiveSession(teamId, userId, modes),
    async settings(teamId, userId) {
      const { level, privacy } = await store.getUser(teamId, userId);
      return { level, privacy };
    },
    async setSettings(teamId, userId, patch) {
      const current = await store.getUser(teamId, userId);
      await store.saveUser({ ...current, ...patch }, clock());
    },
    async saveStory(teamId, userId, input) {
      let text = input.text ?? '';
      let principles = input.principles ?? [];
      let bestScore = 0;
      if (input.answerId !== undefined) {
        const answer = await store.getAnswer(input.answerId);
        if (!answer || answer.teamId !== teamId || answer.userId !== userId) {
          throw new CoachError('not_allowed', 'You can only save your own answers as stories.');
        }
        // A second click (or a redelivered one) finds the story the first one saved.
        const existing = (await store.listStories(teamId, userId)).find((s) => s.answerId === answer.id);
        if (existing) return { story: existing, created: false };
        text = answer.text;
        bestScore = answer.score ?? 0;
        if (!principles.length) {
          const fit = answer.report?.dimensions.find((d) => d.id === 'principle_fit')?.rating ?? null;
          principles = principlesShown(content, text, { principle: answer.principleId, fit });
        }
      } else if (text.trim()) {
        const report = rubric.scoreAnswer(text, { principle: principles[0] ?? null });
        bestScore = report.score;
        if (!principles.length) principles = principlesShown(content, text);
      }
      if (!text.trim()) throw new CoachError('not_found', 'A story needs some text.');
      for (const p of principles) {
        if (!content.principleById.has(p))
          throw new CoachError('unknown_principle', `Unknown principle "${p}".`);
      }
      const story = await store.addStory(
        teamId,
        userId,
        {
          title: input.title?.trim().slice(0, TITLE_MAX) || titleFromText(text),
          text,
          principles,
          bestScore,
        },
        clock(),
        input.answerId ?? null,
      );
      return { story, created: true };
    },
    stories: (teamId, userId) => store.listStories(teamId, userId),
    answers: (teamId, userId) => store.listAnswers(teamId, userId),
    coverage: async (teamId, userId) => coverage(content, await store.listStories(teamId, userId)),
    async bestStory(teamId, userId, ref) {
      const principle = content.questionById.get(ref)?.principle ?? ref;
      return bestStoryFor(content, await store.listStories(teamId, userId), principle);
    },
    async reframe(principleText, teamId, userId, storyRef) {
      const match = lookup.find(principleText);
      if (match.kind !== 'found') {
        throw new CoachError(
          'unknown_principle',
          match.kind === 'suggestions' && match.suggestions.length
            ? `I don't know "${principleText}". Did you mean ${match.suggestions.map((p) => p.name).join(', ')}?`
            : 'Name a principle to reframe for, e.g. "customer obsession".',
        );
      }
      let story: Story | undefined;
      if (storyRef && teamId && userId) {
        const all = await store.listStories(teamId, userId);
        const lower = storyRef.toLowerCase().trim();
        story =
          all.find((s) => String(s.id) === lower) ?? all.find((s) => s.title.toLowerCase().includes(lower));
        if (!story)
          throw new CoachError(
            'not_found',
            `No story of yours matches "${storyRef}". Your stories: ${all.map((s) => s.title).join('; ') || 'none yet'}.`,
          );
      }
      return reframe(content, match.principle, story);
    },
    async progress(teamId, userId, offsetMinutes = 0) {
      const attempts = (await store.listAnswers(teamId, userId))
        .filter((a) => a.score !== null)
        .map((a) => ({ principle: a.principleId, score: a.score!, createdAt: a.createdAt }));
      return progressOf(content, attempts, clock(), offsetMinutes);
    },
  };
}
