import type { Origin } from '../coach.js';
import { interpretInSession, parseStart, type StartRequest } from '../commands.js';
import type { Level } from '../content/schema.js';
import { CoachError } from '../errors.js';
import { KEYS, SESSION_IDS } from '../ids.js';
import { notice } from '../notice.js';
import type { Input, Mode, SessionState } from '../practice/session.js';
import { homeFor } from './home.js';
import type { Actor, CoreDeps, Effects, Reply } from './types.js';

const DM_MODES: SessionState['mode'][] = ['practice', 'mock', 'walkthrough'];

/** A DM session to start: from a DM, a slash command or a button. */
export interface StartInput {
  teamId: string;
  userId: string;
  /** The DM channel with the person. */
  channel: string;
  mode: Exclude<Mode, 'thread'>;
  principle?: string | null;
  level?: Level | null;
  questionId?: string | null;
  count?: number | null;
  /** The request's own id (a DM's ts, a button's action ts): a retried request finds its session. */
  requestId?: string | null;
}

/**
 * Starts a DM practice session (practice, walkthrough or mock) and queues its first step; an open session
 * of the person is ended first (its answers are kept).
 */
export async function startPractice(deps: CoreDeps, input: StartInput): Promise<Effects> {
  const { channels, coach, replies } = deps;
  const id = SESSION_IDS.dm(input.teamId, input.userId, input.requestId || deps.newId());
  const key = KEYS.sessionStart(id);
  await channels.transaction(async () => {
    if (await replies.has(key)) return;
    const previous = await coach.activeSession(input.teamId, input.userId, DM_MODES);
    if (previous) await coach.handle(previous.id, { type: 'command', name: 'end' }, { source: 'dm' });
    const step = await coach.start(
      {
        id,
        mode: input.mode,
        teamId: input.teamId,
        userId: input.userId,
        level: input.level ?? (await coach.settings(input.teamId, input.userId)).level,
        principle: input.principle ?? null,
        questionId: input.questionId ?? null,
        count: input.count ?? undefined,
      },
      { source: 'dm', channelId: input.channel },
    );
    await replies.queue({
      key,
      teamId: input.teamId,
      userId: input.userId,
      target: { channel: input.channel },
      parts: [{ reply: { kind: 'coaching', outputs: step.output, view: { sessionId: id } } }],
    });
  });
  return { send: [key] };
}

const startOf = (input: Omit<StartInput, 'mode'>, request: StartRequest): StartInput => ({
  ...input,
  mode: request.mode === 'thread' ? 'practice' : request.mode,
  principle: request.principle,
  level: request.level,
  count: request.count,
});

/** A DM to the bot: a start request, a session step, a quiz answer, a command, or help. */
export async function directMessage(
  deps: CoreDeps,
  input: { teamId: string; userId: string; channel: string; ts: string; text: string },
): Promise<Effects> {
  const { coach, replies } = deps;
  const key = KEYS.dm(input.channel, input.ts);
  if (await replies.has(key)) return { send: [key] };
  const say = async (reply: Reply): Promise<Effects> => {
    await replies.queue({
      key,
      teamId: input.teamId,
      userId: input.userId,
      target: { channel: input.channel },
      parts: [{ reply }],
    });
    return { send: [key] };
  };
  const word = input.text.trim().toLowerCase();
  if (word === 'help' || word === '?' || word === 'menu') return await say({ kind: 'help' });
  const active = await coach.activeSession(input.teamId, input.userId, DM_MODES);
  const base = { teamId: input.teamId, userId: input.userId, channel: input.channel, requestId: input.ts };
  // In a quiz, "1"/"2"/"b" answer it; the menu's numbers only start a session when none is open.
  const line = active ? interpretInSession(active, input.text) : null;
  const start = line?.kind === 'quiz' ? null : parseStart(coach.lookup, input.text, { menuNumbers: !active });
  // A start request ("practice", "mock dive deep") starts a session whatever the open one waits for (a quiz
  // choice was read above): a reply to a follow-up is a sentence, and one that opens with "practice" or "mock"
  // does not parse as a start.
  if (start && !('error' in start)) return startPractice(deps, startOf(base, start));
  if (!active) {
    return await say({
      kind: 'notice',
      notice:
        start && 'error' in start
          ? start.error
          : notice('Say "practice", "practice ownership senior", "mock", "walkthrough dive deep" or "help".'),
    });
  }
  const sessionInput: Input =
    line?.kind === 'command'
      ? { type: 'command', name: line.name, messageId: input.ts }
      : line?.kind === 'quiz'
        ? { type: 'quiz', choice: line.choice, messageId: input.ts }
        : { type: 'text', text: input.text, messageId: input.ts };
  return stepSession(
    deps,
    { teamId: input.teamId, userId: input.userId },
    {
      sessionId: active.id,
      input: sessionInput,
      origin: { source: 'dm', channelId: input.channel, messageTs: input.ts },
      key,
      channel: input.channel,
    },
    {},
  );
}

