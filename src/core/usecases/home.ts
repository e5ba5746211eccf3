import type { CoreDeps, Effects, HomeData, HomeRefresh } from './types.js';

/** What a person's App Home shows now. */
export async function homeData(
  deps: Pick<CoreDeps, 'coach'>,
  teamId: string,
  userId: string,
): Promise<HomeData> {
  const { coach } = deps;
  const answers = await coach.answers(teamId, userId);
  return {
    settings: await coach.settings(teamId, userId),
    progress: await coach.progress(teamId, userId),
    coverage: await coach.coverage(teamId, userId),
    stories: (await coach.stories(teamId, userId)).length,
    recent: answers
      .slice(-5)
      .reverse()
      .map((a) => ({ principle: a.principleId, score: a.score, verdict: a.verdict, createdAt: a.createdAt })),
  };
}

/** The App Home effect for a person, published whatever they have opened, and read when it is published. */
export function homeNow(deps: Pick<CoreDeps, 'coach'>, teamId: string, userId: string): HomeRefresh {
  return { userId, load: () => homeData(deps, teamId, userId) };
}

/**
 * The App Home effect for a person, read when it is published. Only the Home of someone who has opened it is
 * published again after a change: anyone else's is built when they first open it (`openHome`), so a burst of
 * answers from people who never look at it costs no views.publish calls (nor Slack's rate limit on them).
 */
export function homeFor(
  deps: Pick<CoreDeps, 'coach' | 'coachStore'>,
  teamId: string,
  userId: string,
): HomeRefresh {
  return {
    userId,
    load: async () =>
      (await deps.coachStore.homeOpened(teamId, userId)) ? homeData(deps, teamId, userId) : null,
  };
}

/** The App Home was opened: from now on it is kept current. */
export async function openHome(deps: CoreDeps, input: { teamId: string; userId: string }): Promise<Effects> {
  await deps.coachStore.markHomeOpened(input.teamId, input.userId, deps.clock());
  return { home: homeNow(deps, input.teamId, input.userId) };
}
