import { classifyThreadReply } from '../channel/classify.js';
import type { PromptRecord } from '../channel/ports.js';
import type { Origin } from '../coach.js';
import { KEYS, SESSION_IDS } from '../ids.js';
import { type Output, type SessionState, wrapup } from '../practice/session.js';
import { effectivePrivacy } from '../schedule/schedule.js';
import type { AnswerRecord } from '../store.js';
import { type AnswerFormParts, answerFromForm, sessionAction } from './direct.js';
import { homeFor } from './home.js';
import type {
  Actor,
  CoachingView,
  CoreDeps,
  Effects,
  QueuedMessage,
  Reply,
  Rewrite,
  Target,
} from './types.js';

/** A person's message in a daily question's thread (typed, or submitted with the answer form). */
export interface ThreadMessageInput {
  teamId: string;
  channelId: string;
  userId: string;
  ts: string;
  threadTs: string;
  text: string;
  /** Submitted with the answer form: always an answer, and announced in the thread. */
  viaForm?: boolean;
}

/** A person's settings in a channel: their level, and their cards' privacy (the channel's rule, else theirs). */
async function settingsIn(deps: CoreDeps, channelId: string, teamId: string, userId: string) {
  const settings = await deps.coach.settings(teamId, userId);
  const privacy = effectivePrivacy(
    (await deps.channels.getSchedule(channelId))?.privacy ?? null,
    settings.privacy,
  );
  return { level: settings.level, privacy };
}

function targetOf(prompt: PromptRecord, userId: string, privacy: 'public' | 'ephemeral'): Target {
  return {
    channel: prompt.channelId,
    threadTs: prompt.messageTs,
    ephemeralUser: privacy === 'ephemeral' ? userId : null,
  };
}

/**
 * One thread reply, typed or from the form: chat gets no card (and at most one private hint per person and
 * thread); an answer gets its score card and a follow-up; the author's next answer-like reply answers the
 * follow-up. The reply is queued in the same transaction as the state, under a key made from the message.
 */
export async function answerInThread(deps: CoreDeps, input: ThreadMessageInput): Promise<Effects> {
  const { channels, coach, coachStore, replies, clock } = deps;
  const key = KEYS.reply(input.channelId, input.ts);
  // A redelivered message: make sure its reply went out, and change nothing.
  if (await replies.has(key)) return { send: [key] };
  if (input.ts === input.threadTs) return {};
  return await channels.transaction(async (): Promise<Effects> => {
    const prompt = await channels.findPromptByTs(input.channelId, input.threadTs);
    if (!prompt?.messageTs) return {};
    if (await coachStore.findAnswerByMessage(input.channelId, input.ts)) return {};
    const sessionId = SESSION_IDS.thread(input.channelId, input.threadTs, input.userId);
    const session = await coach.session(sessionId);
    const kind = input.viaForm ? ({ kind: 'answer' } as const) : classifyThreadReply(input.text);
    if (kind.kind === 'chat') {
      // Chat never moves a conversation on. Someone who has not answered yet hears why, once.
      if (session) return {};
      const hint = KEYS.chatHint(input.channelId, input.threadTs, input.userId);
      await replies.queue({
        key: hint,
        teamId: input.teamId,
        userId: input.userId,
        target: { channel: input.channelId, threadTs: prompt.messageTs, ephemeralUser: input.userId },
        parts: [{ reply: { kind: 'chat_hint', reason: kind.reason } }],
      });
      return { send: [hint] };
    }

    const { level: userLevel, privacy } = await settingsIn(deps, input.channelId, input.teamId, input.userId);
    const origin: Origin = {
      source: 'channel',
      channelId: input.channelId,
      messageTs: input.ts,
      threadTs: input.threadTs,
    };
    const text = { type: 'text' as const, text: input.text, messageId: input.ts };
    let outputs: Output[];
    let answer: AnswerRecord | null = null;
    let isProbeAnswer = false;
    if (session?.status === 'active' && session.stage === 'awaiting_probe') {
      const step = await coach.handle(sessionId, text, origin);
      if (step.duplicate) return {};
      outputs = step.output;
      isProbeAnswer = true;
    } else {
      const level = userLevel !== 'sde2' ? userLevel : prompt.level;
      const step = await coach.start(
        {
          id: sessionId,
          mode: 'thread',
          teamId: input.teamId,
          userId: input.userId,
          level,
          questionId: prompt.questionId,
        },
        origin,
        text,
      );
      outputs = step.output;
      // Unscorable text (empty, another language) is kept too, so an edit can be scored later.
      answer =
        step.stored[0] ??
        (
          await coachStore.insertAnswer({
            teamId: input.teamId,
            userId: input.userId,
            source: 'channel',
            channelId: input.channelId,
            messageTs: input.ts,
            threadTs: input.threadTs,
            questionId: prompt.questionId,
            principleId: prompt.principleId,
            level,
            text: input.text,
            score: null,
            verdict: 'not_scored',
            report: null,
            createdAt: clock(),
          })
        ).record;
    }

    const view: CoachingView = { inThread: true, privateCard: privacy === 'ephemeral', answerId: answer?.id };
    const main = outputs.filter((o) => o.kind !== 'wrapup');
    const wrap = outputs.filter((o) => o.kind === 'wrapup');
    const parts: QueuedMessage['parts'] = [];
    if (input.viaForm)
      parts.push({
        reply: { kind: 'form_intro', userId: input.userId, privateCard: privacy === 'ephemeral' },
        public: true,
      });
    if (main.length) parts.push({ reply: { kind: 'coaching', outputs: main, view } });
    if (privacy === 'ephemeral' && !isProbeAnswer && !input.viaForm)
      parts.push({ reply: { kind: 'private_card_note', userId: input.userId }, public: true });
    const target = targetOf(prompt, input.userId, privacy);
    const send: string[] = [];
    if (parts.length) {
      await replies.queue({ key, teamId: input.teamId, userId: input.userId, target, parts });
      send.push(key);
    }
    if (wrap.length) {
      // The wrap-up goes on its own, keyed by the answer, so an edit can rewrite it and a delete remove it.
      const after = await coach.session(sessionId);
      const answerTs = after?.items[after.current]?.messageId ?? input.ts;
      const wrapKey = KEYS.wrapup(input.channelId, answerTs);
      await replies.queue({
        key: wrapKey,
        teamId: input.teamId,
        userId: input.userId,
        target,
        parts: [{ reply: { kind: 'coaching', outputs: wrap, view: { ...view, answerId: null } } }],
      });
      send.push(wrapKey);
    }
    const changed = (answer !== null && answer.score !== null) || wrap.length > 0;
    return { send, ...(changed ? { home: homeFor(deps, input.teamId, input.userId) } : {}) };
  });
}