/**
 * One step of a DM session, and its coaching reply queued in the same transaction; the App Home is refreshed
 * when the step stored an answer or ended the session. `duplicate`: what to return for a redelivered step.
 */
async function stepSession(
  deps: CoreDeps,
  who: { teamId: string; userId: string },
  step: { sessionId: string; input: Input; origin: Origin; key: string; channel: string },
  duplicate: Effects,
): Promise<Effects> {
  const { channels, coach, replies } = deps;
  const done = await channels.transaction(async () => {
    const s = await coach.handle(step.sessionId, step.input, step.origin);
    if (s.duplicate) return null;
    await replies.queue({
      key: step.key,
      teamId: who.teamId,
      userId: who.userId,
      target: { channel: step.channel },
      parts: [
        {
          reply: {
            kind: 'coaching',
            outputs: s.output,
            view: { sessionId: step.sessionId, answerId: s.stored[0]?.id ?? null },
          },
        },
      ],
    });
    return s;
  });
  if (!done) return duplicate;
  const changed = done.stored.length > 0 || done.state.status !== 'active';
  return { send: [step.key], ...(changed ? { home: homeFor(deps, who.teamId, who.userId) } : {}) };
}

/** The session behind a button or form, if it is the actor's; anything else is refused. */
async function ownSession(deps: CoreDeps, actor: Actor, sessionId: string): Promise<SessionState> {
  const session = await deps.coach.session(sessionId);
  if (!session || session.userId !== actor.userId || session.teamId !== actor.teamId)
    throw new CoachError('not_allowed', 'That session is not yours.');
  return session;
}

/**
 * A session button (next, hint, skip, end, a quiz option) or a submitted answer form. `requestId` (the
 * action's ts, the form's view id) makes a redelivered click change nothing.
 */
export async function sessionAction(
  deps: CoreDeps,
  actor: Actor,
  input: { sessionId: string; channel: string; input: Input; requestId?: string | null },
): Promise<Effects> {
  const { replies } = deps;
  await ownSession(deps, actor, input.sessionId);
  const requestId = input.requestId || deps.newId();
  const key = KEYS.sessionAction(input.sessionId, requestId);
  if (await replies.has(key)) return { send: [key] };
  return stepSession(
    deps,
    actor,
    {
      sessionId: input.sessionId,
      input: { ...input.input, messageId: `request:${requestId}` },
      origin: { source: 'dm', channelId: input.channel },
      key,
      channel: input.channel,
    },
    { send: [key] },
  );
}

/** The answer form for a session's open question. */
export async function openSessionForm(deps: CoreDeps, actor: Actor, sessionId: string): Promise<Effects> {
  const session = await ownSession(deps, actor, sessionId);
  const item = session.items[session.current];
  const question = item ? deps.content.questionById.get(item.questionId)?.text : undefined;
  return {
    modal: { kind: 'answer', to: { kind: 'session', sessionId }, question: question ?? 'Your answer' },
  };
}

/** The five fields of the answer form. */
export interface AnswerFormParts {
  situation?: string | null;
  task?: string | null;
  action?: string | null;
  result?: string | null;
  reflection?: string | null;
}

/** The form's fields as one labelled answer ("Situation: …"), the way a typed answer may be written. */
export function answerFromForm(parts: AnswerFormParts): string {
  const labels = [
    ['situation', 'Situation'],
    ['task', 'Task'],
    ['action', 'Action'],
    ['result', 'Result'],
    ['reflection', 'Reflection'],
  ] as const;
  return labels
    .map(([key, label]) => {
      const v = parts[key]?.trim();
      return v ? `${label}: ${v}` : '';
    })
    .filter(Boolean)
    .join('\n');
}
