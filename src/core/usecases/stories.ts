import { TITLE_MAX } from '../coach.js';
import { parseStoryEdit } from '../commands.js';
import { CoachError } from '../errors.js';
import { notice } from '../notice.js';
import { homeFor, homeNow } from './home.js';
import type { Actor, CoreDeps, Effects, Reply } from './types.js';

const say = (text: string, values?: Record<string, string>): Reply => ({
  kind: 'notice',
  notice: notice(text, values),
});

function principleNames(deps: CoreDeps, ids: string[]): string {
  return ids.map((id) => deps.content.principleById.get(id)?.name ?? id).join(', ') || 'no principle yet';
}

/** Saves a scored answer of the actor's as a story; a second save of it finds the first. */
export async function saveStoryFromAnswer(deps: CoreDeps, actor: Actor, answerId: number): Promise<Effects> {
  if (!Number.isInteger(answerId)) throw new CoachError('not_found', 'That answer is no longer available.');
  const { story, created } = await deps.coach.saveStory(actor.teamId, actor.userId, { answerId });
  const values = { title: story.title };
  const tags = principleNames(deps, story.principles);
  return {
    reply: created
      ? say(
          `Saved to your story bank as #${story.id} “{title}”, tagged ${tags}. Retag it with \`/star story ${story.id} tag …\` or in \`/star stories\`.`,
          values,
        )
      : say(`That answer is already in your story bank as #${story.id} “{title}” (${tags}).`, values),
    ...(created ? { home: homeFor(deps, actor.teamId, actor.userId) } : {}),
  };
}

/** The story bank and its 16-principle coverage. */
export async function showStories(deps: CoreDeps, actor: Actor): Promise<Effects> {
  return { reply: await storiesReply(deps, actor) };
}

async function storiesReply(deps: CoreDeps, actor: Actor): Promise<Reply> {
  return {
    kind: 'stories',
    stories: await deps.coach.stories(actor.teamId, actor.userId),
    coverage: await deps.coach.coverage(actor.teamId, actor.userId),
  };
}

/** `/star story <id> title …` / `tag …`: only the actor's own stories. */
export async function editStoryCommand(deps: CoreDeps, actor: Actor, args: string): Promise<Effects> {
  const edit = parseStoryEdit(deps.coach.lookup, args);
  if ('error' in edit) return { reply: { kind: 'notice', notice: edit.error } };
  const patch =
    edit.kind === 'title' ? { title: edit.title.slice(0, TITLE_MAX) } : { principles: edit.principles };
  const story = await deps.coachStore.updateStory(actor.teamId, actor.userId, edit.id, patch, deps.clock());
  if (!story) return { reply: say(`You have no story #${edit.id}.`) };
  return {
    reply:
      edit.kind === 'title'
        ? say(`Renamed story #${story.id} to “{title}”.`, { title: story.title })
        : say(`Story #${story.id} now serves: ${principleNames(deps, story.principles)}.`),
    home: homeFor(deps, actor.teamId, actor.userId),
  };
}

/** The rename / retag form for one of the actor's stories. */
export async function openStoryEdit(deps: CoreDeps, actor: Actor, storyId: number): Promise<Effects> {
  const story = await deps.coachStore.getStory(actor.teamId, actor.userId, storyId);
  if (!story) throw new CoachError('not_found', `You have no story #${storyId}.`);
  return { modal: { kind: 'story_edit', story, principles: deps.content.principles } };
}

/** The submitted rename / retag form. */
export async function submitStoryEdit(
  deps: CoreDeps,
  actor: Actor,
  input: { storyId: number; title: string | null; principles: string[] },
): Promise<Effects> {
  const principles = input.principles.filter((p) => deps.content.principleById.has(p));
  const title = input.title?.trim().slice(0, TITLE_MAX);
  const story = await deps.coachStore.updateStory(
    actor.teamId,
    actor.userId,
    input.storyId,
    { ...(title ? { title } : {}), principles },
    deps.clock(),
  );
  return story ? { home: homeFor(deps, actor.teamId, actor.userId) } : {};
}

/** Deletes one of the actor's stories, then shows the bank again. */
export async function deleteStory(deps: CoreDeps, actor: Actor, storyId: number): Promise<Effects> {
  const ok = await deps.coachStore.deleteStory(actor.teamId, actor.userId, storyId);
  if (!ok) return { reply: say(`You have no story #${storyId}.`) };
  return {
    reply: await storiesReply(deps, actor),
    home: homeFor(deps, actor.teamId, actor.userId),
  };
}

/** Everything stored about the actor, as a JSON file for their DM. */
export async function exportData(deps: CoreDeps, actor: Actor): Promise<Effects> {
  const data = await deps.coachStore.exportUser(actor.teamId, actor.userId);
  return {
    reply: say('Preparing your data; it arrives as a file in our DM.'),
    file: {
      filename: 'star-coach-export.json',
      title: 'Your STAR Coach data',
      content: JSON.stringify(data, null, 2),
      comment: 'Everything STAR Coach stores about you: answers, scores, sessions, stories and settings.',
    },
  };
}

/** Asks before deleting everything about the actor. */
export async function confirmForget(): Promise<Effects> {
  return { reply: { kind: 'forget_confirm' } };
}

/** Deletes every row about the actor (answers, stories, sessions, settings, messages still owed). */
export async function forgetMe(deps: CoreDeps, actor: Actor): Promise<Effects> {
  // Forgetting also forgets that they opened their Home: asked first, so the Home they see is emptied too.
  const opened = await deps.coachStore.homeOpened(actor.teamId, actor.userId);
  const counts = await deps.coachStore.forgetUser(actor.teamId, actor.userId);
  return {
    replaceOriginal: { kind: 'forgotten', counts },
    ...(opened ? { home: homeNow(deps, actor.teamId, actor.userId) } : {}),
  };
}

/** Keeps everything. */
export async function keepData(): Promise<Effects> {
  return { replaceOriginal: say('Kept. Nothing was deleted.') };
}
