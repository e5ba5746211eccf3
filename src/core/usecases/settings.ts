import { parseLevel, parsePrivacy } from '../commands.js';
import { LEVELS } from '../content/schema.js';
import { LEVEL_LABEL } from '../labels.js';
import { notice } from '../notice.js';
import { homeFor } from './home.js';
import type { Actor, CoreDeps, Effects } from './types.js';

const levelList = LEVELS.map((l) => `\`${l}\` (${LEVEL_LABEL[l]})`).join(', ');

/** `/star level <level>` and the App Home's level menu. */
export async function setLevel(deps: CoreDeps, actor: Actor, text: string): Promise<Effects> {
  const level = parseLevel(text);
  if (!level) {
    const current = (await deps.coach.settings(actor.teamId, actor.userId)).level;
    return {
      reply: { kind: 'notice', notice: notice(`Levels: ${levelList}. Yours is ${LEVEL_LABEL[current]}.`) },
    };
  }
  await deps.coach.setSettings(actor.teamId, actor.userId, { level });
  return {
    reply: { kind: 'notice', notice: notice(`Your level is now ${LEVEL_LABEL[level]}.`) },
    home: homeFor(deps, actor.teamId, actor.userId),
  };
}

/** `/star privacy public|private` and the App Home's privacy menu: the default for your thread answers. */
export async function setPrivacy(deps: CoreDeps, actor: Actor, text: string): Promise<Effects> {
  const privacy = parsePrivacy(text);
  if (!privacy)
    return {
      reply: { kind: 'notice', notice: notice('Use `/star privacy public` or `/star privacy private`.') },
    };
  await deps.coach.setSettings(actor.teamId, actor.userId, { privacy });
  const what =
    privacy === 'ephemeral'
      ? 'Your score cards in question threads are now private to you (a channel set to always public still shows them to everyone).'
      : 'Your score cards in question threads are now public (a channel set to private keeps them private).';
  return {
    reply: { kind: 'notice', notice: notice(`${what} DM practice is always private.`) },
    home: homeFor(deps, actor.teamId, actor.userId),
  };
}
