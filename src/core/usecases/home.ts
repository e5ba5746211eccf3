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

/** The App Home effect for a person (read when it is published). */
export function homeFor(deps: Pick<CoreDeps, 'coach'>, teamId: string, userId: string): HomeRefresh {
  return { userId, load: () => homeData(deps, teamId, userId) };
}

/** The App Home was opened. */
export async function openHome(deps: CoreDeps, input: { teamId: string; userId: string }): Promise<Effects> {
  return { home: homeFor(deps, input.teamId, input.userId) };
}