/** A message edit in a question's thread. */
export interface ThreadEditInput {
  teamId: string;
  channelId: string;
  userId: string;
  ts: string;
  threadTs: string | null;
  text: string;
  /** The ts of the `message_changed` event: one per edit, the same on a retry. */
  editTs: string;
}

/** The card's first follow-up, as asked, so a rewritten card keeps it. */
function firstProbe(session: SessionState | null, answerTs: string): Output[] {
  const item = session?.items.find((i) => i.messageId === answerTs);
  const probe = item?.probes[0];
  return probe ? [{ kind: 'probe', text: probe.text, probeId: probe.id, index: 1, reask: false }] : [];
}

/**
 * An edited answer is re-scored, and everything derived from it follows: the card is rewritten (or, when it
 * cannot be, a new private one is sent), the wrap-up is recomputed, and the stored answer and conversation
 * take the new text. An edit that turns chat into an answer is answered as a new reply.
 */
export async function editThreadAnswer(deps: CoreDeps, input: ThreadEditInput): Promise<Effects> {
  const { channels, coach, coachStore, clock } = deps;
  const answer = await coachStore.findAnswerByMessage(input.channelId, input.ts);
  if (!answer) {
    // Never stored: it was chat (or not in our thread). If it now reads as an answer, answer it.
    if (!input.threadTs) return {};
    const sessionId = SESSION_IDS.thread(input.channelId, input.threadTs, input.userId);
    if ((await coach.session(sessionId)) || classifyThreadReply(input.text).kind !== 'answer') return {};
    return answerInThread(deps, { ...input, threadTs: input.threadTs });
  }
  if (answer.source !== 'channel' || !answer.threadTs || answer.userId !== input.userId) return {};
  const prompt = await channels.findPromptByTs(input.channelId, answer.threadTs);
  if (!prompt?.messageTs) return {};
  const report = coach.rubric.scoreAnswer(input.text, { question: answer.questionId, level: answer.level });
  const scored = report.status === 'scored';
  return await channels.transaction(async (): Promise<Effects> => {
    // Read before the answer changes, so a scored edit can keep the item pointing at the answer's row (the store
    // gives the conversation its own copy of the old words while the row changes).
    const sessionId = SESSION_IDS.thread(input.channelId, answer.threadTs!, answer.userId);
    const session = await coachStore.getSession(sessionId);
    const item = session?.items.find((i) => i.messageId === input.ts);
    await coachStore.updateAnswer(
      answer.id,
      {
        text: input.text,
        score: scored ? report.score : null,
        verdict: scored ? report.verdict : 'not_scored',
        report: scored ? report : null,
        edited: true,
      },
      clock(),
    );
    // An edit that no longer scores leaves the conversation on the words it was scored on.
    if (session && item && scored) {
      item.answer = input.text;
      item.report = report;
      await coachStore.saveSession(session);
    }
    const { privacy } = await settingsIn(deps, input.channelId, answer.teamId, answer.userId);
    const target = targetOf(prompt, answer.userId, privacy);
    const view: CoachingView = {
      inThread: true,
      privateCard: privacy === 'ephemeral',
      answerId: answer.id,
      edited: true,
    };
    const card = (outputs: Output[]): Reply => ({ kind: 'coaching', outputs, view });
    const fallback = (key: string, reply: Reply): QueuedMessage => ({
      key,
      teamId: answer.teamId,
      userId: answer.userId,
      target,
      parts: [{ reply }],
    });
    const reportOut: Output = { kind: 'report', report, hideCoaching: false };
    const rewrite: Rewrite[] = [
      {
        key: KEYS.reply(input.channelId, input.ts),
        reply: card([reportOut, ...firstProbe(session, input.ts)]),
        fallback: fallback(KEYS.edit(input.channelId, input.ts, input.editTs), card([reportOut])),
      },
    ];
    const retract: string[] = [];
    const wrapKey = KEYS.wrapup(input.channelId, input.ts);
    if (await deps.replies.has(wrapKey)) {
      // A wrap-up that cannot be recomputed (the conversation is gone, or the answer no longer scores) goes.
      if (item && session?.status === 'done' && scored) {
        const w = card([{ kind: 'wrapup', wrapup: wrapup(item, deps.content.scoring) }]);
        rewrite.push({
          key: wrapKey,
          reply: w,
          fallback: fallback(`${KEYS.edit(input.channelId, input.ts, input.editTs)}:wrapup`, w),
        });
      } else retract.push(wrapKey);
    }
    return { rewrite, retract, home: homeFor(deps, answer.teamId, answer.userId) };
  });
}

