import type { Content } from '../../src/core/content/content.js';
import { loadSeeds } from '../helpers/seeds.js';
import { type Corpus, loadCorpus } from './corpus.js';
import { type Fixture, labelledModelAnswers, loadProjectFixtures, seedFixtures } from './fixtures.js';
import type { Item } from './model.js';

/** Corpus answers as items: grouped by source, scored with their question's type and the source's level. */
export function corpusItems(corpus: Corpus): Item[] {
  return corpus.answers.map((a) => ({
    id: a.id,
    group: a.source,
    text: a.text,
    label: a.label,
    options: { principle: a.principle, level: a.level, questionType: a.questionType },
    ...(a.casual ? { casual: a.casual } : {}),
  }));
}

export function fixtureItems(fixtures: Fixture[]): Item[] {
  return fixtures.map((f) => ({
    id: f.id,
    group: f.id,
    text: f.text,
    label: f.label,
    options: { principle: f.principle ?? null, level: f.level },
  }));
}

/** Everything calibration and evaluation read, loaded once. */
export function loadEvaluationData(content: Content) {
  const corpus = loadCorpus();
  const seeds = loadSeeds();
  return {
    corpus,
    seeds,
    public: corpusItems(corpus),
    project: fixtureItems(loadProjectFixtures()),
    seedItems: fixtureItems(seedFixtures(seeds)),
    /** Labelled model answers always available to the section classifier (content walkthroughs, seed steps). */
    segmentationBase: labelledModelAnswers(content, seeds),
  };
}
