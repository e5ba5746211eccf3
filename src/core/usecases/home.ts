import type { CoreDeps, Effects, HomeData } from './types.js';

/** What a person's App Home shows now. */
export function homeData(deps: Pick<CoreDeps, 'coach'>, teamId: string, userId: string): HomeData {
  const { coach } = deps;
  const answers = coach.answers(teamId, userId);
  return {
    settings: coach.settings(teamId, userId),
    progress: coach.progress(teamId, userId),
    coverage: coach.coverage(teamId, userId),
    stories: coach.stories(teamId, userId).length,
    recent: answers
      .slice(-5)
      .reverse()
      .map((a) => ({ principle: a.principleId, score: a.score, verdict: a.verdict, createdAt: a.createdAt })),
  };
}

/** The App Home effect for a person. */
export function homeFor(deps: Pick<CoreDeps, 'coach'>, teamId: string, userId: string): Effects['home'] {
  return { ...homeData(deps, teamId, userId), userId };
}

/** The App Home was opened. */
export async function openHome(deps: CoreDeps, input: { teamId: string; userId: string }): Promise<Effects> {
  return { home: homeFor(deps, input.teamId, input.userId) };
}