/**
 * A deleted thread message: its stored answer goes, and so does everything derived from it: our reply, the
 * replies to its follow-up answers, the wrap-up and the conversation. (Private cards cannot be removed from
 * Slack by an app; they vanish for their reader on reload.)
 */
export async function deleteThreadMessage(
  deps: CoreDeps,
  input: { channelId: string; ts: string },
): Promise<Effects> {
  const { channels, coachStore } = deps;
  const answer = await coachStore.findAnswerByMessage(input.channelId, input.ts);
  if (!answer) return {};
  return await channels.transaction(async (): Promise<Effects> => {
    const retract = [KEYS.reply(input.channelId, input.ts), KEYS.wrapup(input.channelId, input.ts)];
    if (answer.threadTs) {
      const sessionId = SESSION_IDS.thread(input.channelId, answer.threadTs, answer.userId);
      const session = await coachStore.getSession(sessionId);
      const answered = session?.items.some((i) => i.report !== null);
      const isItsAnswer = session?.items.some((i) => i.messageId === input.ts);
      if (session?.seen.includes(input.ts) && (isItsAnswer || !answered)) {
        const later = session.seen.slice(session.seen.indexOf(input.ts) + 1);
        retract.push(...later.map((ts) => KEYS.reply(input.channelId, ts)));
        await coachStore.deleteSession(sessionId);
      }
    }
    // A conversation that keeps its item by reference to this answer gets its own copy first (the store's rule).
    await coachStore.deleteAnswer(answer.id);
    return { retract, home: homeFor(deps, answer.teamId, answer.userId) };
  });
}

/**
 * A submitted answer form: for a daily question it is answered in the question's thread (announced there);
 * for a DM session it answers the session's open question. `viewId` makes a resubmission change nothing.
 */
export async function submitAnswerForm(
  deps: CoreDeps,
  actor: Actor,
  input: {
    to: { kind: 'prompt'; promptId: number } | { kind: 'session'; sessionId: string };
    viewId: string;
    parts: AnswerFormParts;
    dmChannel(): Promise<string>;
  },
): Promise<Effects> {
  const text = answerFromForm(input.parts);
  const requestId = `form-${input.viewId}`;
  if (input.to.kind === 'session') {
    return sessionAction(deps, actor, {
      sessionId: input.to.sessionId,
      channel: await input.dmChannel(),
      input: { type: 'text', text },
      requestId,
    });
  }
  const prompt = await deps.channels.getPrompt(input.to.promptId);
  if (!prompt?.messageTs) return {};
  return answerInThread(deps, {
    teamId: actor.teamId,
    channelId: prompt.channelId,
    userId: actor.userId,
    ts: requestId,
    threadTs: prompt.messageTs,
    text,
    viaForm: true,
  });
}
