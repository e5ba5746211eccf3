import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * JSON columns (score reports, session states, outbox payloads) as stored text. Small values stay plain
 * JSON; larger ones are deflated and base64-encoded behind a `z1:` prefix, about a third of the size: a
 * score report repeats its dimension and flag names, and it is what a database of answers mostly holds.
 * Plain JSON written by earlier versions reads back unchanged.
 */
const PREFIX = 'z1:';
const MIN_PACKED = 384;

export function pack(value: unknown): string {
  const json = JSON.stringify(value);
  if (json.length < MIN_PACKED) return json;
  return PREFIX + deflateRawSync(json, { level: 6 }).toString('base64');
}

export function unpack<T = unknown>(text: string): T {
  if (!text.startsWith(PREFIX)) return JSON.parse(text) as T;
  return JSON.parse(inflateRawSync(Buffer.from(text.slice(PREFIX.length), 'base64')).toString('utf8')) as T;
}
