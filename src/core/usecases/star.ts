import { parsePracticeWords, parseStarCommand } from '../commands.js';
import { notice } from '../notice.js';
import { startPractice } from './direct.js';
import { openSchedule, promptNow, setPaused } from './schedule.js';
import { setLevel, setPrivacy } from './settings.js';
import { confirmForget, editStoryCommand, exportData, showStories } from './stories.js';
import type { Actor, CoreDeps, Effects } from './types.js';

/** Where a slash command was typed, and how to reach the person's DM. */
export interface CommandInput {
  text: string;
  channelId: string;
  /** Opens (or finds) the DM with the actor; asked only when a session starts. */
  dmChannel(): Promise<string>;
  /** The command's own id, so a retried command finds what the first one started. */
  requestId: string;
}

/** `/star …`: every subcommand goes through here, with the same rules as the other surfaces. */
export async function starCommand(deps: CoreDeps, actor: Actor, input: CommandInput): Promise<Effects> {
  const command = parseStarCommand(input.text);
  switch (command.kind) {
    case 'help':
      return { reply: { kind: 'help' } };
    case 'schedule':
      return openSchedule(deps, actor, input.channelId);
    case 'prompt':
      return promptNow(deps, actor, input.channelId);
    case 'pause':
    case 'resume':
      return setPaused(deps, actor, { channelId: input.channelId, paused: command.kind === 'pause' });
    case 'practice': {
      const request = parsePracticeWords(deps.coach.lookup, command.args, command.mode);
      if ('error' in request) return { reply: { kind: 'notice', notice: request.error } };
      const started = await startPractice(deps, {
        teamId: actor.teamId,
        userId: actor.userId,
        channel: await input.dmChannel(),
        mode: request.mode === 'thread' ? 'practice' : request.mode,
        principle: request.principle,
        level: request.level,
        count: request.count,
        requestId: input.requestId,
      });
      return { ...started, reply: { kind: 'notice', notice: notice('Starting in our DM. :point_left:') } };
    }
    case 'stories':
      return showStories(deps, actor);
    case 'story':
      return editStoryCommand(deps, actor, command.args);
    case 'level':
      return setLevel(deps, actor, command.args);
    case 'privacy':
      return setPrivacy(deps, actor, command.args);
    case 'export':
      return exportData(deps, actor);
    case 'forget':
      return confirmForget();
    case 'unknown':
      return {
        reply: {
          kind: 'notice',
          notice: notice("I don't know `/star {word}`. Try `/star help`.", { word: command.word }),
        },
      };
  }
}
