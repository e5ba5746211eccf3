import { describe, expect, it } from 'vitest';
import { nextTurn } from '../../../src/adapters/slack/turns.js';

describe('nextTurn', () => {
  it('releases concurrent callers one per event-loop turn, first come first served', async () => {
    let turn = 0;
    const count = () => {
      turn++;
      if (turn < 20) setImmediate(count);
    };
    setImmediate(count);
    const seen: Array<[string, number]> = [];
    await Promise.all(['a', 'b', 'c'].map((name) => nextTurn().then(() => seen.push([name, turn]))));
    expect(seen.map(([name]) => name)).toEqual(['a', 'b', 'c']);
    const turns = seen.map(([, t]) => t);
    expect(new Set(turns).size).toBe(3);
  });
});
