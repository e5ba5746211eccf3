import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pack, packBytes, packerFor, unpack } from '../../src/infra/sql/packed.js';

const report = {
  score: 81,
  verdict: 'hire',
  dimensions: Array.from({ length: 8 }, (_, i) => ({
    id: `dimension-${i}`,
    rating: 3,
    evidence: [`I traced the retry bug and wrote the fix (${i})`, 'drops fell to 0.1% within a week'],
  })),
  coaching: ['Name the cost of waiting.', 'Say what you would do differently.'],
};

describe('JSON columns as stored', () => {
  it('reads back what it stored, small values as plain JSON and large ones packed about a third of the size', () => {
    expect(unpack(pack({ a: 1 }))).toEqual({ a: 1 });
    expect(pack({ a: 1 })).toBe('{"a":1}');
    const stored = pack(report);
    expect(stored.startsWith('z1:')).toBe(true);
    expect(unpack(stored)).toEqual(report);
    expect(stored.length).toBeLessThan(JSON.stringify(report).length / 2);
    // Text in other scripts and emoji survive the round trip.
    const words = { text: 'Я исправил ошибку 🚀 — 修复了 '.repeat(40) };
    expect(unpack(pack(words))).toEqual(words);
  });

  it('reads plain JSON written before packing existed', () => {
    expect(unpack(JSON.stringify(report))).toEqual(report);
    expect(unpack('null')).toBeNull();
  });

  it("reads values deflated with zlib's full 32 KiB window, as earlier versions stored them, and writes with an 8 KiB one", () => {
    const json = JSON.stringify(report);
    expect(unpack(deflateRawSync(json, { level: 6 }))).toEqual(report);
    expect(unpack(`z1:${deflateRawSync(json, { level: 6 }).toString('base64')}`)).toEqual(report);
    // Repeats further apart than 8 KiB, as only a 32 KiB window can refer back to them, still read.
    let seed = 7;
    const noise = Array.from({ length: 9000 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return String.fromCharCode(97 + (seed % 26));
    }).join('');
    const far = { a: noise, b: noise };
    const old = deflateRawSync(JSON.stringify(far), { level: 6 });
    // (An 8 KiB window cannot read it: the test needs what an old row needs.)
    expect(() => inflateRawSync(old, { windowBits: 13 })).toThrow(/too far back/);
    expect(unpack(old)).toEqual(far);
    // What is written now refers back at most 8 KiB (the smaller zlib state is the point of it).
    expect(inflateRawSync(packBytes(far) as Uint8Array, { windowBits: 13 }).toString()).toBe(
      JSON.stringify(far),
    );
    // A value far larger than the 8 KiB window still round-trips.
    const long = { items: Array.from({ length: 400 }, (_, i) => ({ ...report, score: i })) };
    expect(unpack(packBytes(long))).toEqual(long);
    expect(unpack(pack(long))).toEqual(long);
  });

  it('keeps large values as deflated bytes for SQLite, a quarter smaller than the text form', () => {
    expect(packerFor('sqlite')).toBe(packBytes);
    expect(packerFor('postgres')).toBe(pack);
    expect(packBytes({ a: 1 })).toBe('{"a":1}');
    const bytes = packBytes(report);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(unpack(bytes)).toEqual(report);
    expect(bytes.length).toBeLessThan(pack(report).length * 0.8);
  });
});
