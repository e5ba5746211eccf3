import { describe, expect, it } from 'vitest';
import { evaluate, loadFixtures } from '../../../src/bin/eval.js';
import { createRubric } from '../../../src/core/rubric/score.js';
import { loadContent } from '../../../src/infra/content-files.js';

const content = loadContent();
const rubric = createRubric(content);
const fixtures = loadFixtures();
const result = evaluate(rubric, fixtures);

describe('rubric evaluation on the labelled answers', () => {
  it('reads every labelled answer, hand-written and from the seeds', () => {
    expect(result.answers).toBe(fixtures.length);
    expect(fixtures.filter((f) => f.form === 'seed')).toHaveLength(8);
    expect(result.weakTotal).toBeGreaterThanOrEqual(20);
  });

  it('ranks strong answers above weak ones (AUC ≥ 0.95)', () => {
    expect(result.auc).toBeGreaterThanOrEqual(0.95);
  });

  it('raises at least one of the expected flags on every weak answer', () => {
    expect(result.weakFlagged).toBe(result.weakTotal);
  });

  it('puts no strong answer below lean hire and no weak answer at lean hire or above', () => {
    expect(result.strongBelowLeanHire).toEqual([]);
    expect(result.weakAboveLeanNoHire).toEqual([]);
  });

  it('keeps the red-flag detectors precise: routing, assignment and vague endings', () => {
    for (const id of ['escalated_not_owned', 'assigned_not_self_initiated', 'vague_result'] as const) {
      const row = result.perFlag[id]!;
      expect(row.raised, id).toBeGreaterThan(0);
      expect(row.precision, id).toBe(1);
    }
  });

  it('separates the medians of strong, mixed and weak answers', () => {
    const { strong, mixed, weak } = result.spread;
    expect(strong!.median).toBeGreaterThan(mixed!.median);
    expect(mixed!.median).toBeGreaterThan(weak!.median);
  });
});
