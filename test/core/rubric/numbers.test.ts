import { describe, expect, it } from 'vitest';
import { findQuantities, isMetric, type QuantityKind } from '../../../src/core/rubric/numbers.js';

/** [text, the quantity's words, kind, value, part of a change] */
const CASES: Array<[string, string, QuantityKind, number | null, boolean]> = [
  ['abandonment was down to 22 percent', '22 percent', 'percent', 22, true],
  ['it fell 40 % in a month', '40 %', 'percent', 40, true],
  ['about 31 pct of users', '31 pct', 'percent', 31, false],
  ['errors went from 4.1% to 0.2%', '4.1%', 'percent', 4.1, true],
  ['errors went from 4.1% to 0.2%', '0.2%', 'percent', 0.2, true],
  ['we saved ~$40k a month', '$40k', 'money', 40000, true],
  ['it brought in $2.3m of revenue', '$2.3m', 'money', 2_300_000, false],
  ['roughly 18,000 customers a week', '18,000 customers', 'count', 18000, false],
  ['throughput went up x3', 'x3', 'multiplier', 3, true],
  ['the build got 3x faster', '3x', 'multiplier', 3, true],
  ['we halved the bill', 'halved', 'multiplier', null, true],
  ['p99 fell 900ms -> 220ms', '900ms', 'duration', 900, true],
  ['p99 fell 900ms -> 220ms', '220ms', 'duration', 220, true],
  ['it took two weeks', 'two weeks', 'duration', 2, false],
  ['twenty-five people signed up', 'twenty-five people', 'count', 25, false],
  ['revenue hit 4.5m', '4.5m', 'count', 4_500_000, false],
  ['back in 2019 we rewrote it', '2019', 'year', 2019, false],
  ['in week 3 the pilot started', '3', 'plain', 3, false],
  // The word before decides, even when a noun follows that would make a count.
  ['during week 3 customers left', '3', 'plain', 3, false],
  ['since 2019 customers asked', '2019', 'year', 2019, false],
  ['we had 3 customers', '3 customers', 'count', 3, false],
  // A change word after the quantity makes it part of a change.
  ['latency is 40% lower', '40%', 'percent', 40, true],
  ['it was 12 hours shorter', '12 hours', 'duration', 12, true],
  ['we had 40% of users', '40%', 'percent', 40, false],
];

describe('numbers as people write them', () => {
  it.each(CASES)('"%s" reads "%s" as %s', (text, words, kind, value, change) => {
    const found = findQuantities(text.toLowerCase()).find(
      (q) => text.toLowerCase().slice(q.start, q.end) === words,
    );
    expect(found, JSON.stringify(findQuantities(text.toLowerCase()))).toBeDefined();
    expect(found!.kind).toBe(kind);
    if (value === null) expect(found!.value).toBeNull();
    else expect(found!.value).toBeCloseTo(value);
    expect(found!.change).toBe(change);
  });

  it('does not count years and ordinals as metrics', () => {
    const metrics = findQuantities('in 2019, during week 3, we shipped').filter(isMetric);
    expect(metrics).toEqual([]);
  });
});
