import { describe, expect, it } from 'vitest';
import { nextTurn } from '../../../src/adapters/slack/turns.js';

/** Counts event-loop turns (check phases) while a test runs. */
function turnCounter(limit = 20) {
  const state = { turn: 0 };
  const count = () => {
    state.turn++;
    if (state.turn < limit) setImmediate(count);
  };
  setImmediate(count);
  return state;
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('nextTurn', () => {
  it('releases concurrent callers one per event-loop turn, first come first served', async () => {
    await settle();
    const counter = turnCounter();
    const seen: Array<[string, number]> = [];
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((name) => nextTurn().then(() => seen.push([name, counter.turn]))),
    );
    expect(seen.map(([name]) => name)).toEqual(['a', 'b', 'c', 'd']);
    expect(new Set(seen.map(([, t]) => t)).size).toBe(4);
  });

  it('lets a lone caller go at once, without waiting for a turn', async () => {
    await settle();
    const order: string[] = [];
    setImmediate(() => order.push('next turn'));
    await nextTurn();
    order.push('job');
    // The next caller in the same turn waits.
    await nextTurn();
    order.push('second job');
    expect(order).toEqual(['job', 'next turn', 'second job']);
  });
});
