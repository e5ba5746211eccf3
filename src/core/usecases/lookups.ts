import { CoachError, isCoachError } from '../errors.js';
import { principleCard } from '../lookup/lookup.js';
import { notice } from '../notice.js';
import type { Reframe } from '../stories/stories.js';
import { startPractice } from './direct.js';
import type { Actor, CoreDeps, Effects, Reply } from './types.js';

/** More words than any principle name or alias has (the longest, "Strive to be Earth's Best Employer", has 6). */
const PRINCIPLE_WORDS = 8;

async function reframeReply(deps: CoreDeps, actor: Actor, reframe: Reframe): Promise<Reply> {
  const stories = (await deps.coach.stories(actor.teamId, actor.userId)).map((s) => ({
    id: s.id,
    title: s.title,
  }));
  return { kind: 'reframe', reframe, stories };
}

/** A principle's card, naming the actor's best story for it. */
export async function principleReply(
  deps: CoreDeps,
  actor: Actor,
  principleId: string,
  shareable = true,
): Promise<Reply | null> {
  const principle = deps.content.principleById.get(principleId);
  if (!principle) return null;
  const card = principleCard(deps.content, principle);
  return {
    kind: 'principle',
    principle,
    questions: card.sampleQuestions,
    story: shareable ? await deps.coach.bestStory(actor.teamId, actor.userId, principle.id) : null,
    shareable,
  };
}

/** `/lp reframe <principle> [story words]`. */
async function reframeCommand(deps: CoreDeps, actor: Actor, rest: string): Promise<Reply> {
  const { coach } = deps;
  if (!rest)
    return {
      kind: 'notice',
      notice: notice(
        'Which principle? e.g. `/lp reframe customer obsession`, optionally followed by one of your story titles.',
      ),
    };
  // "<principle> [story words]": a split whose tail names one of the person's stories wins first, since
  // the fuzzy lookup also "finds" a principle in the whole text ("earn trust webhook fix" → Earn Trust).
  const words = rest.split(/\s+/);
  for (let n = Math.min(words.length - 1, PRINCIPLE_WORDS); n >= 1; n--) {
    const match = coach.lookup.find(words.slice(0, n).join(' '));
    if (match.kind !== 'found') continue;
    try {
      return await reframeReply(
        deps,
        actor,
        await coach.reframe(match.principle.id, actor.teamId, actor.userId, words.slice(n).join(' ')),
      );
    } catch (error) {
      if (!isCoachError(error, 'not_found')) throw error;
    }
  }
  // Else the longest prefix that names a principle, the rest (if any) as the story.
  for (let n = Math.min(words.length, PRINCIPLE_WORDS); n >= 1; n--) {
    const match = coach.lookup.find(words.slice(0, n).join(' '));
    if (match.kind !== 'found') continue;
    const story = words.slice(n).join(' ') || undefined;
    try {
      return await reframeReply(
        deps,
        actor,
        await coach.reframe(match.principle.id, actor.teamId, actor.userId, story),
      );
    } catch (error) {
      if (!isCoachError(error, 'not_found')) throw error;
      return { kind: 'notice', notice: notice('{message}', { message: error.message }) };
    }
  }
  const match = coach.lookup.find(rest);
  return match.kind === 'suggestions'
    ? { kind: 'suggestions', query: match.query, suggestions: match.suggestions }
    : { kind: 'principles', principles: deps.content.principles };
}

/** `/lp`: the 16 principles, one principle's card, near-miss suggestions, or a reframe. */
export async function lookupCommand(deps: CoreDeps, actor: Actor, text: string): Promise<Effects> {
  const trimmed = text.trim();
  const reframe = /^reframe\b\s*(.*)$/is.exec(trimmed);
  if (reframe) return { reply: await reframeCommand(deps, actor, reframe[1]!.trim()) };
  const match = deps.coach.lookup.find(trimmed);
  if (match.kind === 'list') return { reply: { kind: 'principles', principles: match.principles } };
  if (match.kind === 'suggestions')
    return { reply: { kind: 'suggestions', query: match.query, suggestions: match.suggestions } };
  return { reply: (await principleReply(deps, actor, match.principle.id))! };
}

/** A suggestion or "Tips" button: one principle's card, privately. */
export async function openPrinciple(deps: CoreDeps, actor: Actor, principleId: string): Promise<Effects> {
  const reply = await principleReply(deps, actor, principleId);
  return reply ? { reply } : {};
}

/** "Tips for this LP" under a daily question. */
export async function promptTips(deps: CoreDeps, actor: Actor, promptId: number): Promise<Effects> {
  const prompt = await deps.channels.getPrompt(promptId);
  if (!prompt) throw new CoachError('not_found', 'That question is no longer available.');
  return openPrinciple(deps, actor, prompt.principleId);
}

/** "Share in channel": the card for everyone, without the actor's own stories. */
export async function sharePrinciple(deps: CoreDeps, actor: Actor, principleId: string): Promise<Effects> {
  const share = await principleReply(deps, actor, principleId, false);
  return share ? { share } : {};
}

/** "Reframe my story": the principle's reframe, applied to the actor's best story for it. */
export async function reframeBestStory(deps: CoreDeps, actor: Actor, principleId: string): Promise<Effects> {
  const { coach } = deps;
  if (!deps.content.principleById.has(principleId)) return {};
  const best = await coach.bestStory(actor.teamId, actor.userId, principleId);
  const reframe = await coach.reframe(
    principleId,
    actor.teamId,
    actor.userId,
    best ? String(best.story.id) : undefined,
  );
  return { reply: await reframeReply(deps, actor, reframe) };
}

/** "Practise this" / "Practise a gap": a practice on that principle in the actor's DM. */
export async function practisePrinciple(
  deps: CoreDeps,
  actor: Actor,
  input: { principleId: string | null; channel: string; requestId: string; confirm: boolean },
): Promise<Effects> {
  if (input.principleId !== null && !deps.content.principleById.has(input.principleId)) return {};
  const started = await startPractice(deps, {
    teamId: actor.teamId,
    userId: actor.userId,
    channel: input.channel,
    mode: 'practice',
    principle: input.principleId,
    requestId: input.requestId,
  });
  return input.confirm
    ? { ...started, reply: { kind: 'notice', notice: notice('Started a practice in our DM.') } }
    : started;
}

/** "Practise privately" under a daily question: that question, in the actor's DM. */
export async function practisePrompt(
  deps: CoreDeps,
  actor: Actor,
  input: { promptId: number; channel: string; requestId: string },
): Promise<Effects> {
  const prompt = await deps.channels.getPrompt(input.promptId);
  if (!prompt) throw new CoachError('not_found', 'That question is no longer available.');
  const started = await startPractice(deps, {
    teamId: actor.teamId,
    userId: actor.userId,
    channel: input.channel,
    mode: 'practice',
    questionId: prompt.questionId,
    requestId: input.requestId,
  });
  return {
    ...started,
    reply: { kind: 'notice', notice: notice('Opened a private practice on this question in our DM.') },
  };
}

/** "Answer in a form" under a daily question. */
export async function openPromptForm(deps: CoreDeps, promptId: number): Promise<Effects> {
  const prompt = await deps.channels.getPrompt(promptId);
  if (!prompt) throw new CoachError('not_found', 'That question is no longer available.');
  return { modal: { kind: 'answer', to: { kind: 'prompt', promptId }, question: prompt.questionText } };
}
