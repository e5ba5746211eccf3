import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * JSON columns (score reports, session states) as stored. Small values stay plain JSON; larger ones are
 * deflated, about a third of the size: a score report repeats its dimension and flag names, and it is what
 * a database of answers mostly holds. SQLite keeps the deflated bytes as a BLOB; PostgreSQL's text columns
 * take them base64-encoded behind a `z1:` prefix. Plain JSON written by earlier versions reads back unchanged.
 */
const PREFIX = 'z1:';
const MIN_PACKED = 384;
/**
 * An 8 KiB window, not zlib's 32 KiB: a report or a session state is a few KiB, so the output is the same size
 * (measured on reports: 1,241 bytes on average either way), and setting up the smaller window costs a fifth of
 * the time (0.025 against 0.115 ms per report), on every answer's path. Any window up to 32 KiB inflates.
 */
const DEFLATE = { level: 6, windowBits: 13 };

export type Packed = string | Uint8Array;

/** Text form: plain JSON, or `z1:` + base64 of the deflated JSON (PostgreSQL, and older SQLite rows). */
export function pack(value: unknown): string {
  const json = JSON.stringify(value);
  if (json.length < MIN_PACKED) return json;
  return PREFIX + deflateRawSync(json, DEFLATE).toString('base64');
}

/** Bytes form: plain JSON, or the deflated JSON itself as a BLOB (SQLite; a quarter smaller than base64). */
export function packBytes(value: unknown): Packed {
  const json = JSON.stringify(value);
  if (json.length < MIN_PACKED) return json;
  return deflateRawSync(json, DEFLATE);
}

/** How a database of this dialect stores a JSON column. */
export const packerFor = (dialect: 'sqlite' | 'postgres'): ((value: unknown) => Packed) =>
  dialect === 'sqlite' ? packBytes : pack;

export function unpack<T = unknown>(stored: Packed): T {
  if (typeof stored !== 'string') return JSON.parse(inflateRawSync(stored).toString('utf8')) as T;
  if (!stored.startsWith(PREFIX)) return JSON.parse(stored) as T;
  return JSON.parse(inflateRawSync(Buffer.from(stored.slice(PREFIX.length), 'base64')).toString('utf8')) as T;
}
