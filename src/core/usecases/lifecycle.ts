import { KEYS } from '../ids.js';
import type { CoreDeps, Effects } from './types.js';

/** The bot joined a channel: introduce it, once per channel ever. */
export async function joinedChannel(
  deps: CoreDeps,
  input: { teamId: string; channelId: string },
): Promise<Effects> {
  const key = KEYS.onboard(input.channelId);
  await deps.replies.queue({
    key,
    teamId: input.teamId,
    userId: null,
    target: { channel: input.channelId },
    parts: [{ reply: { kind: 'onboarding' } }],
  });
  return { send: [key] };
}

/** The app was uninstalled or its tokens revoked: everything about the workspace goes. */
export async function forgetWorkspace(deps: CoreDeps, teamId: string): Promise<Effects> {
  await deps.channels.forgetTeam(teamId);
  deps.logger.warn({ team: teamId }, 'workspace data removed (uninstalled or tokens revoked)');
  return {};
}
